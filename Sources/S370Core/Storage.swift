#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The main storage of one machine and its storage keys.
///
/// The bytes are one anonymous mapping of the machine's full size, reserved
/// but not committed: the host backs a page only when the guest (or a device)
/// first touches it, so an idle machine with 16 MB defined costs what it used.
/// Storage keys are one byte per 2 KB block, in the S/370 layout:
/// access key in bits 0–3, fetch protection 0x08, reference 0x04, change 0x02.
public final class Storage: @unchecked Sendable {
    /// Addressable size in bytes, a multiple of 4 KB: addresses at or above
    /// it are addressing exceptions. It may grow up to `capacity` (CP maps a
    /// saved segment above a virtual machine's storage this way).
    public private(set) var size: Int
    /// Bytes reserved for this storage (the most `size` can become).
    public let capacity: Int
    /// Host address of absolute location 0.
    public let bytes: UnsafeMutablePointer<UInt8>
    /// One key byte per 2 KB block.
    public let keys: UnsafeMutablePointer<UInt8>
    /// Number of 2 KB key blocks.
    public let blockCount: Int

    public static let keyAccessMask: UInt8 = 0xF0
    public static let keyFetchProtect: UInt8 = 0x08
    public static let keyReference: UInt8 = 0x04
    public static let keyChange: UInt8 = 0x02

    /// The largest storage a machine may define: 16 MB, the limit of 24-bit real addresses.
    public static let maximumSize = 16 << 20

    /// Creates storage of `size` bytes (rounded up to 4 KB, at most 16 MB),
    /// all zero, keys zero, with room to grow to `capacity`.
    public init(size requested: Int, capacity requestedCapacity: Int? = nil) {
        let rounded = max(4096, min(Storage.maximumSize, (requested + 4095) & ~4095))
        let reserved = max(rounded, min(Storage.maximumSize, ((requestedCapacity ?? rounded) + 4095) & ~4095))
        size = rounded
        capacity = reserved
        blockCount = reserved >> 11
        let mapped = mmap(nil, reserved, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mapped, mapped != MAP_FAILED else {
            fatalError("vm67: cannot reserve \(reserved) bytes of guest storage (errno \(errno))")
        }
        bytes = mapped.assumingMemoryBound(to: UInt8.self)
        keys = .allocate(capacity: blockCount)
        keys.initialize(repeating: 0, count: blockCount)
    }

    deinit {
        munmap(bytes, capacity)
        keys.deallocate()
    }

    /// Zeroes all storage and keys (a clear reset). The pages are handed back
    /// to the host, so a cleared machine costs nothing until touched again.
    public func clear() {
        madvise(bytes, capacity, MADV_DONTNEED)
        keys.update(repeating: 0, count: blockCount)
    }

    /// Zeroes whole 4 KB pages from `first` to `last` (inclusive, page
    /// addresses) and returns their host memory (DIAGNOSE X'10').
    public func release(from first: UInt32, through last: UInt32) {
        guard first <= last, Int(last) < size else { return }
        let start = Int(first & ~0xFFF), end = Int(last & ~0xFFF) + 4096
        madvise(bytes + start, end - start, MADV_DONTNEED)
    }

    /// Makes addresses up to `newSize` valid (up to the capacity). The
    /// machine must purge its TLB afterwards.
    public func setAddressableSize(_ newSize: Int) {
        size = max(4096, min(capacity, (newSize + 4095) & ~4095))
    }

    /// Whether `count` bytes from absolute `address` lie inside storage.
    @inline(__always)
    public func contains(_ address: UInt32, count: Int = 1) -> Bool {
        Int(address) + count <= size
    }

    // MARK: Absolute access for the layers above (channel, CP, tests).
    // These ignore keys and do not set reference or change bits; callers that
    // act for the guest use the key-checking variants.

    public func read(_ address: UInt32, count: Int) -> [UInt8] {
        precondition(contains(address, count: count), "absolute read outside storage")
        return Array(UnsafeBufferPointer(start: bytes + Int(address), count: count))
    }

    public func write(_ address: UInt32, _ data: [UInt8]) {
        precondition(contains(address, count: data.count), "absolute write outside storage")
        data.withUnsafeBufferPointer { buffer in
            (bytes + Int(address)).update(from: buffer.baseAddress!, count: buffer.count)
        }
    }

    public func load32(_ address: UInt32) -> UInt32 {
        UnsafeRawPointer(bytes + Int(address)).loadUnaligned(as: UInt32.self).bigEndian
    }

    public func store32(_ address: UInt32, _ value: UInt32) {
        UnsafeMutableRawPointer(bytes + Int(address)).storeBytes(of: value.bigEndian, as: UInt32.self)
    }

    public func load64(_ address: UInt32) -> UInt64 {
        UnsafeRawPointer(bytes + Int(address)).loadUnaligned(as: UInt64.self).bigEndian
    }

    public func store64(_ address: UInt32, _ value: UInt64) {
        UnsafeMutableRawPointer(bytes + Int(address)).storeBytes(of: value.bigEndian, as: UInt64.self)
    }

    public func load16(_ address: UInt32) -> UInt16 {
        UnsafeRawPointer(bytes + Int(address)).loadUnaligned(as: UInt16.self).bigEndian
    }

    public func store16(_ address: UInt32, _ value: UInt16) {
        UnsafeMutableRawPointer(bytes + Int(address)).storeBytes(of: value.bigEndian, as: UInt16.self)
    }

    /// The key byte of the 2 KB block holding absolute `address`.
    public func key(at address: UInt32) -> UInt8 { keys[Int(address >> 11)] }

    public func setKey(at address: UInt32, _ key: UInt8) { keys[Int(address >> 11)] = key & 0xFE }

    /// Marks the block holding `address` referenced (and changed, for a store).
    @inline(__always)
    public func markAccess(_ address: UInt32, store: Bool) {
        keys[Int(address >> 11)] |= store ? (Storage.keyReference | Storage.keyChange) : Storage.keyReference
    }

    /// Whether an access with `accessKey` to the block holding `address` is
    /// allowed by key-controlled protection.
    @inline(__always)
    public func keyAllows(_ address: UInt32, accessKey: UInt8, store: Bool) -> Bool {
        if accessKey == 0 { return true }
        let k = keys[Int(address >> 11)]
        if k >> 4 == accessKey { return true }
        return !store && k & Storage.keyFetchProtect == 0
    }
}
