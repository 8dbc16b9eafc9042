import Foundation
import Server
import Testing

@Suite("SSH misbehaving clients", .serialized)
struct BadClientTests {
    /// Something that is not SSH gets disconnected with a log line, and
    /// nobody else notices.
    @Test func garbageBeforeTheBannerIsDisconnected() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let socket = try RawClient(port: Int(server.port)!)
        socket.send("GET / HTTP/1.0\r\nHost: nowhere\r\n\r\n")
        #expect(socket.readUntilClosed(deadline: 30), "the server kept a non-SSH client")
        #expect(server.eventually { server.logLines.contains(substring: "closed: key exchange failed") }, "\(server.logLines.text)")
        #expect(try server.runWithKey(user: "fred", command: "still here").output == "ran: still here\n")
    }

    /// Connections that never log on hold a place each; past the cap, new
    /// ones are closed at once, until places free up.
    @Test func tooManyConnectionsLoggingOnAreRefused() throws {
        var limits = TestServer.quickLimits
        limits.maxUnauthenticatedConnections = 2
        let server = try TestServer(limits: limits)
        defer { server.shutDown() }
        let idle = [try RawClient(port: Int(server.port)!), try RawClient(port: Int(server.port)!)]
        #expect(server.eventually { server.logLines.all.filter { $0.contains(": connected to") }.count == 2 },
                "\(server.logLines.text)")
        let refused = try RawClient(port: Int(server.port)!)
        #expect(refused.readUntilClosed(deadline: 30))
        #expect(server.logLines.contains(substring: "connections are already logging on"), "\(server.logLines.text)")
        // Closed explicitly: neither a debug build (locals live to the end of
        // the scope) nor an optimised one (they may die at their last use)
        // decides when the places free up.
        idle.forEach { $0.disconnect() }
        #expect(server.eventually { server.logLines.all.filter { $0.contains("closed: ") }.count == 2 },
                "\(server.logLines.text)")
        #expect(try server.runWithKey(user: "fred", command: "room again").output == "ran: room again\n")
    }

    /// A client that logs on and then asks for nothing (ssh -N) is dropped
    /// at the deadline, like one that never logs on.
    @Test func loggedOnClientWithoutSessionIsDropped() throws {
        var limits = TestServer.quickLimits
        limits.preAuthenticationTimeout = 5
        let server = try TestServer(limits: limits)
        defer { server.shutDown() }
        let result = try Subprocess.run("ssh", server.sshOptions + server.keyOptions() + ["-N", "fred@127.0.0.1"])
        #expect(result.status != 0)
        #expect(server.logLines.contains(substring: "closed: no session started within 5 s"), "\(server.logLines.text)")
    }

    /// A terminal of absurd size is no terminal: the client is dropped
    /// before the application sees it.
    @Test func hugeTerminalIsDisconnected() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let client = try PtyClient(arguments: server.sshOptions + server.keyOptions() + ["fred@127.0.0.1"],
                                   columns: 5000, rows: 5000)
        #expect(client.waitForExit() != 0)
        #expect(server.eventually { server.logLines.contains(substring: "terminal size 5000x5000 is past the limit") },
                "\(server.logLines.text)")
        #expect(!server.events.contains(prefix: "shell"))
    }

    @Test func hugeWindowChangeIsDisconnected() throws {
        let server = try TestServer()
        defer { server.shutDown() }
        let client = try PtyClient(arguments: server.sshOptions + server.keyOptions() + ["fred@127.0.0.1"],
                                   columns: 80, rows: 24)
        #expect(server.eventually { client.output.contains("welcome fred") }, "\(client.output)")
        client.resize(columns: 60000, rows: 24)
        #expect(client.waitForExit() != 0)
        #expect(server.eventually { server.events.contains(prefix: "closed fred disconnected: terminal size 60000x24") },
                "\(server.events.text)")
    }

    /// One client stops reading while its session pours out output: another
    /// session works meanwhile, and the stalled one is disconnected alone.
    @Test func stalledClientIsDisconnectedAlone() throws {
        var limits = TestServer.quickLimits
        limits.maxQueuedOutputBytes = 1 << 20
        limits.outputStallTimeout = 5
        let server = try TestServer(limits: limits)
        defer { server.shutDown() }
        let stalled = try PtyClient(arguments: server.sshOptions + server.keyOptions() + ["-T", "barney@127.0.0.1"],
                                    columns: 80, rows: 24)
        defer { stalled.kill() }
        #expect(server.eventually { server.events.contains(prefix: "shell barney") }, "\(server.events.text)")
        stalled.signal(SIGSTOP)
        defer { stalled.signal(SIGCONT) }

        let other = try PtyClient(arguments: server.sshOptions + server.keyOptions() + ["fred@127.0.0.1"],
                                  columns: 80, rows: 24)
        #expect(server.eventually { other.output.contains("welcome fred") }, "\(other.output)")
        other.type("typed")
        #expect(server.eventually { other.output.contains("[typed]") }, "\(other.output)")
        #expect(try server.runWithKey(user: "fred", command: "meanwhile").output == "ran: meanwhile\n")

        #expect(server.eventually(60) { server.events.contains(prefix: "closed barney disconnected") }, "\(server.events.text)")
        #expect(server.logLines.all.contains { $0.contains("client is not reading") || $0.contains("took none of its output") },
                "\(server.logLines.text)")
        #expect(!server.events.contains(prefix: "closed fred"))
        other.type("again")
        #expect(server.eventually { other.output.contains("[again]") }, "\(other.output)")
        other.type("q")
        #expect(other.waitForExit() == 3)
    }
}
