import Channel
import Devices
import Foundation
import Media
import S370Core
import Synchronization

/// One user's virtual machine: a CPU with its storage, its virtual devices,
/// its console, and CP's state for it. A VM is run by one scheduler worker
/// at a time; everything here that is not behind a lock is touched only by
/// that worker. Other threads talk to it through its console (input) and
/// `post` (work to do on its worker).
public final class VirtualMachine: @unchecked Sendable {
    public let userid: String
    unowned let cp: ControlProgram
    public private(set) var entry: DirectoryEntry
    public private(set) var io: IOSystem
    public var machine: Machine { io.machine }
    public let console: VirtualConsole
    var consoleDevice: Console3215?

    /// CP mode (stopped, CP READ) or running.
    public enum RunState: Sendable { case cpRead, running }
    public internal(set) var runState: RunState = .cpRead
    public internal(set) var settings = UserSettings()
    var lineEditing = LineEditing()
    public let logonTime = Date()
    /// Host seconds spent running the guest, and in CP for it.
    public internal(set) var virtualCPUSeconds = 0.0
    public internal(set) var totalCPUSeconds = 0.0
    public internal(set) var isDisconnected = false
    /// ADSTOP address, if set.
    var adstop: UInt32?
    /// CP mode was entered with the attention key (for SET RUN ON).
    var stoppedByAttention = false
    /// TRACE settings; a traced event with NORUN asks for CP READ.
    var trace = TraceSettings()
    var traceStopRequested = false
    /// Named saved segments loaded by DIAG X'64'.
    var loadedSegments: Set<String> = []
    /// Counts IPLs, so a DIAGNOSE X'08' that IPLed leaves the new system's registers alone.
    var iplCount = 0
    /// CP's view of the virtual devices, by address.
    var deviceInfo: [UInt16: VirtualDeviceInfo] = [:]
    /// Messages from setting up the directory's devices (minidisks that
    /// could not be linked), shown before LOGON AT.
    var pendingLogonMessages: [String] = []
    /// A CP prompt waiting for its answer (LINK's `ENTER READ PASSWORD:`):
    /// the next console line goes here instead of to CP or the guest.
    var pendingPrompt: ((VirtualMachine, String) -> Void)?
    /// START I/O instructions issued (INDICATE USER, accounting).
    var startIOCount = 0
    /// DIAGNOSE X'54': PA2 gives the guest an external interruption.
    var pa2External = false

    /// The virtual console's address, if the VM has one.
    var consoleAddress: UInt16? {
        deviceInfo.first(where: { $0.value.kind == .console })?.key
    }

    /// Work posted from other threads, run on the VM's worker.
    private let posted = Mutex<[@Sendable (VirtualMachine) -> Void]>([])
    let scheduling = SchedulingState()

    init(cp: ControlProgram, entry: DirectoryEntry) {
        self.cp = cp
        self.userid = entry.userid
        self.entry = entry
        self.console = VirtualConsole()
        let machine = Machine(model: entry.options.contains("MODEL67") ? .s360_67 : .s370, storageSize: entry.storage,
                              facilities: entry.options.contains("MODEL67") ? [] : [.ext370],
                              storageCapacity: Storage.maximumSize)
        machine.state.timerMode = .cpuTime
        machine.state.stopOnProgramInterruptionLoop = true
        machine.state.ecModeAvailable = entry.options.contains("ECMODE")
        if let cpuid = entry.cpuid, let serial = UInt32(cpuid, radix: 16) { machine.state.cpuSerial = serial }
        machine.state.cpuVersion = 0xFF      // STIDP under VM: version X'FF'
        self.io = IOSystem(machine: machine)
        // CONSOLE vaddr type class: the console file's class (T when not given).
        console.spool.update { $0.spoolClass = entry.consoleClass?.first ?? "T" }
        lineEditing.lineEnd = entry.lineEnd
        lineEditing.lineDelete = entry.lineDelete
        lineEditing.characterDelete = entry.characterDelete
        lineEditing.escape = entry.escape
        if entry.options.contains("REALTIMER") {
            settings.timer = .real
            machine.state.timerMode = .wallClock
        }
        console.onInput = { [unowned self] in
            self.machine.requestWake()
            self.cp.scheduler.wake(self, interactive: true)
        }
        io.channels.setWakeHook { [unowned self] in
            self.machine.requestWake()
            self.cp.scheduler.wake(self, interactive: false)
        }
    }

