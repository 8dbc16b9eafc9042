import ArgumentParser
import CP
import Dispatch
import Foundation
import Logging
import Server

/// `vm67 serve`: the daemon. CP with its users and volumes, the SSH front
/// door, and the operator's console on this terminal when there is one.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the vm67 system: CP, its virtual machines and the SSH front door."
    )

    @Option(help: "Configuration directory (vm67.conf and user.direct).")
    var config: String = "config"

    @Option(help: "State directory: volumes, spool, host keys, logs.")
    var state: String = "var"

    @Option(help: "Listen on this address instead of the configuration's LISTEN (repeatable).")
    var listen: [String] = []

    @Flag(help: "No operator console on this terminal even if it is one.")
    var noConsole = false

    @Flag(help: "Run without the operator console and log to STATE/log/vm67.log.")
    var daemon = false

    @Option(help: "Seconds users get between the shutdown warning (SIGTERM) and the end.")
    var grace: Int = 30

    func run() throws {
        if daemon {
            try FileManager.default.createDirectory(atPath: state + "/log", withIntermediateDirectories: true)
            let sink = try FileLogHandler.Sink(path: state + "/log/vm67.log")
            LoggingSystem.bootstrap { FileLogHandler(label: $0, sink: sink) }
        } else {
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        }
        let logger = Logger(label: "vm67")
        let (system, directory) = try Self.load(config: config)
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)

        let cpLogger = Logger(label: "vm67.cp")
        let cp = ControlProgram(configuration: system, directory: directory, stateDirectory: state,
                                log: { cpLogger.info("\($0)") })
        // Checked before anything is made under the state directory.
        let addresses = listen.isEmpty ? FrontDoor.listenAddresses(system) : listen
        if let refusal = ShippedPasswords.refusal(cp: cp, listen: addresses) {
            FileHandle.standardError.write(Data("vm67 serve: \(refusal)\n".utf8))
            throw ExitCode(1)
        }
        for line in cp.initializeVolumes() { cpLogger.info("\(line)") }
        cp.start()
        let server = try FrontDoor.makeServer(cp: cp, stateDirectory: state, logger: Logger(label: "vm67.ssh"),
                                              listen: listen.isEmpty ? nil : listen)
        try server.start()
        logger.info("\(system.systemName) ONLINE: \(directory.order.count) users; ssh on \(server.listeningAddresses.joined(separator: ", "))")

        let stopping = ShutdownOnce(cp: cp, server: server, logger: logger)
        cp.onShutdownRequest = { stopping.run() }
        // The first SIGTERM warns the users and gives them the grace period
        // (none when nobody is at a terminal); a second one ends at once.
        // Either way every acknowledged write is flushed before exit.
        let signals = SignalCount()
        let grace = self.grace
        for signal in [SIGTERM, SIGINT] {
            Self.trap(signal) {
                let users = cp.loggedOn.filter { !$0.isDisconnected }.count
                if signals.next() > 1 || users == 0 || grace == 0 {
                    stopping.run()
                } else {
                    logger.notice("shutdown requested: \(users) users warned, \(grace) s grace")
                    cp.requestShutdown(graceSeconds: grace, by: "SYSTEM")
                }
            }
        }
        Self.trap(SIGHUP) { Self.reloadDirectory(cp: cp, config: config, logger: logger) }

        for userid in system.autolog {
            if case .refused(let message) = cp.autolog(userid) {
                logger.warning("AUTOLOG \(userid) failed: \(message.code) \(message.text)")
            }
        }
        if !noConsole && !daemon && isatty(STDIN_FILENO) == 1, directory.entry("OPERATOR") != nil {
            let console = LocalOperatorConsole(cp: cp, userid: "OPERATOR") { reason in
                if reason == .shutdown { stopping.run() }
            }
            _ = console.start()
        }
        dispatchMain()
    }

    /// The system configuration and the directory, checked against each
    /// other; every error names its file and line, and none is tolerated.
    static func load(config: String) throws -> (SystemConfiguration, UserDirectory) {
        let systemPath = config + "/vm67.conf", directoryPath = config + "/user.direct"
        guard let systemText = try? String(contentsOfFile: systemPath, encoding: .utf8) else {
            throw ValidationError("cannot read \(systemPath)")
        }
        guard let directoryText = try? String(contentsOfFile: directoryPath, encoding: .utf8) else {
            throw ValidationError("cannot read \(directoryPath)")
        }
        let (system, systemErrors) = SystemConfiguration.parse(systemText, file: systemPath)
        let (directory, directoryErrors) = UserDirectory.parse(directoryText, file: directoryPath)
        var errors = systemErrors + directoryErrors
        if errors.isEmpty { errors = validateDirectory(directory, against: system) }
        guard errors.isEmpty else {
            for error in errors { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
            throw ExitCode(1)
        }
        return (system, directory)
    }

    /// SIGHUP: the directory is read again; an error keeps the old one.
    static func reloadDirectory(cp: ControlProgram, config: String, logger: Logger) {
        let path = config + "/user.direct"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            logger.error("directory not reloaded: cannot read \(path)")
            return
        }
        let errors = cp.reloadDirectory(text, file: path)
        if errors.isEmpty {
            logger.info("directory reloaded from \(path)")
        } else {
            for error in errors { logger.error("directory not reloaded: \(error)") }
        }
    }

    /// Runs `handler` on the main queue when `signal` arrives.
    static func trap(_ number: Int32, _ handler: @escaping @Sendable () -> Void) {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
        source.setEventHandler(handler: handler)
        source.resume()
        Self.signalSources.withLock { $0.append(source) }
    }

    static let signalSources = NSLockedArray()
}

/// How many shutdown signals have arrived.
final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
}

/// Keeps the signal sources alive for the life of the process.
final class NSLockedArray: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [DispatchSourceSignal] = []
    func withLock(_ body: (inout [DispatchSourceSignal]) -> Void) { lock.withLock { body(&items) } }
}

/// Shutdown happens once, whoever asks first (SHUTDOWN, SIGTERM, ^C).
final class ShutdownOnce: @unchecked Sendable {
    private let cp: ControlProgram
    private let server: SSHServer
    private let logger: Logger
    private let lock = NSLock()
    private var started = false

    init(cp: ControlProgram, server: SSHServer, logger: Logger) {
        self.cp = cp
        self.server = server
        self.logger = logger
    }

    func run() {
        let first = lock.withLock { () -> Bool in
            defer { started = true }
            return !started
        }
        guard first else { return }
        DispatchQueue.global().async { [self] in
            logger.info("shutting down")
            cp.shutdown()
            server.stop()
            logger.info("\(cp.configuration.systemName) shut down")
            exit(0)
        }
    }
}
