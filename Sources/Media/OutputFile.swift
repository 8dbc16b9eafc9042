#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where unit-record output goes: a printer's text, a punch's deck.
public protocol OutputSink: AnyObject {
    /// Appends bytes; a failure names the file and the reason.
    func write(_ bytes: [UInt8]) throws(MediaError)
    /// Makes what was written visible to readers of the file.
    func flush()
}

/// An output file, created (or emptied) when opened, or appended to.
/// Each write is flushed, so that an operator following the file sees
/// every line as it is printed.
public final class OutputFile: OutputSink {
    public let path: String
    private var file: UnsafeMutablePointer<FILE>?

    public init(path: String, append: Bool = false) throws(MediaError) {
        self.path = path
        guard let f = fopen(path, append ? "ab" : "wb") else {
            throw MediaError(path, "cannot open for output: \(String(cString: strerror(errno)))")
        }
        file = f
    }

    public func write(_ bytes: [UInt8]) throws(MediaError) {
        guard let file else { throw MediaError(path, "the file is closed") }
        if bytes.isEmpty { return }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count, fflush(file) == 0 else {
            throw MediaError(path, "write failed: \(String(cString: strerror(errno)))")
        }
    }

    public func flush() {
        if let file { fflush(file) }
    }

    public func close() {
        if let file { fclose(file) }
        file = nil
    }

    deinit { close() }
}

/// Output kept in memory (tests, and spool files that CP keeps itself).
public final class MemoryOutput: OutputSink {
    public private(set) var bytes: [UInt8] = []
    /// When set, writes fail with this reason (to test error paths).
    public var failure: String?

    public init() {}

    public func write(_ bytes: [UInt8]) throws(MediaError) {
        if let failure { throw MediaError("(memory)", failure) }
        self.bytes += bytes
    }

    public func flush() {}

    /// The output as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
