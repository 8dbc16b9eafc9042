import CP
#if canImport(Glibc)
import Glibc
#endif

/// The shipped directory's passwords are the userids themselves: good for a
/// first look on loopback, an open door anywhere else. `vm67 serve` will not
/// listen beyond loopback while any user still has one.
public enum ShippedPasswords {
    /// The users whose password is still their own userid (in any case).
    public static func users(in cp: ControlProgram) -> [String] {
        cp.directory.order.filter { cp.checkPassword(userid: $0, password: $0) }
    }

    /// Whether `address` (`host:port`, `[v6]:port`) is reachable only from
    /// this machine: 127.0.0.0/8, ::1 or localhost.
    public static func isLoopback(_ address: String) -> Bool {
        var host = address
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// Why the server must not start on `listen`, or nil when it may.
    public static func refusal(cp: ControlProgram, listen: [String]) -> String? {
        let open = listen.filter { !isLoopback($0) }
        guard !open.isEmpty else { return nil }
        let users = users(in: cp)
        guard !users.isEmpty else { return nil }
        return "refusing to listen on \(open.joined(separator: ", ")): "
            + "\(users.joined(separator: " ")) still \(users.count == 1 ? "has its" : "have their") shipped password (the userid); "
            + "change \(users.count == 1 ? "it" : "each") with `vm67 user passwd USERID`, or listen on 127.0.0.1 only"
    }
}
