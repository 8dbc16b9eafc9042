import CP
import Media
import Synchronization
import Terminal

/// The 3270 screen of a transcript terminal: what a full-screen guest
/// (DIAGNOSE X'58') wrote, and the keys a test presses on it. It behaves as
/// the SSH console does: CP line output takes the guest's screen (and the
/// test releases it), PA1 always reaches CP, PA2 goes to CP only after
/// DIAGNOSE X'54'. Writes and reads answer at once.
final class TranscriptDisplay: Sendable {
    struct State {
        var screen = Screen3270(model: .model2)
        /// The guest owns the screen.
        var fullScreen = false
        /// CP line output took it (HOLDING on a real console).
        var interrupted = false
        var pa2ToHost = false
        var fullScreenWrites = 0
        var fullScreenReads = 0
    }
    let state = Mutex(State())
    /// Whether the terminal is a display at all (false: a line terminal).
    let isDisplay: Bool

    init(isDisplay: Bool) { self.isDisplay = isDisplay }

    var screen: Screen3270 { state.withLock { $0.screen } }
    var isFullScreen: Bool { state.withLock { $0.fullScreen } }
    var isInterrupted: Bool { state.withLock { $0.interrupted } }
    var pa2ToHost: Bool { state.withLock { $0.pa2ToHost } }
    var fullScreenWrites: Int { state.withLock { $0.fullScreenWrites } }
    var fullScreenReads: Int { state.withLock { $0.fullScreenReads } }

    /// Row `row` (0-based) of the guest's screen as text.
    func text(row: Int) -> String { screen.text(row: row, table: CodePage.cp037.toLatin1) }

    func lineOutput() {
        state.withLock { if $0.fullScreen { $0.interrupted = true } }
    }

    func write(_ command: OutboundCommand, _ data: [UInt8]) -> FullScreenWriteResult {
        state.withLock { s in
            s.fullScreen = true
            s.fullScreenWrites += 1
            do {
                try s.screen.write(command, data)
                return .written
            } catch {
                return .dataStreamError
            }
        }
    }

    func read(_ command: InboundCommand) -> [UInt8] {
        state.withLock { s in
            s.fullScreenReads += 1
            return s.screen.read(command)
        }
    }

    func leave() {
        state.withLock { s in
            s.fullScreen = false
            s.interrupted = false
            s.screen = Screen3270(model: .model2)
        }
    }

    func setPA2ToHost(_ on: Bool) { state.withLock { $0.pa2ToHost = on } }

    // MARK: The test's hands

    /// Types `text` at row and column (0-based) of the guest's screen.
    func type(_ text: String, row: Int, column: Int) {
        state.withLock { s in
            s.screen.moveCursor(to: s.screen.address(row: row, column: column))
            for byte in CodePage.cp037.ebcdic(text) { s.screen.type(byte) }
        }
    }

    /// Presses an AID key: what goes to CP, if anything. The keyboard locks
    /// until the guest's next write, as on a 3270; PA1 reaches CP anyway.
    func press(_ aid: AID) -> ConsoleInput? {
        state.withLock { s in
            guard s.fullScreen, !s.interrupted else { return nil }
            if s.screen.enter(aid: aid) != nil || aid == .pa1 { return .fullScreenAttention(aid) }
            return nil
        }
    }

    /// CLEAR on CP's screen after it took the guest's: the guest's screen
    /// shows again.
    func release() -> ConsoleInput? {
        state.withLock { s in
            guard s.interrupted else { return nil }
            s.interrupted = false
            return .fullScreenResumed
        }
    }
}

extension TranscriptTerminal {
    var isDisplay: Bool { display.isDisplay }

    func writeFullScreen(_ command: OutboundCommand, _ data: [UInt8],
                         completion: @escaping @Sendable (FullScreenWriteResult) -> Void) {
        completion(display.isDisplay ? display.write(command, data) : .notDisplay)
    }

    func readFullScreen(_ command: InboundCommand, completion: @escaping @Sendable ([UInt8]?) -> Void) {
        completion(display.isDisplay ? display.read(command) : nil)
    }

    func leaveFullScreen() { display.leave() }
    func setPA2ToHost(_ on: Bool) { display.setPA2ToHost(on) }
}

extension Session {
    var display: TranscriptDisplay { terminal.display }

    /// Presses an AID key on the guest's full screen.
    func press(_ aid: AID) {
        if let input = display.press(aid) { vm.console.submit(input) }
    }

    /// PA2: an external interruption when the guest asked (DIAGNOSE X'54').
    func pressPA2() {
        if display.pa2ToHost { vm.console.submit(.pa2Interrupt) }
    }

    /// Releases CP's screen (CLEAR) after CP output took the guest's.
    func releaseScreen() {
        if let input = display.release() { vm.console.submit(input) }
    }
}
