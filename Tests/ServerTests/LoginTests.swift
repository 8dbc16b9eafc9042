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
    }
}
