/// A compressed Hercules CKD volume (CKD_C370).
///
/// Layout: the 512-byte device header; the compressed device header (sizes,
/// free space, compression); the level-1 table, one 4-byte file offset per
/// 256 tracks; then, anywhere in the rest of the file, level-2 tables (256
/// entries of offset, length and size) and track images (a 5-byte header —
/// compression code, CC, HH — and the rest of the track, compressed with
/// zlib or bzip2 or not at all). An entry at offset 0 is a null track (an
/// empty formatted track), and stores no image.
///
/// ## Crash safety
///
/// Written tracks stay in memory until a flush. A flush never writes over
/// anything the last committed state uses:
///
/// 1. The first flush of a session marks the header "open" and drops the
///    free-space chain from it (that chain lives inside the free spaces,
///    which this session is about to reuse). Sync.
/// 2. Each changed track image goes to space that is free in the committed
///    state; so does a new copy of each level-2 table that changes. Space
///    the old images and tables held is only *pending* free. Sync.
/// 3. The level-1 entries are pointed at the new tables (4-byte writes,
///    each within one sector), and the header's sizes updated. Sync: this
///    is the commit. Pending space becomes free.
///
/// A crash before step 3 reaches the disk leaves level 1 pointing at the
/// old tables and images, all intact. A crash during step 3 leaves each
/// level-1 entry old or new, and each group of 256 tracks consistent. No
/// lookup table ever points at a half-written image. On opening, the free
/// space is rebuilt from the tables (everything no table points at is
/// free), so a stale or missing free-space chain does no harm; a clean
/// `close` writes the chain again, clears the "open" mark and trims the
/// file, the state `cckdcdsk` and Hercules expect.
public final class CCKDImage: DASDVolume {
    public let path: String
    public let geometry: DASDGeometry
    public let cylinders: Int
    public let heads: Int
    public let trackSize: Int
    public let isReadOnly: Bool
    public var deviceType: UInt16 { geometry.deviceType }
    public var format: VolumeFormat { .cckd(compression: compression) }
    /// How new track images are compressed.
    public var compression: TrackCompression
    /// Tracks written since the last flush are flushed when there are this many.
    public var flushThreshold = 256

    /// Images smaller than this are stored uncompressed, as Hercules does.
    static let compressionMinimum = 512
    static let level1Offset = 1024

    private let file: VolumeFile
    private var header: CCKDHeader
    private var level1: [UInt32]
    /// Level-2 tables by level-1 index (absent for a null level-1 entry).
    private var level2: [Int: [L2Entry]] = [:]
    private var space: SpaceMap
    private var dirty: [Int: [UInt8]] = [:]
    /// This session has marked the file open (step 1 of a flush).
    private var markedOpen = false
    /// A write failed half way: the in-memory state no longer matches the file.
    private var broken = false
    private var closed = false

    private var order: ByteOrder { header.order }
    private var tablesEnd: Int { Self.level1Offset + 4 * level1.count }
    private var totalTracks: Int { cylinders * heads }

    init(path: String, readOnly: Bool, fileSystem: VolumeFileSystem) throws {
        self.path = path
        self.isReadOnly = readOnly
        file = try fileSystem.open(path, readOnly: readOnly)
        let length = try file.length()
        let device = try VolumeHeader.parse(try file.read(at: 0, count: min(length, VolumeHeader.size)), file: path)
        guard device.kind == .compressed else {
            throw MediaError(path, "expected a compressed CKD file (CKD_C370), found \(device.kind.rawValue)")
        }
        guard length >= Self.level1Offset else {
            throw MediaError(path, "truncated: \(length) bytes, too short for the compressed device header")
        }
        header = try CCKDHeader(parsing: try file.read(at: CCKDHeader.offset, count: CCKDHeader.size), file: path)
        guard header.level2Entries == 256 else {
            throw MediaError(path, "corrupt compressed header: \(header.level2Entries) entries per level-2 table (must be 256)")
        }
        guard header.cylinders >= 1, header.cylinders <= 65535 else {
            throw MediaError(path, "corrupt compressed header: \(header.cylinders) cylinders")
        }
        guard let kind = TrackCompression(rawValue: header.compression) else {
            throw MediaError(path, "corrupt compressed header: unknown compression code \(header.compression)")
        }
        guard let geometry = DASDGeometry.model(deviceType: UInt16(device.typeByte), volumeCylinders: header.cylinders) else {
            throw MediaError(path, "unknown device type X'..\(hexString([device.typeByte]))' in the header")
        }
        guard device.heads == geometry.heads else {
            throw MediaError(path, "a \(geometry.name) has \(geometry.heads) heads, the header says \(device.heads)")
        }
        self.geometry = geometry
        cylinders = header.cylinders
        heads = device.heads
        trackSize = device.trackSize
        compression = kind
        let needed = (cylinders * heads + 255) / 256
        guard header.level1Entries >= needed, header.level1Entries <= needed + 256 else {
            throw MediaError(path, "corrupt compressed header: \(header.level1Entries) level-1 entries for \(cylinders * heads) tracks (needs \(needed))")
        }
        guard Self.level1Offset + 4 * header.level1Entries <= length else {
            throw MediaError(path, "truncated: the level-1 table runs past the end of the file (\(length) bytes)")
        }
        let raw = try file.read(at: Self.level1Offset, count: 4 * header.level1Entries)
        let o = header.order
        level1 = (0..<header.level1Entries).map { o.u32(raw, 4 * $0) }
        space = SpaceMap(end: length)
        try loadTables(fileLength: length)
        // A file left open by a crash gets its free-space chain and header
        // rewritten (and the open mark cleared) when this session closes it.
        markedOpen = !readOnly && header.wasLeftOpen
    }

