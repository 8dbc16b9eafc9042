/// Running a channel program to its end without an interruption, the way
/// CP performs DIAGNOSE I/O (X'18', X'20') for a guest: the program runs in
/// virtual time, but the guest does not run meanwhile and no interruption
/// is left pending.
extension ChannelSubsystem {
    public enum SynchronousOutcome: Equatable, Sendable {
        /// The program ended; the CSW it would have stored.
        case ended(CSW)
        case noDevice
        /// The device is busy or has an interruption pending.
        case busy
        /// The device left a command pending that nothing will finish.
        case timedOut
    }

    /// Runs the channel program at `ccwAddress` (absolute) on `device` with
    /// protection key `key`.
    public func runSynchronously(device address: UInt16, ccwAddress: UInt32, key: UInt8 = 0,
                                 maximumEvents: Int = 1_000_000) -> SynchronousOutcome {
        takePosted()
        guard let sub = subchannels[address] else { return .noDevice }
        if sub.program != nil || sub.hasInterruption || sub.awaitingDeviceEnd { return .busy }
        let program = ChannelProgram(key: key, firstCCW: ccwAddress)
        sub.program = program
        var final: CSW? = nil
        switch startNextCommand(sub, program) {
        case .endedImmediately(let csw): final = csw
        case .started: break
        }
        var steps = 0
        while final == nil {
            takePosted()
            if let csw = sub.pendingCSW {
                final = csw
                sub.pendingCSW = nil
                break
            }
            guard let next = events.nextTime else {
                if sub.program == nil { break }
                sub.program = nil
                sub.generation &+= 1
                sub.device.halt()
                pendingResults[address] = nil
                refreshPendingChannels()
                return .timedOut
            }
            if next > now { now = next }
            while let event = events.popDue(now) { run(event.action) }
            steps += 1
            if steps > maximumEvents { return .timedOut }
        }
        sub.program = nil
        sub.pendingPCI = nil
        refreshPendingChannels()
        return .ended(final ?? CSW())
    }
}
