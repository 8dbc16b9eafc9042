import CZlib

/// A redo journal of whole track images, kept next to an uncompressed CKD
/// image (`FILE.vm67journal`) while a flush is in progress.
///
/// An uncompressed image keeps each track at a fixed place, so a track is
/// rewritten where it is, and a crash in the middle of that write could
/// leave half a new track behind. The flush therefore goes:
///
/// 1. write every changed track to the journal, with a CRC over it all; sync;
/// 2. write the tracks into the image; sync;
/// 3. remove the journal.
///
/// On opening, a journal whose CRC checks is replayed (step 2 again: the
/// writes are idempotent), and one whose CRC does not is discarded: it was
/// torn in step 1, before the image was touched. Either way every track is
/// whole: the image as of the last complete flush, or the one after it.
public struct TrackJournal: Equatable, Sendable {
    static let magic = Array("VM67TRKJ".utf8)
    static let trailer = Array("TRKJEND.".utf8)

    /// Track number and image, in track order.
    public var entries: [(track: Int, image: [UInt8])]

    public init(entries: [(track: Int, image: [UInt8])]) { self.entries = entries }

    public static func == (a: TrackJournal, b: TrackJournal) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.track == $1.track && $0.image == $1.image }
    }

    public static func path(for image: String) -> String { image + ".vm67journal" }

    public var bytes: [UInt8] {
        var b = Self.magic + littleEndianBytes(1) + littleEndianBytes(UInt32(entries.count))
        for e in entries {
            b += littleEndianBytes(UInt32(e.track)) + littleEndianBytes(UInt32(e.image.count)) + e.image
        }
        b += littleEndianBytes(checksum(b))
        return b + Self.trailer
    }

    /// Decodes a journal; nil when it is torn or is not one.
    public static func decode(_ b: [UInt8]) -> TrackJournal? {
        guard b.count >= 8 + 8 + 4 + 8, Array(b[0..<8]) == magic, Array(b[(b.count - 8)...]) == trailer,
              littleEndian32(b, 8) == 1 else { return nil }
        let body = Array(b[0..<(b.count - 12)])
        guard checksum(body) == littleEndian32(b, b.count - 12) else { return nil }
        let count = Int(littleEndian32(b, 12))
        var entries: [(track: Int, image: [UInt8])] = []
        var i = 16
        for _ in 0..<count {
            guard i + 8 <= body.count else { return nil }
            let track = Int(littleEndian32(b, i)), length = Int(littleEndian32(b, i + 4))
            guard i + 8 + length <= body.count else { return nil }
            entries.append((track, Array(b[(i + 8)..<(i + 8 + length)])))
            i += 8 + length
        }
        guard i == body.count else { return nil }
        return TrackJournal(entries: entries)
    }
}

/// CRC-32 (zlib's) of `bytes`.
func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { p in
        UInt32(crc32(0, p.baseAddress, uInt(p.count)))
    }
}
