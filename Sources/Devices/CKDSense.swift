import Media

/// A condition that ends a CKD command with unit check, and the sense
/// bytes that describe it (the bits of the IBM 3830/3880 and 2314 sense
/// formats: byte 0 and byte 1 line up on all of them).
struct CKDCheck: Error, Equatable {
    var byte0: UInt8 = 0
    var byte1: UInt8 = 0
    var byte2: UInt8 = 0
    /// Sense byte 7 (3330 and later): format in the high half, message in the low.
    var format: UInt8 = 0
    var message: UInt8 = 0

    // Byte 0.
    static let commandRejectBit: UInt8 = 0x80
    static let interventionRequiredBit: UInt8 = 0x40
    static let equipmentCheckBit: UInt8 = 0x10
    static let dataCheckBit: UInt8 = 0x08
    // Byte 1.
    static let invalidTrackFormatBit: UInt8 = 0x40   // 2311/2314: track overrun
    static let endOfCylinderBit: UInt8 = 0x20
    static let noRecordFoundBit: UInt8 = 0x08
    static let fileProtectedBit: UInt8 = 0x04
    static let writeInhibitedBit: UInt8 = 0x02
    static let operationIncompleteBit: UInt8 = 0x01  // 2311/2314: overflow incomplete

    /// Command reject, format 0: message 1 invalid command, 2 invalid
    /// sequence, 3 count too small, 4 invalid parameter.
    static func commandReject(_ message: UInt8) -> CKDCheck {
        CKDCheck(byte0: commandRejectBit, format: 0, message: message)
    }
    static let invalidCommand = commandReject(1)
    static let invalidSequence = commandReject(2)
    static let countTooSmall = commandReject(3)
    static let invalidParameter = commandReject(4)

    static let noRecordFound = CKDCheck(byte1: noRecordFoundBit)
    static let endOfCylinder = CKDCheck(byte1: endOfCylinderBit)
    static let fileProtected = CKDCheck(byte1: fileProtectedBit)
    static let invalidTrackFormat = CKDCheck(byte1: invalidTrackFormatBit)
    /// The volume cannot be read or written (a damaged image, a host I/O error).
    static let equipmentCheck = CKDCheck(byte0: equipmentCheckBit, format: 1, message: 0)

    /// The same condition during a track-overflow operation: operation incomplete too.
    var duringOverflow: CKDCheck {
        var c = self
        c.byte1 |= Self.operationIncompleteBit
        return c
    }
}

/// Builds the sense bytes a CKD control unit returns: 6 for the 2841 and
/// 2314 units, 24 for the 3830 and 3880. Bytes 4–6 name the drive and
/// where its heads are, in each model's layout.
enum CKDSenseBuilder {
    static func bytes(_ check: CKDCheck, geometry: DASDGeometry, address: UInt16, cylinder: Int, head: Int) -> [UInt8] {
        var s = [UInt8](repeating: 0, count: geometry.controlUnit.senseBytes)
        s[0] = check.byte0
        s[1] = check.byte1
        s[2] = check.byte2
        let drive = Int(address)
        switch geometry.deviceType {
        case 0x2311:
            // Byte 3: ready, online, end of cylinder.
            s[3] = ((check.byte1 & CKDCheck.endOfCylinderBit) >> 3) | 0xC8
            return s
        case 0x2314:
            s[3] = ((check.byte1 & CKDCheck.endOfCylinderBit) >> 3) | 0x40
            return s
        case 0x3330:
            s[4] = UInt8((drive & 7) | ((~drive & 7) << 3))
        case 0x3340:
            s[2] |= 0x80 | geometry.model            // RPS feature and model
            s[4] = UInt8(0x80 >> (drive & 7))
        case 0x3350:
            s[4] = UInt8(0x80 >> (drive & 7))
        case 0x3375:
            s[4] = UInt8(drive & 7)
        default:
            s[4] = UInt8(drive & 0x0F)
        }
        // Bytes 5–6: the cylinder and head, the high cylinder bits placed per model.
        let shift: Int
        switch geometry.deviceType {
        case 0x3330: shift = geometry.model == 0x01 ? 6 : 5
        case 0x3340, 0x3350: shift = 5
        case 0x3375: shift = 6
        default: shift = 4
        }
        s[5] = UInt8(cylinder & 0xFF)
        s[6] = UInt8(truncatingIfNeeded: ((cylinder >> 8) << shift) | (head & 0x1F))
        s[7] = check.format << 4 | (check.message & 0x0F)
        return s
    }
}
