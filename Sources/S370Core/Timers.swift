#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the interval timer and CPU timer advance.
public enum TimerMode: Sendable {
    /// By host time whenever the machine is not stopped, waiting included
    /// (a bare machine, like real hardware).
    case wallClock
    /// Only while the CPU executes instructions (a virtual machine's
    /// virtual timers, as VM/370 keeps them).
    case cpuTime
}

/// The host clock in TOD-clock units (bit 51 = 1 µs), counted from 1900 like the S/370 TOD clock.
@inline(__always)
public func hostTOD() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    let micros = UInt64(ts.tv_sec) &* 1_000_000 &+ UInt64(ts.tv_nsec) / 1000
    let fraction = (UInt64(ts.tv_nsec) % 1000) &* 4096 / 1000
    return ((micros &+ todEpochOffsetMicros) << 12) | fraction
}

/// Microseconds from 1900-01-01 (the TOD epoch) to 1970-01-01 (the Unix epoch).
public let todEpochOffsetMicros: UInt64 = 2_208_988_800 * 1_000_000

/// The interval timer steps by one in bit 23 (256 in the word) every
/// 1/300 s: the basic form of the PoO, whose higher-order bits change as the
/// architecture requires. One step is 40,960,000/3 TOD units.
let intervalStepTimes3: UInt64 = 40_960_000
let intervalStepValue: UInt64 = 256

extension CPUState {
    /// The CPU enters the operating state (after IPL, START): the timers
    /// count from now, not from when the CPU stopped.
    public func startTimers() {
        timerStamp = hostTOD()
    }

    /// The guest's TOD clock now: strictly increasing, as STORE CLOCK requires.
    func readTOD() -> UInt64 {
        var tod = UInt64(bitPattern: Int64(bitPattern: hostTOD()) &+ todOffset)
        if tod <= lastTOD { tod = lastTOD &+ 1 }
        lastTOD = tod
        return tod
    }

    /// SET CLOCK: the guest TOD becomes `value` from now on.
    func setTOD(_ value: UInt64) {
        todOffset = Int64(bitPattern: value) &- Int64(bitPattern: hostTOD())
        lastTOD = 0
    }

    /// The CPU timer as the guest sees it.
    var cpuTimer: Int64 { cpuTimerBase }

    /// Brings the timers up to `now` (host TOD): the interval timer at
    /// location 80 and the CPU timer count down by the elapsed time; the
    /// clock comparator and CPU timer conditions are re-evaluated.
    func advanceTimers(to now: UInt64) {
        let elapsed = now > timerStamp ? now - timerStamp : 0
        timerStamp = now
        if elapsed > 0 {
            if intervalTimerEnabled { advanceIntervalTimer(by: elapsed) }
            cpuTimerBase = cpuTimerBase &- Int64(bitPattern: min(elapsed, UInt64(Int64.max)))
        }
        if cpuTimerBase < 0 { externalPending |= ExternalCondition.cpuTimer }
        else { externalPending &= ~ExternalCondition.cpuTimer }
        if model == .s370 {
            let tod = UInt64(bitPattern: Int64(bitPattern: now) &+ todOffset)
            if tod > clockComparator { externalPending |= ExternalCondition.clockComparator }
            else { externalPending &= ~ExternalCondition.clockComparator }
        }
    }

    private func advanceIntervalTimer(by elapsed: UInt64) {
        let total = elapsed &* 3 &+ intervalTimerRemainder
        let units = (total / intervalStepTimes3) &* intervalStepValue
        intervalTimerRemainder = total % intervalStepTimes3
        guard units > 0 else { return }
        let location = lowCore(LowCore.intervalTimer)
        let old = Int32(bitPattern: storage.load32(location))
        let new = old &- Int32(truncatingIfNeeded: min(units, 0x7FFF_FFFF))
        storage.store32(location, UInt32(bitPattern: new))
        storage.markAccess(location, store: true)
        if old >= 0 && new < 0 || units > 0x7FFF_FFFF {
            externalPending |= ExternalCondition.intervalTimer
        }
    }

