import Devices
import Foundation
import Media
import S370Core
import Synchronization

/// The control program: the directory, the users' virtual machines, the
/// real volumes and saved systems they use, the scheduler that runs them,
/// and the messages between them. Shared state lives behind one lock per
/// kind of thing; a VM's own state is touched only by its worker.
public final class ControlProgram: @unchecked Sendable {
    public let configuration: SystemConfiguration
    public let stateDirectory: String
    public let scheduler: Scheduler
    let devices: DeviceBuilder
    let volumes: VolumeSet
    /// Every link to every minidisk, and the temporary-disk space.
    let minidiskLinks = MinidiskLinks()
    /// Who has which real device or volume (DEDICATE, ATTACH).
    let realDevices = RealDevices()
    /// One record per session, written at LOGOFF.
    let accounting: AccountingLog
    let temporaryDisks: TDiskSpace
    /// Spool files (reader, printer and punch queues), kept in the spool
    /// directory across restarts.
    public let spool: SpoolSystem
    /// VMCF authorizations, messages and pending interruptions.
    let vmcf = VMCFFacility()
    /// Real printers, punches and card readers (directories on the host).
    private(set) var unitRecord: UnitRecordSystem!

    private let directoryState: Mutex<UserDirectory>
    private let users = Mutex<[String: VirtualMachine]>([:])
    private let savedSystemCache = Mutex<[String: SavedSystem]>([:])
    /// The system log: one line per event (logons, logoffs, errors).
    let log: @Sendable (String) -> Void
    private let shuttingDown = Atomic<Bool>(false)
    /// ENABLE / DISABLE: whether new logons are accepted.
    let logonsEnabled = Atomic<Bool>(true)
    /// Host CPU time of the process at the last INDICATE, for the CPU figure.
    private let cpuSample = Mutex<(wall: Double, cpu: Double)>((0, 0))
    /// SET LOGMSG text (starts as the configuration's LOGMSG lines).
    let logMessage: Mutex<[String]>
    public let startTime = Date()

    public init(configuration: SystemConfiguration, directory: UserDirectory, stateDirectory: String,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.stateDirectory = stateDirectory
        self.scheduler = Scheduler(workers: workers)
        self.directoryState = Mutex(directory)
        self.log = log
        self.logMessage = Mutex(configuration.logMessage)
        self.volumes = VolumeSet(configuration: configuration, stateDirectory: stateDirectory)
        self.temporaryDisks = TDiskSpace(pools: configuration.tdiskPools)
        self.accounting = AccountingLog(stateDirectory: stateDirectory)
        self.devices = DeviceBuilder()
        let spoolDirectory = configuration.spoolDirectory.hasPrefix("/")
            ? configuration.spoolDirectory : stateDirectory + "/" + configuration.spoolDirectory
        self.spool = SpoolSystem(directory: spoolDirectory, log: log)
        devices.cp = self
        unitRecord = UnitRecordSystem(cp: self, definitions: configuration.unitRecords)
        spool.onArrival { [unowned self] userid in
            guard let vm = self.user(userid) else { return }
            vm.post { vm in
                for address in vm.io.channels.addresses {
                    (vm.io.channels.device(at: address) as? VirtualReader)?.fileArrived()
                }
            }
        }
    }

    public func start() {
        scheduler.start()
        unitRecord.startPolling()
    }

    // MARK: Directory

    public var directory: UserDirectory { directoryState.withLock { $0 } }

    /// Swaps in a new directory if it has no errors; otherwise keeps the old one.
    public func reloadDirectory(_ text: String, file: String) -> [DirectoryError] {
        let (parsed, errors) = UserDirectory.parse(text, file: file)
        let all = errors + validateDirectory(parsed, against: configuration)
        if all.isEmpty {
            directoryState.withLock { $0 = parsed }
            log("directory reloaded from \(file): \(parsed.order.count) users")
        } else {
            log("directory \(file) has \(all.count) errors; the old directory stays in force")
        }
        return all
    }

    // MARK: Users

    public func user(_ userid: String) -> VirtualMachine? { users.withLock { $0[userid.uppercased()] } }

    /// Logged-on users, in userid order.
    public var loggedOn: [VirtualMachine] { users.withLock { $0.values.sorted { $0.userid < $1.userid } } }

    public var isShuttingDown: Bool { shuttingDown.load(ordering: .acquiring) }

    public enum LogonResult {
        case loggedOn(VirtualMachine)
        case reconnected(VirtualMachine)
        case refused(CPMessage)
    }

