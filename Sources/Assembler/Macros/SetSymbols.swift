/// Values of conditional assembly: arithmetic (SETA), binary (SETB) and
/// character (SETC).
enum SetValue: Sendable, Equatable {
    case arithmetic(Int)
    case boolean(Bool)
    case character(String)

    /// The text a variable symbol is replaced with.
    var text: String {
        switch self {
        case .arithmetic(let v): return String(v)
        case .boolean(let b): return b ? "1" : "0"
        case .character(let s): return s
        }
    }
}

/// The kind of a SET symbol, fixed by its declaration (or first SET).
enum SetKind: Sendable {
    case arithmetic, boolean, character

    var initial: SetValue {
        switch self {
        case .arithmetic: return .arithmetic(0)
        case .boolean: return .boolean(false)
        case .character: return .character("")
        }
    }

    var name: String {
        switch self {
        case .arithmetic: return "SETA"
        case .boolean: return "SETB"
        case .character: return "SETC"
        }
    }
}

/// A SET symbol: a scalar or a (1-based, sparse) array.
struct SetSymbol: Sendable {
    var kind: SetKind
    var isArray: Bool
    var scalar: SetValue
    var elements: [Int: SetValue] = [:]

    init(kind: SetKind, isArray: Bool) {
        self.kind = kind
        self.isArray = isArray
        self.scalar = kind.initial
    }

    func value(at index: Int?) -> SetValue {
        guard isArray, let index else { return scalar }
        return elements[index] ?? kind.initial
    }

    mutating func set(_ value: SetValue, at index: Int?) {
        if isArray, let index { elements[index] = value } else { scalar = value }
    }

    /// N' of an array: the highest subscript set.
    var count: Int { isArray ? (elements.keys.max() ?? 0) : 1 }
}

/// A macro operand as written in the call: `A`, `(A,B)`, `'X Y'`, or omitted.
struct MacroArgument: Sendable {
    var text: String

    /// The elements of a sublist `(A,B,C)`, or nil when the value is not one.
    var sublist: [String]? {
        let chars = Array(text)
        guard chars.first == "(", chars.last == ")" else { return nil }
        // The outer parentheses must enclose the whole value.
        var depth = 0
        var inQuote = false
        for (i, c) in chars.enumerated() {
            if c == "'" { inQuote.toggle() }
            if inQuote { continue }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth == 0 && i != chars.count - 1 { return nil } }
        }
        return OperandSplitter.split(Array(chars.dropFirst().dropLast())).map { String($0.text) }
    }

    /// N': elements of a sublist, 1 for a plain value, 0 when omitted.
    var count: Int { sublist?.count ?? (text.isEmpty ? 0 : 1) }

    /// `&P(n)`: the nth element of a sublist (the value itself for n = 1 otherwise).
    func element(_ n: Int) -> String {
        if let list = sublist { return n >= 1 && n <= list.count ? list[n - 1] : "" }
        return n == 1 ? text : ""
    }
}

/// The variable symbols visible in open code or in one macro expansion.
final class MacroScope {
    var locals: [String: SetSymbol] = [:]
    /// Global SET symbols declared (GBLx) in this scope.
    var globalNames: Set<String> = []
    var parameters: [String: MacroArgument] = [:]
    /// &SYSLIST: [0] is the name field, then the positional operands.
    var syslist: [MacroArgument] = []
    var sysndx = 0
    var macroName = ""
    var isMacro: Bool

    init(isMacro: Bool) { self.isMacro = isMacro }
}
