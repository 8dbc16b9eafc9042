import CP
import Logging

/// What `vm67 serve` starts: the SSH server with CP behind it.
public enum FrontDoor {
    /// An SSH server whose logins are CP's users (passwords and keys from
    /// the directory), whose sessions are 3270-style consoles on CP, and
    /// whose `exec` runs CP commands. The configuration's LISTEN addresses
    /// (or the default) and LOGON-USER apply; host keys live under
    /// `stateDirectory`/hostkeys.
    public static func makeServer(cp: ControlProgram, stateDirectory: String, logger: Logger,
                                  listen override: [String]? = nil) throws -> SSHServer {
        let configuration = cp.configuration
        let listen = override ?? (configuration.listen.isEmpty ? [SSHServer.defaultListenAddress] : configuration.listen)
        let log: @Sendable (String) -> Void = { logger.info("\($0)") }
        let application = CPFrontDoor(cp: cp, logonUser: configuration.logonUser, log: log)
        return try SSHServer(listen: listen, stateDirectory: stateDirectory,
                             authenticator: CPAuthenticator(cp: cp), application: application,
                             publicUser: configuration.logonUser, logger: logger)
    }
}