    /// Reads every level-2 table, checks that tables and images lie inside
    /// the file without overlapping, and builds the free-space map.
    private func loadTables(fileLength: Int) throws {
        struct Used { let offset: Int; let length: Int; let what: String }
        var used = [Used(offset: 0, length: tablesEnd, what: "the headers and level-1 table")]
        for (index, entry) in level1.enumerated() where entry != 0 && entry != 0xFFFF_FFFF {
            let offset = Int(entry)
            guard offset >= tablesEnd, offset + L2Entry.tableSize <= fileLength else {
                throw MediaError(path, "corrupt level-1 entry \(index): level-2 table at offset \(offset) lies outside the file (\(fileLength) bytes)")
            }
            let table = L2Entry.table(try file.read(at: offset, count: L2Entry.tableSize), order: order)
            used.append(Used(offset: offset, length: L2Entry.tableSize, what: "level-2 table \(index)"))
            for (slot, e) in table.enumerated() where !e.isNull {
                let track = index * 256 + slot
                guard Int(e.offset) >= tablesEnd, Int(e.offset) + e.extent <= fileLength else {
                    throw MediaError(path, "corrupt level-2 entry for track \(track): image at offset \(e.offset), \(e.extent) bytes, lies outside the file (\(fileLength) bytes)")
                }
                guard e.length >= 5 else {
                    throw MediaError(path, "corrupt level-2 entry for track \(track): image length \(e.length)")
                }
                used.append(Used(offset: Int(e.offset), length: e.extent, what: "track \(track)"))
            }
            level2[index] = table
        }
        let sorted = used.sorted { $0.offset < $1.offset }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.offset < a.offset + a.length {
            throw MediaError(path, "corrupt: \(b.what) at offset \(b.offset) overlaps \(a.what) at offset \(a.offset)")
        }
        space = SpaceMap(used: used.map { SpaceMap.Extent(offset: $0.offset, length: $0.length) }, fileEnd: fileLength)
    }

    /// Makes a compressed volume of `cylinders` cylinders whose tracks are
    /// all empty (home address and R0), stored as null entries.
    static func create(_ path: String, geometry: DASDGeometry, cylinders: Int, compression: TrackCompression,
                       replace: Bool, fileSystem: VolumeFileSystem, trackZero: [UInt8]? = nil) throws -> CCKDImage {
        let tracks = cylinders * geometry.heads
        let tables = (tracks + 255) / 256
        var header = CCKDHeader(level1Entries: tables, cylinders: cylinders, compression: compression.rawValue)
        header.nullFormat = UInt8(NullTrackFormat.homeAddressAndR0.rawValue)
        let order = header.order
        let first = Self.level1Offset + 4 * tables
        var end = first + tables * L2Entry.tableSize
        // Track 0 (the label) goes right after the tables.
        var stored: [UInt8] = []
        if let trackZero {
            stored = Self.encode(trackZero, compression: compression)
        }
        header.fileSize = UInt32(end + stored.count)
        header.usedBytes = header.fileSize
        var image = VolumeHeader(kind: .compressed, heads: geometry.heads, trackSize: geometry.imageTrackSize,
                                 typeByte: geometry.headerTypeByte).bytes
        image += header.bytes
        for i in 0..<tables { image += order.bytes32(UInt32(first + i * L2Entry.tableSize)) }
        for i in 0..<tables {
            var table = (0..<256).map { slot in i * 256 + slot < tracks ? L2Entry.null(.homeAddressAndR0) : L2Entry.null }
            if i == 0 && !stored.isEmpty { table[0] = L2Entry(offset: UInt32(end), length: stored.count, space: stored.count) }
            image += L2Entry.bytes(table, order: order)
        }
        image += stored
        end += stored.count
        let file = try fileSystem.create(path, replace: replace)
        try file.write(at: 0, image)
        try file.sync()
        file.close()
        try fileSystem.syncDirectory(of: path)
        return try CCKDImage(path: path, readOnly: false, fileSystem: fileSystem)
    }

