import Synchronization

/// One entry of the software TLB: a 2 KB block of logical addresses and the
/// host address of the absolute block it maps to. Entries are installed only
/// after every check for the access type passed (translation, addressing,
/// key protection) and the reference (and, for stores, change) bit was set,
/// so a hit needs no further checks.
struct TLBEntry {
    /// Logical address >> 11, or `TLBEntry.invalidTag`.
    var tag: UInt32
    /// Host address of the start of the absolute 2 KB block.
    var block: UnsafeMutablePointer<UInt8>

    static let invalidTag: UInt32 = .max
}

/// What an intercepted instruction asks of the layer above. The instruction
/// address has already been advanced past the instruction; the layer above
/// performs the operation, sets the condition code (or registers), and runs
/// the CPU again, or raises a program interruption with
/// `Machine.raiseProgramInterruption`.
public enum Intercept: Sendable, Equatable {
    /// SIO, SIOF, TIO, CLRIO, HIO, HDV, TCH: the operation and the
    /// effective address (channel and device in bits 16–31).
    case io(IOInstruction, address: UInt32)
    /// STIDC: the channel address in bits 16–23 of `address`.
    case storeChannelID(address: UInt32)
    /// DIAGNOSE: the R1 and R3 fields and the effective address (the code).
    case diagnose(r1: Int, r3: Int, code: UInt32)
    /// SIGP: R1 (status register), R3 (parameter), effective address (order and CPU address).
    case signalProcessor(r1: Int, r3: Int, address: UInt32)
    /// WRD / RDD (direct control): the effective address and the I2 byte.
    case directControl(read: Bool, address: UInt32, immediate: UInt8)
    /// The instruction at the address-stop address is about to run (CP's
    /// ADSTOP); the PSW points at it and it has not run.
    case addressStop(UInt32)
    /// Program interruption `code` happened at the address of the program
    /// new PSW with the same state: the machine would loop (only when
    /// `stopOnProgramInterruptionLoop` is set). The interruption was taken.
    case programInterruptionLoop(code: UInt16)
}

/// An interruption as it happens, for tracing (CP's TRACE).
public struct InterruptionEvent: Sendable {
    public enum Kind: String, Sendable { case program = "PROG", svc = "SVC", external = "EXT", io = "I/O", restart = "RST", machineCheck = "MCK" }
    public let kind: Kind
    public let code: UInt16
    public let oldPSW: UInt64
    public let newPSW: UInt64
}

public enum IOInstruction: String, Sendable {
    case startIO = "SIO", startIOFastRelease = "SIOF", testIO = "TIO", clearIO = "CLRIO"
    case haltIO = "HIO", haltDevice = "HDV", testChannel = "TCH"
}

/// The architected state of one CPU: registers, PSW, prefix, timers, plus the
/// caches the interpreter keeps (TLB, current instruction block). All hot
/// fields are plain stored properties or raw pointers; no arrays, no
/// existentials. A `CPUState` is owned by one thread at a time.
public final class CPUState: @unchecked Sendable {
    public let model: MachineModel
    public let storage: Storage

    // MARK: Registers
    /// General registers 0–15.
    public let gpr: UnsafeMutablePointer<UInt32>
    /// Floating-point registers: FPR n (n = 0, 2, 4, 6) in slot n; odd slots unused.
    public let fpr: UnsafeMutablePointer<UInt64>
    /// Control registers 0–15.
    public let cr: UnsafeMutablePointer<UInt32>

    // MARK: PSW, held decoded
    /// Instruction address. While an instruction runs it already points past it.
    public internal(set) var ia: UInt32 = 0
    public internal(set) var cc: UInt8 = 0
    /// Program mask: 8 fixed-point overflow, 4 decimal overflow, 2 exponent underflow, 1 significance.
    public internal(set) var programMask: UInt8 = 0
    public internal(set) var key: UInt8 = 0
    /// PSW bits 0–7. BC mode: channel masks 0–5 (bits 0–5), channels 6 and up (bit 6), external (bit 7).
    /// EC mode: PER (bit 1), DAT (bit 5), I/O (bit 6), external (bit 7).
    public internal(set) var systemMask: UInt8 = 0
    /// S/370 EC mode (PSW bit 12). On the 360/67, the extended PSW mode of control register 6.
    public internal(set) var ecMode = false
    public internal(set) var machineCheckMask = false
    public internal(set) var waitState = false
    public internal(set) var problemState = false
    /// 360/67 only: 32-bit addressing (extended PSW bit 4).
    public internal(set) var addressing32 = false

