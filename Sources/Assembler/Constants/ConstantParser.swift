/// Parses DC/DS operands and literals:
///
///     [duplication] type [extension] [Ln | L(expr)] [Sn] [En] ['values' | (expressions)]
struct ConstantParser {
    var scanner: CharacterScanner
    let isLiteral: Bool

    init(scanner: CharacterScanner, isLiteral: Bool = false) {
        self.scanner = scanner
        self.isLiteral = isLiteral
    }

    /// Parses all comma-separated operands of a DC or DS statement.
    static func parseOperands(_ chars: [Character]) throws -> [ConstantOperand] {
        var parser = ConstantParser(scanner: CharacterScanner(chars))
        var result: [ConstantOperand] = []
        repeat {
            result.append(try parser.parseOperand())
            if let c = parser.scanner.current, c != "," {
                throw AssemblyError("expected ',' or the end of the operands after the constant, found '\(c)'", at: parser.scanner.offset)
            }
        } while parser.scanner.take(",")
        return result
    }

    mutating func parseOperand() throws -> ConstantOperand {
        let start = scanner.offset
        var duplication: Expression?
        if let c = scanner.current, c.isASCII, c.isNumber {
            let digits = scanner.readDigits()!
            duplication = .number(try SelfDefiningTerm.decimal(digits, at: start), offset: start)
        } else if scanner.current == "(" {
            duplication = try parseParenthesized()
        }
        let typeOffset = scanner.offset
        guard let letter = scanner.current, letter.isASCII, letter.isLetter else {
            throw AssemblyError("expected a constant type (C, X, B, F, H, A, Y, V, S, P, Z, E, D or L)\(scanner.current.map { ", found '\($0)'" } ?? "")", at: typeOffset)
        }
        scanner.advance()
        let upper = letter.uppercased()
        var type: ConstantType
        switch upper {
        case "C", "X", "B", "F", "H", "A", "Y", "V", "S", "P", "Z", "E", "D", "L":
            type = ConstantType(rawValue: upper)!
        default:
            throw AssemblyError("expected a constant type (C, X, B, F, H, A, Y, V, S, P, Z, E, D or L), found '\(letter)'", at: typeOffset)
        }
        // Type extensions: AD, FD, VD (8 bytes), CA (ASCII), CE (EBCDIC), EH/DH/LH (hexadecimal floating point).
        if let next = scanner.current?.uppercased() {
            switch (type, next) {
            case (.address, "D"): type = .doublewordAddress; scanner.advance()
            case (.fullword, "D"): type = .doublewordFixed; scanner.advance()
            case (.external, "D"): type = .doublewordExternal; scanner.advance()
            case (.character, "A"): type = .asciiCharacter; scanner.advance()
            case (.character, "E"): scanner.advance()
            case (.shortFloat, "H"), (.longFloat, "H"), (.extendedFloat, "H"): scanner.advance()
            case (.shortFloat, "B"), (.longFloat, "B"), (.extendedFloat, "B"),
                 (.shortFloat, "D"), (.longFloat, "D"), (.extendedFloat, "D"):
                throw AssemblyError("expected a hexadecimal floating-point constant; binary and decimal floating point (\(type.rawValue)\(next)) are not supported", at: scanner.offset)
            default: break
            }
        }
        var operand = ConstantOperand(duplication: duplication, type: type, offset: start, typeOffset: typeOffset)
        // Modifiers.
        while let m = scanner.current?.uppercased(), ["L", "S", "E"].contains(m), let after = scanner.peek(),
              after == "(" || (after.isASCII && after.isNumber) || ((m != "L") && (after == "-" || after == "+")) {
            scanner.advance()
            let modifier = try parseModifierValue()
            switch m {
            case "L":
                guard operand.lengthModifier == nil else { throw AssemblyError("expected one length modifier only", at: modifier.offset) }
                operand.lengthModifier = modifier
            case "S": operand.scaleModifier = modifier
            default: operand.exponentModifier = modifier
            }
        }
        // Nominal value.
        if scanner.current == "'" {
            guard !type.takesExpressions else {
                throw AssemblyError("expected '(' with expressions after \(type.rawValue), not a quoted value", at: scanner.offset)
            }
            let quoteOffset = scanner.offset
            guard let text = scanner.readQuoted() else {
                throw AssemblyError("expected a closing quote for the constant started here", at: quoteOffset)
            }
            operand.nominal = .quoted(Self.splitValues(text, type: type, firstOffset: quoteOffset + 1))
        } else if scanner.current == "(" {
            guard type.takesExpressions else {
                throw AssemblyError("expected a quoted value after \(type.rawValue), not '('", at: scanner.offset)
            }
            scanner.advance()
            var values: [ConstantOperand.AddressValue] = []
            repeat {
                var parser = ExpressionParser(scanner)
                let e = try parser.parseExpression()
                scanner = parser.scanner
                var base: Expression?
                if scanner.current == "(" {
                    guard type == .baseDisplacement else {
                        throw AssemblyError("expected ',' or ')' in the address constant, found '('", at: scanner.offset)
                    }
                    base = try parseParenthesized()
                }
                values.append(.init(expression: e, base: base))
            } while scanner.take(",")
            guard scanner.take(")") else {
                throw AssemblyError("expected ',' or ')' in the list of \(type.rawValue) values\(scanner.current.map { ", found '\($0)'" } ?? "")", at: scanner.offset)
            }
            operand.nominal = .expressions(values)
        }
        return operand
    }

    /// `(expression)`.
    private mutating func parseParenthesized() throws -> Expression {
        let open = scanner.offset
        scanner.advance()
        var parser = ExpressionParser(scanner)
        let e = try parser.parseExpression()
        scanner = parser.scanner
        guard scanner.take(")") else {
            throw AssemblyError("expected ')' to close the parenthesis opened here", at: open)
        }
        return e
    }

    /// A modifier value: digits, a signed number, or `(expression)`.
    private mutating func parseModifierValue() throws -> Expression {
        let offset = scanner.offset
        if scanner.current == "(" { return try parseParenthesized() }
        var negative = false
        if scanner.take("-") { negative = true } else { _ = scanner.take("+") }
        guard let digits = scanner.readDigits() else {
            throw AssemblyError("expected a number or (expression) after the modifier letter", at: scanner.offset)
        }
        let v = try SelfDefiningTerm.decimal(digits, at: offset)
        return .number(negative ? -v : v, offset: offset)
    }

    /// Splits the text between the quotes into values at commas (except for
    /// character constants, where a comma is just a character).
    static func splitValues(_ text: String, type: ConstantType, firstOffset: Int) -> [ConstantOperand.QuotedValue] {
        if type == .character || type == .asciiCharacter {
            return [.init(text: text, offset: firstOffset)]
        }
        var values: [ConstantOperand.QuotedValue] = []
        var current = ""
        var start = firstOffset
        var offset = firstOffset
        for c in text {
            if c == "," {
                values.append(.init(text: current, offset: start))
                current = ""
                start = offset + 1
            } else {
                current.append(c)
            }
            offset += 1
        }
        values.append(.init(text: current, offset: start))
        return values
    }
}
