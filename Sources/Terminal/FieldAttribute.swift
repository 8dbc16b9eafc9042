/// A 3270 field attribute: the byte an SF order puts in a buffer position
/// to start a field. Only its low six bits mean anything; the two high bits
/// are set on the wire so that the byte is a printable EBCDIC code
/// (`BufferAddressCode`), and are dropped here.
public struct FieldAttribute: Hashable, Sendable, CustomStringConvertible {
    public private(set) var rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x3F }

    static let protectedBit: UInt8 = 0x20
    static let numericBit: UInt8 = 0x10
    static let displayBits: UInt8 = 0x0C
    static let modifiedBit: UInt8 = 0x01

    /// How the field's contents are shown.
    public enum Display: UInt8, Sendable {
        /// Normal intensity, not pen-detectable.
        case normal = 0x00
        /// Normal intensity, pen-detectable.
        case normalDetectable = 0x04
        /// Intensified, pen-detectable.
        case intensified = 0x08
        /// Not displayed and not printed (passwords).
        case hidden = 0x0C
    }

    /// The operator cannot type into the field.
    public var isProtected: Bool {
        get { rawValue & Self.protectedBit != 0 }
        set { set(Self.protectedBit, newValue) }
    }

    /// Numeric-only input (with the numeric lock); protected and numeric
    /// together make an autoskip field.
    public var isNumeric: Bool {
        get { rawValue & Self.numericBit != 0 }
        set { set(Self.numericBit, newValue) }
    }

    public var display: Display {
        get { Display(rawValue: rawValue & Self.displayBits)! }
        set { rawValue = (rawValue & ~Self.displayBits) | newValue.rawValue }
    }

    /// The modified data tag: the field goes back to the program on READ MODIFIED.
    public var isModified: Bool {
        get { rawValue & Self.modifiedBit != 0 }
        set { set(Self.modifiedBit, newValue) }
    }

    /// The cursor skips over this field when the one before it fills.
    public var isAutoskip: Bool { isProtected && isNumeric }
    public var isHidden: Bool { display == .hidden }
    public var isIntensified: Bool { display == .intensified }
    public var isDetectable: Bool { display == .normalDetectable || display == .intensified }

    /// The byte sent to the host for this attribute (SF order in a read buffer).
    public var encoded: UInt8 { BufferAddressCode.graphic(rawValue) }

    private mutating func set(_ bit: UInt8, _ on: Bool) {
        rawValue = on ? rawValue | bit : rawValue & ~bit
    }

    public var description: String {
        var parts: [String] = [isProtected ? "prot" : "unprot"]
        if isNumeric { parts.append("num") }
        switch display {
        case .normal: break
        case .normalDetectable: parts.append("detectable")
        case .intensified: parts.append("bright")
        case .hidden: parts.append("hidden")
        }
        if isModified { parts.append("mdt") }
        return parts.joined(separator: ",")
    }
}
