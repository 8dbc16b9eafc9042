/// Evaluates conditional-assembly expressions (AIF, SETA, SETB, SETC, AGO):
/// arithmetic with + - * / and parentheses, comparisons EQ NE LT GT LE GE,
/// NOT AND OR XOR, character strings with substitution, substrings
/// `'ABC'(2,1)`, duplication `(3)'A'`, concatenation `'A'.'B'`, attributes
/// L' T' K' N' D' O', variable symbols and previously defined absolute
/// ordinary symbols.
struct ConditionalExpression {
    var scanner: CharacterScanner
    unowned let processor: MacroProcessor
    let scope: MacroScope

    init(_ chars: [Character], base: Int = 0, processor: MacroProcessor, scope: MacroScope) {
        scanner = CharacterScanner(chars, base: base)
        self.processor = processor
        self.scope = scope
    }

    // MARK: Entry points

    mutating func evaluate() throws -> SetValue {
        let v = try logicalOr()
        skipBlanks()
        return v
    }

    mutating func expectEnd() throws {
        skipBlanks()
        if let c = scanner.current {
            throw AssemblyError("expected the end of the expression, found '\(c)'", at: scanner.offset)
        }
    }

    // MARK: Grammar

    private mutating func logicalOr() throws -> SetValue {
        var left = try logicalAnd()
        while true {
            if takeWord("OR") {
                let right = try logicalAnd()
                left = .boolean(try bool(left) || bool(right))
            } else if takeWord("XOR") {
                let right = try logicalAnd()
                left = .boolean(try bool(left) != bool(right))
            } else {
                return left
            }
        }
    }

    private mutating func logicalAnd() throws -> SetValue {
        var left = try logicalNot()
        while takeWord("AND") {
            let right = try logicalNot()
            left = .boolean(try bool(left) && bool(right))
        }
        return left
    }

    private mutating func logicalNot() throws -> SetValue {
        if takeWord("NOT") { return .boolean(!(try bool(try logicalNot()))) }
        return try relation()
    }

    private mutating func relation() throws -> SetValue {
        let left = try sum()
        for op in ["EQ", "NE", "LT", "GT", "LE", "GE"] where takeWord(op) {
            let right = try sum()
            let order = try compare(left, right)
            switch op {
            case "EQ": return .boolean(order == 0)
            case "NE": return .boolean(order != 0)
            case "LT": return .boolean(order < 0)
            case "GT": return .boolean(order > 0)
            case "LE": return .boolean(order <= 0)
            default: return .boolean(order >= 0)
            }
        }
        return left
    }

    private mutating func sum() throws -> SetValue {
        var left = try product()
        while true {
            skipBlanks()
            guard let c = scanner.current, c == "+" || c == "-" else { return left }
            let offset = scanner.offset
            scanner.advance()
            let right = try product()
            let a = try integer(left, at: offset), b = try integer(right, at: offset)
            left = .arithmetic(Value.wrap32(c == "+" ? a &+ b : a &- b))
        }
    }

    private mutating func product() throws -> SetValue {
        var left = try unary()
        while true {
            skipBlanks()
            guard let c = scanner.current, c == "*" || c == "/" else { return left }
            let offset = scanner.offset
            scanner.advance()
            let right = try unary()
            let a = try integer(left, at: offset), b = try integer(right, at: offset)
            left = .arithmetic(c == "*" ? Value.wrap32(a &* b) : (b == 0 ? 0 : a / b))
        }
    }

    private mutating func unary() throws -> SetValue {
        skipBlanks()
        let offset = scanner.offset
        if scanner.take("-") { return .arithmetic(-(try integer(try unary(), at: offset))) }
        if scanner.take("+") { return .arithmetic(try integer(try unary(), at: offset)) }
        return try primary()
    }

