/// Splits an operand field at the commas that are outside quotes and
/// parentheses: `A,(B,C),'D,E'` gives three operands.
enum OperandSplitter {
    struct Piece: Sendable {
        var text: [Character]
        /// Offset of the first character in the operand field.
        var offset: Int
        var isEmpty: Bool { text.isEmpty }
    }

    static func split(_ chars: [Character]) -> [Piece] {
        guard !chars.isEmpty else { return [] }
        var pieces: [Piece] = []
        var current: [Character] = []
        var start = 0
        var depth = 0
        var inQuote = false
        for (i, c) in chars.enumerated() {
            if c == "'" {
                if inQuote || !FieldSplitter.isAttributeQuote(current, next: i + 1 < chars.count ? chars[i + 1] : nil) {
                    inQuote.toggle()
                }
            } else if !inQuote {
                if c == "(" { depth += 1 }
                if c == ")" { depth -= 1 }
                if c == "," && depth == 0 {
                    pieces.append(Piece(text: current, offset: start))
                    current = []
                    start = i + 1
                    continue
                }
            }
            current.append(c)
        }
        pieces.append(Piece(text: current, offset: start))
        return pieces
    }
}
