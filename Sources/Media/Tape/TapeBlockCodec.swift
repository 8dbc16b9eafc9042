/// Turns a block into chunks (compressed and split as a format says) and
/// chunks back into a block.
public enum TapeBlockCodec {
    /// The largest block a 3420 writes or reads (a CCW count is 16 bits).
    public static let maximumBlock = TapeChunkHeader.maximumLength

    /// A block ready to go into the file.
    public struct Encoded: Sendable {
        /// Chunk headers and data.
        public var bytes: [UInt8]
        public var compression: TapeCompression
        /// Data bytes over all chunks.
        public var storedLength: Int
        /// The next header's "previous length".
        public var lastChunkLength: Int
    }

    /// The headers and data of `block` as they go into the file.
    public static func encode(_ block: [UInt8], format: TapeWriteFormat, previousChunkLength: Int) -> Encoded {
        var stored = block
        var method = TapeCompression.none
        switch block.isEmpty ? .none : format.compression {
        case .zlib, .busTechZlib:
            let packed = Compression.deflate(block, level: format.level)
            if packed.count < block.count { stored = packed; method = .zlib }
        case .bzip2:
            let packed = Compression.bzip(block)
            if packed.count < block.count { stored = packed; method = .bzip2 }
        case .none:
            break
        }
        // Data that does not shrink is stored as it is, as Hercules does.
        let (methodFlags, flags2) = TapeChunkHeader.flags(for: method)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(stored.count + TapeChunkHeader.size * (1 + stored.count / format.chunkSize))
        var previous = previousChunkLength
        var start = 0
        repeat {
            let end = min(start + format.chunkSize, stored.count)
            var flags = methodFlags
            if start == 0 { flags.insert(.beginsBlock) }
            if end == stored.count { flags.insert(.endsBlock) }
            let header = TapeChunkHeader(length: end - start, previousLength: previous, flags: flags, flags2: flags2)
            bytes += header.bytes
            bytes += stored[start..<end]
            previous = end - start
            start = end
        } while start < stored.count
        return Encoded(bytes: bytes, compression: method, storedLength: stored.count, lastChunkLength: previous)
    }

    /// Decompresses a block's concatenated chunk data; nil if it is corrupt
    /// (or expands beyond the largest block).
    public static func decode(_ stored: [UInt8], compression: TapeCompression) -> [UInt8]? {
        switch compression {
        case .none:
            return stored
        case _ where stored.isEmpty:
            return nil
        case .zlib, .busTechZlib:
            return Compression.inflate(stored, maximum: maximumBlock)
        case .bzip2:
            return Compression.bunzip(stored, maximum: maximumBlock)
        }
    }
}
