import CLibSSH
import Dispatch
import Foundation
import Logging

/// vm67's SSH front door, on libssh in server mode.
///
/// Each connection lives on its own serial Dispatch queue, driven by read and
/// write sources on its socket; accepting runs on one more queue. No call
/// waits on the network, so a slow or hostile client holds up nobody else.
/// Logins are checked by the application's `SSHAuthenticator`; a logged-on
/// user's session or command is handed to its `SSHApplication`.
public final class SSHServer: @unchecked Sendable {
    /// The default listen address of `vm67 serve`.
    public static let defaultListenAddress = "127.0.0.1:2367"

    private let listenAddresses: [String]
    private let hostKeyDirectory: String
    private let keys: [SSHHostKeyInfo]
    private let context: ServerContext
    private let acceptQueue = DispatchQueue(label: "vm67.ssh.accept")
    /// Guarded by `lock`: set by `start`, taken by `stop`.
    private let lock = NSLock()
    private var bind: ssh_bind?
    private var listeners: [Listener] = []
    private var stopped = false

    /// Checks the listen addresses and loads the host keys from
    /// `<stateDirectory>/hostkeys`, making them first if that directory holds
    /// none (the first start). A key file that is there but cannot be used is
    /// an error (`HostKeyError`, with path and reason), never replaced.
    ///
    /// - Parameters:
    ///   - listen: `host:port` or `[v6-address]:port` entries; port 0 picks a free port.
    ///   - stateDirectory: the daemon's state (`var/`).
    ///   - publicUser: the name anyone may log on as without a password (the
    ///     logo screen, as on a real 3270); nil for none.
    ///   - logger: gets one line per event (connections, logins, failures,
    ///     disconnections, host keys).
    public init(listen: [String], stateDirectory: String, authenticator: any SSHAuthenticator,
                application: any SSHApplication, publicUser: String? = nil, limits: SSHServerLimits = SSHServerLimits(),
                logger: Logger) throws {
        guard !listen.isEmpty else { throw SSHServerError.badListenAddress("", reason: "no address to listen on") }
        for address in listen { _ = try Sockets.parse(address) }
        ssh_init()
        listenAddresses = listen
        hostKeyDirectory = Self.hostKeyDirectory(stateDirectory: stateDirectory)
        let loaded = try HostKeyStore.loadOrCreate(directory: hostKeyDirectory) { directory in
            logger.notice("ssh: made new host keys in \(directory)")
        }
        keys = loaded.map(\.info)
        loaded.forEach { $0.release() }
        context = ServerContext(authenticator: authenticator, application: application, publicUser: publicUser,
                                limits: limits, logger: logger)
    }

    deinit {
        stop()
    }

    /// Where the host keys of a state directory live.
    public static func hostKeyDirectory(stateDirectory: String) -> String {
        (stateDirectory as NSString).appendingPathComponent("hostkeys")
    }

    /// The host keys of a state directory, for `vm67 hostkeys`. Reads the
    /// keys, never makes them: throws `HostKeyError` if they are missing or
    /// unusable.
    public static func hostKeys(stateDirectory: String) throws -> [SSHHostKeyInfo] {
        let loaded = try HostKeyStore.load(directory: hostKeyDirectory(stateDirectory: stateDirectory))
        defer { loaded.forEach { $0.release() } }
        return loaded.map(\.info)
    }

    /// This server's host keys.
    public var hostKeys: [SSHHostKeyInfo] { keys }

    /// The user who may log on without a password; nil switches that off.
    /// New logins see a change at once.
    public var publicUser: String? {
        get { context.publicUser }
        set { context.publicUser = newValue }
    }

    /// The addresses actually listened on (a port 0 replaced by the real one);
    /// empty before `start` and after `stop`.
    public var listeningAddresses: [String] {
        lock.withLock { listeners.map(\.address) }
    }

