/// An uncompressed Hercules CKD volume (CKD_P370): a 512-byte header, then
/// every track at a fixed offset in track-size slots. A big volume may be
/// split over several files (`disk_1.3380`, `disk_2.3380`…), each with its
/// own header giving its sequence number and highest cylinder.
///
/// Changed tracks stay in memory until `flush`, which writes them through a
/// `TrackJournal` so that no track is ever left half written.
public final class CKDImage: DASDVolume {
    public let path: String
    public let geometry: DASDGeometry
    public let cylinders: Int
    public let heads: Int
    public let trackSize: Int
    public let isReadOnly: Bool
    public var deviceType: UInt16 { geometry.deviceType }
    public var format: VolumeFormat { .ckd }

    /// Tracks written since the last flush are flushed when there are this many.
    public var flushThreshold = 256
    /// Flushes go through a journal. A fresh copy, which is worthless if
    /// interrupted anyway, may turn this off to write each track once.
    public var journaling = true

    private struct Segment {
        let file: VolumeFile
        let firstTrack: Int
        let tracks: Int
    }

    private let fileSystem: VolumeFileSystem
    private var segments: [Segment]
    private var dirty: [Int: [UInt8]] = [:]
    private var closed = false

    /// Opens an image (all files of a split volume). A journal left by an
    /// interrupted flush is replayed (or, read-only, applied in memory).
    init(path: String, readOnly: Bool, fileSystem: VolumeFileSystem) throws {
        self.path = path
        self.isReadOnly = readOnly
        self.fileSystem = fileSystem
        var segments: [Segment] = []
        var first: VolumeHeader? = nil
        var name = path
        var totalCylinders = 0
        while true {
            let file = try fileSystem.open(name, readOnly: readOnly)
            let length = try file.length()
            let header = try VolumeHeader.parse(try file.read(at: 0, count: min(length, VolumeHeader.size)), file: name)
            guard header.kind == .plain else {
                throw MediaError(name, "expected an uncompressed CKD file (CKD_P370), found \(header.kind.rawValue)")
            }
            if let first {
                guard header.heads == first.heads, header.trackSize == first.trackSize, header.typeByte == first.typeByte else {
                    throw MediaError(name, "part \(segments.count + 1) of the volume has \(header.heads) heads and \(header.trackSize)-byte tracks; the first part has \(first.heads) and \(first.trackSize)")
                }
            } else {
                first = header
            }
            let sequence = segments.count + 1
            guard header.fileSequence == sequence || (header.fileSequence == 0 && sequence == 1) else {
                throw MediaError(name, "file out of sequence: its header says part \(header.fileSequence), expected \(sequence)")
            }
            let body = length - VolumeHeader.size
            guard body > 0, body % header.trackSize == 0 else {
                throw MediaError(name, "truncated or padded: \(body) bytes of tracks is not a whole number of \(header.trackSize)-byte tracks")
            }
            let tracks = body / header.trackSize
            guard tracks % header.heads == 0 else {
                throw MediaError(name, "truncated: \(tracks) tracks is not a whole number of \(header.heads)-track cylinders")
            }
            let fileCylinders = tracks / header.heads
            var high = header.highCylinder
            // Hercules reads a first file whose high cylinder equals its
            // cylinder count as a volume of one file.
            if sequence == 1 && high == fileCylinders { high = 0 }
            if high != 0 && high != totalCylinders + fileCylinders - 1 {
                throw MediaError(name, "header says the file ends at cylinder \(high), but it holds cylinders \(totalCylinders) to \(totalCylinders + fileCylinders - 1)")
            }
            segments.append(Segment(file: file, firstTrack: totalCylinders * header.heads, tracks: tracks))
            totalCylinders += fileCylinders
            if high == 0 || header.fileSequence == 0 { break }
            guard sequence < 36 else { throw MediaError(path, "more than 36 files in one volume") }
            name = try Self.partName(path, part: sequence + 1)
        }
        let header = first!
        guard let geometry = DASDGeometry.model(deviceType: UInt16(header.typeByte), volumeCylinders: totalCylinders) else {
            throw MediaError(path, "unknown device type X'..\(hexString([header.typeByte]))' in the header")
        }
        guard header.heads == geometry.heads else {
            throw MediaError(path, "a \(geometry.name) has \(geometry.heads) heads, the header says \(header.heads)")
        }
        self.geometry = geometry
        self.segments = segments
        self.cylinders = totalCylinders
        self.heads = header.heads
        self.trackSize = header.trackSize
        try recoverJournal()
    }

    /// The name of part `part` of a split volume: the character before the
    /// first dot of the file name (or its last character) becomes the part
    /// number, as Hercules names the files.
    public static func partName(_ path: String, part: Int) throws -> String {
        var chars = Array(path)
        let nameStart = (chars.lastIndex(of: "/") ?? -1) + 1
        let dot = chars[nameStart...].firstIndex(of: ".") ?? chars.count
        let at = dot - 1
        guard at >= nameStart else { throw MediaError(path, "cannot derive the names of the other parts of this volume") }
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        chars[at] = digits[part]
        return String(chars)
    }

