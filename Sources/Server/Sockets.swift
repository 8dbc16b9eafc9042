import Foundation

/// The small amount of BSD socket work the server does itself: libssh is
/// handed connected descriptors, so that accepting can run on Dispatch.
enum Sockets {
    /// Splits `host:port` or `[v6]:port`.
    static func parse(_ text: String) throws -> (host: String, port: String) {
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw SSHServerError.badListenAddress(text, reason: "no closing ] after the IPv6 address")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw SSHServerError.badListenAddress(text, reason: "no :port after ]") }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon else {
                throw SSHServerError.badListenAddress(text, reason: "expected host:port (IPv6 as [address]:port)")
            }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw SSHServerError.badListenAddress(text, reason: "no host (use 0.0.0.0 or [::] for every address)") }
        guard let number = Int(port), (0...65535).contains(number) else {
            throw SSHServerError.badListenAddress(text, reason: "port must be a number from 0 to 65535")
        }
        return (String(host), String(number))
    }

    /// A non-blocking listening socket on the address; returns it and the
    /// address actually bound (port 0 becomes the port the kernel chose).
    static func listen(on text: String) throws -> (descriptor: Int32, bound: String) {
        let (host, port) = try parse(text)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, port, &hints, &result)
        guard rc == 0, let info = result else {
            throw SSHServerError.badListenAddress(text, reason: String(cString: gai_strerror(rc)))
        }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw SSHServerError.cannotListen(text, reason: lastError()) }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        if info.pointee.ai_family == AF_INET6 {
            // [::] means IPv6 only; 0.0.0.0 is listed separately when wanted.
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let reason = lastError()
            close(fd)
            throw SSHServerError.cannotListen(text, reason: reason)
        }
        guard Glibc.listen(fd, 128) == 0 else {
            let reason = lastError()
            close(fd)
            throw SSHServerError.cannotListen(text, reason: reason)
        }
        setNonBlocking(fd)
        setCloseOnExec(fd)
        return (fd, localAddress(of: fd) ?? text)
    }

    static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
    }

    static func localAddress(of fd: Int32) -> String? {
        endpoint(of: fd, using: getsockname).map { format(host: $0.host, port: $0.port) }
    }

    static func peerAddress(of fd: Int32) -> (host: String, port: Int)? {
        endpoint(of: fd, using: getpeername)
    }

    private static func endpoint(
        of fd: Int32, using call: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) -> (host: String, port: Int)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(fd, $0, &length) == 0 }
        }
        return ok ? split(storage) : nil
    }

    static func format(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Numeric host and port of an IPv4 or IPv6 socket address.
    private static func split(_ storage: sockaddr_storage) -> (host: String, port: Int)? {
        var storage = storage
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    guard inet_ntop(AF_INET, &ip, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                    return (text(of: buffer), Int(UInt16(bigEndian: address.pointee.sin_port)))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    guard inet_ntop(AF_INET6, &ip, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                    return (text(of: buffer), Int(UInt16(bigEndian: address.pointee.sin6_port)))
                }
            }
        default:
            return nil
        }
    }

    private static func text(of buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
