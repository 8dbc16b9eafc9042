import Logging
import Synchronization

/// What every connection shares: the application's hooks, the limits, the
/// failed-login counts and the table of live connections. Thread-safe: the
/// mutable parts sit behind mutexes, touched briefly.
final class ServerContext: Sendable {
    let authenticator: SSHAuthenticator
    let application: SSHApplication
    let limits: SSHServerLimits
    let limiter: LoginRateLimiter
    let logger: Logger
    private let publicUserName: Mutex<String?>
    private let unauthenticated = Mutex(0)
    private let connections = Mutex<[Int: Connection]>([:])
    private let nextIdentifier = Mutex(1)

    init(authenticator: SSHAuthenticator, application: SSHApplication, publicUser: String?,
         limits: SSHServerLimits, logger: Logger) {
        self.authenticator = authenticator
        self.application = application
        self.limits = limits
        self.limiter = LoginRateLimiter(limits: limits)
        self.logger = logger
        self.publicUserName = Mutex(publicUser)
    }

    var publicUser: String? {
        get { publicUserName.withLock { $0 } }
        set { publicUserName.withLock { $0 = newValue } }
    }

    /// Whether `user` is the public logon name (compared as CP does userids).
    func isPublicUser(_ user: String) -> Bool {
        guard let name = publicUser else { return false }
        return name.lowercased() == user.lowercased()
    }

    func makeIdentifier() -> Int {
        nextIdentifier.withLock { value in
            defer { value += 1 }
            return value
        }
    }

    /// Counts a new connection as not yet logged on, unless that would pass the cap.
    func admitUnauthenticated() -> Bool {
        unauthenticated.withLock { count in
            guard count < limits.maxUnauthenticatedConnections else { return false }
            count += 1
            return true
        }
    }

    func leaveUnauthenticated() {
        unauthenticated.withLock { $0 -= 1 }
    }

    func register(_ connection: Connection) {
        connections.withLock { $0[connection.identifier] = connection }
    }

    func unregister(_ connection: Connection) {
        _ = connections.withLock { $0.removeValue(forKey: connection.identifier) }
    }

    var liveConnections: [Connection] {
        connections.withLock { Array($0.values) }
    }
}
