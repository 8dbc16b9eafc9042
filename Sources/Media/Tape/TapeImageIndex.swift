/// One thing on a tape: a data block or a tape mark, with where it lies in the file.
struct TapeEntry: Equatable, Sendable {
    /// File offset of its first chunk header.
    var start: Int64
    /// File offset just after its last chunk.
    var end: Int64
    var isTapeMark: Bool
    /// How its data is stored (for a block).
    var compression: TapeCompression
    /// Data bytes stored over all its chunks (compressed length, if compressed).
    var storedLength: Int
    /// Length of its last chunk: the "previous length" of the next header.
    var lastChunkLength: Int
}

/// What a scan found: the entries, and where a torn final write begins if
/// the file ends in the middle of one.
struct TapeImageIndex {
    var entries: [TapeEntry]
    /// Offset of an incomplete block at the end of the file (a write that
    /// was cut off), nil if the file ends cleanly.
    var tornTailAt: Int64?
    var tornTailReason: String?

    /// Reads every chunk header of `file` and checks that they fit together:
    /// lengths that chain, blocks that begin and end, tape marks outside
    /// blocks, known compression, nothing running past the end of the file.
    /// A malformed header in the middle of the file is an error; an
    /// incomplete last block is reported as a torn tail for the caller to
    /// refuse or repair.
    static func scan(_ file: TapeFile) throws -> TapeImageIndex {
        let size = try file.size()
        var reader = HeaderReader(file: file, size: size)
        var entries: [TapeEntry] = []
        var previousLength = 0
        var openBlock: TapeEntry? = nil
        var offset: Int64 = 0

        func corrupt(_ at: Int64, _ reason: String) -> MediaError {
            MediaError(file.path, "not a valid AWS/HET tape: at offset \(at): \(reason)")
        }
        func torn(_ reason: String) -> TapeImageIndex {
            TapeImageIndex(entries: entries, tornTailAt: openBlock?.start ?? offset, tornTailReason: reason)
        }

        while offset < size {
            guard size - offset >= Int64(TapeChunkHeader.size) else {
                return torn("the file ends inside a block header at offset \(offset)")
            }
            let header = try reader.header(at: offset)
            if header.previousLength != previousLength {
                throw corrupt(offset, "the header says the previous chunk is \(header.previousLength) bytes long, but it is \(previousLength)")
            }
            let dataStart = offset + Int64(TapeChunkHeader.size)
            if header.isTapeMark {
                if let block = openBlock {
                    throw corrupt(offset, "a tape mark inside the block that begins at offset \(block.start)")
                }
                if header.length != 0 {
                    throw corrupt(offset, "a tape mark with \(header.length) bytes of data")
                }
                entries.append(TapeEntry(start: offset, end: dataStart, isTapeMark: true,
                                         compression: .none, storedLength: 0, lastChunkLength: 0))
                previousLength = 0
                offset = dataStart
                continue
            }
            guard let compression = header.compression else {
                throw corrupt(offset, "unknown compression (flags X'\(hex(header.flags.rawValue))' X'\(hex(header.flags2))')")
            }
            var block: TapeEntry
            if let open = openBlock {
                if header.flags.contains(.beginsBlock) {
                    throw corrupt(offset, "a new block begins before the block at offset \(open.start) has ended")
                }
                if compression != open.compression {
                    throw corrupt(offset, "the chunk's compression differs from the rest of its block (offset \(open.start))")
                }
                block = open
            } else {
                if !header.flags.contains(.beginsBlock) {
                    throw corrupt(offset, "a chunk continues a block that never began (flags X'\(hex(header.flags.rawValue))')")
                }
                block = TapeEntry(start: offset, end: offset, isTapeMark: false, compression: compression,
                                  storedLength: 0, lastChunkLength: 0)
            }
            let dataEnd = dataStart + Int64(header.length)
            if dataEnd > size {
                openBlock = block
                return torn("the block at offset \(block.start) is cut short: its chunk needs \(header.length) bytes, the file has \(size - dataStart)")
            }
            block.storedLength += header.length
            if block.storedLength > TapeBlockCodec.maximumBlock {
                throw corrupt(block.start, "a block of more than \(TapeBlockCodec.maximumBlock) bytes")
            }
            block.end = dataEnd
            block.lastChunkLength = header.length
            previousLength = header.length
            offset = dataEnd
            if header.flags.contains(.endsBlock) {
                // A block without data cannot be on a real tape; Hercules
                // reads one as a tape mark, and so does vm67.
                if block.storedLength == 0 { block.isTapeMark = true }
                entries.append(block)
                openBlock = nil
            } else {
                openBlock = block
            }
        }
        if let block = openBlock {
            return torn("the last block (at offset \(block.start)) has no chunk that ends it")
        }
        return TapeImageIndex(entries: entries, tornTailAt: nil, tornTailReason: nil)
    }
}

/// Reads headers through a buffer, so scanning a tape of small blocks does
/// not cost one system call per header.
private struct HeaderReader {
    let file: TapeFile
    let size: Int64
    private var buffer: [UInt8] = []
    private var bufferStart: Int64 = 0
    private static let window = 1 << 20

    init(file: TapeFile, size: Int64) {
        self.file = file
        self.size = size
    }

    mutating func header(at offset: Int64) throws -> TapeChunkHeader {
        let n = TapeChunkHeader.size
        if offset < bufferStart || offset + Int64(n) > bufferStart + Int64(buffer.count) {
            let count = Int(min(Int64(Self.window), size - offset))
            buffer = try file.read(at: offset, count: count)
            bufferStart = offset
        }
        let i = Int(offset - bufferStart)
        return TapeChunkHeader(buffer[i..<i + n])
    }
}

private func hex(_ value: UInt8) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
}
