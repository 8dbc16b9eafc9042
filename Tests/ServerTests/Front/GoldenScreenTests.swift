import Foundation
import Testing

/// The console as a person sees it through the real OpenSSH client in tmux
/// (TERM=tmux-256color), compared with golden screens cell by cell. The
/// goldens are Golden/NAME.screen: one line per row, each ended by `|` after
/// the last column; `?` matches any character (times and dates). With
/// VM67_RECORD_GOLDEN=1 in the environment the test writes the screens it
/// sees instead (check them by eye before committing).
extension FrontDoorTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func tmuxConsole(_ user: String, columns: Int = 80, rows: Int = 24) throws -> TmuxScreen {
        try TmuxScreen(command: ["ssh"] + sshOptions + keyOptions + ["-tt", "\(user)@127.0.0.1"], columns: columns, rows: rows)
    }

    /// Waits (up to 30 s) for the screen to equal the golden `name`.
    func expectScreen(_ screen: TmuxScreen, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = Self.goldenDirectory.appendingPathComponent("\(name).screen")
        if ProcessInfo.processInfo.environment["VM67_RECORD_GOLDEN"] != nil {
            Thread.sleep(forTimeInterval: 1)
            try? (screen.screen.map { $0 + "|" }.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("golden screen \(file.path) is missing", sourceLocation: sourceLocation)
            return
        }
        let golden = text.split(separator: "\n").map { String($0.dropLast()) }
        var difference: String?
        let same = TestServer.eventually(30) {
            difference = TmuxScreen.difference(screen.screen, golden: golden)
            return difference == nil
        }
        #expect(same, "\(name): \(difference ?? "")", sourceLocation: sourceLocation)
    }

    /// Logon, typing, a command's answer, a message arriving while a line is
    /// half typed (the typing stays), the output area filling up (MORE...,
    /// then HOLDING on an empty ENTER, CLEAR to go on), and a resize.
    @Test func goldenScreensThroughTmux() throws {
        let screen = try tmuxConsole("alice")
        expectScreen(screen, "logon")
        screen.type("query virtual")
        expectScreen(screen, "typing")
        screen.send(keys: ["Enter"])
        expectScreen(screen, "query")

        screen.type("msg bob hel")
        #expect(screen.waitFor(" msg bob hel"))
        #expect(try exec("bob", password: "builder", "MSG ALICE hello there").status == 0)
        expectScreen(screen, "message")

        screen.send(keys: ["C-u"])
        for _ in 0..<5 {
            screen.type("query virtual")
            screen.send(keys: ["Enter"])
            _ = screen.waitFor("READY")
        }
        expectScreen(screen, "more")
        screen.send(keys: ["Enter"])
        expectScreen(screen, "holding")
        screen.send(keys: ["C-l"])
        expectScreen(screen, "cleared")

        screen.resize(columns: 100, rows: 30)
        screen.type("query time")
        screen.send(keys: ["Enter"])
        expectScreen(screen, "resized")
        screen.type("logoff")
        screen.send(keys: ["Enter"])
        #expect(TestServer.eventually { self.cp.user("ALICE") == nil })
    }
}
