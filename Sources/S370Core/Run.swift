/// Why `run(budget:)` returned.
public enum StopReason: Equatable, Sendable {
    /// The instruction budget is spent; the machine can simply be run again.
    case budgetExhausted
    /// An enabled wait: nothing to do until an I/O or external interruption.
    case wait
    /// A wait with I/O and external interruptions disabled: the program has
    /// ended (or hung). Only a restart, reset or IPL gets it going again.
    case disabledWait
    /// An instruction that the layer above performs (I/O, DIAGNOSE, SIGP).
    case intercept(Intercept)
    /// An I/O interruption is pending on a channel the CPU is enabled for:
    /// the channel layer presents it (`Machine.presentIOInterruption`).
    case ioInterruptionPending
    /// Another thread asked the CPU to stop (`Machine.requestStop`).
    case stopRequested
    /// Another thread asked the CPU to let its owner look around (a device
    /// posted an event, `Machine.requestWake`); just run it again.
    case woken
}

extension Interp {
    /// Instructions between two looks at timers, requests and interruptions.
    static var sliceLength: Int { 4096 }

    func run(budget: Int) -> StopReason {
        var remaining = budget
        if s.timerMode == .cpuTime { s.timerStamp = hostTOD() }
        while true {
            if let invalid = s.invalidPSW {
                // Early specification exception for a PSW that failed its
                // validity checks: the invalid PSW itself, with the ones in
                // its unassigned bits, is stored as the old PSW; ILC 0.
                // A program new PSW that is itself invalid loops here, as on
                // real hardware, one budget unit per interruption.
                s.instructionAddress = s.ia
                s.instructionCount &+= 1
                remaining -= 1
                s.programInterruption(code: 0x06, ilc: 0, oldPSW: invalid)
                if let loop = s.takeProgramLoop() { return loop }
                if remaining <= 0 { return .budgetExhausted }
                continue
            }
            if let stop = service() { return stop }
            if s.invalidPSW != nil { continue }
            if remaining <= 0 { return .budgetExhausted }
            let slice = min(remaining, Self.sliceLength)
            var left = slice
            var stop: StopReason? = nil
            do throws(ProgramInterruption) {
                while left > 0 {
                    left &-= 1
                    try step()
                }
            } catch {
                stop = handle(error)
            }
            let done = slice - left
            remaining -= done
            s.instructionCount &+= UInt64(done)
            if let stop { return stop }
        }
    }

    /// Fetches and executes one instruction.
    @inline(__always)
    func step() throws(ProgramInterruption) {
        let ia = s.ia
        s.instructionAddress = ia
        let p: UnsafeMutablePointer<UInt8>
        // Fast path: the cached block, an even address (bit 0 moved to the
        // top fails the compare), and room for a six-byte instruction.
        if ia >> 11 == s.instructionTag && (ia & 0x7FF | ia << 31) <= 0x7FA {
            p = s.instructionBlock + Int(ia & 0x7FF)
        } else {
            p = try fetchInstructionSlow(ia)
        }
        s.ia = (ia &+ instructionLength(p[0])) & amask
        try dispatch(p)
    }

    /// Instruction length from the first two bits of the opcode: 2, 4, 4, 6.
    @inline(__always)
    func instructionLength(_ opcode: UInt8) -> UInt32 {
        (0x0604_0402 as UInt32) >> (UInt32(opcode >> 6) << 3) & 0xFF
    }

