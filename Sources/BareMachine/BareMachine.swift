import Channel
import Dispatch
import Devices
import Foundation
import Media
import S370Core
import Synchronization

/// One S/370 or 360/67 machine with the devices of a configuration, run on
/// its own thread the way an operator runs a real one: IPL, start, stop,
/// restart, display and alter, mount media. Everything that touches the
/// machine happens on the CPU thread; other threads hand it work through
/// `perform`.
public final class BareMachine: @unchecked Sendable {
    public let io: IOSystem
    public var machine: Machine { io.machine }
    public let configuration: MachineConfiguration
    let context: DeviceContext
    /// Operator messages (IPL results, disabled waits, errors).
    let message: @Sendable (String) -> Void

    /// Whether the CPU is started (running or waiting) rather than stopped.
    public private(set) var isStarted = false
    /// Why the CPU last stopped by itself.
    public private(set) var lastStop: StopReason? = nil

    private let work = Mutex<[@Sendable () -> Void]>([])
    private let shuttingDown = Atomic<Bool>(false)
    private let wakeStopped = DispatchSemaphore(value: 0)
    private var thread: Thread?
    /// Bumped each time the CPU stops (tests and scripts wait on it).
    private let stops = Atomic<Int>(0)
    /// The catalog name each device was attached as (a type code alone is
    /// ambiguous: the 2540 reader and punch share one).
    var attachedTypes: [UInt16: String] = [:]

    public init(configuration: MachineConfiguration, context: DeviceContext,
                message: @escaping @Sendable (String) -> Void) throws {
        self.configuration = configuration
        self.context = context
        self.message = message
        let machine = Machine(model: configuration.model, storageSize: configuration.storageSize,
                              facilities: configuration.facilities)
        io = IOSystem(machine: machine)
        for line in configuration.devices {
            do {
                try attach(type: line.type, at: line.address, arguments: line.arguments)
            } catch {
                throw MachineConfiguration.ConfigurationError(file: configuration.file, line: line.line,
                                                              reason: "device \(hex4(line.address)): \(error)")
            }
        }
    }

    /// Attaches (or replaces) the device at `address`.
    func attach(type: String, at address: UInt16, arguments: [String]) throws {
        guard let entry = DeviceCatalog.entry(named: type) else {
            throw DeviceConfigurationError("unknown device type '\(type)'")
        }
        let args = DeviceArguments(arguments, baseDirectory: configuration.baseDirectory)
        let device = try entry.make(address, args, context)
        flushDevices([address])
        io.channels.detach(address)
        io.channels.attach(device, at: address)
        attachedTypes[address] = entry.name
    }

    // MARK: The CPU thread

    /// Starts the CPU thread (the machine itself stays stopped until IPL or START).
    public func powerOn() {
        guard thread == nil else { return }
        let t = Thread { [self] in self.cpuLoop() }
        t.name = "vm67-cpu"
        thread = t
        t.start()
    }

    /// Stops the CPU thread.
    public func powerOff() {
        shuttingDown.store(true, ordering: .releasing)
        machine.requestStop()
        io.wake()
        wakeStopped.signal()
        while let t = thread, !t.isFinished { usleep(1000) }
        thread = nil
        for address in io.channels.addresses {
            guard let device = io.channels.device(at: address) as? DurableDevice else { continue }
            do { try device.close() } catch { message("device \(hex4(address)): \(error)") }
        }
    }

    /// Makes what the disks acknowledged durable (before a device is replaced or detached).
    func flushDevices(_ addresses: [UInt16]? = nil) {
        for address in addresses ?? io.channels.addresses {
            guard let device = io.channels.device(at: address) as? DurableDevice else { continue }
            do { try device.flush() } catch { message("device \(hex4(address)): \(error)") }
        }
    }

