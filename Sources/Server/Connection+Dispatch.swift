import Dispatch

/// The connection's Dispatch sources: which readiness events to wait for, and
/// its one timer. A suspended source must be resumed before it is cancelled
/// (Dispatch's rule), hence the bookkeeping of which are active.
extension Connection {
    func setReadSource(active: Bool) {
        guard active != readSourceActive else { return }
        readSourceActive = active
        if active { readSource.resume() } else { readSource.suspend() }
    }

    func setWriteSource(active: Bool) {
        guard active != writeSourceActive else { return }
        writeSourceActive = active
        if active { writeSource.resume() } else { writeSource.suspend() }
    }

    /// One timer per connection: the login deadline, later the close linger.
    /// `fired` runs on the queue, then the connection settles.
    func startTimer(after seconds: Double, fired: @escaping () -> Void) {
        timer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler { [unowned self] in
            guard phase != .closed else { return }
            fired()
            settle()
        }
        timer.resume()
        self.timer = timer
    }

    func stopTimer() {
        timer?.cancel()
        timer = nil
    }
}