    private mutating func primary() throws -> SetValue {
        skipBlanks()
        let offset = scanner.offset
        guard let c = scanner.current else {
            throw AssemblyError("expected a term in the conditional-assembly expression, found the end", at: offset)
        }
        if c == "(" {
            scanner.advance()
            let inner = try logicalOr()
            skipBlanks()
            guard scanner.take(")") else {
                throw AssemblyError("expected ')' to close the parenthesis opened here", at: offset)
            }
            if scanner.current == "'" {
                // Duplication factor: (3)'AB'.
                let count = try integer(inner, at: offset)
                let text = try stringTerm()
                return .character(String(repeating: text, count: max(0, count)))
            }
            return inner
        }
        if c == "'" { return .character(try stringTerm()) }
        if c == "&" {
            let value = try variable()
            return value
        }
        if c.isASCII && c.isNumber {
            return .arithmetic(try SelfDefiningTerm.decimal(scanner.readDigits()!, at: offset))
        }
        if CharacterScanner.isSymbolStart(c) {
            let start = scanner.index
            let word = scanner.readSymbol()!
            if scanner.current == "'" {
                if ["X", "B", "C"].contains(word) {
                    let text = try quotedRaw(offset)
                    return .arithmetic(try SelfDefiningTerm.value(type: Character(word), text: text, at: offset))
                }
                if word.count == 1, "LTKNDISO".contains(word) {
                    scanner.advance()
                    return try attribute(Character(word), at: offset)
                }
            }
            if let definition = processor.host?.ordinarySymbol(word) {
                guard definition.value.isAbsolute else {
                    throw AssemblyError("expected an absolute value; \(word) is an address", at: offset)
                }
                return .arithmetic(definition.value.number)
            }
            scanner.index = start
            throw AssemblyError("expected a defined absolute symbol, a variable symbol, a number or a string, found \(word)", at: offset)
        }
        throw AssemblyError("expected a term in the conditional-assembly expression, found '\(c)'", at: offset)
    }

    /// `'text'` with variables substituted, then optional `(start,length)`
    /// substring and `.'more'` concatenation.
    private mutating func stringTerm() throws -> String {
        let offset = scanner.offset
        let raw = try quotedRaw(offset)
        var text = try processor.substitute(Array(raw), scope: scope, base: offset + 1)
        text = text.replacingDoubledQuotes()
        if scanner.current == "(" {
            let open = scanner.offset
            scanner.advance()
            let start = try integer(try sum(), at: open)
            skipBlanks()
            guard scanner.take(",") else { throw AssemblyError("expected ',' in the substring (start,length)", at: scanner.offset) }
            skipBlanks()
            var length: Int
            if scanner.take("*") {
                length = max(0, text.count - start + 1)
            } else {
                length = try integer(try sum(), at: open)
            }
            skipBlanks()
            guard scanner.take(")") else { throw AssemblyError("expected ')' to close the substring", at: open) }
            let chars = Array(text)
            guard start >= 1, length >= 0 else {
                throw AssemblyError("expected a substring start of 1 or more and a length of 0 or more", at: open)
            }
            if start > chars.count { text = "" } else {
                text = String(chars[(start - 1)..<min(chars.count, start - 1 + length)])
            }
        }
        if scanner.current == ".", scanner.peek() == "'" {
            scanner.advance()
            text += try stringTerm()
        }
        return text
    }

    /// The raw text between quotes (doubled quotes kept doubled, for substitution first).
    private mutating func quotedRaw(_ offset: Int) throws -> String {
        guard scanner.take("'") else { throw AssemblyError("expected a quote", at: offset) }
        var text = ""
        while let c = scanner.current {
            if c == "'" {
                if scanner.peek() == "'" { text += "''"; scanner.index += 2; continue }
                scanner.advance()
                return text
            }
            text.append(c)
            scanner.advance()
        }
        throw AssemblyError("expected a closing quote for the string started here", at: offset)
    }

    /// `&NAME` or `&NAME(subscripts)`.
    private mutating func variable() throws -> SetValue {
        let offset = scanner.offset
        let (name, subscripts) = try variableReference()
        return try processor.variableValue(name, subscripts: subscripts, scope: scope, at: offset)
    }

    private mutating func variableReference() throws -> (String, [Int]) {
        let offset = scanner.offset
        guard scanner.take("&"), let name = scanner.readSymbol() else {
            throw AssemblyError("expected a variable symbol such as &NAME", at: offset)
        }
        var subscripts: [Int] = []
        if scanner.current == "(" {
            let open = scanner.offset
            scanner.advance()
            repeat {
                subscripts.append(try integer(try sum(), at: open))
                skipBlanks()
            } while scanner.take(",")
            guard scanner.take(")") else { throw AssemblyError("expected ')' after the subscript", at: open) }
        }
        return (name, subscripts)
    }

