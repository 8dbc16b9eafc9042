import CP
import Logging

/// What `vm67 serve` starts: the SSH server with CP behind it.
public enum FrontDoor {
    /// An SSH server whose logins are CP's users (passwords and keys from
    /// the directory), whose sessions are 3270-style consoles on CP, and
    /// whose `exec` runs CP commands. The configuration's LISTEN addresses
    /// (or the default) and LOGON-USER apply; host keys live under
    /// `stateDirectory`/hostkeys. Refused beyond loopback while a user still
    /// has the shipped password (ShippedPasswords).
    public static func makeServer(cp: ControlProgram, stateDirectory: String, logger: Logger,
                                  listen override: [String]? = nil) throws -> SSHServer {
        let configuration = cp.configuration
        let listen = override ?? listenAddresses(configuration)
        if let refusal = ShippedPasswords.refusal(cp: cp, listen: listen) { throw FrontDoorError(description: refusal) }
        let log: @Sendable (String) -> Void = { logger.info("\($0)") }
        let application = CPFrontDoor(cp: cp, logonUser: configuration.logonUser, log: log)
        return try SSHServer(listen: listen, stateDirectory: stateDirectory,
                             authenticator: CPAuthenticator(cp: cp), application: application,
                             publicUser: configuration.logonUser, logger: logger)
    }
}

extension FrontDoor {
    /// The configuration's LISTEN addresses, or the default.
    public static func listenAddresses(_ configuration: SystemConfiguration) -> [String] {
        configuration.listen.isEmpty ? [SSHServer.defaultListenAddress] : configuration.listen
    }
}

/// Why the front door did not open.
public struct FrontDoorError: Error, CustomStringConvertible {
    public let description: String
}
