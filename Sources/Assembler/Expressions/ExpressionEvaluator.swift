/// What an expression is evaluated against: the value of `*`, L'* and the
/// literal pool of the statement.
struct EvaluationContext {
    var location: Value
    /// L'* : the length of the instruction (1 for other statements).
    var locationLength: Int = 1
    var statement: Int
    var pool: Int
}

extension AssemblyEngine {
    /// The context for evaluating the operands of a record.
    func context(for record: StatementRecord) -> EvaluationContext {
        let location: Value = record.section.map { .relocatable(record.location, in: $0) } ?? .absolute(record.location)
        return EvaluationContext(location: location, locationLength: max(1, record.length),
                                 statement: record.number, pool: record.pool)
    }

    /// Evaluates a machine expression with HLASM's relocatability rules:
    /// addresses may be added to or subtracted from absolute values, two
    /// addresses in one section subtract to an absolute value, and only
    /// absolute values may be multiplied or divided.
    func evaluate(_ expression: Expression, _ context: EvaluationContext) throws -> Value {
        switch expression {
        case .number(let v, _):
            return .absolute(v)
        case .symbol(let name, let offset):
            guard let definition = symbols[name] else { throw AssemblyError.undefined(name, at: offset) }
            symbols.noteReference(name, statement: context.statement)
            return definition.value
        case .locationCounter:
            return context.location
        case .lengthAttribute(let target, let offset):
            return .absolute(try lengthAttribute(of: target, offset: offset, context))
        case .literal(let reference, let offset):
            guard let entry = pools[context.pool].entry(for: reference, statement: context.statement),
                  let section = entry.section else {
                throw AssemblyError("the literal \(reference.key) has no address yet (it is placed by the next LTORG or END)", at: offset)
            }
            return .relocatable(entry.offset, in: section)
        case .negate(let inner, _):
            return -(try evaluate(inner, context))
        case .binary(let op, let left, let right, let offset):
            let a = try evaluate(left, context)
            let b = try evaluate(right, context)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply, .divide:
                guard a.isAbsolute && b.isAbsolute else {
                    throw AssemblyError("expected absolute terms around '\(op.rawValue)': an address (relocatable term) cannot be multiplied or divided", at: offset)
                }
                if op == .multiply { return .absolute(Value.wrap32(a.number &* b.number)) }
                // HLASM defines division by zero to give zero.
                return .absolute(b.number == 0 ? 0 : Value.wrap32(a.number / b.number))
            }
        }
    }

    /// The length attribute of a symbol, of `*`, or of a literal.
    func lengthAttribute(of target: Expression.AttributeTarget, offset: Int, _ context: EvaluationContext) throws -> Int {
        switch target {
        case .symbol(let name):
            guard let definition = symbols[name] else { throw AssemblyError.undefined(name, at: offset) }
            symbols.noteReference(name, statement: context.statement)
            return definition.length
        case .locationCounter:
            return context.locationLength
        case .literal(let reference):
            return try constantLengthAttribute(reference.constant, context)
        }
    }

    /// The implied length of an operand: the length attribute of its leftmost term.
    func impliedLength(of expression: Expression, _ context: EvaluationContext) throws -> Int {
        switch expression.leftmostTerm {
        case .symbol(let name, let offset):
            return try lengthAttribute(of: .symbol(name), offset: offset, context)
        case .locationCounter:
            return context.locationLength
        case .literal(let reference, _):
            return try constantLengthAttribute(reference.constant, context)
        case .lengthAttribute, .number:
            return 1
        default:
            return 1
        }
    }

    /// Evaluates an expression that must be absolute (registers, lengths,
    /// masks, immediates, duplication factors).
    func evaluateAbsolute(_ expression: Expression, _ context: EvaluationContext, what: String) throws -> Int {
        let v = try evaluate(expression, context)
        guard v.isAbsolute else {
            throw AssemblyError("expected an absolute value for \(what), found a relocatable address", at: expression.offset)
        }
        return v.number
    }
}
