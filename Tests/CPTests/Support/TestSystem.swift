import CP
import Foundation
import Synchronization
import Testing

/// A terminal that keeps a transcript: every line CP writes, the status
/// word, and how the session ended.
final class TranscriptTerminal: TerminalConnection, @unchecked Sendable {
    private struct State {
        var lines: [String] = []
        var status: ConsoleStatus = .cpRead
        var ended: SessionEnd? = nil
        var clears = 0
        var masks = 0
    }
    private let state = Mutex(State())

    func write(_ lines: [String]) { state.withLock { $0.lines += lines } }
    func setStatus(_ status: ConsoleStatus) { state.withLock { $0.status = status } }
    func sessionEnded(_ reason: SessionEnd) { state.withLock { $0.ended = reason } }
    func clearScreen() { state.withLock { $0.clears += 1 } }
    func maskNextInput() { state.withLock { $0.masks += 1 } }

    var lines: [String] { state.withLock { $0.lines } }
    var status: ConsoleStatus { state.withLock { $0.status } }
    var ended: SessionEnd? { state.withLock { $0.ended } }
    var clears: Int { state.withLock { $0.clears } }
    /// How many times CP asked for the next line to be typed unseen.
    var masks: Int { state.withLock { $0.masks } }

    /// Lines written after line `index`.
    func lines(after index: Int) -> [String] { Array(lines.dropFirst(index)) }
}

/// A control program for a test: a configuration, a directory, a state
/// directory of its own (removed afterwards), and users logged on to
/// transcript terminals.
final class TestSystem: @unchecked Sendable {
    let cp: ControlProgram
    let stateDirectory: URL
    let log = LogRecorder()

    init(directory: String, configuration: String = "", workers: Int = 2) throws {
        stateDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vm67-cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        let (config, configErrors) = SystemConfiguration.parse("CLEAR-PASSWORDS YES\n" + configuration, file: "test.conf")
        try #require(configErrors.isEmpty, "\(configErrors)")
        let (parsed, errors) = UserDirectory.parse(directory, file: "test.direct")
        try #require(errors.isEmpty, "\(errors)")
        let log = self.log
        cp = ControlProgram(configuration: config, directory: parsed, stateDirectory: stateDirectory.path,
                            workers: workers, log: { line in log.append(line) })
        cp.start()
    }

    private let extraFiles = Mutex<[URL]>([])

    /// Removes `url` too when the system goes (volume copies made for it).
    func removeAtEnd(_ url: URL) { extraFiles.withLock { $0.append(url) } }

    deinit {
        cp.shutdown()
        try? FileManager.default.removeItem(at: stateDirectory)
        for url in extraFiles.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }

    /// Logs `userid` on to a new transcript terminal.
    func logon(_ userid: String, noIPL: Bool = false) throws -> Session {
        let terminal = TranscriptTerminal()
        switch cp.logon(userid: userid, connection: terminal, noIPL: noIPL) {
        case .loggedOn(let vm), .reconnected(let vm):
            return Session(vm: vm, terminal: terminal, system: self)
        case .refused(let message):
            throw TestFailure("logon \(userid) refused: \(message.code) \(message.text)")
        }
    }
}

/// The system log lines of a test system.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One user's session: type lines, wait for output.
struct Session {
    let vm: VirtualMachine
    let terminal: TranscriptTerminal
    /// Keeps the control program alive as long as a session is in use.
    let system: TestSystem

    /// Types `line` (ENTER) and returns the lines CP or the guest wrote in
    /// answer, once output has settled (or `until` holds).
    @discardableResult
    func type(_ line: String, until: (([String]) -> Bool)? = nil, timeout: Double = 10) -> [String] {
        let mark = terminal.lines.count
        vm.console.submit(.line(line))
        return collect(after: mark, until: until, timeout: timeout)
    }

    /// Presses PA1 (attention).
    @discardableResult
    func attention(until: (([String]) -> Bool)? = nil) -> [String] {
        let mark = terminal.lines.count
        vm.console.submit(.attention)
        return collect(after: mark, until: until, timeout: 10)
    }

    /// Output after `mark`: waits for `until`, or for the output to stop
    /// changing for a moment.
    func collect(after mark: Int, until: (([String]) -> Bool)?, timeout: Double) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last = -1
        var stableSince = Date()
        while Date() < deadline {
            let now = terminal.lines(after: mark)
            if let until {
                if until(now) { return now }
            } else {
                if now.count != last { last = now.count; stableSince = Date() }
                if Date().timeIntervalSince(stableSince) > 0.15 && vm.isIdleForTests { return now }
            }
            usleep(2_000)
        }
        return terminal.lines(after: mark)
    }

    /// Waits until the transcript holds a line containing `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if terminal.lines.contains(where: { $0.contains(text) }) { return true }
            usleep(2_000)
        }
        return false
    }

    /// Waits until the status word is `status`.
    @discardableResult
    func waitForStatus(_ status: ConsoleStatus, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if terminal.status == status { return true }
            usleep(2_000)
        }
        return false
    }
}
