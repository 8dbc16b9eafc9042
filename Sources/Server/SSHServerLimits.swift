/// The numbers that protect the server from slow, idle, noisy or hostile
/// clients. The defaults suit a public machine; tests shrink them.
public struct SSHServerLimits: Sendable {
    /// Seconds: a connection that has not logged on by then is dropped, and
    /// so is a logged-on one that has not asked for a shell or command.
    public var preAuthenticationTimeout: Double = 60
    /// Connections still in key exchange or authentication, all sources together.
    /// Past this, new connections are closed at once.
    public var maxUnauthenticatedConnections: Int = 64
    /// Authentication requests one connection may make, all methods together.
    public var maxAuthenticationAttemptsPerConnection: Int = 10
    /// Bytes queued for a client beyond what SSH flow control lets through.
    /// A client that stops reading while more piles up is disconnected, so it
    /// costs bounded memory and never holds up the application.
    public var maxQueuedOutputBytes: Int = 4 << 20
    /// A client that takes none of its waiting output for this long is
    /// disconnected, however little is queued.
    public var outputStallTimeout: Double = 120
    /// The largest terminal a client may claim (pty-req, window-change); past
    /// it the client is disconnected. Real terminals stay far below.
    public var maxTerminalColumns: Int = 1000
    public var maxTerminalRows: Int = 1000
    /// After the application closes a session, how long to wait for the client
    /// to take the last bytes and hang up before dropping it.
    public var closeLinger: Double = 10
    /// Failed logins: the reply to the n-th recent failure from an address or
    /// for a user name comes after `failureDelay * 2^(n-1)` seconds, at most
    /// `maxFailureDelay`.
    public var failureDelay: Double = 1
    public var maxFailureDelay: Double = 16
    /// After this many recent failures, an address (or user name) is refused
    /// outright for `lockoutDuration` seconds.
    public var failuresBeforeLockout: Int = 10
    public var lockoutDuration: Double = 300
    /// A failure counts as recent for this long.
    public var failureMemory: Double = 900

    public init() {}
}
