/// Byte order of the numbers in a compressed image: little-endian unless
/// the header's option byte says big-endian (images made on big-endian hosts).
struct ByteOrder {
    let bigEndian: Bool

    func u16(_ b: [UInt8], _ at: Int) -> Int {
        bigEndian ? Int(b[at]) << 8 | Int(b[at + 1]) : Int(b[at]) | Int(b[at + 1]) << 8
    }

    func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        bigEndian ? UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
            : littleEndian32(b, at)
    }

    func bytes16(_ v: Int) -> [UInt8] {
        let lo = UInt8(v & 0xFF), hi = UInt8((v >> 8) & 0xFF)
        return bigEndian ? [hi, lo] : [lo, hi]
    }

    func bytes32(_ v: UInt32) -> [UInt8] {
        let le = littleEndianBytes(v)
        return bigEndian ? le.reversed() : le
    }
}

/// The compressed device header (bytes 512–1023 of a CCKD image): version,
/// options, table sizes, file size and use, the free-space chain, the
/// cylinder count and the compression of new tracks.
struct CCKDHeader: Equatable {
    static let offset = 512
    static let size = 512

    /// Option bits.
    static let optionBigEndian: UInt8 = 0x02
    static let optionOpenedReadWrite: UInt8 = 0x40
    /// Set while a program has the image open for writing; still set after a crash.
    static let optionOpened: UInt8 = 0x80

    var version: [UInt8] = [0, 3, 1]
    var options: UInt8 = 0x01 | optionOpenedReadWrite
    var level1Entries: Int
    var level2Entries = 256
    var fileSize: UInt32 = 0
    var usedBytes: UInt32 = 0
    /// Offset of the first free space (0: none).
    var freeChain: UInt32 = 0
    var freeTotal: UInt32 = 0
    var freeLargest: UInt32 = 0
    var freeCount: UInt32 = 0
    var freeImbedded: UInt32 = 0
    var cylinders: Int
    /// Null track format for lookup entries that do not give one.
    var nullFormat: UInt8 = 0
    var compression: UInt8
    var compressionParameter: Int = 0xFFFF
    /// Bytes 48–511 as found.
    var reserved = [UInt8](repeating: 0, count: 464)

    var order: ByteOrder { ByteOrder(bigEndian: options & Self.optionBigEndian != 0) }
    var wasLeftOpen: Bool { options & Self.optionOpened != 0 }

    init(level1Entries: Int, cylinders: Int, compression: UInt8) {
        self.level1Entries = level1Entries
        self.cylinders = cylinders
        self.compression = compression
    }

    init(parsing b: [UInt8], file: String) throws {
        guard b.count >= Self.size else { throw MediaError(file, "truncated: the compressed device header is incomplete") }
        version = Array(b[0..<3])
        options = b[3]
        let o = ByteOrder(bigEndian: options & Self.optionBigEndian != 0)
        level1Entries = Int(o.u32(b, 4))
        level2Entries = Int(o.u32(b, 8))
        fileSize = o.u32(b, 12)
        usedBytes = o.u32(b, 16)
        freeChain = o.u32(b, 20)
        freeTotal = o.u32(b, 24)
        freeLargest = o.u32(b, 28)
        freeCount = o.u32(b, 32)
        freeImbedded = o.u32(b, 36)
        // Hercules keeps the cylinder count little-endian in either byte order.
        cylinders = Int(littleEndian32(b, 40))
        nullFormat = b[44]
        compression = b[45]
        compressionParameter = o.u16(b, 46)
        reserved = Array(b[48..<512])
    }

    var bytes: [UInt8] {
        let o = order
        var b = version + [options]
        b += o.bytes32(UInt32(level1Entries)) + o.bytes32(UInt32(level2Entries))
        b += o.bytes32(fileSize) + o.bytes32(usedBytes) + o.bytes32(freeChain)
        b += o.bytes32(freeTotal) + o.bytes32(freeLargest) + o.bytes32(freeCount) + o.bytes32(freeImbedded)
        b += littleEndianBytes(UInt32(cylinders))
        b += [nullFormat, compression] + o.bytes16(compressionParameter)
        return b + reserved
    }
}

/// One entry of a level-2 table: where a track image is and how long it is.
/// An entry at offset 0 is a null track, whose length picks its format.
struct L2Entry: Equatable {
    static let size = 8
    static let tableSize = 256 * size

    var offset: UInt32
    var length: Int
    /// Space reserved for the image (at least its length).
    var space: Int

    static let null = L2Entry(offset: 0, length: 0, space: 0)

    static func null(_ format: NullTrackFormat) -> L2Entry {
        L2Entry(offset: 0, length: format.rawValue, space: format.rawValue)
    }

    var isNull: Bool { offset == 0 || offset == 0xFFFF_FFFF }
    /// The file bytes this entry occupies.
    var extent: Int { max(length, space) }

    static func table(_ b: [UInt8], order: ByteOrder) -> [L2Entry] {
        (0..<256).map { i in
            L2Entry(offset: order.u32(b, i * size), length: order.u16(b, i * size + 4), space: order.u16(b, i * size + 6))
        }
    }

    static func bytes(_ table: [L2Entry], order: ByteOrder) -> [UInt8] {
        var b: [UInt8] = []
        b.reserveCapacity(tableSize)
        for e in table { b += order.bytes32(e.offset) + order.bytes16(e.length) + order.bytes16(e.space) }
        return b
    }
}
