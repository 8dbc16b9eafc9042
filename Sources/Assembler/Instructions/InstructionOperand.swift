/// One operand of a machine instruction as written: an expression, and
/// optionally a parenthesized part, as in `AREA+4(R5)`, `0(1,R10)`, `4(,R13)`.
struct InstructionOperand: Sendable {
    /// Nil for an omitted operand (`,,`).
    var expression: Expression?
    /// The parts between the parentheses; an omitted part is nil (`(,R13)`).
    var parts: [Expression?]?
    var offset: Int
    /// Offset of the opening parenthesis.
    var partsOffset: Int = 0

    /// Parses the comma-separated operands of an instruction.
    static func parseList(_ chars: [Character]) throws -> [InstructionOperand] {
        var scanner = CharacterScanner(chars)
        var operands: [InstructionOperand] = []
        if chars.isEmpty { return [] }
        repeat {
            var operand = InstructionOperand(expression: nil, parts: nil, offset: scanner.offset)
            if let c = scanner.current, c != "," {
                var parser = ExpressionParser(scanner)
                operand.expression = try parser.parseExpression()
                scanner = parser.scanner
                if scanner.current == "(" {
                    operand.partsOffset = scanner.offset
                    scanner.advance()
                    var parts: [Expression?] = []
                    repeat {
                        if scanner.current == "," || scanner.current == ")" {
                            parts.append(nil)
                        } else {
                            var p = ExpressionParser(scanner)
                            parts.append(try p.parseExpression())
                            scanner = p.scanner
                        }
                    } while scanner.take(",")
                    guard scanner.take(")") else {
                        throw AssemblyError("expected ')' to close the register part opened here", at: operand.partsOffset)
                    }
                    guard parts.count <= 2 else {
                        throw AssemblyError("expected at most two values in parentheses, as in D(X,B)", at: operand.partsOffset)
                    }
                    operand.parts = parts
                }
            }
            operands.append(operand)
            if let c = scanner.current, c != "," {
                throw AssemblyError("expected ',' between operands or the end of the operands, found '\(c)'", at: scanner.offset)
            }
        } while scanner.take(",")
        return operands
    }

    /// All literals used by the operands.
    var literals: [LiteralReference] {
        var result: [LiteralReference] = []
        func walk(_ e: Expression) {
            switch e {
            case .literal(let r, _): result.append(r)
            case .lengthAttribute(.literal(let r), _): result.append(r)
            case .negate(let inner, _): walk(inner)
            case .binary(_, let a, let b, _): walk(a); walk(b)
            default: break
            }
        }
        if let expression { walk(expression) }
        for part in parts ?? [] { if let part { walk(part) } }
        return result
    }
}
