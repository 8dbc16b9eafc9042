import Foundation
import Server
import Testing

@Suite("SSH interactive sessions", .serialized)
struct ShellTests {
    private func startShell(_ server: TestServer, columns: Int = 100, rows: Int = 30, term: String = "vt100") throws -> PtyClient {
        try PtyClient(arguments: server.sshOptions + server.keyOptions() + ["fred@127.0.0.1"],
                      columns: columns, rows: rows, term: term)
    }

    /// pty-req carries the terminal type and size; typed bytes reach the
    /// application and its output reaches the terminal; its close ends ssh
    /// with the application's exit status.
    @Test func ptyShellEchoesAndEndsWithStatus() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let client = try startShell(server, columns: 100, rows: 30, term: "xterm-256color")
        #expect(server.eventually { client.output.contains("welcome fred") }, "\(client.output)")
        #expect(server.events.contains("shell fred xterm-256color 100x30"), "\(server.events.text)")
        client.type("hello")
        #expect(server.eventually { client.output.contains("[hello]") }, "\(client.output)")
        #expect(server.events.contains("received fred hello"))
        client.type("q")
        #expect(client.waitForExit() == 3)
        #expect(server.eventually { server.events.contains("closed fred by application") }, "\(server.events.text)")
    }

    @Test func windowChangeIsDelivered() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let client = try startShell(server, columns: 80, rows: 24)
        #expect(server.eventually { client.output.contains("welcome fred") }, "\(client.output)")
        client.resize(columns: 132, rows: 43)
        #expect(server.eventually { server.events.contains("resized fred 132x43") }, "\(server.events.text) \(server.logLines.text)")
        client.type("q")
        #expect(client.waitForExit() == 3)
    }

    /// Without a pty (ssh -T) the application still gets a session, as a
    /// dumb 80x24 terminal, and input typed ahead of its start.
    @Test func shellWithoutPtyIsDumbTerminal() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let result = try Subprocess.run("ssh", server.sshOptions + server.keyOptions() + ["-T", "fred@127.0.0.1"], input: "abc\nq")
        #expect(result.status == 3, "\(result.errors)")
        #expect(result.output.hasPrefix("welcome fred\r\n"), "\(result.output)")
        #expect(server.events.contains("shell fred dumb 80x24"), "\(server.events.text)")
        // ssh sends stdin right behind the shell request: none of it is lost.
        #expect(server.events.contains(prefix: "received fred abc"), "\(server.events.text)")
    }

    /// A client that vanishes is a disconnect for the application, which
    /// keeps the session (CP keeps the virtual machine).
    @Test func droppedConnectionIsReportedAsDisconnect() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let client = try startShell(server)
        #expect(server.eventually { client.output.contains("welcome fred") }, "\(client.output)")
        client.kill()
        #expect(server.eventually { server.events.contains(prefix: "closed fred disconnected") }, "\(server.events.text)")
        #expect(server.logLines.contains(substring: "closed: client disconnected"), "\(server.logLines.text)")
    }

    @Test func stoppingTheServerEndsSessions() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let client = try startShell(server)
        #expect(server.eventually { client.output.contains("welcome fred") }, "\(client.output)")
        server.server.stop()
        #expect(server.events.contains("closed fred server stopping"), "\(server.events.text)")
        #expect(client.waitForExit() != 0)
    }
}
