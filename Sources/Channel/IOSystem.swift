import Dispatch
import S370Core

/// A machine with its channels: runs the CPU, performs its I/O
/// instructions, presents I/O interruptions and keeps virtual time. The
/// bare-machine runner and CP's virtual machines both drive one of these.
public final class IOSystem {
    public let machine: Machine
    public let channels: ChannelSubsystem
    /// Virtual time runs at this many instructions per microsecond.
    public var instructionsPerMicrosecond: UInt64 = 10
    /// Instructions not yet turned into whole microseconds.
    private var instructionRemainder: UInt64 = 0
    private let wakeup = DispatchSemaphore(value: 0)

    public init(machine: Machine) {
        self.machine = machine
        self.channels = ChannelSubsystem(machine: machine)
        let semaphore = wakeup
        let target = machine
        channels.setWakeHook {
            semaphore.signal()
            target.requestWake()
        }
    }

    /// Runs until `budget` instructions have executed or the caller is
    /// needed: a wait with no I/O due (`.wait`), a disabled wait, an
    /// intercept other than I/O (DIAGNOSE, SIGP, …), or a stop request.
    public func run(budget: Int) -> StopReason {
        var remaining = budget
        while true {
            channels.advance(to: channels.now)
            let allowance: Int
            if let next = channels.nextEventTime {
                let gap = next > channels.now ? next - channels.now : 0
                allowance = Int(clamping: max(1, gap * instructionsPerMicrosecond))
            } else {
                allowance = Int.max
            }
            let before = machine.state.instructionCount
            let stop = machine.run(budget: min(remaining, allowance))
            let executed = machine.state.instructionCount - before
            remaining -= Int(executed)
            advanceTime(byInstructions: executed)
            switch stop {
            case .intercept(.io(let instruction, let address)):
                machine.setConditionCode(channels.execute(instruction, address: address))
            case .intercept(.storeChannelID(let address)):
                machine.setConditionCode(channels.storeChannelID(address: address))
            case .ioInterruptionPending:
                channels.advance(to: channels.now)
                channels.presentPendingInterruption()
            case .wait:
                channels.advance(to: channels.now)
                if channels.presentPendingInterruption() { continue }
                if let next = channels.nextEventTime {
                    // Nothing else can happen before the next device event: jump to it.
                    channels.advance(to: max(next, channels.now))
                    continue
                }
                if channels.hasPostedEvents { continue }
                return .wait
            case .woken:
                // Someone wants the owner to look around (device events are
                // taken at the next run; a scheduler may want the CPU back).
                channels.advance(to: channels.now)
                return .woken
            case .budgetExhausted:
                if remaining <= 0 { return .budgetExhausted }
            default:
                return stop
            }
            if remaining <= 0 { return .budgetExhausted }
        }
    }

    private func advanceTime(byInstructions executed: UInt64) {
        let total = executed + instructionRemainder
        instructionRemainder = total % instructionsPerMicrosecond
        channels.advance(to: channels.now + total / instructionsPerMicrosecond)
    }

    /// Blocks until a device posts an event or `deadline` (host TOD) passes;
    /// used while the CPU is in an enabled wait.
    public func waitForActivity(until deadline: UInt64?) {
        if channels.hasPostedEvents { return }
        if let deadline {
            let now = hostTOD()
            if deadline <= now { return }
            let micros = (deadline - now) >> 12
            _ = wakeup.wait(timeout: .now() + .microseconds(Int(min(micros, 60_000_000))))
        } else {
            wakeup.wait()
        }
    }

    /// Wakes a thread blocked in `waitForActivity` (operator commands, shutdown).
    public func wake() { wakeup.signal() }

    /// Resets the system (CPU reset, or clear reset with `clear`), then IPLs from `device`.
    public func ipl(from device: UInt16, clear: Bool) -> ChannelSubsystem.IPLOutcome {
        machine.reset(clear: clear)
        channels.reset()
        let outcome = channels.ipl(from: device)
        // The timers do not run while the CPU loads; they start with it.
        machine.state.startTimers()
        return outcome
    }
}
