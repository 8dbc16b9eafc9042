/// The shape of one IBM CKD disk model: how many cylinders and heads, how
/// much a track holds and how records use it, and what the control unit
/// reports about it (SENSE ID, READ DEVICE CHARACTERISTICS).
///
/// Facts from the IBM device references (2311/2314 component descriptions,
/// GA26-1615 3330, GA26-1619 3340, GA26-1638 3350, GA26-1666 3375,
/// GA26-1664 3380) as tabulated in Hercules' dasdtab.c, so that volumes made
/// by Hercules' dasdinit and by vm67 agree byte for byte.
public struct DASDGeometry: Sendable, Equatable, CustomStringConvertible {
    /// How the space a record takes on a track is computed.
    public enum CapacityFormula: Sendable, Equatable {
        /// 2311 and 2314: a record that is not the last on its track pays a
        /// gap overhead and a tolerance factor (`tolerance/512` per byte);
        /// the last one only pays the key overhead.
        case tolerance(keyOverhead: Int, gap: Int, tolerance: Int, per: Int)
        /// 3330, 3340, 3350: a fixed overhead per record, more with a key.
        case fixed(keyOverhead: Int, recordOverhead: Int)
        /// 3375 and 3380: fields occupy whole cells of `cell` bytes, with a
        /// fixed overhead for the data field and another for the key field.
        case cells(cell: Int, dataOverhead: Int, keyOverhead: Int)
    }

    /// The control unit in front of the drive: what SENSE ID and RDC name.
    public struct ControlUnit: Sendable, Equatable {
        public let type: UInt16
        public let model: UInt8
        /// RDC byte 42.
        public let code: UInt8
        /// RDC bytes 6–9 (storage director features).
        public let features: UInt32
        /// Sense bytes the unit returns: 6 for the 2841/2314, 24 for 3830/3880.
        public let senseBytes: Int
        /// SENSE ID is understood (not by the 2841 and 2314 units).
        public let hasSenseID: Bool

        public static let ibm2841 = ControlUnit(type: 0x2841, model: 0, code: 0, features: 0, senseBytes: 6, hasSenseID: false)
        public static let ibm2314 = ControlUnit(type: 0x2314, model: 0, code: 0, features: 0, senseBytes: 6, hasSenseID: false)
        public static let ibm3830 = ControlUnit(type: 0x3830, model: 0x02, code: 0, features: 0, senseBytes: 24, hasSenseID: true)
        public static let ibm3880 = ControlUnit(type: 0x3880, model: 0x05, code: 0x09, features: 0x8000_0000,
                                                senseBytes: 24, hasSenseID: true)
    }

    /// The name with model, as accepted on configuration lines ("3330-11").
    public let name: String
    /// Other names for the same model ("3330-2" for the 3330-11…).
    public let aliases: [String]
    public let deviceType: UInt16
    /// Model byte of SENSE ID and RDC.
    public let model: UInt8
    /// Cylinders for data, and alternate cylinders behind them.
    public let cylinders: Int
    public let alternateCylinders: Int
    public let heads: Int
    /// Longest data field of record 1 alone on a track (after a standard R0).
    public let maximumRecordLength: Int
    /// Track capacity in the units of the capacity formula, for R1 onwards.
    public let trackCapacity: Int
    /// Capacity of a track for record 0 alone (RDC bytes 44–45).
    public let recordZeroCapacity: Int
    /// Bytes the home address and a standard R0 take (RDC bytes 20–21).
    public let homeAddressAndR0: Int
    /// Sectors per track; 0 when the drive has no rotational position sensing.
    public let sectors: Int
    public let formula: CapacityFormula
    public let controlUnit: ControlUnit
    /// Device type code (RDC byte 11).
    public let typeCode: UInt8
    /// RPS factor (RDC bytes 49–50).
    public let rpsFactor: UInt16
    /// Whether WRITE SPECIAL COUNT KEY AND DATA (track overflow) exists.
    public let hasTrackOverflow: Bool

    public var description: String { name }

    /// Cylinders including the alternates.
    public var cylindersWithAlternates: Int { cylinders + alternateCylinders }