    /// Runs `body` on the CPU thread and returns its result.
    public func perform<T: Sendable>(_ body: @escaping @Sendable (BareMachine) -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<T?>(nil)
        work.withLock {
            $0.append { [self] in
                let value = body(self)
                result.withLock { $0 = value }
                done.signal()
            }
        }
        machine.requestStop()
        io.wake()
        wakeStopped.signal()
        done.wait()
        return result.withLock { $0! }
    }

    private func runWork() {
        let items = work.withLock { list -> [@Sendable () -> Void] in
            defer { list.removeAll() }
            return list
        }
        for item in items { item() }
    }

    private func cpuLoop() {
        while !shuttingDown.load(ordering: .acquiring) {
            runWork()
            guard isStarted else {
                _ = wakeStopped.wait(timeout: .now() + .milliseconds(200))
                continue
            }
            let stop = io.run(budget: 2_000_000)
            switch stop {
            case .budgetExhausted, .woken, .ioInterruptionPending:
                continue
            case .stopRequested:
                // Either an operator STOP or work to do: the work decides.
                continue
            case .wait:
                io.waitForActivity(until: machine.state.nextTimerEvent())
            case .disabledWait:
                stopCPU(reason: stop)
                message("disabled wait state, PSW \(hex16(machine.psw))")
            case .intercept(let what):
                handleIntercept(what)
            }
        }
    }

    /// What a bare machine does with instructions that a control program
    /// would perform: there is none, so DIAGNOSE is a specification
    /// exception, SIGNAL PROCESSOR finds no other CPU, direct control does nothing.
    private func handleIntercept(_ what: Intercept) {
        switch what {
        case .diagnose:
            machine.raiseProgramInterruption(0x0006)
        case .signalProcessor:
            machine.setConditionCode(3)
        case .directControl:
            break
        case .addressStop(let address):
            machine.state.stopAddress = nil
            stopCPU(reason: .intercept(.addressStop(address)))
            message("address stop at \(String(address, radix: 16, uppercase: true))")
        case .programInterruptionLoop:
            break   // not enabled on a bare machine: real hardware spins
        case .io, .storeChannelID:
            break   // IOSystem handles these
        }
    }

    private func stopCPU(reason: StopReason?) {
        isStarted = false
        lastStop = reason
        stops.add(1, ordering: .releasing)
    }

    // MARK: Operator functions (call on the CPU thread, e.g. through perform)

    /// Loads from `device`: system reset (clear reset with `clear`), the IPL
    /// channel program, then the CPU starts at the IPL PSW.
    public func ipl(from device: UInt16, clear: Bool = false) -> String {
        switch io.ipl(from: device, clear: clear) {
        case .loaded:
            isStarted = true
            lastStop = nil
            return "IPL from \(hex4(device)) complete, PSW \(hex16(machine.psw))"
        case .noDevice:
            return "IPL failed: device \(hex4(device)) is not in the configuration"
        case .failed(let csw):
            return "IPL from \(hex4(device)) failed: CSW \(csw)"
        case .timedOut:
            return "IPL from \(hex4(device)) failed: the device did not finish"
        }
    }

    public func start() {
        machine.state.startTimers()
        isStarted = true
        lastStop = nil
    }

    public func stop() { stopCPU(reason: .stopRequested) }

    public func restart() {
        if !isStarted { machine.state.startTimers() }
        machine.restart()
        isStarted = true
        lastStop = nil
    }

    /// Number of times the CPU has stopped by itself (disabled wait).
    public var stopCount: Int { stops.load(ordering: .acquiring) }

    /// The console device at `address`, if it is one.
    public func console(at address: UInt16) -> Console3215? {
        io.channels.device(at: address) as? Console3215
    }

    /// The first console device (by address).
    public var defaultConsole: Console3215? {
        io.channels.addresses.lazy.compactMap { self.console(at: $0) }.first
    }
}

func hex4(_ v: UInt16) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 3 - s.count)) + s
}

func hex16(_ v: UInt64) -> String {
    let s = String(v, radix: 16, uppercase: true)
    let padded = String(repeating: "0", count: max(0, 16 - s.count)) + s
    return padded.prefix(8) + " " + padded.suffix(8)
}