    /// Address mask for instruction and operand addresses.
    var addressMask: UInt32 = 0x00FF_FFFF
    /// Dynamic address translation is on.
    var translating = false

    /// Set when a PSW was loaded that does not pass the validity checks; the
    /// specification exception is recognised before the next instruction.
    var invalidPSW: UInt64? = nil

    // MARK: Other architected state
    public internal(set) var prefix: UInt32 = 0
    /// CPU address (STAP, external interruptions).
    public var cpuAddress: UInt16 = 0
    /// CPU identification for STIDP: version, serial (6 hex digits), model.
    public var cpuVersion: UInt8 = 0
    public var cpuSerial: UInt32 = 0x067067
    public var cpuModelNumber: UInt16 = 0x3158

    // MARK: Timing
    /// TOD clock offset: guest TOD = host TOD + offset (SET CLOCK changes it).
    var todOffset: Int64 = 0
    /// Last TOD value handed out, to keep STCK strictly increasing.
    var lastTOD: UInt64 = 0
    public internal(set) var clockComparator: UInt64 = 0
    /// CPU timer value (bit 51 = 1 µs), as of `timerStamp`.
    var cpuTimerBase: Int64 = 0
    /// Host TOD up to which the interval timer and CPU timer have been advanced.
    var timerStamp: UInt64 = hostTOD()
    /// How the timers advance; see `TimerMode`.
    public var timerMode: TimerMode = .wallClock
    /// Sub-unit remainder of the interval timer, in host TOD units.
    var intervalTimerRemainder: UInt64 = 0
    /// The interval timer runs (it may be switched off, as with a real timer switch).
    public var intervalTimerEnabled = true

    // MARK: Interruption state
    /// Pending external interruption conditions (`ExternalCondition` bits).
    var externalPending: UInt32 = 0
    /// The code and the storage preparation of the pending host signal
    /// (`ExternalCondition.hostSignal`), set by `Machine.makeExternalPending`.
    var hostSignalCode: UInt16 = 0
    var hostSignalPrepare: (() -> Bool)? = nil
    /// Channels (bit 31 - n for channel n) with an I/O interruption pending,
    /// kept by the channel layer. When one of them is enabled the loop
    /// stops with `.ioInterruptionPending` so that layer can present it.
    public var ioPendingChannels: UInt32 = 0
    /// Set by the layer above: a restart interruption is wanted.
    var restartPending = false
    /// Requests from other threads (`Request` bits), seen at the next check.
    let requests = Atomic<UInt32>(0)
    /// The intercept the loop is leaving for.
    var pendingIntercept: Intercept? = nil
    /// Stored with a segment or page translation exception (location 144).
    var translationExceptionAddress: UInt32 = 0
    /// Stored with a monitor-event program interruption (locations 148 and 156).
    var monitorClass: UInt8 = 0
    var monitorCode: UInt32 = 0
    /// Code of the most recent program interruption (for tests and TRACE).
    public var lastProgramInterruption: UInt16? = nil
    /// Called on every interruption when set (tracing; never on the hot path).
    public var interruptionObserver: ((InterruptionEvent) -> Void)? = nil
    /// The address-stop address: the CPU leaves with `.addressStop` before
    /// running the instruction there. Instructions in its 2 KB block always
    /// take the slow fetch path, so the check costs nothing elsewhere.
    public var stopAddress: UInt32? = nil {
        didSet { instructionTag = TLBEntry.invalidTag; passedStop = false }
    }
    /// The stop was just reported; the next fetch there runs the instruction.
    var passedStop = false
    /// Leave with `.programInterruptionLoop` when a program interruption
    /// happens on the first instruction of the program-interruption handler
    /// itself (a machine spinning through its program new PSW). Real
    /// hardware spins forever; a control program stops the virtual machine.
    public var stopOnProgramInterruptionLoop = false
    /// S/370 only: whether EC-mode PSWs are allowed. A control program
    /// clears it for virtual machines that are BC-mode only.
    public var ecModeAvailable = true
    var programLoopDetected: UInt16? = nil

