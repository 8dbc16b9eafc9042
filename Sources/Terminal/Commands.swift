/// Commands that send data to the device. Each has a remote (BSC and
/// TN3270) code and a local-channel/SNA code; either is accepted.
public enum OutboundCommand: Sendable, Hashable {
    case write
    case eraseWrite
    case eraseWriteAlternate
    case eraseAllUnprotected
    case writeStructuredField

    public init?(code: UInt8) {
        switch code {
        case 0xF1, 0x01: self = .write
        case 0xF5, 0x05: self = .eraseWrite
        case 0x7E, 0x0D: self = .eraseWriteAlternate
        case 0x6F, 0x0F: self = .eraseAllUnprotected
        case 0xF3, 0x11: self = .writeStructuredField
        default: return nil
        }
    }

    /// The remote command code.
    public var remoteCode: UInt8 {
        switch self {
        case .write: return 0xF1
        case .eraseWrite: return 0xF5
        case .eraseWriteAlternate: return 0x7E
        case .eraseAllUnprotected: return 0x6F
        case .writeStructuredField: return 0xF3
        }
    }

    /// Whether the data starts with a WCC.
    var hasWCC: Bool { self == .write || self == .eraseWrite || self == .eraseWriteAlternate }
}

/// Commands that read from the device.
public enum InboundCommand: Sendable, Hashable {
    case readBuffer
    case readModified
    /// READ MODIFIED that never shortens (even for CLEAR and the PA keys).
    case readModifiedAll

    public init?(code: UInt8) {
        switch code {
        case 0xF2, 0x02: self = .readBuffer
        case 0xF6, 0x06: self = .readModified
        case 0x6E, 0x0E: self = .readModifiedAll
        default: return nil
        }
    }
}

/// 3270 orders in outbound data.
enum Order {
    static let startField: UInt8 = 0x1D
    static let startFieldExtended: UInt8 = 0x29
    static let setBufferAddress: UInt8 = 0x11
    static let setAttribute: UInt8 = 0x28
    static let modifyField: UInt8 = 0x2C
    static let insertCursor: UInt8 = 0x13
    static let programTab: UInt8 = 0x05
    static let repeatToAddress: UInt8 = 0x3C
    static let eraseUnprotectedToAddress: UInt8 = 0x12
    static let graphicEscape: UInt8 = 0x08
}

/// What a write did besides changing the buffer, for the device to act on.
public struct WriteOutcome: Sendable, Hashable {
    /// The write's WCC (nil for commands without one).
    public var wcc: WriteControlCharacter?
    /// Inbound data the write asked for (query replies, read partition),
    /// each a complete inbound record starting with its AID.
    public var replies: [[UInt8]] = []

    public init(wcc: WriteControlCharacter? = nil, replies: [[UInt8]] = []) {
        self.wcc = wcc
        self.replies = replies
    }

    public var soundAlarm: Bool { wcc?.soundAlarm ?? false }
    public var startPrinter: Bool { wcc?.startPrinter ?? false }
}
