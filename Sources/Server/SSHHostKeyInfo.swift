import Foundation

/// The public facts about one host key: what the log shows at start and
/// `vm67 hostkeys` prints, so an operator can tell users what to expect when
/// their client asks "are you sure you want to continue connecting?".
public struct SSHHostKeyInfo: Sendable, Equatable, CustomStringConvertible {
    /// "ED25519" or "RSA", as ssh-keygen names them.
    public let type: String
    /// Key size in bits (256 for ED25519).
    public let bits: Int
    /// OpenSSH style, `SHA256:` and unpadded base64 of the public key blob.
    public let fingerprint: String
    /// The private key file.
    public let path: String
    /// `type base64`, for a known_hosts line.
    public let publicKey: String

    /// The form of `ssh-keygen -lf`: `256 SHA256:… path (ED25519)`.
    public var description: String { "\(bits) \(fingerprint) \(path) (\(type))" }
}

extension SSHHostKeyInfo {
    /// Builds the facts from what libssh derives from the key: its public
    /// key line and its SHA256 fingerprint.
    init?(kind: HostKeyKind, path: String, publicKey: String, fingerprint: String) {
        let parts = publicKey.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])) else { return nil }
        let bits: Int
        switch kind {
        case .ed25519: bits = 256
        case .rsa: guard let size = Self.rsaModulusBits(blob: Array(blob)) else { return nil }; bits = size
        }
        self.init(type: kind.label, bits: bits, fingerprint: fingerprint, path: path, publicKey: publicKey)
    }

    /// An ssh-rsa public blob is three length-prefixed strings: the type,
    /// the exponent and the modulus (RFC 4253 6.6). The modulus is an mpint,
    /// so a leading zero byte may only be there to keep it positive.
    static func rsaModulusBits(blob: [UInt8]) -> Int? {
        var offset = 0
        var fields: [ArraySlice<UInt8>] = []
        while fields.count < 3 {
            guard offset + 4 <= blob.count else { return nil }
            let length = blob[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length >= 0, offset + length <= blob.count else { return nil }
            fields.append(blob[offset..<offset + length])
            offset += length
        }
        let modulus = fields[2].drop { $0 == 0 }
        guard let first = modulus.first else { return nil }
        return (modulus.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }
}