    /// Makes an image of `cylinders` cylinders, every track formatted with
    /// a home address and R0.
    static func create(_ path: String, geometry: DASDGeometry, cylinders: Int, replace: Bool,
                       fileSystem: VolumeFileSystem, progress: ((Int, Int) -> Void)?,
                       trackZero: [UInt8]? = nil) throws -> CKDImage {
        let trackSize = geometry.imageTrackSize
        guard VolumeHeader.size + cylinders * geometry.heads * trackSize <= Int(Int32.max) else {
            throw MediaError(path, "\(cylinders) cylinders of \(geometry.name) do not fit in one 2 GB image file")
        }
        let file = try fileSystem.create(path, replace: replace)
        defer { file.close() }
        let header = VolumeHeader(kind: .plain, heads: geometry.heads, trackSize: trackSize, typeByte: geometry.headerTypeByte)
        try file.write(at: 0, header.bytes)
        for cylinder in 0..<cylinders {
            var block: [UInt8] = []
            block.reserveCapacity(trackSize * geometry.heads)
            for head in 0..<geometry.heads {
                let image = cylinder == 0 && head == 0 ? trackZero ?? TrackImage.empty(cylinder: 0, head: 0)
                    : TrackImage.empty(cylinder: cylinder, head: head)
                block += image + [UInt8](repeating: 0, count: trackSize - image.count)
            }
            try file.write(at: VolumeHeader.size + cylinder * geometry.heads * trackSize, block)
            progress?(cylinder + 1, cylinders)
        }
        try file.sync()
        try fileSystem.syncDirectory(of: path)
        file.close()
        return try CKDImage(path: path, readOnly: false, fileSystem: fileSystem)
    }

    // MARK: TrackStore

    public func readTrack(cylinder: Int, head: Int) throws -> [UInt8] {
        let track = try trackNumber(cylinder, head)
        if let image = dirty[track] { return image }
        let (segment, offset) = location(track)
        let raw = try segment.file.read(at: offset, count: trackSize)
        switch TrackImage.validated(raw, cylinder: cylinder, head: head) {
        case .success(let image): return image
        case .failure(let defect):
            throw MediaError(segment.file.path, "cylinder \(cylinder) head \(head): \(defect)")
        }
    }

    public func writeTrack(cylinder: Int, head: Int, _ image: [UInt8]) throws {
        guard !closed else { throw MediaError(path, "the volume is closed") }
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
        let entries = dirty.sorted { $0.key < $1.key }.map { (track: $0.key, image: $0.value) }
        guard journaling else {
            try apply(entries)
            dirty.removeAll()
            return
        }
        let journalPath = TrackJournal.path(for: path)
        let journal = try fileSystem.create(journalPath, replace: true)
        defer { journal.close() }
        try journal.write(at: 0, TrackJournal(entries: entries).bytes)
        try journal.sync()
        try fileSystem.syncDirectory(of: journalPath)
        try apply(entries)
        journal.close()
        try fileSystem.remove(journalPath)
        dirty.removeAll()
    }

    public func close() throws {
        guard !closed else { return }
        try flush()
        closed = true
        for s in segments { s.file.close() }
    }

    public func usage() throws -> VolumeUsage {
        // An empty track is its first 29 bytes (home address, R0, end
        // marker); that is all that needs reading to tell.
        var used = 0
        for cylinder in 0..<cylinders {
            for head in 0..<heads {
                let track = cylinder * heads + head
                let empty = TrackImage.empty(cylinder: cylinder, head: head)
                if let image = dirty[track] {
                    if image != empty { used += 1 }
                    continue
                }
                let (segment, offset) = location(track)
                if try segment.file.read(at: offset, count: empty.count) != empty { used += 1 }
            }
        }
        var bytes = 0
        for s in segments { bytes += try s.file.length() }
        return VolumeUsage(fileBytes: bytes, usedTracks: used, totalTracks: cylinders * heads)
    }

    // MARK: Internals

    private func trackNumber(_ cylinder: Int, _ head: Int) throws -> Int {
        guard cylinder >= 0, cylinder < cylinders, head >= 0, head < heads else {
            throw MediaError(path, "track \(cylinder)/\(head) is beyond the volume (\(cylinders) cylinders, \(heads) heads)")
        }
        return cylinder * heads + head
    }

    private func location(_ track: Int) -> (Segment, Int) {
        let segment = segments.last { $0.firstTrack <= track }!
        return (segment, VolumeHeader.size + (track - segment.firstTrack) * trackSize)
    }

    /// Writes track images in place and makes them durable.
    private func apply(_ entries: [(track: Int, image: [UInt8])]) throws {
        var touched = Set<Int>()
        for e in entries {
            let (segment, offset) = location(e.track)
            try segment.file.write(at: offset, e.image + [UInt8](repeating: 0, count: trackSize - e.image.count))
            touched.insert(segment.firstTrack)
        }
        for s in segments where touched.contains(s.firstTrack) { try s.file.sync() }
    }

    /// Finishes (or forgets) a flush that a crash interrupted.
    private func recoverJournal() throws {
        let journalPath = TrackJournal.path(for: path)
        guard fileSystem.exists(journalPath) else { return }
        let file = try fileSystem.open(journalPath, readOnly: true)
        let bytes = try file.read(at: 0, count: try file.length())
        file.close()
        guard let journal = TrackJournal.decode(bytes),
              journal.entries.allSatisfy({ $0.track >= 0 && $0.track < cylinders * heads && $0.image.count <= trackSize }) else {
            // Torn before any track was rewritten: the image is whole as it is.
            if !isReadOnly { try fileSystem.remove(journalPath) }
            return
        }
        if isReadOnly {
            for e in journal.entries { dirty[e.track] = e.image }
        } else {
            try apply(journal.entries)
            try fileSystem.remove(journalPath)
        }
    }
}
