/// Bytes waiting for the client, taken from the front in pieces. Consuming
/// moves an index instead of shifting the array, so draining a full buffer in
/// window-sized pieces costs linear time.
struct OutputBuffer {
    private var bytes: [UInt8] = []
    private var start = 0

    var count: Int { bytes.count - start }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ more: [UInt8]) {
        bytes += more
    }

    /// Calls `body` with up to `limit` bytes from the front.
    func withFront<R>(upTo limit: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { all in
            body(UnsafeRawBufferPointer(rebasing: all[start..<start + min(limit, count)]))
        }
    }

    /// Drops `n` bytes from the front.
    mutating func consume(_ n: Int) {
        start += min(n, count)
        if start == bytes.count {
            bytes.removeAll(keepingCapacity: false)
            start = 0
        } else if start > 64 * 1024 && start * 2 > bytes.count {
            bytes.removeFirst(start)
            start = 0
        }
    }

    mutating func removeAll() {
        bytes = []
        start = 0
    }
}
