/// A parsed assembler expression. Every node remembers the offset of its
/// first character in the operand field, so errors point at the right column.
indirect enum Expression: Sendable {
    /// A self-defining term: decimal, X'', B'' or C''.
    case number(Int, offset: Int)
    /// An ordinary symbol.
    case symbol(String, offset: Int)
    /// `*`, the location counter.
    case locationCounter(offset: Int)
    /// `L'SYMBOL`, `L'*` or `L'=literal`.
    case lengthAttribute(AttributeTarget, offset: Int)
    /// `=F'1'`, `=A(X)`…: a literal, placed in a literal pool.
    case literal(LiteralReference, offset: Int)
    case negate(Expression, offset: Int)
    case binary(BinaryOperator, Expression, Expression, offset: Int)

    enum BinaryOperator: Character, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    enum AttributeTarget: Sendable {
        case symbol(String)
        case locationCounter
        case literal(LiteralReference)
    }

    var offset: Int {
        switch self {
        case .number(_, let o), .symbol(_, let o), .locationCounter(let o), .lengthAttribute(_, let o),
             .literal(_, let o), .negate(_, let o), .binary(_, _, _, let o):
            return o
        }
    }

    /// The leftmost term: its length attribute is the implied length of an
    /// operand (`MVC A+4,B` moves L'A bytes).
    var leftmostTerm: Expression {
        switch self {
        case .binary(_, let left, _, _): return left.leftmostTerm
        case .negate(let inner, _): return inner.leftmostTerm
        default: return self
        }
    }

    /// Whether the expression is a bare self-defining term or built only of them.
    var isSelfDefining: Bool {
        switch self {
        case .number: return true
        case .negate(let e, _): return e.isSelfDefining
        case .binary(_, let a, let b, _): return a.isSelfDefining && b.isSelfDefining
        default: return false
        }
    }

    /// Whether `*` occurs anywhere: a literal containing it is unique to its statement.
    var mentionsLocationCounter: Bool {
        switch self {
        case .locationCounter: return true
        case .lengthAttribute(.locationCounter, _): return true
        case .negate(let e, _): return e.mentionsLocationCounter
        case .binary(_, let a, let b, _): return a.mentionsLocationCounter || b.mentionsLocationCounter
        default: return false
        }
    }

    /// The ordinary symbols the expression uses.
    var symbols: [String] {
        switch self {
        case .symbol(let s, _): return [s]
        case .lengthAttribute(.symbol(let s), _): return [s]
        case .negate(let e, _): return e.symbols
        case .binary(_, let a, let b, _): return a.symbols + b.symbols
        default: return []
        }
    }
}

/// A literal as written in an operand; the pool entry it names is found by
/// its normalized text.
struct LiteralReference: Sendable {
    /// The literal text from `=` on, upper-cased outside quotes.
    var key: String
    /// The constant it defines.
    var constant: ConstantOperand
    /// A literal using `*` belongs to one statement only.
    var isUnique: Bool
}
