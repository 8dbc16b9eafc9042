/// The records `dasdinit` puts on cylinder 0 head 0 of a new volume: IPL1
/// (a PSW that loads a disabled wait, so IPLing an empty volume stops
/// cleanly), IPL2 (room for a bootstrap) and the VOL1 label.
public struct VolumeLabel: Sendable, Equatable {
    public let volser: String

    /// Up to six letters, digits or national characters (#, @, $).
    public init(volser: String) throws {
        let upper = volser.uppercased()
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#@$-")
        guard !upper.isEmpty, upper.count <= 6, upper.allSatisfy({ allowed.contains($0) }) else {
            throw MediaError("(volume label)", "'\(volser)' is not a volume serial: use 1 to 6 letters, digits, #, @ or $")
        }
        self.volser = upper
    }

    /// The IPL1 data: a disabled-wait PSW and two CCWs that end the IPL chain.
    static let iplRecord: [UInt8] = [0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0F,
                                     0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
                                     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]

    /// The 80-byte VOL1 label: VOL1, the serial, security byte, the VTOC
    /// address (cylinder 0 head 1 record 1), the owner in columns 42–55.
    public var vol1: [UInt8] {
        var b = ebcdic("VOL1") + ebcdic(padded(volser, 6))
        b.append(0x40)                                  // security byte, as dasdinit 3.13 writes it
        b += [0x00, 0x00, 0x00, 0x01, 0x01]             // VTOC at CCHHR 0000 0001 01
        b += ebcdic(String(repeating: " ", count: 25))
        b += ebcdic(padded("HERCULES", 14))
        b += ebcdic(String(repeating: " ", count: 25))
        return b
    }

    /// Track 0 of a new volume.
    public func trackZero() -> [UInt8] {
        TrackImage.build(cylinder: 0, head: 0, records: [
            TrackImage.Record(cylinder: 0, head: 0, record: 0, data: [UInt8](repeating: 0, count: 8)),
            TrackImage.Record(cylinder: 0, head: 0, record: 1, key: ebcdic("IPL1"), data: Self.iplRecord),
            TrackImage.Record(cylinder: 0, head: 0, record: 2, key: ebcdic("IPL2"), data: [UInt8](repeating: 0, count: 144)),
            TrackImage.Record(cylinder: 0, head: 0, record: 3, key: ebcdic("VOL1"), data: vol1),
        ])
    }

    /// The volume serial in the VOL1 label of a track-0 image, if it has one.
    public static func volser(inTrackZero image: [UInt8]) -> String? {
        guard let records = TrackImage.records(image),
              let label = records.first(where: { $0.record == 3 && $0.data.count >= 10 }),
              Array(label.data[0..<4]) == ebcdic("VOL1") else { return nil }
        var serial = CodePage.cp037.string(label.data[4..<10])
        while serial.last == " " { serial.removeLast() }
        return serial
    }
}

/// EBCDIC (code page 037) for label text.
func ebcdic(_ text: String) -> [UInt8] { CodePage.cp037.ebcdic(text) }

/// `text` cut or padded with blanks to `length` characters.
func padded(_ text: String, _ length: Int) -> String {
    text.count >= length ? String(text.prefix(length)) : text + String(repeating: " ", count: length - text.count)
}
