/// The constant types of DC, DS and literals.
enum ConstantType: String, Sendable, CaseIterable {
    case character = "C"
    case asciiCharacter = "CA"
    case hexadecimal = "X"
    case binary = "B"
    case fullword = "F"
    case doublewordFixed = "FD"
    case halfword = "H"
    case address = "A"
    case doublewordAddress = "AD"
    case halfwordAddress = "Y"
    case external = "V"
    case doublewordExternal = "VD"
    case baseDisplacement = "S"
    case packed = "P"
    case zoned = "Z"
    case shortFloat = "E"
    case longFloat = "D"
    case extendedFloat = "L"

    /// The length of one value when no length modifier is written (for
    /// C, X, B, P and Z it depends on the value; this is for the others).
    var fixedLength: Int? {
        switch self {
        case .fullword, .address, .external, .shortFloat: return 4
        case .halfword, .halfwordAddress, .baseDisplacement: return 2
        case .doublewordFixed, .doublewordAddress, .doublewordExternal, .longFloat: return 8
        case .extendedFloat: return 16
        case .character, .asciiCharacter, .hexadecimal, .binary, .packed, .zoned: return nil
        }
    }

    /// The boundary a value is aligned to when no length modifier is written.
    var alignment: Int {
        switch self {
        case .fullword, .address, .external, .shortFloat: return 4
        case .halfword, .halfwordAddress, .baseDisplacement: return 2
        case .doublewordFixed, .doublewordAddress, .doublewordExternal, .longFloat, .extendedFloat: return 8
        default: return 1
        }
    }

    /// Address-like types take expressions in parentheses, the others quoted text.
    var takesExpressions: Bool {
        switch self {
        case .address, .doublewordAddress, .halfwordAddress, .external, .doublewordExternal, .baseDisplacement:
            return true
        default: return false
        }
    }

    /// Lengths an explicit length modifier may give.
    var allowedLengths: ClosedRange<Int> {
        switch self {
        case .character, .asciiCharacter, .hexadecimal, .binary, .zoned: return 1...65535
        case .packed: return 1...16
        case .fullword, .halfword, .doublewordFixed: return 1...8
        case .address, .doublewordAddress: return 1...8
        case .halfwordAddress: return 1...2
        case .external, .doublewordExternal: return 3...8
        case .baseDisplacement: return 2...2
        case .shortFloat, .longFloat: return 1...8
        case .extendedFloat: return 1...16
        }
    }

    /// The type attribute (T') of a symbol defined by this constant.
    var typeAttribute: Character {
        switch self {
        case .asciiCharacter: return "C"
        case .doublewordFixed: return "F"
        case .doublewordAddress: return "A"
        case .doublewordExternal: return "V"
        default: return Character(rawValue)
        }
    }
}

/// One operand of DC or DS, or a literal: `dup type modifiers nominal`,
/// as in `3CL8'ABC'`, `A(X,Y)`, `0D`.
struct ConstantOperand: Sendable {
    var duplication: Expression?
    var type: ConstantType
    var lengthModifier: Expression?
    var scaleModifier: Expression?
    var exponentModifier: Expression?
    var nominal: Nominal?
    /// Offset of the operand's first character in the operand field.
    var offset: Int
    /// Offset of the type letter.
    var typeOffset: Int

    enum Nominal: Sendable {
        /// The values between the quotes, already split at commas (C and CA
        /// have exactly one value).
        case quoted([QuotedValue])
        /// Expressions in parentheses (A, Y, V, S types).
        case expressions([AddressValue])
    }

    struct QuotedValue: Sendable {
        var text: String
        var offset: Int
    }

    /// One address constant value; `base` is the `(B)` of `S(D(B))`.
    struct AddressValue: Sendable {
        var expression: Expression
        var base: Expression?
    }

    var mentionsLocationCounter: Bool {
        if case .expressions(let values)? = nominal {
            return values.contains { $0.expression.mentionsLocationCounter || ($0.base?.mentionsLocationCounter ?? false) }
        }
        return false
    }

    /// How many values the nominal part holds.
    var valueCount: Int {
        switch nominal {
        case .quoted(let v)?: return v.count
        case .expressions(let v)?: return v.count
        case nil: return 1
        }
    }
}
