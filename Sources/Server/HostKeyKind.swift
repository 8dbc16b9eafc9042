import CLibSSH

/// A host key file could not be used. Carries the path and the reason, because
/// the operator has to go and look at that file.
public struct HostKeyError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "host key \(path): \(reason)" }
}

/// The two host keys vm67 presents: made once at the first start, then only
/// ever loaded. A server that quietly makes a new key teaches its users to
/// click through "host key changed" warnings, so anything unexpected (one
/// file gone, a file unreadable, too open, of the wrong type) stops the start
/// with the path and reason instead.
enum HostKeyKind: CaseIterable {
    case ed25519, rsa

    /// OpenSSH's file names, so an operator recognises them.
    var fileName: String {
        switch self {
        case .ed25519: "ssh_host_ed25519_key"
        case .rsa: "ssh_host_rsa_key"
        }
    }

    var libsshType: ssh_keytypes_e {
        switch self {
        case .ed25519: SSH_KEYTYPE_ED25519
        case .rsa: SSH_KEYTYPE_RSA
        }
    }

    /// Key size for generation; libssh ignores it for ed25519.
    var generationBits: Int32 {
        switch self {
        case .ed25519: 0
        case .rsa: 3072
        }
    }

    var label: String {
        switch self {
        case .ed25519: "ED25519"
        case .rsa: "RSA"
        }
    }
}
