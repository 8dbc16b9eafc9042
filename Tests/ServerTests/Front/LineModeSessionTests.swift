import Foundation
import Testing

/// The plain line-mode session through the real OpenSSH client: `ssh -T`
/// with CP commands on standard input, the way scripts drive vm67.
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
}
