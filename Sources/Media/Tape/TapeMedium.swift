/// What a tape motion found.
public enum TapeRecord: Equatable, Sendable {
    /// A data block (its bytes when read, empty when spaced over).
    case block([UInt8])
    case tapeMark
    /// Forward motion found nothing more: the rest of the tape is blank.
    case endOfData
    /// Backward motion found nothing: the tape is at its load point.
    case loadPoint
}

/// How long a tape is: a write that would pass `length` bytes of file
/// fails (the tape runs off the reel), and writing beyond `length -
/// warningMargin` is past the reflective end-of-tape marker.
public struct TapeCapacity: Sendable, Equatable {
    public var length: Int64
    public var warningMargin: Int64

    public init(length: Int64, warningMargin: Int64 = 128 << 10) {
        self.length = length
        self.warningMargin = min(warningMargin, length)
    }

    var endOfTapeMarker: Int64 { length - warningMargin }
}

/// A reel of tape in an AWS or HET file, positioned between blocks like a
/// real one. Moving forward and backward, reading and writing work on an
/// index of the file built when it is opened (which also checks the file).
/// Writing anywhere but at the end discards everything after the write
/// point, as the erase head does on a real drive.
///
/// Writes go straight to the file in one piece; `flush` makes them durable.
/// A write cut off by a crash leaves an incomplete last block, which `open`
/// refuses unless asked to `repair` (cut it off).
public final class TapeMedium {
    public let path: String
    public let isReadOnly: Bool
    public let format: TapeWriteFormat
    public let capacity: TapeCapacity?
    private let file: TapeFile
    private var entries: [TapeEntry]
    /// Entries before the tape's current place (0 is the load point).
    public private(set) var position = 0

    /// Opens a tape image. With `create` a missing file becomes a blank
    /// tape; with `repair` an incomplete last block (a write cut off by a
    /// crash) is cut off instead of refused.
    public init(path: String, readOnly: Bool = false, create: Bool = false, repair: Bool = false,
                format: TapeWriteFormat? = nil, capacity: TapeCapacity? = nil) throws {
        self.path = path
        self.format = format ?? .suggested(by: path)
        self.capacity = capacity
        file = try TapeFile(path: path, readOnly: readOnly, create: create)
        isReadOnly = file.isReadOnly
        var index = try TapeImageIndex.scan(file)
        if let torn = index.tornTailAt {
            let reason = index.tornTailReason ?? "the last block is incomplete"
            let tail = try file.size() - torn
            // One block with its headers is the most a torn write leaves.
            let mostATornWriteLeaves = Int64(TapeBlockCodec.maximumBlock + 64 * TapeChunkHeader.size)
            guard repair, !isReadOnly, tail <= mostATornWriteLeaves else {
                var advice = ""
                if tail <= mostATornWriteLeaves {
                    advice = isReadOnly ? " (a write was cut off; mount it read-write with 'repair' to cut it off)"
                                      : " (a write was cut off; mount with 'repair' to cut it off)"
                }
                throw MediaError(path, "truncated: \(reason)\(advice)")
            }
            try file.truncate(to: torn)
            try file.sync()
            index.tornTailAt = nil
        }
        entries = index.entries
    }

    deinit { file.close() }

    // MARK: Where the tape is

    public var isAtLoadPoint: Bool { position == 0 }
    /// Nothing has been written beyond this point.
    public var isAtEndOfData: Bool { position == entries.count }
    /// Blocks and tape marks on the tape.
    public var entryCount: Int { entries.count }
    /// The file (1 for the first) the tape stands in: tape marks passed, plus one.
    public var fileNumber: Int { entries[..<position].reduce(1) { $0 + ($1.isTapeMark ? 1 : 0) } }
    /// The file offset of the current place.
    public var offset: Int64 { position == 0 ? 0 : entries[position - 1].end }
    /// Whether the tape stands beyond the end-of-tape marker.
    public var isPastEndOfTapeMarker: Bool {
        guard let capacity else { return false }
        return offset > capacity.endOfTapeMarker
    }

    /// Whether the entry just before the current place is a tape mark.
    public var followsTapeMark: Bool { position > 0 && entries[position - 1].isTapeMark }

    // MARK: Motion

    /// Reads the next block (or passes the next tape mark). At the end of
    /// data the tape does not move. A block whose data cannot be decoded
    /// is passed over and reported with an error, like a data check.
    public func readForward() throws -> TapeRecord {
        guard position < entries.count else { return .endOfData }
        let entry = entries[position]
        position += 1
        return entry.isTapeMark ? .tapeMark : .block(try data(of: entry, number: position - 1))
    }

    /// Reads the previous block, leaving the tape before it; the data come
    /// in the order they were written.
    public func readBackward() throws -> TapeRecord {
        guard position > 0 else { return .loadPoint }
        position -= 1
        let entry = entries[position]
        return entry.isTapeMark ? .tapeMark : .block(try data(of: entry, number: position))
    }