    /// Checks a password against the directory in the same time whether or
    /// not the user exists (no information about which userids exist). As
    /// on VM/370, where passwords are upper case, a password set in upper
    /// case may be typed in any case (`GUEST`, `guest`); one set in mixed
    /// case must be typed exactly. Every path hashes twice.
    public func checkPassword(userid: String, password: String) -> Bool {
        let entry = directory.entry(userid)
        let folded = password.uppercased()
        switch entry?.password {
        case .hashed(let hash)?:
            let exact = PasswordHash.verify(password, against: hash)
            let upper = PasswordHash.verify(folded, against: hash)
            return exact || upper
        case .plain(let clear)? where configuration.allowClearPasswords:
            _ = PasswordHash.verify(password, against: PasswordHash.decoy)
            _ = PasswordHash.verify(folded, against: PasswordHash.decoy)
            return clear == folded
        default:
            _ = PasswordHash.verify(password, against: PasswordHash.decoy)
            _ = PasswordHash.verify(folded, against: PasswordHash.decoy)
            return false
        }
    }

    /// Logs `userid` on to `connection` (the caller has checked the
    /// password or key), or reconnects to the disconnected VM.
    public func logon(userid: String, connection: TerminalConnection?, noIPL: Bool = false) -> LogonResult {
        let id = userid.uppercased()
        if isShuttingDown || shutdownRequested.load(ordering: .acquiring) { return .refused(Messages.shutdownInProgress) }
        if !logonsEnabled.load(ordering: .acquiring) && user(userid) == nil {
            return .refused(CPMessage("LOG", 60, "E", "LOGONS ARE DISABLED"))
        }
        guard let entry = directory.entry(id), entry.canLogOn else {
            return .refused(Messages.passwordIncorrect)
        }
        let existing = users.withLock { $0[id] }
        if let vm = existing {
            guard vm.isDisconnected || vm.console.connection == nil else {
                return .refused(Messages.alreadyLoggedOn(id))
            }
            vm.isDisconnected = false
            vm.console.connect(connection)
            vm.say("RECONNECTED AT \(CPClock.stamp())")
            vm.updateStatus()
            log("\(id) reconnected")
            return .reconnected(vm)
        }
        let count = users.withLock { $0.count }
        if count >= configuration.maximumUsers { return .refused(Messages.maximumUsers) }
        let vm = VirtualMachine(cp: self, entry: entry)
        do {
            try vm.configureDevices()
        } catch {
            log("\(id) logon failed: \(error)")
            return .refused(CPMessage("LOG", 80, "E", "LOGON FAILED: \(error)"))
        }
        let won = users.withLock { table -> Bool in
            if table[id] != nil { return false }
            table[id] = vm
            return true
        }
        guard won else { return .refused(Messages.alreadyLoggedOn(id)) }
        vm.console.connect(connection)
        vm.isDisconnected = connection == nil
        let lines = logMessage.withLock { $0 }
        vm.say(vm.pendingLogonMessages + lines.map { "LOGMSG - " + $0 } + ["LOGON AT \(CPClock.stamp())"])
        vm.pendingLogonMessages = []
        log("\(id) logged on\(connection == nil ? " (disconnected)" : "")")
        if let ipl = entry.ipl, !noIPL {
            vm.post { vm in _ = vm.execute(command: "IPL \(ipl)" + (entry.iplParm.map { " PARM \($0)" } ?? ""), source: .logon) }
        } else {
            vm.enterCPMode()
        }
        return .loggedOn(vm)
    }

    /// Logs a user on disconnected (AUTOLOG) and runs their IPL.
    public func autolog(_ userid: String) -> LogonResult {
        logon(userid: userid, connection: nil)
    }

    /// Ends a session: accounting line, devices detached, the VM removed.
    func logoff(_ vm: VirtualMachine, reason: SessionEnd) {
        let removed = users.withLock { table -> Bool in
            guard table[vm.userid] === vm else { return false }
            table[vm.userid] = nil
            return true
        }
        guard removed else { return }
        vmcfNotify(vmcf.logoff(vm.userid))
        let connect = Date().timeIntervalSince(vm.logonTime)
        vm.say("CONNECT= \(CPClock.duration(connect)) VIRTCPU= \(CPClock.cpuTime(vm.virtualCPUSeconds)) TOTCPU= \(CPClock.cpuTime(vm.totalCPUSeconds))",
               "LOGOFF AT \(CPClock.stamp())")
        vm.detachAllDevices()
        vm.console.connection?.sessionEnded(reason)
        vm.console.connect(nil)
        if let error = accounting.write(.init(userid: vm.userid, account: vm.entry.account ?? vm.userid,
                                              logon: vm.logonTime, logoff: Date(), virtualCPU: vm.virtualCPUSeconds,
                                              totalCPU: vm.totalCPUSeconds, startIOs: vm.startIOCount)) {
            log("accounting record for \(vm.userid) not written: \(error)")
        }
        log("\(vm.userid) logged off" + (reason == .loggedOff ? "" : " (\(reason))"))
    }

