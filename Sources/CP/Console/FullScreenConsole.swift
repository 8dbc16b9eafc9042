import Synchronization

/// CP's record of a guest that drives the console full screen (DIAGNOSE
/// X'58' CCW X'29'/X'2A'). The terminal keeps the screen itself; CP keeps
/// what decides the guest's status and the PA1 rule, here, so those do not
/// depend on when the terminal's own events arrive. Any thread: CP output
/// comes from other users' workers (MSG, WNG), the rest from the VM's.
final class FullScreenConsole: Sendable {
    private struct State {
        /// The guest wrote full screen and has not given the screen back.
        var active = false
        /// CP line output took the screen while the guest had it: the
        /// guest's next full-screen I/O ends with unit status X'8E'.
        var cpDataWaiting = false
        /// A PA1 went to the guest as an attention and the guest has not
        /// read since: the next PA1 forces CP mode [spec §3, Keys].
        var pa1GivenToGuest = false
        /// A full-screen write or read is on its way to the terminal.
        var inFlight = false
        /// DIAGNOSE X'54': PA2 is an external interruption (kept here so a
        /// reconnected terminal learns it too).
        var pa2ToHost = false
        /// Bumped by a reset, so an answer from the terminal for I/O that
        /// the reset cancelled ends nothing (the new system never sees it).
        var epoch = 0
    }
    private let state = Mutex(State())

    var isActive: Bool { state.withLock { $0.active } }
    var cpDataWaiting: Bool { state.withLock { $0.cpDataWaiting } }
    var pa2ToHost: Bool {
        get { state.withLock { $0.pa2ToHost } }
        set { state.withLock { $0.pa2ToHost = newValue } }
    }

    /// CP (or the guest's line-mode console) wrote a line.
    func lineOutput() {
        state.withLock { if $0.active { $0.cpDataWaiting = true } }
    }

    /// Starts a full-screen write or read: its epoch, or nil when one is
    /// still in flight.
    func begin(write: Bool) -> Int? {
        state.withLock { s in
            guard !s.inFlight else { return nil }
            s.inFlight = true
            if write { s.active = true } else { s.pa1GivenToGuest = false }
            return s.epoch
        }
    }

    /// The terminal answered the write or read begun in `epoch`: false when
    /// a reset came between and the answer is to be dropped.
    @discardableResult
    func finished(_ epoch: Int) -> Bool {
        state.withLock { s in
            guard s.epoch == epoch else { return false }
            s.inFlight = false
            return true
        }
    }

    /// IPL or SYSTEM RESET: no full screen, nothing in flight, PA2 plain again.
    func reset() {
        state.withLock { s in
            s = State(epoch: s.epoch + 1)
        }
    }

    /// PA1 on the guest's screen: true when it is the second without a
    /// guest read between, and CP takes the console.
    func pa1() -> Bool {
        state.withLock { s in
            defer { s.pa1GivenToGuest.toggle() }
            return s.pa1GivenToGuest
        }
    }

    /// The user released the screen CP had taken: true when a guest was
    /// waiting for it (it gets an attention, to repaint).
    func resumed() -> Bool {
        state.withLock { s in
            defer { s.cpDataWaiting = false }
            return s.active && s.cpDataWaiting
        }
    }

    /// The guest's full screen is over (CP took the console, the guest went
    /// back to line mode, IPL).
    func end() {
        state.withLock { s in
            s.active = false
            s.cpDataWaiting = false
            s.pa1GivenToGuest = false
        }
    }
}