    // MARK: Interpreter caches
    let tlbRead: UnsafeMutablePointer<TLBEntry>
    let tlbWrite: UnsafeMutablePointer<TLBEntry>
    static let tlbSize = 1024
    /// Logical block (ia >> 11) whose host address is in `instructionBlock`.
    var instructionTag: UInt32 = TLBEntry.invalidTag
    var instructionBlock: UnsafeMutablePointer<UInt8>
    /// Scratch bytes for an instruction that crosses a block boundary and for EXECUTE.
    let fetchBuffer: UnsafeMutablePointer<UInt8>
    let executeBuffer: UnsafeMutablePointer<UInt8>
    /// Address of the instruction being executed (for nullification and ILC).
    var instructionAddress: UInt32 = 0
    /// True while the target of an EXECUTE runs; `executeTarget` is its address
    /// (relative branches are relative to it, not to the EXECUTE).
    var executing = false
    var executeTarget: UInt32 = 0

    // MARK: Configuration
    public internal(set) var facilities: Facilities
    var ext370: Bool

    // MARK: Statistics
    /// Instructions executed since the machine was created (EXECUTE and its target count once).
    public internal(set) var instructionCount: UInt64 = 0

    init(model: MachineModel, storage: Storage, facilities: Facilities) {
        self.model = model
        self.storage = storage
        self.facilities = model == .s370 ? facilities : []
        self.ext370 = model == .s370 && facilities.contains(.ext370)
        gpr = .allocate(capacity: 16)
        gpr.initialize(repeating: 0, count: 16)
        fpr = .allocate(capacity: 8)
        fpr.initialize(repeating: 0, count: 8)
        cr = .allocate(capacity: 16)
        cr.initialize(repeating: 0, count: 16)
        tlbRead = .allocate(capacity: CPUState.tlbSize)
        tlbRead.initialize(repeating: TLBEntry(tag: TLBEntry.invalidTag, block: storage.bytes),
                           count: CPUState.tlbSize)
        tlbWrite = .allocate(capacity: CPUState.tlbSize)
        tlbWrite.initialize(repeating: TLBEntry(tag: TLBEntry.invalidTag, block: storage.bytes),
                            count: CPUState.tlbSize)
        instructionBlock = storage.bytes
        fetchBuffer = .allocate(capacity: 8)
        fetchBuffer.initialize(repeating: 0, count: 8)
        executeBuffer = .allocate(capacity: 8)
        executeBuffer.initialize(repeating: 0, count: 8)
    }

    deinit {
        gpr.deallocate()
        fpr.deallocate()
        cr.deallocate()
        tlbRead.deallocate()
        tlbWrite.deallocate()
        fetchBuffer.deallocate()
        executeBuffer.deallocate()
    }

    func setFacilities(_ new: Facilities) {
        facilities = model == .s370 ? new : []
        ext370 = facilities.contains(.ext370)
    }

    /// Forgets every cached translation and permission. Called whenever
    /// anything they depend on changes: DAT on/off, control registers, the
    /// PSW key, storage keys, the prefix, PTLB.
    @inline(never)
    func purgeTLB() {
        for i in 0..<CPUState.tlbSize {
            tlbRead[i].tag = TLBEntry.invalidTag
            tlbWrite[i].tag = TLBEntry.invalidTag
        }
        instructionTag = TLBEntry.invalidTag
    }
}

/// External interruption conditions, in the order the CPU presents them.
struct ExternalCondition {
    static let malfunctionAlert: UInt32 = 1 << 0
    static let emergencySignal: UInt32 = 1 << 1
    static let externalCall: UInt32 = 1 << 2
    static let clockComparator: UInt32 = 1 << 3
    static let cpuTimer: UInt32 = 1 << 4
    static let intervalTimer: UInt32 = 1 << 5
    static let interruptKey: UInt32 = 1 << 6
    static let externalSignal: UInt32 = 1 << 7
    /// An interruption the layer above (a hypervisor) makes pending with a
    /// code of its choosing (`Machine.makeExternalPending`).
    static let hostSignal: UInt32 = 1 << 8
}

/// Requests posted by other threads.
struct Request {
    static let stop: UInt32 = 1 << 0
    static let interruptKey: UInt32 = 1 << 1
    static let externalCall: UInt32 = 1 << 2
    static let emergencySignal: UInt32 = 1 << 3
    static let ioPending: UInt32 = 1 << 4
    static let restart: UInt32 = 1 << 5
    static let wake: UInt32 = 1 << 6
}
