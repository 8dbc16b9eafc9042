/// Splits a logical line into name, operation, operands and remarks.
///
/// The operand field ends at the first blank outside quotes. A blank after a
/// trailing comma, when another line follows, is HLASM's "alternate format":
/// the rest of that line is a remark and the operands go on in the next
/// line. Conditional-assembly statements may also hold blanks inside
/// parentheses (`AIF (&A EQ 1).X`).
enum FieldSplitter {
    /// Operations whose operands may contain blanks inside parentheses.
    static let blanksInsideParentheses: Set<String> = [
        "AIF", "AGO", "SETA", "SETB", "SETC", "ACTR", "AIFB", "AGOB",
    ]

    static func split(_ logical: LogicalLine) -> Statement {
        // Flatten the segments into characters with their positions.
        var chars: [Character] = []
        var positions: [SourcePosition] = []
        var segmentStarts: [Int] = []
        for segment in logical.segments {
            segmentStarts.append(chars.count)
            for (i, c) in segment.text.enumerated() {
                chars.append(c)
                positions.append(SourcePosition(file: logical.file, line: segment.line,
                                                column: segment.firstColumn + i))
            }
        }
        let lineStart = SourcePosition(file: logical.file, line: logical.firstLine, column: 1)
        func position(_ i: Int) -> SourcePosition {
            if i < positions.count { return positions[i] }
            if var last = positions.last { last.column += 1; return last }
            return lineStart
        }
        var statement = Statement(kind: .instruction, labelPosition: lineStart,
                                  operationPosition: lineStart, location: lineStart,
                                  listingLines: logical.physicalLines)
        let first = logical.segments[0].text
        if first.allSatisfy({ $0 == " " }) && logical.segments.count == 1 {
            statement.kind = .blank
            return statement
        }
        if first.first == "*" { statement.kind = .comment; return statement }
        if first.count >= 2 && first[0] == "." && first[1] == "*" {
            statement.kind = .macroComment
            return statement
        }

        var i = 0
        let firstEnd = segmentStarts.count > 1 ? segmentStarts[1] : chars.count
        // Name field: starts in column 1.
        if i < firstEnd && chars[i] != " " {
            let start = i
            while i < firstEnd && chars[i] != " " { i += 1 }
            statement.label = String(chars[start..<i])
            statement.labelPosition = position(start)
        }
        while i < firstEnd && chars[i] == " " { i += 1 }
        // Operation field.
        let opStart = i
        while i < firstEnd && chars[i] != " " { i += 1 }
        statement.operation = String(chars[opStart..<i])
        statement.operationPosition = position(opStart)
        while i < chars.count && chars[i] == " " { i += 1 }

        // Operand field.
        let parenthesesHoldBlanks = blanksInsideParentheses.contains(statement.operation.uppercased())
        var operands: [Character] = []
        var operandPositions: [SourcePosition] = []
        var inQuote = false
        var depth = 0
        func nextSegmentStart(after index: Int) -> Int? {
            segmentStarts.first { $0 > index }
        }
        scan: while i < chars.count {
            let c = chars[i]
            if c == " " && !inQuote && !(parenthesesHoldBlanks && depth > 0) {
                if operands.last == ",", let next = nextSegmentStart(after: i) {
                    // Alternate format: the rest of this line is a remark.
                    i = next
                    while i < chars.count && chars[i] == " " { i += 1 }
                    continue scan
                }
                break scan
            }
            if c == "'" {
                if inQuote || !isAttributeQuote(operands, next: i + 1 < chars.count ? chars[i + 1] : nil) {
                    inQuote.toggle()
                }
            } else if !inQuote {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            }
            operands.append(c)
            operandPositions.append(position(i))
            i += 1
        }
        statement.operands = operands
        statement.operandPositions = operandPositions
        if i < chars.count {
            statement.remarks = String(chars[i...]).trimmingBlanks()
        }
        return statement
    }

    /// Whether a quote right after `before` is an attribute reference such as
    /// `L'FIELD` or `T'&P` rather than the start of a quoted string.
    static func isAttributeQuote(_ before: [Character], next: Character?) -> Bool {
        guard let letter = before.last, "LTKNDISOltkndiso".contains(letter) else { return false }
        if before.count >= 2 {
            let previous = before[before.count - 2]
            guard "(,+-*/= .".contains(previous) else { return false }
        }
        guard let next else { return false }
        return next.isLetter || next == "&" || next == "$" || next == "#" || next == "@"
            || next == "_" || next == "*" || next == "="
    }
}

extension String {
    /// The string without leading and trailing blanks.
    func trimmingBlanks() -> String {
        var chars = Substring(self)
        while chars.first == " " { chars.removeFirst() }
        while chars.last == " " { chars.removeLast() }
        return String(chars)
    }
}