    /// Spaces over the next block or tape mark without reading it.
    public func spaceForward() -> TapeRecord {
        guard position < entries.count else { return .endOfData }
        position += 1
        return entries[position - 1].isTapeMark ? .tapeMark : .block([])
    }

    /// Spaces back over the previous block or tape mark.
    public func spaceBackward() -> TapeRecord {
        guard position > 0 else { return .loadPoint }
        position -= 1
        return entries[position].isTapeMark ? .tapeMark : .block([])
    }

    /// Spaces forward past the next tape mark (`.tapeMark`), or to the end
    /// of data if there is none (`.endOfData`).
    public func spaceFileForward() -> TapeRecord {
        while position < entries.count {
            position += 1
            if entries[position - 1].isTapeMark { return .tapeMark }
        }
        return .endOfData
    }

    /// Spaces back over the previous tape mark, leaving the tape before it
    /// (`.tapeMark`), or to the load point if there is none (`.loadPoint`).
    public func spaceFileBackward() -> TapeRecord {
        while position > 0 {
            position -= 1
            if entries[position].isTapeMark { return .tapeMark }
        }
        return .loadPoint
    }

    public func rewind() { position = 0 }

    // MARK: Writing

    /// Why a write did not happen.
    public enum WriteRefusal: Error, Equatable, Sendable {
        /// The tape is file-protected.
        case readOnly
        /// The block would run past the physical end of the tape.
        case endOfTape
        /// Empty, or longer than 65,535 bytes.
        case badLength(Int)
    }

    /// Writes a block at the current place (discarding what follows).
    /// Returns whether the tape is now past the end-of-tape marker.
    @discardableResult
    public func write(_ block: [UInt8]) throws -> Bool {
        guard !block.isEmpty, block.count <= TapeBlockCodec.maximumBlock else { throw WriteRefusal.badLength(block.count) }
        let encoded = TapeBlockCodec.encode(block, format: format, previousChunkLength: previousChunkLength)
        return try append(encoded.bytes, TapeEntry(start: 0, end: 0, isTapeMark: false, compression: encoded.compression,
                                                   storedLength: encoded.storedLength,
                                                   lastChunkLength: encoded.lastChunkLength))
    }

    /// Writes a tape mark at the current place (discarding what follows).
    @discardableResult
    public func writeTapeMark() throws -> Bool {
        let header = TapeChunkHeader.tapeMark(previousLength: previousChunkLength)
        return try append(header.bytes, TapeEntry(start: 0, end: 0, isTapeMark: true, compression: .none,
                                                  storedLength: 0, lastChunkLength: 0))
    }

    /// Erases from the current place to the end of the tape (erase gap,
    /// data security erase): what followed is gone.
    public func eraseToEnd() throws {
        guard !isReadOnly else { throw WriteRefusal.readOnly }
        try discardFollowing()
    }

    /// Makes every write so far durable.
    public func flush() throws { try file.sync() }

    /// Flushes and closes the file (unload). The medium is unusable afterwards.
    public func close() throws {
        defer { file.close() }
        try file.sync()
    }

    // MARK: Internals

    private var previousChunkLength: Int { position == 0 ? 0 : entries[position - 1].lastChunkLength }

    private func discardFollowing() throws {
        guard position < entries.count else { return }
        try file.truncate(to: offset)
        entries.removeSubrange(position...)
    }

    private func append(_ bytes: [UInt8], _ template: TapeEntry) throws -> Bool {
        guard !isReadOnly else { throw WriteRefusal.readOnly }
        let start = offset
        let end = start + Int64(bytes.count)
        if let capacity, end > capacity.length { throw WriteRefusal.endOfTape }
        try discardFollowing()
        do {
            try file.write(bytes, at: start)
        } catch {
            // Leave no half-written block behind.
            try? file.truncate(to: start)
            throw error
        }
        var entry = template
        entry.start = start
        entry.end = end
        entries.append(entry)
        position += 1
        return isPastEndOfTapeMarker
    }

    /// The data of block `number`, decompressed.
    private func data(of entry: TapeEntry, number: Int) throws -> [UInt8] {
        let raw = try file.read(at: entry.start, count: Int(entry.end - entry.start))
        var stored: [UInt8] = []
        stored.reserveCapacity(entry.storedLength)
        var i = 0
        while i + TapeChunkHeader.size <= raw.count {
            let header = TapeChunkHeader(raw[i...])
            let dataStart = i + TapeChunkHeader.size
            let dataEnd = dataStart + header.length
            guard dataEnd <= raw.count else { break }
            stored += raw[dataStart..<dataEnd]
            i = dataEnd
        }
        guard stored.count == entry.storedLength else {
            throw MediaError(path, "block \(number) at offset \(entry.start) changed on disk since the tape was mounted")
        }
        guard let data = TapeBlockCodec.decode(stored, compression: entry.compression) else {
            throw MediaError(path, "block \(number) at offset \(entry.start): its \(entry.compression.rawValue) data is corrupt")
        }
        guard !data.isEmpty else {
            throw MediaError(path, "block \(number) at offset \(entry.start) decompresses to nothing")
        }
        return data
    }
}
