import Foundation
import Testing

/// The plain line-mode session through the real OpenSSH client: `ssh -T`
/// with CP commands on standard input, the way scripts drive vm67, and a
/// terminal without cursor addressing (TERM=dumb on a pty), logo included.
extension FrontDoorTests {
    @Test func sshWithoutATerminalGetsAPlainLineSession() throws {
        let result = try Subprocess.run("ssh", sshOptions + keyOptions + ["-T", "alice@127.0.0.1"],
                                        input: "QUERY VIRTUAL CONS\r\nq v ur\nLOGOFF\n")
        let out = result.output
        #expect(result.status == 0, "\(out) \(result.errors)")
        #expect(!out.contains("\u{1B}"), "no escape sequences: \(out.debugDescription)")
        let lines = out.components(separatedBy: "\r\n")
        #expect(lines.first?.hasPrefix("LOGON AT ") == true, "\(lines)")
        #expect(lines.dropFirst().first == "CP READ", "the prompt follows LOGON AT")
        #expect(lines.contains { $0.hasPrefix("CONS 009 ON TERM ") })
        #expect(lines.contains { $0.hasPrefix("LOGOFF AT ") })
        // Every line ends in CRLF; no bare LF anywhere.
        #expect(out.hasSuffix("\r\n"))
        #expect(!out.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // The user is gone: a second script finds nobody to reconnect to.
        let names = try exec("bob", password: "builder", "QUERY NAMES")
        #expect(!names.output.contains("ALICE"))
    }

    @Test func aScriptThatEndsWithoutLogoffLeavesItsVMDisconnected() throws {
        let result = try Subprocess.run("ssh", sshOptions + keyOptions + ["-T", "alice@127.0.0.1"],
                                        input: "QUERY VIRTUAL CONS\n", deadline: 30)
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        #expect(result.output.contains("\r\nCONS 009 ON TERM "))
        #expect(TestServer.eventually { self.cp.user("ALICE")?.isDisconnected == true })
        // The next script reconnects, and logs off.
        let again = try Subprocess.run("ssh", sshOptions + keyOptions + ["-T", "alice@127.0.0.1"], input: "LOGOFF\n")
        #expect(again.output.contains("RECONNECTED AT"), "\(again.output)")
        #expect(again.status == 0)
        #expect(TestServer.eventually { self.cp.user("ALICE") == nil })
    }

    func dumbTerminal(_ user: String, batch: Bool = true) throws -> PtyClient {
        try PtyClient(arguments: sshOptions + (batch ? keyOptions : ["-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no"])
                      + ["-tt", "\(user)@127.0.0.1"], columns: 80, rows: 24, term: "dumb")
    }

    /// The logon user on a dumb terminal: the logo as lines, LOGON userid,
    /// the password typed unseen, then CP; LOGOFF brings the logo back.
    /// Nothing on the way is an escape sequence.
    @Test func logoOnADumbTerminal() throws {
        let terminal = try dumbTerminal("logon", batch: false)
        #expect(waitFor(terminal, "TESTVM ONLINE"), "\(terminal.output)")
        #expect(waitFor(terminal, "Enter LOGON userid, then your password when asked.\r\nCP READ\r\n"), "\(terminal.output.debugDescription)")
        terminal.type("frob\r")
        #expect(waitFor(terminal, "?CP: FROB"), "\(terminal.output)")
        terminal.type("logon bob\r")
        #expect(waitFor(terminal, "logon bob\r\nENTER PASSWORD:\r\n"), "typed input is echoed: \(terminal.output.debugDescription)")
        terminal.type("builder\r")
        #expect(waitFor(terminal, "LOGON AT"), "\(terminal.output)")
        #expect(!terminal.output.contains("builder"), "the password never shows")
        terminal.type("q v cons\r")
        #expect(waitFor(terminal, "CONS 009 ON TERM"), "\(terminal.output)")
        let mark = terminal.output.count
        terminal.type("logoff\r")
        #expect(TestServer.eventually { terminal.output.dropFirst(mark).contains("TESTVM ONLINE") }, "\(terminal.output)")
        terminal.type("logoff\r")
        #expect(terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("\u{1B}"), "no escape sequences: \(terminal.output.debugDescription)")
    }

    /// Line editing on a dumb terminal: BACKSPACE/DEL erase, ^U erases the
    /// line, cursor keys are swallowed; a message that arrives while a line
    /// is half typed comes on a line of its own and the typing is put back.
    @Test func dumbTerminalEditsAndKeepsTypingAcrossMessages() throws {
        let alice = try dumbTerminal("alice")
        #expect(waitFor(alice, "CP READ"), "\(alice.output)")
        alice.type("q nmaes\u{7F}\u{7F}\u{7F}\u{7F}ames\r")
        #expect(waitFor(alice, "ALICE"), "\(alice.output.debugDescription)")
        #expect(waitFor(alice, "q nmaes\u{8} \u{8}\u{8} \u{8}"), "DEL erases on the screen: \(alice.output.debugDescription)")
        alice.type("garbage\u{15}\u{1B}[Aq time\r")
        #expect(waitFor(alice, "TIME IS"), "^U and an arrow key: \(alice.output.debugDescription)")
        alice.type("msg bo")
        #expect(waitFor(alice, "msg bo"))
        let sent = try exec("bob", password: "builder", "MSG ALICE hello")
        #expect(sent.status == 0)
        #expect(waitFor(alice, "msg bo\r\n"), "the half line is ended: \(alice.output.debugDescription)")
        #expect(TestServer.eventually(30) {
            alice.output.range(of: #"hello\r\nmsg bo$"#, options: .regularExpression) != nil
        }, "and typed again after the message: \(alice.output.debugDescription)")
        alice.type("b hi\r")
        #expect(waitFor(alice, "BOB NOT LOGGED ON"), "\(alice.output)")
        alice.type("logoff\r")
        #expect(alice.waitForExit() == 0)
        #expect(!alice.output.contains("\u{1B}"))
    }
}
