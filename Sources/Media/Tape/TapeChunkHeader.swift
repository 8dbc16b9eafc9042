/// The flags in byte 4 of a chunk header. AWS tapes use the first three;
/// HET tapes add the compression method in the two low bits.
public struct TapeChunkFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The chunk is the first one of a block.
    public static let beginsBlock = TapeChunkFlags(rawValue: 0x80)
    /// The header stands for a tape mark (and has no data).
    public static let tapeMark = TapeChunkFlags(rawValue: 0x40)
    /// The chunk is the last one of a block.
    public static let endsBlock = TapeChunkFlags(rawValue: 0x20)

    /// The two low bits name the compression method of a HET block.
    static let compressionMask: UInt8 = 0x03
}

/// How the data of a block is stored.
public enum TapeCompression: String, Sendable, CaseIterable {
    case none
    /// zlib (HET method 1).
    case zlib
    /// bzip2 (HET method 2).
    case bzip2
    /// zlib flagged in the second flag byte, as Bus-Tech's tapes do (read only).
    case busTechZlib
}

/// The 6-byte header in front of every chunk of an AWS or HET tape image:
/// the chunk's data length and the previous chunk's data length (both
/// little-endian), then two flag bytes. A tape mark is a header of length 0
/// with the tape-mark flag. Blocks longer than one chunk are split, the
/// first chunk flagged `beginsBlock`, the last `endsBlock`.
public struct TapeChunkHeader: Equatable, Sendable {
    public static let size = 6
    /// The largest chunk (and, on a 3420, the largest block).
    public static let maximumLength = 0xFFFF

    public var length: Int
    public var previousLength: Int
    public var flags: TapeChunkFlags
    /// The second flag byte (only Bus-Tech's compression bit means anything).
    public var flags2: UInt8

    public init(length: Int, previousLength: Int, flags: TapeChunkFlags, flags2: UInt8 = 0) {
        self.length = length
        self.previousLength = previousLength
        self.flags = flags
        self.flags2 = flags2
    }

    /// Decodes the first 6 bytes of `bytes` (the caller checks there are 6).
    public init<C: RandomAccessCollection>(_ bytes: C) where C.Element == UInt8, C.Index == Int {
        let b = bytes.startIndex
        length = Int(bytes[b]) | Int(bytes[b + 1]) << 8
        previousLength = Int(bytes[b + 2]) | Int(bytes[b + 3]) << 8
        flags = TapeChunkFlags(rawValue: bytes[b + 4])
        flags2 = bytes[b + 5]
    }

    public var bytes: [UInt8] {
        [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF),
         UInt8(previousLength & 0xFF), UInt8(previousLength >> 8 & 0xFF),
         flags.rawValue, flags2]
    }

    public var isTapeMark: Bool { flags.contains(.tapeMark) }

    /// The compression the flags announce, or nil for a combination no
    /// writer produces (method 3, or both flag bytes claiming compression).
    public var compression: TapeCompression? {
        let method = flags.rawValue & TapeChunkFlags.compressionMask
        let busTech = flags2 & 0x80 != 0
        switch (method, busTech) {
        case (0, false): return TapeCompression.none
        case (1, false): return .zlib
        case (2, false): return .bzip2
        case (0, true): return .busTechZlib
        default: return nil
        }
    }

    /// A tape mark following a chunk of `previousLength` bytes.
    public static func tapeMark(previousLength: Int) -> TapeChunkHeader {
        TapeChunkHeader(length: 0, previousLength: previousLength, flags: .tapeMark)
    }

    /// The flag bits that say how a block's data is compressed.
    static func flags(for compression: TapeCompression) -> (TapeChunkFlags, UInt8) {
        switch compression {
        case .none: return ([], 0)
        case .zlib: return (TapeChunkFlags(rawValue: 0x01), 0)
        case .bzip2: return (TapeChunkFlags(rawValue: 0x02), 0)
        case .busTechZlib: return ([], 0x80)
        }
    }
}
