import Synchronization
import Terminal

/// Where a 3270 display is shown: the terminal renderer of a session, a
/// test. The device calls it (on whatever thread changed the screen) after
/// every change; keys come back through the device (`Display3270.press`).
public protocol DisplayEndpoint: AnyObject, Sendable {
    /// The screen after a program write or an operator action.
    func displayChanged(_ screen: Screen3270)
    /// The program sounded the alarm.
    func displayAlarm()
}

/// An endpoint that keeps the latest screen, for tests and scripts.
public final class RecordingDisplay: DisplayEndpoint {
    private struct State {
        var screen: Screen3270?
        var updates = 0
        var alarms = 0
    }
    private let state = Mutex(State())

    public init() {}

    public func displayChanged(_ screen: Screen3270) {
        state.withLock {
            $0.screen = screen
            $0.updates += 1
        }
    }

    public func displayAlarm() { state.withLock { $0.alarms += 1 } }

    /// The screen as last shown (nil before the first change).
    public var screen: Screen3270? { state.withLock { $0.screen } }
    public var updateCount: Int { state.withLock { $0.updates } }
    public var alarmCount: Int { state.withLock { $0.alarms } }
}