    /// DISCONNECT: the VM runs on without a terminal.
    func disconnect(_ vm: VirtualMachine) {
        vm.say("DISCONNECT AT \(CPClock.stamp())")
        vm.isDisconnected = true
        let connection = vm.console.connection
        vm.console.connect(nil)
        connection?.sessionEnded(.disconnected)
        log("\(vm.userid) disconnected")
    }

    /// The terminal went away without LOGOFF (a dropped SSH connection).
    public func connectionLost(_ vm: VirtualMachine) {
        guard vm.console.connection != nil else { return }
        dropConnection(vm)
    }

    /// The terminal `connection` went away without LOGOFF: the VM is
    /// disconnected and runs on, unless another terminal has reconnected
    /// to it meanwhile.
    public func connectionLost(_ vm: VirtualMachine, from connection: TerminalConnection) {
        guard vm.console.connection === connection else { return }
        dropConnection(vm)
    }

    private func dropConnection(_ vm: VirtualMachine) {
        vm.isDisconnected = true
        vm.console.connect(nil)
        log("\(vm.userid) disconnected (connection lost)")
    }

    // MARK: Messages between users

    enum MessageKind { case message, warning, noHeader }

    /// Delivers a message to `target`'s console as MSG/WARNING/MSGNOH do.
    /// Returns false when the target does not receive it.
    func deliver(_ kind: MessageKind, from sender: String, to target: VirtualMachine, text: String) -> Bool {
        let settings = target.settings
        switch kind {
        case .message: guard settings.msg else { return false }
        case .warning: guard settings.wng else { return false }
        case .noHeader: break
        }
        let line: String
        switch kind {
        case .message: line = "MSG FROM \(sender.padding(8)): \(text)"
        case .warning: line = "WNG FROM \(sender.padding(8)): \(text)"
        case .noHeader: line = text
        }
        target.console.say([line])
        return true
    }

    // MARK: Saved systems

    /// A named saved system from the configuration (loaded once).
    func savedSystem(_ name: String) throws -> SavedSystem? {
        let upper = name.uppercased()
        if let cached = savedSystemCache.withLock({ $0[upper] }) { return cached }
        guard let definition = configuration.savedSystem(upper) else { return nil }
        let path = resolve(definition.file)
        let system = try SavedSystem.load(name: upper, path: path, firstPage: definition.firstPage)
        savedSystemCache.withLock { $0[upper] = system }
        return system
    }

    /// A file name from the configuration: relative to the state directory.
    func resolve(_ file: String) -> String {
        file.hasPrefix("/") ? file : stateDirectory + "/" + file
    }

    // MARK: Shutdown

    /// SHUTDOWN from a privileged user: warn everyone, wait out the grace
    /// period, then stop (the server's hook decides how the process ends).
    public var onShutdownRequest: (@Sendable () -> Void)?

    public func requestShutdown(graceSeconds: Int, by userid: String) {
        let text = graceSeconds == 0 ? "SYSTEM SHUTDOWN NOW" : "SYSTEM SHUTDOWN IN \(graceSeconds) SECONDS"
        for vm in loggedOn {
            _ = deliver(.warning, from: userid, to: vm, text: text)
        }
        log("shutdown requested by \(userid), grace \(graceSeconds) s")
        shutdownRequested.store(true, ordering: .releasing)
        Thread.detachNewThread { [self] in
            if graceSeconds > 0 { Thread.sleep(forTimeInterval: Double(graceSeconds)) }
            if let hook = self.onShutdownRequest { hook() } else { self.shutdown() }
        }
    }

    /// A SHUTDOWN is under way: new logons are refused.
    let shutdownRequested = Atomic<Bool>(false)

    /// Percentage of one host core's time the process used since the last call.
    func cpuBusyPercent() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let wall = Date().timeIntervalSince1970
        return cpuSample.withLock { sample in
            defer { sample = (wall, cpu) }
            guard sample.wall > 0, wall > sample.wall else { return 0 }
            let percent = (cpu - sample.cpu) / (wall - sample.wall) / Double(scheduler.workerCount) * 100
            return max(0, min(100, Int(percent)))
        }
    }

    /// Stops every VM and the scheduler; flushes volumes.
    public func shutdown() {
        shuttingDown.store(true, ordering: .releasing)
        for vm in loggedOn {
            vm.post { vm in vm.cp.logoff(vm, reason: .shutdown) }
        }
        let deadline = Date().addingTimeInterval(5)
        while !users.withLock({ $0.isEmpty }) && Date() < deadline { usleep(10_000) }
        scheduler.stop()
        unitRecord.stopPolling()
        volumes.closeAll()
        log("shutdown complete")
    }
}

extension String {
    /// Left-justified in `width` columns.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
