/// Attribute types of the extended data stream (SFE, SA and MF orders, and
/// the reply modes).
public enum AttributeType {
    /// In SA: reset every character attribute to its default.
    public static let all: UInt8 = 0x00
    /// The basic 3270 field attribute (SFE and MF only).
    public static let fieldAttribute: UInt8 = 0xC0
    public static let validation: UInt8 = 0xC1
    public static let outlining: UInt8 = 0xC2
    public static let highlighting: UInt8 = 0x41
    public static let foreground: UInt8 = 0x42
    public static let characterSet: UInt8 = 0x43
    public static let background: UInt8 = 0x45
    public static let transparency: UInt8 = 0x46
}

/// The colours of a 3279 (attribute values for foreground and background).
public enum Color3270: UInt8, Sendable, CaseIterable {
    case `default` = 0x00
    case neutralBlack = 0xF0
    case blue = 0xF1, red, pink, green, turquoise, yellow
    case neutralWhite = 0xF7
}

/// Extended highlighting values.
public enum Highlighting: UInt8, Sendable, CaseIterable {
    case `default` = 0x00
    case normal = 0xF0
    case blink = 0xF1
    case reverse = 0xF2
    case underscore = 0xF4
}

/// Extended attributes of a field (SFE, MF) or of a character (SA). Zero
/// means "default": for a character, take the field's value; for a field,
/// the device's. They are kept as the raw attribute values so that a value
/// the model does not interpret still reads back as it was written.
public struct ExtendedAttributes: Hashable, Sendable {
    public var highlighting: UInt8 = 0
    public var foreground: UInt8 = 0
    public var background: UInt8 = 0
    /// X'F1' marks the APL/graphic-escape set (GE order).
    public var characterSet: UInt8 = 0
    public var transparency: UInt8 = 0
    /// Field validation (mandatory fill, mandatory entry, trigger): fields only.
    public var validation: UInt8 = 0
    /// Field outlining: fields only.
    public var outlining: UInt8 = 0

    public init() {}

    public static let none = ExtendedAttributes()

    public var isDefault: Bool { self == .none }

    /// The types a character attribute (SA) may set.
    static let characterTypes: [UInt8] = [AttributeType.highlighting, AttributeType.foreground,
                                          AttributeType.characterSet, AttributeType.background,
                                          AttributeType.transparency]
    /// Every extended type a field may carry, in the order a read reports them.
    static let fieldTypes: [UInt8] = [AttributeType.highlighting, AttributeType.foreground,
                                      AttributeType.characterSet, AttributeType.background,
                                      AttributeType.transparency, AttributeType.validation,
                                      AttributeType.outlining]

    /// Sets one attribute; returns false for a type this model does not know
    /// (the caller decides whether that is an error).
    @discardableResult
    public mutating func set(_ type: UInt8, _ value: UInt8) -> Bool {
        switch type {
        case AttributeType.highlighting: highlighting = value
        case AttributeType.foreground: foreground = value
        case AttributeType.background: background = value
        case AttributeType.characterSet: characterSet = value
        case AttributeType.transparency: transparency = value
        case AttributeType.validation: validation = value
        case AttributeType.outlining: outlining = value
        default: return false
        }
        return true
    }

    /// The value of one attribute type (0 for unknown types).
    public func value(_ type: UInt8) -> UInt8 {
        switch type {
        case AttributeType.highlighting: return highlighting
        case AttributeType.foreground: return foreground
        case AttributeType.background: return background
        case AttributeType.characterSet: return characterSet
        case AttributeType.transparency: return transparency
        case AttributeType.validation: return validation
        case AttributeType.outlining: return outlining
        default: return 0
        }
    }

    public var foregroundColor: Color3270? { Color3270(rawValue: foreground) }
    public var backgroundColor: Color3270? { Color3270(rawValue: background) }
    public var highlight: Highlighting? { Highlighting(rawValue: highlighting) }
}
