import Foundation
import Server
import Testing

@Suite("SSH exec requests", .serialized)
struct ExecTests {
    @Test func exitStatusReachesTheClient() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.runWithKey(user: "fred", command: "exit 7")
        #expect(result.status == 7, "\(result.errors)")
        #expect(result.output == "")
    }

    /// More than any channel window: the output goes out under flow control, whole.
    @Test func largeOutputArrivesWhole() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.runWithKey(user: "fred", command: "bytes 5000000")
        #expect(result.status == 0, "\(result.errors) \(server.logLines.text)")
        #expect(result.output.utf8.count == 5_000_000)
        #expect(result.output.utf8.allSatisfy { $0 == UInt8(ascii: "x") })
    }

    @Test func severalCommandsInTurn() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        for n in 1...3 {
            let result = try server.runWithPassword(user: "wilma", password: "pebbles", command: "QUERY \(n)")
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == "ran: QUERY \(n)\n")
        }
    }
}
