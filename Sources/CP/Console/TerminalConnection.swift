/// What a logged-on user's console shows, as CP drives it: lines for the
/// output area and the status word. The SSH front door renders this on a
/// 3270-style screen; tests keep a transcript.
public protocol TerminalConnection: AnyObject, Sendable {
    /// Lines for the output area, in order.
    func write(_ lines: [String])
    /// The status word changed.
    func setStatus(_ status: ConsoleStatus)
    /// Erase the output area (DIAGNOSE X'58' with CTL X'FF', CLEAR).
    func clearScreen()
    /// The session is over (LOGOFF, FORCE, shutdown); the terminal shows
    /// the logo again or closes.
    func sessionEnded(_ reason: SessionEnd)
    /// The next input line is a password: do not show what is typed (a
    /// 3270 non-display input field). The terminal unmasks by itself
    /// after that line.
    func maskNextInput()
}

/// The status word at the bottom right of a VM/370 console.
public enum ConsoleStatus: String, Sendable {
    case cpRead = "CP READ"
    case vmRead = "VM READ"
    case running = "RUNNING"
}

extension TerminalConnection {
    public func clearScreen() {}
    /// A terminal that cannot hide input shows it; CP prompts anyway.
    public func maskNextInput() {}
}

public enum SessionEnd: Sendable, Equatable {
    case loggedOff
    case disconnected
    case forced(by: String)
    case shutdown
}

/// What the user's terminal sends to CP.
public enum ConsoleInput: Sendable, Equatable {
    /// A line entered with ENTER (already stripped of trailing blanks by the terminal).
    case line(String)
    /// PA1 / the attention key: enter CP mode.
    case attention
    /// A PF key that has no SET PFnn meaning: like ENTER with an empty line.
    case programFunction(Int)
}
