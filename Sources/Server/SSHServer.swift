import CLibSSH
import Dispatch
import Foundation

/// vm67's SSH front door, on libssh in server mode.
///
/// Each connection lives on its own serial Dispatch queue, driven by read and
/// write sources on its socket; accepting runs on one more queue. No call
/// waits on the network, so a slow or hostile client holds up nobody else.
/// Logins are checked by the application's `SSHAuthenticator`; a logged-on
/// user's shell or command is handed to its `SSHApplication`.
public final class SSHServer: @unchecked Sendable {
    private let listenAddresses: [String]
    private let hostKeyDirectory: String
    private let hostKeys: [HostKey]
    private let context: ServerContext
    private let acceptQueue = DispatchQueue(label: "vm67.ssh.accept")
    /// Guarded by `lock`: set by `start`, taken by `stop`.
    private let lock = NSLock()
    private var bind: ssh_bind?
    private var listeners: [Listener] = []
    private var stopped = false

    /// - Parameters:
    ///   - listen: `host:port` or `[v6-address]:port` entries; port 0 picks a free port.
    ///   - hostKeyDirectory: where the host keys live (`<state>/hostkeys`); made,
    ///     with the keys, at the first start.
    ///   - publicUser: the name anyone may log on as with no password (the
    ///     logo screen, as on a real 3270); nil for none.
    ///   - log: receives one line per event.
    public init(listen: [String], hostKeyDirectory: String, authenticator: SSHAuthenticator,
                application: SSHApplication, publicUser: String?, limits: SSHServerLimits = SSHServerLimits(),
                log: @escaping @Sendable (String) -> Void) throws {
        for address in listen { _ = try Sockets.parse(address) }
        guard !listen.isEmpty else { throw SSHServerError.badListenAddress("", reason: "no address to listen on") }
        ssh_init()
        listenAddresses = listen
        self.hostKeyDirectory = hostKeyDirectory
        hostKeys = try HostKeyStore.loadOrCreate(directory: hostKeyDirectory, log: log)
        context = ServerContext(authenticator: authenticator, application: application, publicUser: publicUser,
                                limits: limits, log: log)
    }

    deinit {
        stop()
        hostKeys.forEach { $0.release() }
    }

    /// The user who may log on without a password; nil switches that off.
    /// New logins see a change at once.
    public var publicUser: String? {
        get { context.publicUser }
        set { context.publicUser = newValue }
    }

    /// The addresses actually listened on (a port 0 replaced by the real one);
    /// empty before `start`.
    public var listeningAddresses: [String] {
        lock.withLock { listeners.map(\.address) }
    }

    /// Host key fingerprints, as logged at start: `SHA256:… (TYPE) path`.
    public var fingerprints: [String] { hostKeys.map(\.fingerprintLine) }

    /// Opens every listening socket and starts accepting. Throws (and listens
    /// on nothing) if any address cannot be used.
    public func start() throws {
        if let limit = FileLimits.raiseDescriptorLimit() {
            context.log("ssh: up to \(limit) open files")
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
        for key in hostKeys { context.log("ssh: host key \(key.fingerprintLine)") }
        for listener in listeners {
            listener.start()
            context.log("ssh: listening on \(listener.address)")
        }
    }

    /// Stops accepting, ends every connection (each handler hears
    /// `connectionClosed`), and closes the sockets. Waits for that, briefly.
    /// Must not be called from a session's own handler.
    public func stop() {
        let (bind, listeners, alreadyStopped) = lock.withLock {
            defer { (self.bind, self.listeners, stopped) = (nil, [], true) }
            return (self.bind, self.listeners, stopped)
        }
        guard !alreadyStopped, bind != nil else { return }
        listeners.forEach { $0.stop() }
        let done = DispatchGroup()
        for connection in context.liveConnections {
            connection.terminate(reason: "server stopping", done: done)
        }
        if done.wait(timeout: .now() + 10) == .timedOut {
            context.log("ssh: some connections did not close within 10 s")
        }
        // Accepting has stopped (the accept queue drained in Listener.stop),
        // so nothing uses the bind any more.
        acceptQueue.sync {}
        if let bind { ssh_bind_free(bind) }
        context.log("ssh: stopped")
    }

    /// Host key fingerprints (`SHA256:… (TYPE) path`) for `vm67 hostkeys`;
    /// reads the keys, never makes them.
    public static func fingerprints(hostKeyDirectory: String) throws -> [String] {
        let keys = try HostKeyStore.load(directory: hostKeyDirectory)
        defer { keys.forEach { $0.release() } }
        return keys.map(\.fingerprintLine)
    }

    /// The public host keys in `type base64` form, for known_hosts files.
    public static func publicKeys(hostKeyDirectory: String) throws -> [String] {
        let keys = try HostKeyStore.load(directory: hostKeyDirectory)
        defer { keys.forEach { $0.release() } }
        return keys.map(\.publicKey)
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
        var keys = try HostKeyStore.load(directory: hostKeyDirectory)[...]
        while let key = keys.popFirst() {
            guard ssh_bind_options_set(bind, SSH_BIND_OPTIONS_IMPORT_KEY, UnsafeRawPointer(key.key)) == SSH_OK else {
                let reason = String(cString: ssh_get_error(UnsafeMutableRawPointer(bind)))
                key.release()
                keys.forEach { $0.release() }
                ssh_bind_free(bind)
                throw SSHServerError.libssh("host key \(key.path): \(reason)")
            }
        }
        return bind
    }
}
