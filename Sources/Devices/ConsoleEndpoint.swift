import Synchronization

/// Where a console device's output goes and how its reads are announced:
/// the operator's terminal on a bare machine, the user's console in CP.
/// Input comes back through the device (`Console3215.enter`).
public protocol ConsoleEndpoint: AnyObject, Sendable {
    /// Text the program wrote; `newline` ends the line (carrier return).
    func consoleOutput(_ text: String, newline: Bool)
    /// The program is waiting for a line (the console's PROCEED light).
    func consoleReadPending(_ pending: Bool)
    /// The audible alarm.
    func consoleAlarm()
}

/// An endpoint that keeps what was written, for tests and scripts.
public final class RecordingConsole: ConsoleEndpoint {
    private struct State {
        var partial = ""
        var lines: [String] = []
        var reading = false
        var alarms = 0
    }
    private let state = Mutex(State())

    public init() {}

    public func consoleOutput(_ text: String, newline: Bool) {
        state.withLock { s in
            s.partial += text
            if newline {
                s.lines.append(s.partial)
                s.partial = ""
            }
        }
    }

    public func consoleReadPending(_ pending: Bool) { state.withLock { $0.reading = pending } }
    public func consoleAlarm() { state.withLock { $0.alarms += 1 } }

    /// Complete lines written so far, and the unfinished one if any.
    public var transcript: [String] {
        state.withLock { s in s.partial.isEmpty ? s.lines : s.lines + [s.partial] }
    }
    public var isReading: Bool { state.withLock { $0.reading } }
    public var alarmCount: Int { state.withLock { $0.alarms } }
}
