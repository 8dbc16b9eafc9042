/// The protocols through which the application (`vm67 serve`: CP and its
/// consoles) plugs into the SSH server. The server never sees the user
/// directory nor a virtual machine; it only asks these questions and passes
/// bytes along.

/// Answers login questions. Both answers must give nothing away about which
/// users exist: do the same work for an unknown user as for a known one (for
/// a password, hash it against a dummy hash) and answer plain `false` for
/// every kind of refusal. The server sends the client one identical failure
/// reply, after the same rate-limiting delay, whatever the reason.
///
/// Called on the connection's own serial queue; a slow check (a deliberately
/// costly password hash) delays only that connection.
public protocol SSHAuthenticator: Sendable {
    /// Whether `password` is `user`'s password.
    func checkPassword(user: String, password: String) -> Bool
    /// Whether `publicKey`, in OpenSSH `type base64` form (as in an
    /// authorized_keys line, without the comment), may log on as `user`. The
    /// server has already checked that the client holds the private key.
    func checkPublicKey(user: String, publicKey: String) -> Bool
}

/// Who a session belongs to.
public struct SSHSessionInfo: Sendable, Equatable {
    /// The user name the client logged on with, as typed (not case-folded).
    public let user: String
    /// The client's address, `host:port` or `[v6]:port`.
    public let peer: String
    /// The server's number for the connection, as shown in its log lines.
    public let connection: Int

    public init(user: String, peer: String, connection: Int) {
        self.user = user
        self.peer = peer
        self.connection = connection
    }
}

/// The client's terminal, from its pty-req. A client that asked for no pty
/// gets type "dumb", 80 columns by 24 rows.
public struct SSHTerminal: Sendable, Equatable {
    public var type: String
    public var columns: Int
    public var rows: Int
    /// The client asked for a pty: its tty is raw and the server echoes.
    public var pty: Bool

    public init(type: String, columns: Int, rows: Int, pty: Bool = false) {
        self.type = type
        self.columns = columns
        self.rows = rows
        self.pty = pty
    }
}

/// Why an interactive session ended, as told to its handler.
public enum SSHSessionEnd: Sendable, Equatable {
    /// The application called `SSHSessionOutput.close(exitStatus:)` (LOGOFF).
    case closedByApplication
    /// The client is gone without the application ending the session: it
    /// hung up, the network dropped, it stopped reading its output, or it
    /// broke the protocol. For CP, a DISCONNECT; the reason is for the log.
    case disconnected(reason: String)
    /// `SSHServer.stop()`.
    case serverStopping
}

/// The application's side of one interactive session. The server calls it on
/// the session's own serial queue, one call at a time, in order; each call
/// must return quickly (hand work to another queue), since the session's
/// network I/O waits meanwhile.
public protocol SSHSessionHandler: AnyObject, Sendable {
    /// Bytes the client typed, as they came.
    func received(_ bytes: [UInt8])
    /// The client's terminal changed size (window-change).
    func resized(columns: Int, rows: Int)
    /// The session is over; called exactly once, last. Output sent after this
    /// is dropped.
    func closed(_ end: SSHSessionEnd)
    /// The client sent EOF: no more input will come (a script's standard
    /// input ended), though the client still reads output.
    func endOfInput()
}

extension SSHSessionHandler {
    /// Terminals never end their input; most handlers ignore EOF.
    public func endOfInput() {}
}

/// The server's side of one interactive session, handed to the application.
/// Callable from any thread; never blocks.
public protocol SSHSessionOutput: AnyObject, Sendable {
    /// Queues bytes for the client. Output is bounded: a client that does not
    /// take it is disconnected (the handler hears `.disconnected`), so a
    /// stalled client costs bounded memory and never holds up the caller.
    func send(_ bytes: [UInt8])
    /// Ends the session: the queued bytes go out, then the exit status, then
    /// the channel closes.
    func close(exitStatus: Int32)
}

extension SSHSessionOutput {
    /// Sends text as UTF-8.
    public func send(_ text: String) { send(Array(text.utf8)) }
}

/// What an `exec` request (`ssh user@host 'QUERY NAMES'`) produced.
public struct SSHExecResult: Sendable, Equatable {
    /// Sent to the client as UTF-8, exactly as given.
    public var output: String
    /// The client's exit status (CP's return code).
    public var exitStatus: Int32

    public init(output: String, exitStatus: Int32) {
        self.output = output
        self.exitStatus = exitStatus
    }
}

/// The application behind the server: what a shell and a command are.
public protocol SSHApplication: Sendable {
    /// A new interactive session (a `shell` request, after an optional
    /// pty-req). Returns the handler for the session's input and events.
    /// Called on the session's queue; `output` may be used at once, and from
    /// any thread.
    func openSession(_ session: SSHSessionInfo, terminal: SSHTerminal, output: any SSHSessionOutput) -> any SSHSessionHandler

    /// An `exec` request: run `command` and call `reply` once, from any
    /// thread, when done. If the client has gone meanwhile the reply is
    /// dropped.
    func exec(_ session: SSHSessionInfo, command: String, reply: @escaping @Sendable (SSHExecResult) -> Void)
}
