import Synchronization
import Terminal

/// What a session sent out: terminal bytes, host events, wake-up requests.
final class SessionRecorder: Sendable {
    struct State {
        var bytes: [UInt8] = []
        var events: [ConsoleEvent] = []
        var wakeups: [Duration?] = []
    }
    let state = Mutex(State())
}

/// A session wired to recorders instead of SSH and CP.
final class SessionHarness {
    let clock = FakeClock()
    let recorder = SessionRecorder()
    let session: ConsoleSession

    init(type: String = "xterm-256color", size: ScreenSize = .standard, model: DisplayModel? = nil,
         lineConsole: LineConsole.Configuration = .init()) {
        let configuration = ConsoleSession.Configuration(terminalType: type, terminalSize: size, codes: .test,
                                                         lineConsole: lineConsole, model: model)
        let recorder = self.recorder
        session = ConsoleSession(configuration: configuration, clock: clock,
                                 sendToTerminal: { b in recorder.state.withLock { $0.bytes += b } },
                                 sendToHost: { e in recorder.state.withLock { $0.events.append(e) } },
                                 scheduleWakeup: { d in recorder.state.withLock { $0.wakeups.append(d) } })
    }

    /// Output since the last call.
    func takeBytes() -> [UInt8] {
        recorder.state.withLock { s in
            defer { s.bytes = [] }
            return s.bytes
        }
    }

    /// Events since the last call.
    func takeEvents() -> [ConsoleEvent] {
        recorder.state.withLock { s in
            defer { s.events = [] }
            return s.events
        }
    }

    /// The latest wake-up request (.some(nil): cancelled; nil: none ever).
    var lastWakeup: Duration?? { recorder.state.withLock { $0.wakeups.last } }

    var wakeupCount: Int { recorder.state.withLock { $0.wakeups.count } }

    func type(_ text: String) { session.receive(Array(text.utf8)) }

    var lines: [String] { session.frame.lines }
}
