import Foundation

/// A command in a window of a tmux server of its own (its socket in a
/// temporary directory): the test types into it with send-keys and reads
/// the screen, cell by cell, with capture-pane, as a person at that
/// terminal would see it.
///
/// tmux is run with posix_spawn and waitpid, its output going to a file:
/// the server that `new-session` forks keeps whatever descriptors it was
/// given, so a pipe would never reach end of file while it runs. It starts
/// with no signal blocked (the test's Dispatch threads block SIGWINCH, and
/// the server and its ssh would inherit that mask: no resize would reach ssh).
final class TmuxScreen {
    let directory: String
    private(set) var columns: Int
    private(set) var rows: Int
    private let socket: String

    /// The command sees TERM as tmux sets it (tmux-256color), as it would in
    /// anyone's tmux.
    init(command: [String], columns: Int = 80, rows: Int = 24) throws {
        directory = try TestServer.makeTemporaryDirectory()
        socket = directory + "/tmux.socket"
        self.columns = columns
        self.rows = rows
        // No configuration file: the same screen for everyone.
        let started = try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "--"] + command)
        guard started.status == 0 else { throw SubprocessError(description: "tmux new-session: \(started.output)") }
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Keys in tmux's names (`Enter`, `F3`, `C-c`) or literal text (`-l`).
    func send(keys: [String]) { _ = try? tmux(["send-keys", "-t", "0"] + keys) }
    func type(_ text: String) { _ = try? tmux(["send-keys", "-t", "0", "-l", text]) }

    /// The window's new size: the client gets SIGWINCH and tells the server.
    func resize(columns: Int, rows: Int) {
        _ = try? tmux(["resize-window", "-t", "0", "-x", "\(columns)", "-y", "\(rows)"])
        self.columns = columns
        self.rows = rows
    }

    /// The screen: `rows` lines of exactly `columns` characters.
    var screen: [String] {
        let text = (try? tmux(["capture-pane", "-p", "-t", "0"]).output) ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        lines = Array(lines.prefix(rows))
        while lines.count < rows { lines.append("") }
        return lines.map { $0.count >= columns ? String($0.prefix(columns)) : $0 + String(repeating: " ", count: columns - $0.count) }
    }

    /// Waits until the screen shows `text` somewhere.
    func waitFor(_ text: String, _ seconds: Double = 30) -> Bool {
        TestServer.eventually(seconds) { self.screen.contains { $0.contains(text) } }
    }

    /// Compares the screen with `golden` cell by cell; `?` in the golden
    /// matches any character (times, dates). Nil when equal, else where and
    /// how they differ, with both screens.
    static func difference(_ screen: [String], golden: [String]) -> String? {
        for row in 0..<max(screen.count, golden.count) {
            let actual = Array(row < screen.count ? screen[row] : "")
            let wanted = Array(row < golden.count ? golden[row] : "")
            for column in 0..<max(actual.count, wanted.count) {
                let a = column < actual.count ? actual[column] : " "
                let w = column < wanted.count ? wanted[column] : " "
                if w != "?" && a != w {
                    return "row \(row + 1) column \(column + 1): \(a.debugDescription), golden \(w.debugDescription)\n"
                        + "screen:\n" + screen.joined(separator: "|\n") + "|\ngolden:\n" + golden.joined(separator: "|\n") + "|"
                }
            }
        }
        return nil
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = try Subprocess.locate("tmux")
        let outputFile = directory + "/out.\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path, "-S", socket] + arguments).map { strdup($0) } + [nil]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "TMUX")
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SubprocessError(description: "posix_spawn tmux: \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exited, output)
    }
}
