/// The write control character: the byte after a write command that says
/// what the device does around the write.
public struct WriteControlCharacter: Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// With ERASE/WRITE (ALTERNATE): reset the partition's reply mode.
    public var reset: Bool { rawValue & 0x40 != 0 }
    /// Line length for a 3270 printer (bits 2–3).
    public var printFormat: PrintFormat { PrintFormat(rawValue: (rawValue >> 4) & 0x03)! }
    /// A 3270 printer prints its buffer at the end of the write.
    public var startPrinter: Bool { rawValue & 0x08 != 0 }
    public var soundAlarm: Bool { rawValue & 0x04 != 0 }
    /// Unlock the keyboard and forget the AID at the end of the write.
    public var restoreKeyboard: Bool { rawValue & 0x02 != 0 }
    /// Turn every modified data tag off before the orders are performed.
    public var resetModified: Bool { rawValue & 0x01 != 0 }
}

/// How a 3270 printer lays out the buffer (WCC bits 2–3).
public enum PrintFormat: UInt8, Sendable {
    /// Lines end where the data has NL, CR or EM (or at the maximum line length).
    case controlledByOrders = 0
    case lines40 = 1
    case lines64 = 2
    case lines80 = 3

    /// The fixed line length, or nil when the data's own controls decide.
    public var lineLength: Int? {
        switch self {
        case .controlledByOrders: return nil
        case .lines40: return 40
        case .lines64: return 64
        case .lines80: return 80
        }
    }
}
