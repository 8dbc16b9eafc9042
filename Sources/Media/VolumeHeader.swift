/// The 512-byte device header at the start of every Hercules CKD image
/// file (and of a compressed one): an eye-catcher, heads and track size
/// (little-endian), the low byte of the device type, the file's sequence
/// number in a multi-file volume and its highest cylinder.
struct VolumeHeader: Equatable {
    static let size = 512

    enum Kind: String {
        /// CKD_P370: uncompressed, tracks at fixed offsets.
        case plain = "CKD_P370"
        /// CKD_C370: compressed, tracks found through lookup tables.
        case compressed = "CKD_C370"
        /// CKD_S370: a compressed shadow file (not supported on its own).
        case shadow = "CKD_S370"
    }

    var kind: Kind
    var heads: Int
    var trackSize: Int
    /// Low byte of the device type (X'50' for a 3350).
    var typeByte: UInt8
    /// 0 for the only file of a volume; 1, 2… for the files of a split one.
    var fileSequence: UInt8
    /// Highest cylinder in this file, or 0 for the last (or only) file.
    var highCylinder: Int
    /// Bytes 20–511 as found (Hercules keeps a serial number there on newer versions).
    var rest: [UInt8]

    init(kind: Kind, heads: Int, trackSize: Int, typeByte: UInt8, fileSequence: UInt8 = 0,
         highCylinder: Int = 0) {
        self.kind = kind
        self.heads = heads
        self.trackSize = trackSize
        self.typeByte = typeByte
        self.fileSequence = fileSequence
        self.highCylinder = highCylinder
        self.rest = [UInt8](repeating: 0, count: Self.size - 20)
    }

    /// Parses a header; nil with a reason when it is not a CKD image header.
    static func parse(_ bytes: [UInt8], file: String) throws -> VolumeHeader {
        guard bytes.count >= size else {
            throw MediaError(file, "truncated: a CKD image starts with a \(size)-byte header; the file has \(bytes.count) bytes")
        }
        let id = String(decoding: bytes[0..<8], as: UTF8.self)
        guard let kind = Kind(rawValue: id) else {
            let shown = bytes[0..<8].allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? "'\(id)'" : "X'\(hexString(bytes[0..<8]))'"
            throw MediaError(file, "not a Hercules CKD volume: the header starts with \(shown), not CKD_P370 or CKD_C370")
        }
        var header = VolumeHeader(kind: kind, heads: Int(littleEndian32(bytes, 8)), trackSize: Int(littleEndian32(bytes, 12)),
                                  typeByte: bytes[16], fileSequence: bytes[17],
                                  highCylinder: Int(bytes[18]) | Int(bytes[19]) << 8)
        header.rest = Array(bytes[20..<size])
        guard header.heads >= 1, header.heads <= 255 else {
            throw MediaError(file, "corrupt header: \(header.heads) heads per cylinder")
        }
        guard header.trackSize >= 37, header.trackSize <= 65536 else {
            throw MediaError(file, "corrupt header: track size \(header.trackSize)")
        }
        return header
    }

    var bytes: [UInt8] {
        var b = Array(kind.rawValue.utf8)
        b += littleEndianBytes(UInt32(heads))
        b += littleEndianBytes(UInt32(trackSize))
        b += [typeByte, fileSequence, UInt8(highCylinder & 0xFF), UInt8((highCylinder >> 8) & 0xFF)]
        b += rest
        return b
    }
}

func littleEndian32(_ b: [UInt8], _ at: Int) -> UInt32 {
    UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
}

func littleEndianBytes(_ v: UInt32) -> [UInt8] {
    [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
}

func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    bytes.map { b in
        let s = String(b, radix: 16, uppercase: true)
        return b < 16 ? "0" + s : s
    }.joined()
}