    /// Opens every listening socket and starts accepting. Throws (and listens
    /// on nothing) if any address cannot be used. Raises the open-file limit,
    /// since every session holds a socket.
    public func start() throws {
        let alreadyStarted = lock.withLock { self.bind != nil || stopped }
        guard !alreadyStarted else { throw SSHServerError.libssh("a server starts once") }
        // A client that hangs up while libssh writes to it must cost only
        // its own connection (EPIPE), not raise SIGPIPE in the daemon.
        signal(SIGPIPE, SIG_IGN)
        if let limit = FileLimits.raiseDescriptorLimit() {
            context.logger.info("ssh: up to \(limit) open files")
        }
        var sockets: [(descriptor: Int32, bound: String)] = []
        do {
            for address in listenAddresses { sockets.append(try Sockets.listen(on: address)) }
        } catch {
            sockets.forEach { close($0.descriptor) }
            throw error
        }
        let bind: ssh_bind
        do {
            bind = try makeBind()
        } catch {
            sockets.forEach { close($0.descriptor) }
            throw error
        }
        let listeners = sockets.map {
            Listener(address: $0.bound, descriptor: $0.descriptor, queue: acceptQueue, bind: bind, context: context)
        }
        lock.withLock {
            self.bind = bind
            self.listeners = listeners
        }
        for key in keys { context.logger.notice("ssh: host key \(key)") }
        for listener in listeners {
            listener.start()
            context.logger.notice("ssh: listening on \(listener.address)")
        }
    }

    /// Stops accepting, ends every connection (each session's handler hears
    /// `.serverStopping`), and closes the sockets. Waits for that, at most
    /// 10 seconds. Must not be called from a session's handler.
    public func stop() {
        let (bind, listeners, alreadyStopped) = lock.withLock {
            defer { (self.bind, self.listeners, stopped) = (nil, [], true) }
            return (self.bind, self.listeners, stopped)
        }
        guard !alreadyStopped, let bind else { return }
        listeners.forEach { $0.stop() }
        let done = DispatchGroup()
        for connection in context.liveConnections {
            connection.terminate(.serverStopping, done: done)
        }
        if done.wait(timeout: .now() + 10) == .timedOut {
            context.logger.warning("ssh: some connections did not close within 10 s")
        }
        // Accepting has stopped (the accept queue drained in Listener.stop),
        // so nothing uses the bind any more.
        acceptQueue.sync {}
        ssh_bind_free(bind)
        context.logger.notice("ssh: stopped")
    }

    /// An ssh_bind that only holds the host keys and settings: the sockets are
    /// the server's own, handed over with ssh_bind_accept_fd.
    private func makeBind() throws -> ssh_bind {
        guard let bind = ssh_bind_new() else { throw SSHServerError.libssh("cannot create a bind") }
        var noConfiguration = false  // ignore /etc/libssh/libssh_server.config
        var quiet: Int32 = 0
        guard ssh_bind_options_set(bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &noConfiguration) == SSH_OK,
              ssh_bind_options_set(bind, SSH_BIND_OPTIONS_LOG_VERBOSITY, &quiet) == SSH_OK else {
            let reason = String(cString: ssh_get_error(UnsafeMutableRawPointer(bind)))
            ssh_bind_free(bind)
            throw SSHServerError.libssh(reason)
        }
        // The bind takes ownership of the keys it is given, so it gets its own copies.
        var loaded = try HostKeyStore.load(directory: hostKeyDirectory)[...]
        while let key = loaded.popFirst() {
            guard ssh_bind_options_set(bind, SSH_BIND_OPTIONS_IMPORT_KEY, UnsafeRawPointer(key.key)) == SSH_OK else {
                let reason = String(cString: ssh_get_error(UnsafeMutableRawPointer(bind)))
                key.release()
                loaded.forEach { $0.release() }
                ssh_bind_free(bind)
                throw SSHServerError.libssh("host key \(key.info.path): \(reason)")
            }
        }
        return bind
    }
}