    /// Builds the virtual devices from the directory entry.
    func configureDevices() throws {
        attachConsole(at: entry.consoleAddress ?? 0x009, type: entry.consoleType ?? "3215")
        try cp.devices.attachDirectoryDevices(for: self)
        pendingLogonMessages = cp.devices.attachMinidisks(for: self) + cp.devices.attachDedicated(for: self)
    }

    /// The virtual console: a 3215 (or 1052) whose other end is the user's terminal.
    func attachConsole(at address: UInt16, type: String) {
        let device = Console3215(type: type == "1052" ? 0x1052 : 0x3215, endpoint: console)
        consoleDevice = device
        io.channels.attach(device, at: address)
        deviceInfo[address] = VirtualDeviceInfo(kind: .console, type: type)
    }

    // MARK: Output

    /// CP output to the user's console.
    func say(_ lines: String...) { console.say(lines) }
    func say(_ lines: [String]) { console.say(lines) }

    /// An error message, shown as SET EMSG asks.
    func say(_ message: CPMessage) {
        if let line = message.line(settings.emsg) { console.say([line]) }
    }

    // MARK: Work from other threads

    /// Runs `work` on the VM's worker, soon.
    func post(_ work: @escaping @Sendable (VirtualMachine) -> Void) {
        posted.withLock { $0.append(work) }
        cp.scheduler.wake(self, interactive: true)
    }

    func runPosted() {
        let items = posted.withLock { list -> [@Sendable (VirtualMachine) -> Void] in
            defer { list.removeAll() }
            return list
        }
        for item in items { item(self) }
    }

    var hasPostedWork: Bool { posted.withLock { !$0.isEmpty } }

    /// Nothing typed or posted is waiting to be processed (tests wait for this).
    public var isIdleForTests: Bool { !console.hasInput && !hasPostedWork }

    // MARK: States

    /// Stops the VM and puts the console in CP READ.
    func enterCPMode() {
        runState = .cpRead
        updateStatus()
    }

    /// Lets the VM run (BEGIN, IPL).
    func resume() {
        runState = .running
        stoppedByAttention = false
        machine.state.startTimers()
        updateStatus()
        cp.scheduler.wake(self, interactive: false)
    }

    /// The status word from the VM's state.
    func updateStatus() {
        switch runState {
        case .cpRead: console.setStatus(.cpRead)
        case .running: console.setStatus(console.guestReading ? .vmRead : .running)
        }
    }

    // MARK: Storage size

    /// DEFINE STORAGE: a new machine of the new size; devices move over.
    func redefineStorage(_ size: Int) {
        vmcfUnauthorize()
        let old = io
        let machine = Machine(model: old.machine.model, storageSize: size, facilities: old.machine.state.facilities,
                              storageCapacity: Storage.maximumSize)
        machine.state.timerMode = old.machine.state.timerMode
        machine.state.stopOnProgramInterruptionLoop = true
        machine.state.ecModeAvailable = old.machine.state.ecModeAvailable
        machine.state.cpuSerial = old.machine.state.cpuSerial
        machine.state.cpuVersion = 0xFF
        let fresh = IOSystem(machine: machine)
        for address in old.channels.addresses {
            if let device = old.channels.device(at: address) {
                old.channels.detach(address)
                fresh.channels.attach(device, at: address)
            }
        }
        fresh.channels.setWakeHook { [unowned self] in
            self.machine.requestWake()
            self.cp.scheduler.wake(self, interactive: false)
        }
        io = fresh
        entry.storage = size
        loadedSegments = []
    }
}

/// The scheduler's view of a VM, shared between threads.
final class SchedulingState: @unchecked Sendable {
    enum Phase { case idle, queued, running }
    struct State {
        var phase: Phase = .idle
        /// Something happened while the VM was running or queued: look again before parking.
        var pending = false
        var interactive = false
        /// Instructions run since the last terminal interaction (for the Q1→Q2 drop).
        var sinceInteraction = 0
        var wakeAt: UInt64? = nil
        /// An interactive machine is waiting for a worker: end this slice early.
        var preempt = false
        /// The slice being run is a Q2 (non-interactive) one.
        var runningQ2 = false
    }
    let state = Mutex(State())
}
