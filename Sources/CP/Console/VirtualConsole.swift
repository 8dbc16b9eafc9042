import Devices
import Synchronization

/// A user's console as CP keeps it: the terminal it is connected to (none
/// while disconnected), the input waiting to be processed, and the guest's
/// side (the virtual 3215's output and reads go through here).
public final class VirtualConsole: ConsoleEndpoint, @unchecked Sendable {
    private struct State {
        var connection: TerminalConnection?
        var inbox: [ConsoleInput] = []
        var status: ConsoleStatus = .cpRead
        /// A guest console read is pending (VM READ when the VM runs).
        var guestReading = false
        /// Output from the guest not yet ended by a carrier return.
        var partialLine = ""
        /// Lines written while disconnected are dropped, but the last few
        /// are kept to show on reconnection.
        var missed: [String] = []
    }

    private let state = Mutex(State())
    /// A full-screen guest's state (DIAGNOSE X'58').
    let fullScreen = FullScreenConsole()
    /// Console spooling (SPOOL CONSOLE START): the open console file.
    let spool = ConsoleSpool(spoolClass: "T")
    /// Called when input arrives, so the scheduler can run the VM.
    var onInput: (@Sendable () -> Void)?

    public init() {}

    // MARK: Terminal side

    public var connection: TerminalConnection? { state.withLock { $0.connection } }

    /// Attaches a terminal (logon, reconnect) or detaches it (nil: disconnect).
    func connect(_ connection: TerminalConnection?) {
        let status = state.withLock { s -> ConsoleStatus in
            s.connection = connection
            return s.status
        }
        // A new terminal has not got the guest's full screen: the guest's
        // next write starts it again.
        fullScreen.end()
        connection?.setStatus(status)
        if fullScreen.pa2ToHost { connection?.setPA2ToHost(true) }
    }

    /// The terminal sends input (any thread).
    public func submit(_ input: ConsoleInput) {
        state.withLock { $0.inbox.append(input) }
        onInput?()
    }

    /// Input to process (called by the VM's worker).
    func takeInput() -> [ConsoleInput] {
        state.withLock { s in
            defer { s.inbox.removeAll() }
            return s.inbox
        }
    }

    var hasInput: Bool { state.withLock { !$0.inbox.isEmpty } }

    /// CP output lines.
    func say(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        // Spooled NOTERM: the lines go to the console file only.
        guard spool.record(lines) else { return }
        fullScreen.lineOutput()
        let connection = state.withLock { s -> TerminalConnection? in
            if s.connection == nil { s.missed = Array((s.missed + lines).suffix(10)) }
            return s.connection
        }
        connection?.write(lines)
    }

    func say(_ line: String) { say([line]) }

    /// Erases the terminal's output area.
    func clearScreen() { connection?.clearScreen() }

    var status: ConsoleStatus { state.withLock { $0.status } }

    func setStatus(_ status: ConsoleStatus) {
        let connection = state.withLock { s -> TerminalConnection? in
            if s.status == status { return nil }
            s.status = status
            return s.connection
        }
        connection?.setStatus(status)
    }

    var guestReading: Bool { state.withLock { $0.guestReading } }

    // MARK: Guest side (the virtual 3215)

    public func consoleOutput(_ text: String, newline: Bool) {
        let line: String? = state.withLock { s in
            s.partialLine += text
            guard newline else { return nil }
            defer { s.partialLine = "" }
            return s.partialLine
        }
        if let line { say([line]) }
    }

    public func consoleReadPending(_ pending: Bool) {
        let flush: String? = state.withLock { s in
            s.guestReading = pending
            // A prompt written without a carrier return shows before the read.
            guard pending, !s.partialLine.isEmpty else { return nil }
            defer { s.partialLine = "" }
            return s.partialLine
        }
        if let flush { say([flush]) }
        // The guest reads only while it runs: VM READ, then RUNNING again.
        if status != .cpRead { setStatus(pending ? .vmRead : .running) }
    }

    public func consoleAlarm() {}
}