    /// The size of one track in a Hercules image: home address, a standard
    /// R0, R1 at its maximum, the end-of-track marker, rounded up to 512.
    public var imageTrackSize: Int {
        let bytes = 5 + 8 + 8 + 8 + maximumRecordLength + 8
        return (bytes + 511) / 512 * 512
    }

    /// The low byte of the device type, as Hercules' image header keeps it.
    public var headerTypeByte: UInt8 { UInt8(deviceType & 0xFF) }

    /// Whether the drive has rotational position sensing (SET SECTOR, READ SECTOR).
    public var hasSectors: Bool { sectors > 0 }

    /// Track capacity units that a record with these lengths takes, when it
    /// is the last record on the track (`last`) or followed by others.
    public func space(keyLength: Int, dataLength: Int, last: Bool) -> Int {
        switch formula {
        case .tolerance(let keyOverhead, let gap, let tolerance, let per):
            let keyed = keyLength > 0 ? keyOverhead : 0
            if last { return keyLength + dataLength + keyed }
            return (keyLength + dataLength) * tolerance / per + keyed + gap
        case .fixed(let keyOverhead, let recordOverhead):
            return keyLength + dataLength + (keyLength > 0 ? keyOverhead : 0) + recordOverhead
        case .cells(let cell, let dataOverhead, let keyOverhead):
            func cells(_ n: Int) -> Int { (n + cell - 1) / cell * cell }
            return cells(dataLength + dataOverhead) + (keyLength > 0 ? cells(keyLength + keyOverhead) : 0)
        }
    }

    /// Whether records R1 onwards with these (key length, data length)
    /// pairs fit on one track, after a standard record 0.
    public func fits(_ records: [(keyLength: Int, dataLength: Int)]) -> Bool {
        var used = 0
        for (index, r) in records.enumerated() {
            let last = index == records.count - 1
            if used + space(keyLength: r.keyLength, dataLength: r.dataLength, last: true) > trackCapacity { return false }
            if !last { used += space(keyLength: r.keyLength, dataLength: r.dataLength, last: false) }
        }
        return true
    }

    /// SENSE ID data (7 bytes: X'FF', control unit type and model, device
    /// type and model), or nil when the control unit rejects SENSE ID.
    public var senseID: [UInt8]? {
        guard controlUnit.hasSenseID else { return nil }
        return [0xFF, UInt8(controlUnit.type >> 8), UInt8(controlUnit.type & 0xFF), controlUnit.model,
                UInt8(deviceType >> 8), UInt8(deviceType & 0xFF), model]
    }

    /// Whether READ DEVICE CHARACTERISTICS exists (3880-attached 3375 and 3380).
    public var hasDeviceCharacteristics: Bool { controlUnit.type == 0x3880 }

    /// The 64 bytes READ DEVICE CHARACTERISTICS returns for a volume of
    /// `volumeCylinders` cylinders (cylinders past the primary ones count
    /// as alternates), or nil when the model has no RDC.
    public func deviceCharacteristics(volumeCylinders: Int) -> [UInt8]? {
        guard hasDeviceCharacteristics else { return nil }
        var d = [UInt8](repeating: 0, count: 64)
        func put16(_ at: Int, _ v: Int) { d[at] = UInt8((v >> 8) & 0xFF); d[at + 1] = UInt8(v & 0xFF) }
        func put32(_ at: Int, _ v: UInt32) {
            d[at] = UInt8(v >> 24); d[at + 1] = UInt8((v >> 16) & 0xFF)
            d[at + 2] = UInt8((v >> 8) & 0xFF); d[at + 3] = UInt8(v & 0xFF)
        }
        let alternates = max(0, volumeCylinders - cylinders)
        let primary = volumeCylinders - alternates
        put16(0, Int(controlUnit.type))
        d[2] = controlUnit.model
        put16(3, Int(deviceType))
        d[5] = model
        put32(6, controlUnit.features)
        d[10] = 0x20                        // device class: DASD
        d[11] = typeCode
        put16(12, primary)
        put16(14, heads)
        d[16] = UInt8(sectors)
        put16(18, trackCapacity)
        put16(20, homeAddressAndR0)
        if case .cells(let cell, let dataOverhead, let keyOverhead) = formula {
            d[22] = 1                       // capacity formula 1
            d[23] = UInt8(cell)
            put16(24, dataOverhead)
            put16(26, keyOverhead)
        }
        if alternates > 0 {
            put16(28, primary)              // first alternate track: cylinder, then count
            put16(30, alternates * heads)
        }
        d[40] = typeCode                    // MDR and OBR record ids
        d[41] = typeCode
        d[42] = controlUnit.code
        d[43] = 0x02
        put16(44, recordZeroCapacity)
        d[47] = 0x01
        put16(49, Int(rpsFactor))
        d[57] = 0xFF
        put32(60, UInt32(primary))
        return d
    }
}

