extension TrackImage {
    /// The home address of track `cylinder`/`head`: flag byte 0, CC, HH.
    public static func homeAddress(cylinder: Int, head: Int) -> [UInt8] {
        [0, UInt8((cylinder >> 8) & 0xFF), UInt8(cylinder & 0xFF), UInt8((head >> 8) & 0xFF), UInt8(head & 0xFF)]
    }

    /// Checks a track image read from a file: the home address must name
    /// this track, and the records must run to an end-of-track marker within
    /// `limit` bytes. Returns the image up to and including that marker, or
    /// the reason it is unusable.
    public static func validated<C: RandomAccessCollection>(_ raw: C, cylinder: Int, head: Int)
        -> Result<[UInt8], TrackImageDefect> where C.Element == UInt8, C.Index == Int {
        let start = raw.startIndex
        guard raw.count >= 5 + 8 else { return .failure(.tooShort(raw.count)) }
        let ha = homeAddress(cylinder: cylinder, head: head)
        for i in 0..<5 where raw[start + i] != ha[i] {
            return .failure(.wrongHomeAddress(Array(raw[start..<start + 5])))
        }
        var i = 5
        var records = 0
        while i + 8 <= raw.count {
            if (0..<8).allSatisfy({ raw[start + i + $0] == 0xFF }) {
                return .success(Array(raw[start..<start + i + 8]))
            }
            let kl = Int(raw[start + i + 5]), dl = Int(raw[start + i + 6]) << 8 | Int(raw[start + i + 7])
            guard i + 8 + kl + dl + 8 <= raw.count else { return .failure(.recordOverrunsTrack(record: records)) }
            i += 8 + kl + dl
            records += 1
        }
        return .failure(.noEndOfTrack)
    }

    /// Whether `image` holds only the home address and a standard record 0
    /// (eight zero bytes of data), optionally followed by an empty record 1
    /// (an end-of-file mark): the "null track" forms of compressed images.
    static func nullFormat(_ image: [UInt8], cylinder: Int, head: Int) -> NullTrackFormat? {
        for format in [NullTrackFormat.homeAddressAndR0, .endOfFileRecord] where image == format.image(cylinder: cylinder, head: head) {
            return format
        }
        return nil
    }
}

/// Why a track image from a file cannot be used.
public enum TrackImageDefect: Error, Equatable, CustomStringConvertible, Sendable {
    case tooShort(Int)
    case wrongHomeAddress([UInt8])
    case recordOverrunsTrack(record: Int)
    case noEndOfTrack

    public var description: String {
        switch self {
        case .tooShort(let n): return "track image of \(n) bytes is too short"
        case .wrongHomeAddress(let ha): return "home address X'\(hexString(ha))' does not name this track"
        case .recordOverrunsTrack(let r): return "record \(r) runs past the end of the track"
        case .noEndOfTrack: return "no end-of-track marker"
        }
    }
}

/// The track images a compressed volume keeps as a lookup-table entry
/// alone (no image in the file), numbered as Hercules numbers them.
public enum NullTrackFormat: Int, Sendable {
    /// Format 0: home address, R0, and an empty R1 (end of file).
    case endOfFileRecord = 0
    /// Format 1: home address and R0 only.
    case homeAddressAndR0 = 1
    /// Format 2: twelve 4096-byte records (Linux volumes).
    case linux = 2

    public func image(cylinder: Int, head: Int) -> [UInt8] {
        let c = UInt16(truncatingIfNeeded: cylinder), h = UInt16(truncatingIfNeeded: head)
        var t = TrackImage.homeAddress(cylinder: cylinder, head: head)
        t += TrackImage.Record(cylinder: c, head: h, record: 0, data: [UInt8](repeating: 0, count: 8)).count
        t += [UInt8](repeating: 0, count: 8)
        switch self {
        case .homeAddressAndR0: break
        case .endOfFileRecord:
            t += TrackImage.Record(cylinder: c, head: h, record: 1, data: []).count
        case .linux:
            for r in 1...12 {
                t += TrackImage.Record(cylinder: c, head: h, record: UInt8(r), data: []).count
                t[t.count - 2] = 0x10       // data length 4096
                t += [UInt8](repeating: 0, count: 4096)
            }
        }
        return t + TrackImage.endOfTrack
    }
}
