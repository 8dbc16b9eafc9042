/// A CKD volume kept in Hercules image files: what `vm67 dasd` and the DASD
/// device open. Reads and writes go through `TrackStore`; writes are kept
/// in memory until `flush` (or until enough of them pile up) and are durable
/// once `flush` returns. `close` flushes and leaves the files in the state
/// Hercules' own tools expect.
///
/// A volume is used by one thread at a time.
public protocol DASDVolume: TrackStore {
    /// The file named when the volume was opened (the first of a split volume).
    var path: String { get }
    var geometry: DASDGeometry { get }
    var format: VolumeFormat { get }
    /// Space and track statistics, for `vm67 dasd info`.
    func usage() throws -> VolumeUsage
    /// Flushes and releases the files. The volume is unusable afterwards.
    func close() throws
}

/// How a volume's files store its tracks.
public enum VolumeFormat: Equatable, Sendable, CustomStringConvertible {
    /// CKD_P370: every track at a fixed place, uncompressed.
    case ckd
    /// CKD_C370: tracks compressed with `compression` when written.
    case cckd(compression: TrackCompression)

    public var description: String {
        switch self {
        case .ckd: return "CKD (uncompressed)"
        case .cckd(let c): return "CCKD (compressed, \(c) for new tracks)"
        }
    }
}

/// Compression of the track images a compressed volume writes.
public enum TrackCompression: UInt8, Sendable, CustomStringConvertible, CaseIterable {
    case none = 0
    case zlib = 1
    case bzip2 = 2

    public var description: String {
        switch self {
        case .none: return "none"
        case .zlib: return "zlib"
        case .bzip2: return "bzip2"
        }
    }

    public init?(name: String) {
        guard let c = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = c
    }
}

/// What `vm67 dasd info` shows about the space of a volume.
public struct VolumeUsage: Sendable, Equatable {
    /// Bytes the image files take.
    public var fileBytes: Int
    /// Tracks that hold more than an empty home address and R0.
    public var usedTracks: Int
    public var totalTracks: Int
    /// Free space inside a compressed image (bytes), and how many pieces.
    public var freeBytes: Int
    public var freeExtents: Int
    /// Compressed images only: how many track images are stored with each compression.
    public var tracksByCompression: [TrackCompression: Int]

    public init(fileBytes: Int, usedTracks: Int, totalTracks: Int, freeBytes: Int = 0, freeExtents: Int = 0,
                tracksByCompression: [TrackCompression: Int] = [:]) {
        self.fileBytes = fileBytes
        self.usedTracks = usedTracks
        self.totalTracks = totalTracks
        self.freeBytes = freeBytes
        self.freeExtents = freeExtents
        self.tracksByCompression = tracksByCompression
    }
}

/// Opening and making volume images.
public enum DASDImage {
    /// Opens a CKD or CCKD image, whichever the file is. A volume that was
    /// not closed cleanly is recovered (its last complete flush is what it
    /// holds) when it is opened for writing.
    public static func open(_ path: String, readOnly: Bool,
                            fileSystem: VolumeFileSystem = HostFileSystem.shared) throws -> DASDVolume {
        let file = try fileSystem.open(path, readOnly: true)
        let length = try file.length()
        let first = try file.read(at: 0, count: min(length, VolumeHeader.size))
        file.close()
        let header = try VolumeHeader.parse(first, file: path)
        switch header.kind {
        case .plain:
            return try CKDImage(path: path, readOnly: readOnly, fileSystem: fileSystem)
        case .compressed:
            return try CCKDImage(path: path, readOnly: readOnly, fileSystem: fileSystem)
        case .shadow:
            throw MediaError(path, "this is a compressed shadow file (CKD_S370); open its base volume instead")
        }
    }

    /// Makes a new volume formatted as `dasdinit` formats one: every track
    /// with a home address and R0, and on cylinder 0 head 0 the IPL records
    /// and a VOL1 label naming `volser`. `cylinders` defaults to the
    /// model's primary cylinders. Refuses to overwrite unless `replace`.
    public static func create(_ path: String, geometry: DASDGeometry, cylinders: Int? = nil, volser: String,
                              format: VolumeFormat, replace: Bool = false,
                              fileSystem: VolumeFileSystem = HostFileSystem.shared,
                              progress: ((Int, Int) -> Void)? = nil) throws -> DASDVolume {
        let count = cylinders ?? geometry.cylinders
        guard count >= 1, count <= 65535 else {
            throw MediaError(path, "a volume needs 1 to 65535 cylinders, not \(count)")
        }
        let label = try VolumeLabel(volser: volser)
        switch format {
        case .ckd:
            return try CKDImage.create(path, geometry: geometry, cylinders: count, replace: replace,
                                       fileSystem: fileSystem, progress: progress, trackZero: label.trackZero())
        case .cckd(let compression):
            return try CCKDImage.create(path, geometry: geometry, cylinders: count, compression: compression,
                                        replace: replace, fileSystem: fileSystem, trackZero: label.trackZero())
        }
    }
}
