/// What the server asks the application about logins. The server never sees
/// the user directory; it only asks these two questions.
public protocol SSHAuthenticator: Sendable {
    /// Password check; must take the same time whether or not the user exists.
    func checkPassword(user: String, password: String) -> Bool
    /// Whether `publicKey` (OpenSSH "type base64" form) may log on as `user`.
    func acceptsKey(user: String, publicKey: String) -> Bool
}

/// The application's side of one interactive session. Every call comes from
/// that session's own serial queue, in order, and must return quickly.
public protocol SSHSessionHandler: AnyObject, Sendable {
    /// Bytes the client typed.
    func received(_ bytes: [UInt8])
    func resized(columns: Int, rows: Int)
    /// The connection is gone (client closed, network dropped, server stopping,
    /// or the application's own `close`). Called exactly once, last.
    func connectionClosed()
}

/// The server's side of one session, given to the application. Callable from
/// any thread.
public protocol SSHSessionOutput: AnyObject, Sendable {
    /// Queue bytes for the client; never blocks the caller.
    func send(_ bytes: [UInt8])
    /// End the session with this exit status, after the queued bytes.
    func close(exitStatus: Int32)
}

/// The application behind the server: what a shell and a command are.
public protocol SSHApplication: Sendable {
    /// An interactive session. A client that asked for no pty gets terminal
    /// "dumb", 80 columns by 24 rows.
    func shell(user: String, terminal: String, columns: Int, rows: Int, output: SSHSessionOutput) -> SSHSessionHandler
    /// `ssh user@host 'command'`: run it and call back with output text and exit status.
    func exec(user: String, command: String, output: SSHSessionOutput)
}
