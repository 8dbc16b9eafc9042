/// Why the server could not start.
public enum SSHServerError: Error, CustomStringConvertible, Sendable {
    /// A `listen` entry that is not `host:port` or `[v6-address]:port`.
    case badListenAddress(String, reason: String)
    /// The address is well formed but the socket could not be set up.
    case cannotListen(String, reason: String)
    /// libssh refused a setting or could not start.
    case libssh(String)

    public var description: String {
        switch self {
        case .badListenAddress(let address, let reason): "ssh: listen address \"\(address)\": \(reason)"
        case .cannotListen(let address, let reason): "ssh: cannot listen on \(address): \(reason)"
        case .libssh(let reason): "ssh: libssh: \(reason)"
        }
    }
}
