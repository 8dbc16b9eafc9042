import Media

/// The track under a CKD drive's heads, as records: what the device reads,
/// searches and rewrites, and turns back into a track image for the store.
struct CKDTrack: Equatable {
    struct Record: Equatable {
        /// The 8-byte count field as stored: CC HH R KL DL. The top bit of
        /// the first byte marks a track-overflow segment (Hercules' convention).
        var count: [UInt8]
        var key: [UInt8]
        var data: [UInt8]

        var number: UInt8 { count[4] }
        var keyLength: Int { key.count }
        var dataLength: Int { data.count }
        var isOverflowSegment: Bool { count[0] & 0x80 != 0 }
        /// The stored cylinder number (without the overflow flag).
        var cylinder: Int { Int(count[0] & 0x7F) << 8 | Int(count[1]) }

        init(count: [UInt8], key: [UInt8], data: [UInt8]) {
            self.count = count
            self.key = key
            self.data = data
            self.count[5] = UInt8(key.count)
            self.count[6] = UInt8(data.count >> 8)
            self.count[7] = UInt8(data.count & 0xFF)
        }
    }

    /// Real cylinder and head of the track.
    let cylinder: Int
    let head: Int
    var homeAddress: [UInt8]
    var records: [Record]

    /// Parses a track image; nil when it is malformed.
    init?(image: [UInt8], cylinder: Int, head: Int) {
        guard image.count >= 13 else { return nil }
        self.cylinder = cylinder
        self.head = head
        homeAddress = Array(image[0..<5])
        records = []
        var i = 5
        while i + 8 <= image.count {
            if image[i..<i + 8].allSatisfy({ $0 == 0xFF }) { return }
            let kl = Int(image[i + 5]), dl = Int(image[i + 6]) << 8 | Int(image[i + 7])
            guard i + 8 + kl + dl <= image.count else { return nil }
            records.append(Record(count: Array(image[i..<i + 8]), key: Array(image[i + 8..<i + 8 + kl]),
                                  data: Array(image[i + 8 + kl..<i + 8 + kl + dl])))
            i += 8 + kl + dl
        }
        return nil
    }

    /// The track image: home address, records, end-of-track marker.
    var image: [UInt8] {
        var t = homeAddress
        for r in records { t += r.count + r.key + r.data }
        return t + TrackImage.endOfTrack
    }

    var imageSize: Int { records.reduce(5 + 8) { $0 + 8 + $1.keyLength + $1.dataLength } }

    /// Key and data lengths of the records after R0, for capacity checks.
    var userRecordLengths: [(keyLength: Int, dataLength: Int)] {
        records.enumerated().filter { !($0.offset == 0 && $0.element.number == 0) }
            .map { ($0.element.keyLength, $0.element.dataLength) }
    }
}