    private mutating func attribute(_ kind: Character, at offset: Int) throws -> SetValue {
        // The attribute of a variable symbol's value or of an ordinary symbol.
        var variableName: String?
        var subscripts: [Int] = []
        var symbolName: String
        if scanner.current == "&" {
            let (name, subs) = try variableReference()
            variableName = name
            subscripts = subs
            // N' counts without needing a value (N'&SYSLIST, N'&ARRAY).
            if kind == "N" {
                return .arithmetic(try processor.numberAttribute(name, subscripts: subs, scope: scope, at: offset))
            }
            symbolName = try processor.variableValue(name, subscripts: subs, scope: scope, at: offset).text.uppercased()
        } else if let name = scanner.readSymbol() {
            symbolName = name
        } else {
            throw AssemblyError("expected a symbol or a variable symbol after \(kind)'", at: scanner.offset)
        }
        switch kind {
        case "K":
            guard let variableName else { return .arithmetic(symbolName.count) }
            return .arithmetic(try processor.variableValue(variableName, subscripts: subscripts, scope: scope, at: offset).text.count)
        case "N":
            guard let variableName else { return .arithmetic(0) }
            return .arithmetic(try processor.numberAttribute(variableName, subscripts: subscripts, scope: scope, at: offset))
        case "T":
            return .character(String(processor.typeAttribute(ofText: symbolName)))
        case "L":
            guard let d = processor.host?.ordinarySymbol(symbolName) else {
                throw AssemblyError("expected a defined symbol for L'\(symbolName)", at: offset)
            }
            return .arithmetic(d.length)
        case "D":
            return .arithmetic(processor.host?.ordinarySymbol(symbolName) != nil ? 1 : 0)
        case "O":
            return .character(String(processor.operationAttribute(symbolName)))
        default:
            // I' and S' (integer and scale attributes) are not tracked.
            return .arithmetic(0)
        }
    }

    // MARK: Helpers

    private mutating func skipBlanks() {
        while scanner.current == " " { scanner.advance() }
    }

    /// Takes an operator word (EQ, AND…) when it stands alone.
    private mutating func takeWord(_ word: String) -> Bool {
        let save = scanner.index
        skipBlanks()
        let chars = Array(word)
        for (i, c) in chars.enumerated() {
            guard let s = scanner.peek(i), s.uppercased() == String(c) else {
                scanner.index = save
                return false
            }
        }
        if let after = scanner.peek(chars.count), CharacterScanner.isSymbolChar(after) {
            scanner.index = save
            return false
        }
        scanner.index += chars.count
        return true
    }

    func integer(_ value: SetValue, at offset: Int) throws -> Int {
        switch value {
        case .arithmetic(let v): return v
        case .boolean(let b): return b ? 1 : 0
        case .character(let s):
            if let v = Self.selfDefiningValue(s) { return v }
            throw AssemblyError("expected an arithmetic value, found the string '\(s)'", at: offset)
        }
    }

    func bool(_ value: SetValue) throws -> Bool {
        switch value {
        case .boolean(let b): return b
        case .arithmetic(let v): return v != 0
        case .character(let s):
            if let v = Self.selfDefiningValue(s) { return v != 0 }
            throw AssemblyError("expected a binary (true/false) value, found the string '\(s)'", at: scanner.offset)
        }
    }

    /// Compares two values: numbers numerically, strings by EBCDIC with a
    /// shorter string ordering first, as HLASM does.
    func compare(_ a: SetValue, _ b: SetValue) throws -> Int {
        if case .character(let x) = a, case .character(let y) = b {
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            let ex = EBCDIC.encode(x), ey = EBCDIC.encode(y)
            for (p, q) in zip(ex, ey) where p != q { return p < q ? -1 : 1 }
            return 0
        }
        if case .character = a, (try? integer(a, at: 0)) == nil { return try compare(a, .character(b.text)) }
        if case .character = b, (try? integer(b, at: 0)) == nil { return try compare(.character(a.text), b) }
        let x = try integer(a, at: scanner.offset), y = try integer(b, at: scanner.offset)
        return x < y ? -1 : (x > y ? 1 : 0)
    }

    /// A string that is a self-defining term (`12`, `X'1F'`…), as a number.
    static func selfDefiningValue(_ s: String) -> Int? {
        let text = s.trimmingBlanks()
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text).map { Value.wrap32($0) } }
        var negative = false
        var body = Substring(text)
        if body.first == "-" { negative = true; body = body.dropFirst() }
        if !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(body) { return negative ? -v : v }
        let chars = Array(text)
        if chars.count >= 3, "XBCxbc".contains(chars[0]), chars[1] == "'", chars.last == "'" {
            let inner = String(chars[2..<(chars.count - 1)]).replacingDoubledQuotes()
            return try? SelfDefiningTerm.value(type: chars[0], text: inner, at: 0)
        }
        return nil
    }
}

extension String {
    /// `''` → `'`.
    func replacingDoubledQuotes() -> String {
        var result = ""
        var previousQuote = false
        for c in self {
            if c == "'" {
                if previousQuote { previousQuote = false; continue }
                previousQuote = true
            } else {
                previousQuote = false
            }
            result.append(c)
        }
        return result
    }
}