extension DASDGeometry {
    /// Every model vm67 emulates, smallest first within a device type (the
    /// order matters: an image header names only the type, and the first
    /// model with room for the image's cylinders is the one it is).
    public static let all: [DASDGeometry] = [
        DASDGeometry(name: "2311", aliases: ["2311-1"], deviceType: 0x2311, model: 0x00,
                     cylinders: 200, alternateCylinders: 3, heads: 10, maximumRecordLength: 3625,
                     trackCapacity: 3625, recordZeroCapacity: 3625, homeAddressAndR0: 0, sectors: 0,
                     formula: .tolerance(keyOverhead: 20, gap: 61, tolerance: 537, per: 512),
                     controlUnit: .ibm2841, typeCode: 0, rpsFactor: 0, hasTrackOverflow: true),
        DASDGeometry(name: "2314", aliases: ["2314-1", "2319"], deviceType: 0x2314, model: 0x00,
                     cylinders: 200, alternateCylinders: 3, heads: 20, maximumRecordLength: 7294,
                     trackCapacity: 7294, recordZeroCapacity: 7294, homeAddressAndR0: 0, sectors: 0,
                     formula: .tolerance(keyOverhead: 45, gap: 101, tolerance: 2137, per: 2048),
                     controlUnit: .ibm2314, typeCode: 0, rpsFactor: 0, hasTrackOverflow: true),
        DASDGeometry(name: "3330", aliases: ["3330-1"], deviceType: 0x3330, model: 0x01,
                     cylinders: 404, alternateCylinders: 7, heads: 19, maximumRecordLength: 13030,
                     trackCapacity: 13165, recordZeroCapacity: 13165, homeAddressAndR0: 135, sectors: 128,
                     formula: .fixed(keyOverhead: 56, recordOverhead: 135),
                     controlUnit: .ibm3830, typeCode: 0, rpsFactor: 0, hasTrackOverflow: true),
        DASDGeometry(name: "3330-11", aliases: ["3330-2"], deviceType: 0x3330, model: 0x11,
                     cylinders: 808, alternateCylinders: 7, heads: 19, maximumRecordLength: 13030,
                     trackCapacity: 13165, recordZeroCapacity: 13165, homeAddressAndR0: 135, sectors: 128,
                     formula: .fixed(keyOverhead: 56, recordOverhead: 135),
                     controlUnit: .ibm3830, typeCode: 0, rpsFactor: 0, hasTrackOverflow: true),
        DASDGeometry(name: "3340", aliases: ["3340-35", "3340-1"], deviceType: 0x3340, model: 0x01,
                     cylinders: 348, alternateCylinders: 1, heads: 12, maximumRecordLength: 8368,
                     trackCapacity: 8535, recordZeroCapacity: 8535, homeAddressAndR0: 167, sectors: 64,
                     formula: .fixed(keyOverhead: 75, recordOverhead: 167),
                     controlUnit: .ibm3830, typeCode: 0, rpsFactor: 0, hasTrackOverflow: true),
        DASDGeometry(name: "3340-70", aliases: ["3340-2"], deviceType: 0x3340, model: 0x02,
                     cylinders: 696, alternateCylinders: 2, heads: 12, maximumRecordLength: 8368,
                     trackCapacity: 8535, recordZeroCapacity: 8535, homeAddressAndR0: 167, sectors: 64,
                     formula: .fixed(keyOverhead: 75, recordOverhead: 167),
                     controlUnit: .ibm3830, typeCode: 0, rpsFactor: 0, hasTrackOverflow: true),
        DASDGeometry(name: "3350", aliases: ["3350-1"], deviceType: 0x3350, model: 0x00,
                     cylinders: 555, alternateCylinders: 5, heads: 30, maximumRecordLength: 19069,
                     trackCapacity: 19254, recordZeroCapacity: 19254, homeAddressAndR0: 185, sectors: 128,
                     formula: .fixed(keyOverhead: 82, recordOverhead: 185),
                     controlUnit: .ibm3830, typeCode: 0, rpsFactor: 0, hasTrackOverflow: true),
        DASDGeometry(name: "3375", aliases: ["3375-1"], deviceType: 0x3375, model: 0x02,
                     cylinders: 959, alternateCylinders: 3, heads: 12, maximumRecordLength: 35616,
                     trackCapacity: 36000, recordZeroCapacity: 36000, homeAddressAndR0: 832, sectors: 196,
                     formula: .cells(cell: 32, dataOverhead: 384, keyOverhead: 160),
                     controlUnit: .ibm3880, typeCode: 0x0E, rpsFactor: 0x5007, hasTrackOverflow: false),
        DASDGeometry(name: "3380", aliases: ["3380-1", "3380-A", "3380-B", "3380-D", "3380-J"],
                     deviceType: 0x3380, model: 0x02,
                     cylinders: 885, alternateCylinders: 1, heads: 15, maximumRecordLength: 47476,
                     trackCapacity: 47968, recordZeroCapacity: 47988, homeAddressAndR0: 1088, sectors: 222,
                     formula: .cells(cell: 32, dataOverhead: 492, keyOverhead: 236),
                     controlUnit: .ibm3880, typeCode: 0x0E, rpsFactor: 0x5007, hasTrackOverflow: false),
        DASDGeometry(name: "3380-E", aliases: ["3380-2"], deviceType: 0x3380, model: 0x0A,
                     cylinders: 1770, alternateCylinders: 2, heads: 15, maximumRecordLength: 47476,
                     trackCapacity: 47968, recordZeroCapacity: 47988, homeAddressAndR0: 1088, sectors: 222,
                     formula: .cells(cell: 32, dataOverhead: 492, keyOverhead: 236),
                     controlUnit: .ibm3880, typeCode: 0x0E, rpsFactor: 0x5007, hasTrackOverflow: false),
        DASDGeometry(name: "3380-K", aliases: ["3380-3"], deviceType: 0x3380, model: 0x1E,
                     cylinders: 2655, alternateCylinders: 3, heads: 15, maximumRecordLength: 47476,
                     trackCapacity: 47968, recordZeroCapacity: 47988, homeAddressAndR0: 1088, sectors: 222,
                     formula: .cells(cell: 32, dataOverhead: 492, keyOverhead: 236),
                     controlUnit: .ibm3880, typeCode: 0x0E, rpsFactor: 0x5007, hasTrackOverflow: false),
    ]

    /// The model with this name or alias ("3350", "3330-11", "3380-K"…), case-insensitive.
    public static func named(_ name: String) -> DASDGeometry? {
        let upper = name.uppercased()
        return all.first { $0.name == upper || $0.aliases.contains(upper) }
    }

    /// The model an image of `volumeCylinders` cylinders of `deviceType`
    /// is: the first that holds that many cylinders with its alternates, or
    /// the largest model of the type for bigger images. The type may be
    /// given as the low byte only (as image headers keep it).
    public static func model(deviceType: UInt16, volumeCylinders: Int) -> DASDGeometry? {
        let matching = all.filter { $0.deviceType == deviceType || ($0.deviceType & 0xFF) == deviceType }
        return matching.first { volumeCylinders <= $0.cylindersWithAlternates } ?? matching.last
    }

    /// The names vm67 accepts, for messages.
    public static var names: [String] { all.map(\.name) }
}