    /// Host TOD at which the next timer interruption the CPU is enabled for
    /// would become pending, or nil if none. Used to sleep through a wait.
    public func nextTimerEvent(now: UInt64 = hostTOD()) -> UInt64? {
        guard externalEnabled else { return nil }
        var best: UInt64? = nil
        func consider(_ t: UInt64) { best = min(best ?? t, t) }
        // In CPU-time mode the interval timer and CPU timer stand still while
        // the CPU waits; only the clock comparator (TOD) can end the wait.
        let timersRunInWait = timerMode == .wallClock
        if timersRunInWait && externalSubclassEnabled(ExternalCondition.intervalTimer) && intervalTimerEnabled {
            let value = Int32(bitPattern: storage.load32(lowCore(LowCore.intervalTimer)))
            if value >= 0 {
                let steps = UInt64(value) / intervalStepValue + 1
                consider(now &+ (steps &* intervalStepTimes3 &- intervalTimerRemainder) / 3)
            }
        }
        if externalSubclassEnabled(ExternalCondition.cpuTimer) && (timersRunInWait || cpuTimerBase < 0) {
            consider(cpuTimerBase < 0 ? now : now &+ UInt64(cpuTimerBase))
        }
        if model == .s370 && externalSubclassEnabled(ExternalCondition.clockComparator) {
            let hostValue = Int64(bitPattern: clockComparator) &- todOffset
            consider(hostValue < 0 ? now : max(now, UInt64(hostValue)))
        }
        return best
    }

    /// Whether the subclass mask for one external condition is on. S/370:
    /// control register 0; 360/67 extended mode: control register 6 bits 24–31;
    /// 360/67 standard mode: no subclass masks.
    func externalSubclassEnabled(_ condition: UInt32) -> Bool {
        if model == .s370 {
            let mask: UInt32
            switch condition {
            case ExternalCondition.malfunctionAlert: mask = 0x0000_8000
            case ExternalCondition.emergencySignal: mask = 0x0000_4000
            case ExternalCondition.externalCall: mask = 0x0000_2000
            case ExternalCondition.clockComparator: mask = 0x0000_0800
            case ExternalCondition.cpuTimer: mask = 0x0000_0400
            case ExternalCondition.intervalTimer: mask = 0x0000_0080
            case ExternalCondition.interruptKey: mask = 0x0000_0040
            case ExternalCondition.externalSignal: mask = 0x0000_0020
            // Not architected by S/370: VM/370 uses CR0 bit 31 as the
            // subclass mask of its VMCF interruption (VM/370 System Logic
            // and Problem Determination Guide, DMKVMC: "PSW bit 7 and CR0
            // bit 31").
            case ExternalCondition.hostSignal: mask = 0x0000_0001
            default: return false
            }
            return cr[0] & mask != 0
        }
        // The 360/67 has no mask for a hypervisor's own interruption: the
        // PSW external mask alone governs it.
        if condition == ExternalCondition.hostSignal { return true }
        guard ecMode else {
            return condition == ExternalCondition.intervalTimer
                || condition == ExternalCondition.interruptKey
                || condition == ExternalCondition.externalSignal
        }
        switch condition {
        case ExternalCondition.intervalTimer: return cr[6] & 0x80 != 0
        case ExternalCondition.interruptKey: return cr[6] & 0x40 != 0
        case ExternalCondition.externalSignal: return cr[6] & 0x20 != 0
        default: return false
        }
    }

    /// The highest-priority external condition that can be taken now, with its code.
    func takeableExternal() -> (condition: UInt32, code: UInt16)? {
        guard externalEnabled, externalPending != 0 else { return nil }
        for (condition, code) in CPUState.externalPriority where externalPending & condition != 0 {
            if externalSubclassEnabled(condition) {
                return (condition, condition == ExternalCondition.hostSignal ? hostSignalCode : code)
            }
        }
        return nil
    }

    /// External conditions in the order the CPU presents them, with their codes.
    static let externalPriority: [(UInt32, UInt16)] = [
            (ExternalCondition.malfunctionAlert, 0x1200),
            (ExternalCondition.emergencySignal, 0x1201),
            (ExternalCondition.externalCall, 0x1202),
            (ExternalCondition.clockComparator, 0x1004),
            (ExternalCondition.cpuTimer, 0x1005),
            (ExternalCondition.intervalTimer, 0x0080),
            (ExternalCondition.interruptKey, 0x0040),
            (ExternalCondition.externalSignal, 0x0020),
            (ExternalCondition.hostSignal, 0),
    ]
}
