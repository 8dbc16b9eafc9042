/// Parses machine expressions:
///
///     expression := term { (+|-) term }
///     term       := factor { (*|/) factor }
///     factor     := (+|-) factor | primary
///     primary    := ( expression ) | symbol | * | self-defining term
///                 | L'symbol | L'* | =literal
///
/// Parsing stops before a `,`, a `)` it did not open, a blank, or a `(` where
/// an operator is expected (the start of a `D(X,B)` register part).
struct ExpressionParser {
    var scanner: CharacterScanner

    init(_ scanner: CharacterScanner) { self.scanner = scanner }

    /// Parses a whole operand string as one expression.
    static func parse(_ text: [Character], base: Int = 0) throws -> Expression {
        var parser = ExpressionParser(CharacterScanner(text, base: base))
        let e = try parser.parseExpression()
        if let c = parser.scanner.current {
            throw AssemblyError("expected an operator or the end of the expression, found '\(c)'", at: parser.scanner.offset)
        }
        return e
    }

    mutating func parseExpression() throws -> Expression {
        var left = try parseTerm()
        while let c = scanner.current, c == "+" || c == "-" {
            let offset = scanner.offset
            scanner.advance()
            let right = try parseTerm()
            left = .binary(c == "+" ? .add : .subtract, left, right, offset: offset)
        }
        return left
    }

    private mutating func parseTerm() throws -> Expression {
        var left = try parseFactor()
        while let c = scanner.current, c == "*" || c == "/" {
            let offset = scanner.offset
            scanner.advance()
            let right = try parseFactor()
            left = .binary(c == "*" ? .multiply : .divide, left, right, offset: offset)
        }
        return left
    }

    private mutating func parseFactor() throws -> Expression {
        let offset = scanner.offset
        if scanner.take("-") { return .negate(try parseFactor(), offset: offset) }
        if scanner.take("+") { return try parseFactor() }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws -> Expression {
        let offset = scanner.offset
        guard let c = scanner.current else {
            throw AssemblyError("expected a term (symbol, number, * or literal), found the end of the operand", at: offset)
        }
        if c == "(" {
            scanner.advance()
            let inner = try parseExpression()
            guard scanner.take(")") else {
                throw AssemblyError("expected ')' to close the parenthesis opened here", at: offset)
            }
            return inner
        }
        if c == "*" {
            scanner.advance()
            return .locationCounter(offset: offset)
        }
        if c == "=" {
            return .literal(try parseLiteral(), offset: offset)
        }
        if c.isASCII && c.isNumber {
            let digits = scanner.readDigits()!
            return .number(try SelfDefiningTerm.decimal(digits, at: offset), offset: offset)
        }
        if CharacterScanner.isSymbolStart(c) {
            let name = scanner.readSymbol()!
            if scanner.current == "'" {
                if ["X", "B", "C"].contains(name) {
                    guard let text = scanner.readQuoted() else {
                        throw AssemblyError("expected a closing quote for the \(name)'…' term", at: offset)
                    }
                    return .number(try SelfDefiningTerm.value(type: Character(name), text: text, at: offset), offset: offset)
                }
                if name == "L" {
                    scanner.advance()
                    return .lengthAttribute(try parseAttributeTarget(), offset: offset)
                }
                throw AssemblyError("expected a symbol, or X'', B'', C'' or L' before the quote; \(name)' is not supported in machine expressions", at: offset)
            }
            return .symbol(name, offset: offset)
        }
        throw AssemblyError("expected a term (symbol, number, * or literal), found '\(c)'", at: offset)
    }

    private mutating func parseAttributeTarget() throws -> Expression.AttributeTarget {
        let offset = scanner.offset
        if scanner.take("*") { return .locationCounter }
        if scanner.current == "=" { return .literal(try parseLiteral()) }
        guard let name = scanner.readSymbol() else {
            throw AssemblyError("expected a symbol, * or a literal after L'", at: offset)
        }
        return .symbol(name)
    }

    /// `=constant`: parsed like a DC operand.
    private mutating func parseLiteral() throws -> LiteralReference {
        let start = scanner.index
        let offset = scanner.offset
        scanner.advance()   // '='
        var constantParser = ConstantParser(scanner: scanner, isLiteral: true)
        let constant = try constantParser.parseOperand()
        scanner = constantParser.scanner
        guard constant.nominal != nil else {
            throw AssemblyError("expected a value in quotes or parentheses in the literal", at: offset)
        }
        let key = Self.normalizedLiteralText(Array(scanner.chars[start..<scanner.index]))
        return LiteralReference(key: key, constant: constant, isUnique: constant.mentionsLocationCounter)
    }

    /// Upper-cases a literal's text outside quotes so `=f'1'` and `=F'1'` share a pool entry.
    static func normalizedLiteralText(_ chars: [Character]) -> String {
        var result = ""
        var inQuote = false
        for c in chars {
            if c == "'" { inQuote.toggle() }
            result.append(inQuote || c == "'" ? c : Character(c.uppercased()))
        }
        return result
    }
}
