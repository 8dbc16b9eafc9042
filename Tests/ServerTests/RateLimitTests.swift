import Foundation
import Server
import Testing

/// Every loopback address 127.x.y.z reaches the server, so a test can play
/// several client addresses with ssh's BindAddress.
@Suite("SSH failed-login limits", .serialized)
struct RateLimitTests {
    private static var limits: SSHServerLimits {
        var limits = TestServer.quickLimits
        limits.failuresBeforeLockout = 3
        return limits
    }

    private func password(_ server: TestServer, _ user: String, _ password: String, from address: String) throws -> Subprocess.Result {
        try server.runWithPassword(user: user, password: password, command: "hello", extra: ["-o", "BindAddress=\(address)"])
    }

    /// Failures for one name, each from a different address, lock that name
    /// out everywhere (even with its right password) and no one else.
    @Test func failuresLockOutTheUser() throws {
        let server = try TestServer(limits: Self.limits)
        defer { server.shutDown() }
        for address in ["127.0.1.1", "127.0.1.2", "127.0.1.3"] {
            #expect(try password(server, "fred", "wrong", from: address).status != 0)
        }
        #expect(server.logLines.contains(substring: "locking out user fred"), "\(server.logLines.text)")
        let locked = try password(server, "fred", "secret", from: "127.0.1.4")
        #expect(locked.status != 0)
        #expect(server.logLines.contains(substring: "failed password login for fred: locked out"), "\(server.logLines.text)")
        let other = try password(server, "wilma", "pebbles", from: "127.0.1.4")
        #expect(other.status == 0, "\(other.errors)")
        #expect(!server.events.contains("exec fred hello"))
    }

    /// Failures from one address, each for a different name, lock that
    /// address out: its connections are closed at once, other addresses go on.
    @Test func failuresLockOutTheAddress() throws {
        let server = try TestServer(limits: Self.limits)
        defer { server.shutDown() }
        for user in ["ann", "bob", "cid"] {
            #expect(try password(server, user, "wrong", from: "127.0.2.1").status != 0)
        }
        #expect(server.logLines.contains(substring: "locking out address 127.0.2.1"), "\(server.logLines.text)")
        #expect(try password(server, "wilma", "pebbles", from: "127.0.2.1").status != 0)
        #expect(server.logLines.contains(substring: "refused 127.0.2.1:"), "\(server.logLines.text)")
        let elsewhere = try password(server, "wilma", "pebbles", from: "127.0.2.2")
        #expect(elsewhere.status == 0, "\(elsewhere.errors)")
    }

    /// A client that offers key after key on one connection is cut off.
    @Test func authenticationFloodOnOneConnectionIsCutOff() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        var identities: [String] = []
        for n in 1...12 {
            let path = server.directory + "/flood_key_\(n)"
            try TestServer.makeClientKey(at: path)
            identities += ["-i", path]
        }
        let result = try Subprocess.run("ssh", server.sshOptions + ["-o", "BatchMode=yes", "-o", "PasswordAuthentication=no"]
                                        + identities + ["fred@127.0.0.1", "hello"])
        #expect(result.status != 0)
        #expect(server.logLines.contains(substring: "too many login attempts on one connection"), "\(server.logLines.text)")
        // Others are unaffected.
        #expect(try server.runWithKey(user: "fred", command: "after").status == 0)
    }
}
