/// A CKD volume as tracks: what a DASD device reads and writes, whatever the
/// file format underneath (Hercules CKD, compressed CCKD, memory).
///
/// A track image is in Hercules' layout: the home address (a flag byte,
/// then CC and HH, 5 bytes), then each record as an 8-byte count (CC, HH,
/// R, KL, DL) followed by its key and data (record 0 first), and finally
/// eight X'FF' bytes that end the track.
public protocol TrackStore: AnyObject {
    /// Device type the volume was made for (X'3350', …).
    var deviceType: UInt16 { get }
    var cylinders: Int { get }
    var heads: Int { get }
    /// The largest track image this volume holds, in bytes.
    var trackSize: Int { get }
    var isReadOnly: Bool { get }

    /// The track image of cylinder `cylinder`, head `head`.
    func readTrack(cylinder: Int, head: Int) throws -> [UInt8]
    /// Replaces a track image. It is durable once `flush` returns.
    func writeTrack(cylinder: Int, head: Int, _ image: [UInt8]) throws
    /// Makes every acknowledged write durable.
    func flush() throws
}

/// Builds and reads Hercules track images.
public enum TrackImage {
    public static let endOfTrack = [UInt8](repeating: 0xFF, count: 8)

    /// An empty formatted track: home address, record 0 (8 zero data bytes), end of track.
    public static func empty(cylinder: Int, head: Int) -> [UInt8] {
        var t: [UInt8] = [0, UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF)]
        t += [UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF), 0, 0, 0, 8]
        t += [UInt8](repeating: 0, count: 8)
        t += endOfTrack
        return t
    }

    /// One record of a track image.
    public struct Record: Equatable, Sendable {
        public var cylinder: UInt16
        public var head: UInt16
        public var record: UInt8
        public var key: [UInt8]
        public var data: [UInt8]

        public init(cylinder: UInt16, head: UInt16, record: UInt8, key: [UInt8] = [], data: [UInt8]) {
            self.cylinder = cylinder
            self.head = head
            self.record = record
            self.key = key
            self.data = data
        }

        /// The 8-byte count field.
        public var count: [UInt8] {
            [UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF), record,
             UInt8(key.count), UInt8(data.count >> 8), UInt8(data.count & 0xFF)]
        }
    }

    /// The records of a track image, or nil if it is malformed.
    public static func records(_ image: [UInt8]) -> [Record]? {
        guard image.count >= 5 + 8 else { return nil }
        var records: [Record] = []
        var i = 5
        while i + 8 <= image.count {
            if image[i..<i + 8].allSatisfy({ $0 == 0xFF }) { return records }
            let kl = Int(image[i + 5]), dl = Int(image[i + 6]) << 8 | Int(image[i + 7])
            guard i + 8 + kl + dl <= image.count else { return nil }
            records.append(Record(cylinder: UInt16(image[i]) << 8 | UInt16(image[i + 1]),
                                  head: UInt16(image[i + 2]) << 8 | UInt16(image[i + 3]),
                                  record: image[i + 4],
                                  key: Array(image[i + 8..<i + 8 + kl]),
                                  data: Array(image[i + 8 + kl..<i + 8 + kl + dl])))
            i += 8 + kl + dl
        }
        return nil
    }

    /// A track image holding `records` after the home address.
    public static func build(cylinder: Int, head: Int, records: [Record]) -> [UInt8] {
        var t: [UInt8] = [0, UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF)]
        for r in records { t += r.count + r.key + r.data }
        return t + endOfTrack
    }
}

/// A volume held in memory (tests, temporary disks).
public final class MemoryTrackStore: TrackStore {
    public let deviceType: UInt16
    public let cylinders: Int
    public let heads: Int
    public let trackSize: Int
    public var isReadOnly = false
    private var tracks: [Int: [UInt8]] = [:]

    public init(deviceType: UInt16, cylinders: Int, heads: Int, trackSize: Int) {
        self.deviceType = deviceType
        self.cylinders = cylinders
        self.heads = heads
        self.trackSize = trackSize
    }

    public func readTrack(cylinder: Int, head: Int) throws -> [UInt8] {
        guard cylinder < cylinders, head < heads else {
            throw MediaError("(memory)", "track \(cylinder)/\(head) is beyond the volume")
        }
        return tracks[cylinder * heads + head] ?? TrackImage.empty(cylinder: cylinder, head: head)
    }

    public func writeTrack(cylinder: Int, head: Int, _ image: [UInt8]) throws {
        guard !isReadOnly else { throw MediaError("(memory)", "volume is read-only") }
        guard cylinder < cylinders, head < heads else {
            throw MediaError("(memory)", "track \(cylinder)/\(head) is beyond the volume")
        }
        guard image.count <= trackSize else {
            throw MediaError("(memory)", "track image of \(image.count) bytes exceeds the track size \(trackSize)")
        }
        tracks[cylinder * heads + head] = image
    }

    public func flush() throws {}
}
