/// One machine: a CPU of a chosen model with its storage. This is the
/// interface the layers above use (the bare-machine runner, CP, tests).
/// A `Machine` is not thread-safe; one thread runs it at a time. Only the
/// `request…` methods may be called from other threads.
public final class Machine: @unchecked Sendable {
    public let state: CPUState
    public var storage: Storage { state.storage }
    public var model: MachineModel { state.model }

    public init(model: MachineModel = .s370, storageSize: Int = 1 << 20, facilities: Facilities = [],
                storageCapacity: Int? = nil) {
        state = CPUState(model: model, storage: Storage(size: storageSize, capacity: storageCapacity), facilities: facilities)
        reset(clear: true)
    }

    public var facilities: Facilities {
        get { state.facilities }
        set { state.setFacilities(newValue) }
    }

    // MARK: Running

    /// Runs until `budget` instructions have executed or something needs the
    /// caller (see `StopReason`).
    public func run(budget: Int) -> StopReason {
        switch state.model {
        case .s370: return Interp<S370Traits>(state).run(budget: budget)
        case .s360_67: return Interp<S36067Traits>(state).run(budget: budget)
        }
    }

    // MARK: Resets and interruptions

    /// CPU reset (and with `clear`, clear reset: storage, keys and registers
    /// zeroed). Control registers get their architected initial values.
    public func reset(clear: Bool) {
        let s = state
        if clear {
            s.storage.clear()
            for i in 0..<16 { s.gpr[i] = 0 }
            for i in 0..<8 { s.fpr[i] = 0 }
            s.prefix = 0
            s.setTOD(hostTOD())
            s.clockComparator = 0
            s.cpuTimerBase = 0
        }
        for i in 0..<16 { s.cr[i] = 0 }
        if s.model == .s370 {
            s.cr[0] = 0x0000_00E0
            s.cr[2] = 0xFFFF_FFFF
            s.cr[14] = 0xC200_0000
            s.cr[15] = 0x0000_0200
        }
        s.unpackPSW(0)
        s.waitState = false
        s.externalPending = 0
        s.hostSignalPrepare = nil
        s.ioPendingChannels = 0
        s.invalidPSW = nil
        s.executing = false
        s.pendingIntercept = nil
        s.timerStamp = hostTOD()
        s.intervalTimerRemainder = 0
        s.purgeTLB()
    }

    /// The restart interruption (the operator's RESTART key).
    public func restart() { state.restartInterruption() }

    /// Loads `psw` as the current PSW (for IPL and tests).
    public func loadPSW(_ psw: UInt64) { state.unpackPSW(psw) }

    /// The current PSW in stored form.
    public var psw: UInt64 { state.packPSW() }

    /// Presents an I/O interruption for `device`; the caller stored the CSW
    /// at location 64 and checked `state.ioEnabled(channel:)`.
    public func presentIOInterruption(device: UInt16) { state.ioInterruption(device: device) }

    /// Raises a program interruption for the instruction that just
    /// intercepted (a DIAGNOSE with bad operands, say). `ilc` in bytes.
    public func raiseProgramInterruption(_ code: UInt16, ilc: Int = 4) {
        state.programInterruption(code: code, ilc: ilc)
    }

    /// Takes an external interruption condition now if enabled, else leaves it pending.
    public func postInterruptKey() { state.externalPending |= ExternalCondition.interruptKey }

    /// Makes an external interruption with `code` pending on behalf of the
    /// layer above (VM's VMCF interruption X'4001', say). It is taken when
    /// the PSW external mask and the subclass mask allow (S/370: control
    /// register 0 bit 31, the mask VM/370 defines for it). Just before it is
    /// taken, `prepare` runs on the CPU's thread to store the interruption's
    /// data; it returns false to withdraw the interruption, and it may make
    /// the next one pending. One such interruption is pending at a time: a
    /// new call replaces the previous one. Owner's thread only.
    public func makeExternalPending(code: UInt16, prepare: @escaping () -> Bool) {
        state.hostSignalCode = code
        state.hostSignalPrepare = prepare
        state.externalPending |= ExternalCondition.hostSignal
    }

    /// Withdraws the interruption `makeExternalPending` made pending.
    public func withdrawExternalPending() {
        state.externalPending &= ~ExternalCondition.hostSignal
        state.hostSignalPrepare = nil
    }

    /// Whether an interruption made pending by `makeExternalPending` waits.
    public var hasExternalPending: Bool { state.externalPending & ExternalCondition.hostSignal != 0 }

    // MARK: From other threads

    /// Asks the running CPU to return `.stopRequested` at its next check.
    public func requestStop() { state.requests.bitwiseOr(Request.stop, ordering: .releasing) }
    /// Posts the interrupt key (an external interruption) from another thread.
    public func requestInterruptKey() { state.requests.bitwiseOr(Request.interruptKey, ordering: .releasing) }
    /// Asks for a restart interruption from another thread.
    public func requestRestart() { state.requests.bitwiseOr(Request.restart, ordering: .releasing) }
    /// Makes the running CPU look at its surroundings at the next check
    /// (a device posted an event from another thread).
    public func requestWake() { state.requests.bitwiseOr(Request.wake, ordering: .releasing) }

    // MARK: Registers

    public func gpr(_ n: Int) -> UInt32 { state.gpr[n & 15] }
    public func setGPR(_ n: Int, _ v: UInt32) { state.gpr[n & 15] = v }
    public func fpr(_ n: Int) -> UInt64 { state.fpr[n & 7] }
    public func setFPR(_ n: Int, _ v: UInt64) { state.fpr[n & 7] = v }
    public func cr(_ n: Int) -> UInt32 { state.cr[n & 15] }
    public func setCR(_ n: Int, _ v: UInt32) {
        state.cr[n & 15] = v
        state.controlRegistersChanged()
    }

    /// Sets the condition code (after an intercepted instruction).
    public func setConditionCode(_ cc: UInt8) { state.cc = cc & 3 }
    public var conditionCode: UInt8 { state.cc }

    /// Storage keys changed behind the CPU's back (by CP, say): forget cached permissions.
    public func storageKeysChanged() { state.purgeTLB() }
}