    // MARK: TrackStore

    public func readTrack(cylinder: Int, head: Int) throws -> [UInt8] {
        let track = try trackNumber(cylinder, head)
        if let image = dirty[track] { return image }
        let entry = level2[track >> 8]?[track & 0xFF] ?? .null
        if entry.isNull {
            let format = NullTrackFormat(rawValue: entry.length)
                ?? NullTrackFormat(rawValue: Int(header.nullFormat)) ?? .endOfFileRecord
            let image = format.image(cylinder: cylinder, head: head)
            guard image.count <= trackSize else {
                throw MediaError(path, "cylinder \(cylinder) head \(head): null track format \(format.rawValue) does not fit a \(geometry.name) track")
            }
            return image
        }
        let stored = try file.read(at: Int(entry.offset), count: entry.length)
        return try decode(stored, cylinder: cylinder, head: head)
    }

    /// The track image from its stored form.
    private func decode(_ stored: [UInt8], cylinder: Int, head: Int) throws -> [UInt8] {
        func fail(_ reason: String) -> MediaError { MediaError(path, "cylinder \(cylinder) head \(head): \(reason)") }
        guard stored.count >= 5 else { throw fail("stored image of \(stored.count) bytes is too short") }
        guard let kind = TrackCompression(rawValue: stored[0]) else {
            throw fail("unknown compression code X'\(hexString([stored[0]]))' in the track header")
        }
        let body = Array(stored[5...])
        guard !body.isEmpty else { throw fail("stored image has no records") }
        let limit = trackSize - 5
        let data: [UInt8]?
        switch kind {
        case .none: data = body.count <= limit ? body : nil
        case .zlib: data = Compression.inflate(body, maximum: limit)
        case .bzip2: data = Compression.bunzip(body, maximum: limit)
        }
        guard let data else { throw fail("the \(kind) data of the track image is corrupt or too long") }
        switch TrackImage.validated([0] + stored[1..<5] + data, cylinder: cylinder, head: head) {
        case .success(let image): return image
        case .failure(let defect): throw fail("\(defect)")
        }
    }

    public func writeTrack(cylinder: Int, head: Int, _ image: [UInt8]) throws {
        guard !closed, !broken else { throw MediaError(path, closed ? "the volume is closed" : "the volume failed an earlier write") }
        guard !isReadOnly else { throw MediaError(path, "the volume is read-only") }
        let track = try trackNumber(cylinder, head)
        guard image.count <= trackSize else {
            throw MediaError(path, "track image of \(image.count) bytes exceeds the track size \(trackSize)")
        }
        guard case .success = TrackImage.validated(image, cylinder: cylinder, head: head) else {
            throw MediaError(path, "cylinder \(cylinder) head \(head): refusing to write a malformed track image")
        }
        dirty[track] = image
        if dirty.count >= flushThreshold { try flush() }
    }

    public func flush() throws {
        guard !dirty.isEmpty, !isReadOnly else { return }
        guard !broken, !closed else { throw MediaError(path, "the volume failed an earlier write") }
        do {
            try commit()
        } catch {
            broken = true
            throw error
        }
    }

