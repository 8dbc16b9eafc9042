import Terminal

/// What a logged-on user's console shows, as CP drives it: lines for the
/// output area and the status word. The SSH front door renders this on a
/// 3270-style screen; tests keep a transcript. A display terminal also
/// takes a full-screen guest's 3270 data streams (DIAGNOSE X'58'); the
/// defaults (FullScreenDefaults.swift) say "not a display", so a line-only
/// terminal needs none of those members.
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

    // MARK: Full screen (DIAGNOSE X'58' CCW X'29'/X'2A', DIAGNOSE X'54')

    /// Whether the terminal is a 3270-style display a guest may write
    /// full-screen data streams to.
    var isDisplay: Bool { get }
    /// A guest's full-screen write. The terminal may answer later, on any
    /// thread (as a real 3270's device end comes when the data is on the
    /// screen): CP never waits on a VM's worker for a terminal.
    func writeFullScreen(_ command: OutboundCommand, _ data: [UInt8],
                         completion: @escaping @Sendable (FullScreenWriteResult) -> Void)
    /// A guest's full-screen read: the inbound record (AID, cursor, fields),
    /// or nil when the terminal is not a display. Answered later, on any thread.
    func readFullScreen(_ command: InboundCommand, completion: @escaping @Sendable ([UInt8]?) -> Void)
    /// CP takes the screen back (PA1 twice, the guest left full screen, IPL).
    func leaveFullScreen()
    /// PA2 gives CP `.pa2Interrupt` (DIAGNOSE X'54' with Rx ≠ 0) instead of
    /// clearing the output area.
    func setPA2ToHost(_ on: Bool)
}

/// How a full-screen write ended.
public enum FullScreenWriteResult: Sendable, Equatable {
    case written
    /// The data stream was wrong (3270 operation check: unit check).
    case dataStreamError
    /// The terminal cannot show 3270 data streams.
    case notDisplay
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
    /// An AID key while a guest owns the screen (DIAGNOSE X'58' full
    /// screen): the guest gets an attention and reads the screen. PA1 comes
    /// even when the keyboard is locked, so that CP sees the second one.
    case fullScreenAttention(AID)
    /// CP line output took the screen from the full-screen guest.
    case fullScreenInterrupted
    /// The user released that screen: the guest's screen shows again.
    case fullScreenResumed
    /// PA2 while DIAGNOSE X'54' asked for it as an external interruption.
    case pa2Interrupt
}