    /// Instruction fetch when the current block is not cached or the
    /// instruction may cross into the next block. Instruction fetch is
    /// subject to DAT, addressing and fetch protection like any fetch.
    @inline(never)
    func fetchInstructionSlow(_ ia: UInt32) throws(ProgramInterruption) -> UnsafeMutablePointer<UInt8> {
        if let stop = s.stopAddress, ia == stop, !s.passedStop {
            s.passedStop = true
            s.pendingIntercept = .addressStop(ia)
            throw .intercept
        }
        s.passedStop = false
        if ia & 1 != 0 { throw .specification }
        let block = try translate(ia, store: false)
        if s.stopAddress.map({ $0 >> 11 == ia >> 11 }) != true {
            s.instructionTag = ia >> 11
        } else {
            s.instructionTag = TLBEntry.invalidTag
        }
        s.instructionBlock = block
        let offset = Int(ia & 0x7FF)
        let first = block + offset
        let length = Int(instructionLength(first[0]))
        if offset + length <= 0x800 { return first }
        // The instruction crosses into the next block: gather it.
        let buffer = s.fetchBuffer
        var i = 0
        while i < 0x800 - offset { buffer[i] = first[i]; i += 1 }
        let next = try translate((ia &+ UInt32(i)) & amask, store: false)
        var j = 0
        while i < length { buffer[i] = next[j]; i += 1; j += 1 }
        return buffer
    }

    /// Turns what an instruction threw into the architected action.
    @inline(never)
    func handle(_ error: ProgramInterruption) -> StopReason? {
        s.executing = false
        if error == .recheck { return nil }
        if error == .intercept {
            let intercept = s.pendingIntercept!
            s.pendingIntercept = nil
            return .intercept(intercept)
        }
        takeProgramInterruption(error)
        return s.takeProgramLoop()
    }

    /// A program interruption for the instruction at `instructionAddress`.
    /// The ILC is the distance the instruction address has moved (0 for an
    /// exception on instruction fetch or an invalid PSW); nullifying
    /// exceptions point the old PSW back at the instruction.
    func takeProgramInterruption(_ error: ProgramInterruption) {
        let ilc = Int((s.ia &- s.instructionAddress) & amask) & 7
        if error.nullifies { s.ia = s.instructionAddress }
        s.programInterruption(code: UInt16(truncatingIfNeeded: error.code), ilc: ilc)
    }

    /// Work between slices: requests from other threads, timers, an invalid
    /// PSW, external interruptions, and whether to stop for I/O or a wait.
    @inline(never)
    func service() -> StopReason? {
        let requests = s.requests.exchange(0, ordering: .acquiringAndReleasing)
        if requests != 0 {
            if requests & Request.interruptKey != 0 { s.externalPending |= ExternalCondition.interruptKey }
            if requests & Request.externalCall != 0 { s.externalPending |= ExternalCondition.externalCall }
            if requests & Request.emergencySignal != 0 { s.externalPending |= ExternalCondition.emergencySignal }
            if requests & Request.restart != 0 { s.restartInterruption() }
            if requests & Request.stop != 0 { return .stopRequested }
            if requests & Request.wake != 0 { return .woken }
        }
        s.advanceTimers(to: hostTOD())
        if let (condition, code) = s.takeableExternal() {
            if condition == ExternalCondition.interruptKey { s.externalPending &= ~condition }
            if condition == ExternalCondition.externalCall { s.externalPending &= ~condition }
            if condition == ExternalCondition.emergencySignal { s.externalPending &= ~condition }
            if condition == ExternalCondition.intervalTimer { s.externalPending &= ~condition }
            if condition == ExternalCondition.hostSignal {
                // The owner stores the interruption's data now, as it is
                // taken; it may re-arm the condition for its next one.
                s.externalPending &= ~condition
                let prepare = s.hostSignalPrepare
                s.hostSignalPrepare = nil
                if prepare?() ?? true { s.externalInterruption(code: code) }
            } else {
                s.externalInterruption(code: code)
            }
        }
        if s.ioPendingChannels != 0 && s.ioEnabled && enabledPendingChannel() { return .ioInterruptionPending }
        if s.waitState {
            let enabled = s.ioEnabled || s.externalEnabled
            return enabled ? .wait : .disabledWait
        }
        return nil
    }

    func enabledPendingChannel() -> Bool {
        var bits = s.ioPendingChannels
        while bits != 0 {
            let channel = bits.leadingZeroBitCount
            if s.ioEnabled(channel: channel) { return true }
            bits &= ~(0x8000_0000 >> UInt32(channel))
        }
        return false
    }
}
