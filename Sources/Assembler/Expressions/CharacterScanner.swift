/// Walks over operand characters, remembering where it is so errors can
/// point at the right column.
struct CharacterScanner {
    let chars: [Character]
    var index: Int
    /// The offset of `chars[0]` inside the statement's operand field.
    let base: Int

    init(_ chars: [Character], base: Int = 0) {
        self.chars = chars
        self.index = 0
        self.base = base
    }

    init(_ text: String, base: Int = 0) { self.init(Array(text), base: base) }

    var atEnd: Bool { index >= chars.count }
    var current: Character? { index < chars.count ? chars[index] : nil }
    func peek(_ ahead: Int = 1) -> Character? {
        index + ahead < chars.count ? chars[index + ahead] : nil
    }
    /// Offset of the current character in the operand field.
    var offset: Int { base + index }

    mutating func advance() { index += 1 }

    mutating func take(_ c: Character) -> Bool {
        if current == c { index += 1; return true }
        return false
    }

    /// Reads a symbol name (letters, digits, $ # @ _), upper-cased.
    mutating func readSymbol() -> String? {
        guard let c = current, Self.isSymbolStart(c) else { return nil }
        let start = index
        while let c = current, Self.isSymbolChar(c) { index += 1 }
        return String(chars[start..<index]).uppercased()
    }

    /// Reads decimal digits.
    mutating func readDigits() -> String? {
        let start = index
        while let c = current, c.isASCII, c.isNumber { index += 1 }
        return index > start ? String(chars[start..<index]) : nil
    }

    /// Reads a quoted string after the opening quote (which must be current);
    /// two quotes stand for one. Returns nil when the closing quote is missing.
    mutating func readQuoted() -> String? {
        guard current == "'" else { return nil }
        index += 1
        var text = ""
        while let c = current {
            if c == "'" {
                if peek() == "'" { text.append("'"); index += 2; continue }
                index += 1
                return text
            }
            text.append(c)
            index += 1
        }
        return nil
    }

    static func isSymbolStart(_ c: Character) -> Bool {
        (c.isASCII && c.isLetter) || c == "$" || c == "#" || c == "@" || c == "_"
    }

    static func isSymbolChar(_ c: Character) -> Bool {
        isSymbolStart(c) || (c.isASCII && c.isNumber)
    }
}
