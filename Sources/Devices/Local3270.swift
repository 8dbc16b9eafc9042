import Channel
import Terminal

/// What the local (channel-attached, non-SNA) 3274 control unit does with
/// CCW command codes, shared by its displays and printers.
enum Local3270Command {
    case write(OutboundCommand)
    case read(InboundCommand)
    /// Select and no-operation: nothing to do.
    case noOperation
    case sense
    case senseID
    case invalid

    init(code: UInt8) {
        switch code {
        case 0x01: self = .write(.write)
        case 0x05: self = .write(.eraseWrite)
        case 0x0D: self = .write(.eraseWriteAlternate)
        case 0x0F: self = .write(.eraseAllUnprotected)
        case 0x11: self = .write(.writeStructuredField)
        case 0x02: self = .read(.readBuffer)
        case 0x06: self = .read(.readModified)
        case 0x0E: self = .read(.readModifiedAll)
        case 0x03, 0x0B: self = .noOperation
        case 0x04: self = .sense
        case 0xE4: self = .senseID
        default: self = .invalid
        }
    }
}

/// Sense byte 0 of a 3274.
enum Sense3274 {
    static let commandReject: UInt8 = 0x80
    static let interventionRequired: UInt8 = 0x40
    static let equipmentCheck: UInt8 = 0x10
    /// The data stream was wrong (bad address, order or structured field).
    static let operationCheck: UInt8 = 0x01

    /// SENSE ID: X'FF', the control unit (3274 model 1D, local non-SNA),
    /// then the device type and model.
    static func identity(type: UInt16, model: UInt8) -> [UInt8] {
        [0xFF, 0x32, 0x74, 0x1D, UInt8(type >> 8), UInt8(type & 0xFF), model]
    }
}
