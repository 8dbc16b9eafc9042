import Foundation
import Logging
import Server
import Testing

@Suite("SSH server lifecycle", .serialized)
struct LifecycleTests {
    private static let logger = Logger(label: "vm67.ssh.test") { _ in SwiftLogNoOpLogHandler() }

    private func makeServer(listen: [String], state: String) throws -> SSHServer {
        try SSHServer(listen: listen, stateDirectory: state,
                      authenticator: TestAuthenticator(passwords: [:], keys: [:]),
                      application: EchoApplication(events: EventLog()), logger: Self.logger)
    }

    @Test(arguments: ["", "localhost", "127.0.0.1:99999", "::1:22", "[::1]22", ":2367"])
    func badListenAddressIsRefused(address: String) throws {
        let state = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        #expect(throws: SSHServerError.self) { try makeServer(listen: [address], state: state) }
    }

    /// Port 0 becomes a real port; stopping twice is harmless; a stopped
    /// server does not start again (a new one is made instead).
    @Test func startAndStop() throws {
        let state = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let server = try makeServer(listen: ["127.0.0.1:0"], state: state)
        #expect(server.listeningAddresses.isEmpty)
        try server.start()
        let address = try #require(server.listeningAddresses.first)
        #expect(address.hasPrefix("127.0.0.1:") && !address.hasSuffix(":0"), "\(address)")
        #expect(throws: SSHServerError.self) { try server.start() }
        server.stop()
        server.stop()
        #expect(server.listeningAddresses.isEmpty)
        #expect(throws: SSHServerError.self) { try server.start() }
    }

    /// An address in use is an error naming it, and nothing is left listening.
    @Test func addressInUseIsAnError() throws {
        let state = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let first = try makeServer(listen: ["127.0.0.1:0"], state: state)
        try first.start()
        defer { first.stop() }
        let taken = try #require(first.listeningAddresses.first)
        let second = try makeServer(listen: ["127.0.0.1:0", taken], state: state)
        #expect(throws: SSHServerError.self) { try second.start() }
        #expect(second.listeningAddresses.isEmpty)
    }
}