    /// The flush, in the order the type's documentation explains.
    private func commit() throws {
        if !markedOpen {
            header.options |= CCKDHeader.optionOpened | CCKDHeader.optionOpenedReadWrite
            header.freeChain = 0
            header.freeCount = 0
            header.freeTotal = 0
            header.freeLargest = 0
            try file.write(at: CCKDHeader.offset, header.bytes)
            try file.sync()
            markedOpen = true
        }
        var tables: [Int: [L2Entry]] = [:]
        for (track, image) in dirty.sorted(by: { $0.key < $1.key }) {
            let index = track >> 8
            var table = tables[index] ?? level2[index] ?? [L2Entry](repeating: .null, count: 256)
            let old = table[track & 0xFF]
            let cylinder = track / heads, head = track % heads
            if let null = TrackImage.nullFormat(image, cylinder: cylinder, head: head) {
                table[track & 0xFF] = .null(null)
            } else {
                let stored = encode(image)
                let offset = space.allocate(stored.count)
                try file.write(at: offset, stored)
                table[track & 0xFF] = L2Entry(offset: UInt32(offset), length: stored.count, space: stored.count)
            }
            if !old.isNull { space.release(offset: Int(old.offset), length: old.extent) }
            tables[index] = table
        }
        var newLevel1: [(index: Int, offset: UInt32)] = []
        for (index, table) in tables.sorted(by: { $0.key < $1.key }) {
            let offset = space.allocate(L2Entry.tableSize)
            try file.write(at: offset, L2Entry.bytes(table, order: order))
            let old = level1[index]
            if old != 0 && old != 0xFFFF_FFFF { space.release(offset: Int(old), length: L2Entry.tableSize) }
            newLevel1.append((index, UInt32(offset)))
        }
        try file.sync()
        for entry in newLevel1 {
            try file.write(at: Self.level1Offset + 4 * entry.index, order.bytes32(entry.offset))
        }
        header.fileSize = UInt32(space.end)
        header.usedBytes = UInt32(space.end - space.freeBytes)
        try file.write(at: CCKDHeader.offset, header.bytes)
        try file.sync()
        for entry in newLevel1 { level1[entry.index] = entry.offset }
        for (index, table) in tables { level2[index] = table }
        space.commitPending()
        dirty.removeAll()
    }

    /// The stored form of a track image: the 5-byte header, then the rest
    /// compressed when that pays.
    private func encode(_ image: [UInt8]) -> [UInt8] { Self.encode(image, compression: compression) }

    static func encode(_ image: [UInt8], compression: TrackCompression) -> [UInt8] {
        let body = Array(image[5...])
        var kind = TrackCompression.none
        var data = body
        if compression != .none && image.count >= compressionMinimum {
            let packed = compression == .zlib ? Compression.deflate(body) : Compression.bzip(body)
            if packed.count < body.count {
                kind = compression
                data = packed
            }
        }
        return [kind.rawValue, image[1], image[2], image[3], image[4]] + data
    }

    public func close() throws {
        guard !closed else { return }
        defer {
            closed = true
            file.close()
        }
        guard !isReadOnly, !broken else { return }
        try flush()
        guard markedOpen else { return }
        // Write the free-space chain into the free spaces, in offset order.
        let end = space.trimEnd()
        let chain = space.free.filter { $0.length >= SpaceMap.minimumFree }
        for (i, e) in chain.enumerated() {
            let next = i + 1 < chain.count ? UInt32(chain[i + 1].offset) : 0
            try file.write(at: e.offset, order.bytes32(next) + order.bytes32(UInt32(e.length)))
        }
        try file.sync()
        try file.truncate(to: end)
        let total = chain.reduce(0) { $0 + $1.length }
        header.fileSize = UInt32(end)
        header.usedBytes = UInt32(end - total)
        header.freeChain = UInt32(chain.first?.offset ?? 0)
        header.freeCount = UInt32(chain.count)
        header.freeTotal = UInt32(total)
        header.freeLargest = UInt32(chain.map(\.length).max() ?? 0)
        header.options &= ~CCKDHeader.optionOpened
        try file.write(at: CCKDHeader.offset, header.bytes)
        try file.sync()
        markedOpen = false
    }

    public func usage() throws -> VolumeUsage {
        var used = 0
        var kinds: [TrackCompression: Int] = [:]
        for track in 0..<totalTracks {
            if let image = dirty[track] {
                if TrackImage.nullFormat(image, cylinder: track / heads, head: track % heads) == nil { used += 1 }
                continue
            }
            guard let entry = level2[track >> 8]?[track & 0xFF], !entry.isNull else { continue }
            used += 1
            let code = try file.read(at: Int(entry.offset), count: 1)[0]
            if let kind = TrackCompression(rawValue: code) { kinds[kind, default: 0] += 1 }
        }
        return VolumeUsage(fileBytes: try file.length(), usedTracks: used, totalTracks: totalTracks,
                           freeBytes: space.freeBytes, freeExtents: space.free.count, tracksByCompression: kinds)
    }

    /// Whether the file was left open by a program that did not close it (a crash).
    public var wasLeftOpen: Bool { header.wasLeftOpen }

    private func trackNumber(_ cylinder: Int, _ head: Int) throws -> Int {
        guard cylinder >= 0, cylinder < cylinders, head >= 0, head < heads else {
            throw MediaError(path, "track \(cylinder)/\(head) is beyond the volume (\(cylinders) cylinders, \(heads) heads)")
        }
        return cylinder * heads + head
    }
}
