import Foundation
import Server
import Testing

@Suite("SSH logins", .serialized)
struct LoginTests {
    @Test func passwordLoginRunsCommand() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.runWithPassword(user: "fred", password: "secret", command: "hello world")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "ran: hello world\n")
        #expect(server.events.contains("exec fred hello world"))
        #expect(server.logLines.contains(substring: "logged on as fred by password"), "\(server.logLines.text)")
    }

    @Test func wrongPasswordIsRefusedAndLogged() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.runWithPassword(user: "fred", password: "wrong", command: "hello")
        #expect(result.status != 0)
        #expect(!server.events.contains(prefix: "exec"))
        #expect(server.logLines.contains(substring: "failed password login for fred"), "\(server.logLines.text)")
    }

    /// An unknown user and a known one with the wrong password get the same
    /// answer, word for word.
    @Test func unknownUserLooksLikeWrongPassword() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let wrong = try server.runWithPassword(user: "fred", password: "wrong", command: "hello")
        let unknown = try server.runWithPassword(user: "nobody", password: "wrong", command: "hello")
        #expect(wrong.status == unknown.status)
        #expect(wrong.errors.replacingOccurrences(of: "fred", with: "USER")
            == unknown.errors.replacingOccurrences(of: "nobody", with: "USER"))
        #expect(wrong.errors.contains("Permission denied"), "\(wrong.errors)")
        #expect(server.logLines.contains(substring: "failed password login for nobody"))
    }

    @Test func publicKeyLogin() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.runWithKey(user: "fred", command: "by key")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "ran: by key\n")
        #expect(server.logLines.contains(substring: "logged on as fred by public key ssh-ed25519"), "\(server.logLines.text)")
    }

    @Test func keyOfAnotherUserIsRefused() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try server.runWithKey(user: "wilma", command: "by key")
        #expect(result.status != 0)
        #expect(result.errors.contains("Permission denied"), "\(result.errors)")
        #expect(!server.events.contains(prefix: "exec"))
    }

    @Test func publicUserNeedsNoPassword() throws {
        let server = try TestServer(publicUser: "logon")
        defer { server.shutDown() }
        // No key, no password: only "none" authentication is left to the client.
        let result = try server.runWithKey(user: "logon", command: "anyone", key: "/dev/null")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "ran: anyone\n")
    }

    @Test func publicUserCanBeSwitchedOff() throws {
        let server = try TestServer(publicUser: nil)
        defer { server.shutDown() }
        let result = try server.runWithKey(user: "logon", command: "anyone", key: "/dev/null")
        #expect(result.status != 0)
        #expect(!server.events.contains(prefix: "exec"))
    }
}
