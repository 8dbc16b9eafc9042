import CCrypt
#if canImport(Glibc)
import Glibc
#endif

/// crypt(3) password hashes, as kept in the directory: yescrypt (`$y$`) by
/// default, SHA-512 crypt (`$6$`) accepted.
public enum PasswordHash {
    /// Hashes `password` with a fresh random salt (yescrypt).
    public static func make(_ password: String, method: String = "$y$") -> String? {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        guard crypt_gensalt_rn(method, 0, nil, 0, &setting, Int32(setting.count)) != nil else { return nil }
        return hash(password, setting: String(cString: setting))
    }

    /// Whether `password` matches `hash`. The comparison takes the same time
    /// whatever the outcome.
    public static func verify(_ password: String, against hash: String) -> Bool {
        guard let computed = Self.hash(password, setting: hash) else { return false }
        let a = Array(computed.utf8), b = Array(hash.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<min(a.count, b.count) { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// A fixed hash used to spend the same time when a user does not exist.
    public static let decoy = "$6$vm67decoysalt00$3vUYAzmBU5n4zvD5LU3v7K.z6t0Qz.xdG2gSq5C/eHLtM2K3Hfb8Kx0wq1cT2g8r1q6b3q1y0JmJqv7f1aF0a."

    static func hash(_ password: String, setting: String) -> String? {
        var data = crypt_data()
        let result = withUnsafeMutablePointer(to: &data) { pointer -> String? in
            guard let out = crypt_r(password, setting, pointer) else { return nil }
            let s = String(cString: out)
            return s.hasPrefix("*") ? nil : s
        }
        return result
    }
}
