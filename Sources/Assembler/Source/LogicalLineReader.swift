/// The source conventions the assembler follows.
public enum Dialect: String, Sendable, CaseIterable {
    /// IBM High Level Assembler: fixed 80-column records, statement in
    /// columns 1–71, continuation mark in column 72, continued text from
    /// column 16, sequence numbers in 73–80.
    case hlasm
    /// SATK's ASMA: lines of any length, a trailing backslash continues the
    /// statement on the next line, plus ASMA's directives (PSW…) and literal
    /// pool layout.
    case asma
}

/// One physical line's share of a logical line.
struct LineSegment: Sendable {
    /// 1-based line number in the file.
    var line: Int
    /// 1-based column of `text[0]`.
    var firstColumn: Int
    var text: [Character]
}

/// A statement as read from a file, with its continuation lines joined.
struct LogicalLine: Sendable {
    var file: String
    var segments: [LineSegment]
    /// The physical lines as they were, for the listing.
    var physicalLines: [String]

    var firstLine: Int { segments[0].line }
}

/// Reads logical lines out of the physical lines of one file.
struct LogicalLineReader {
    let file: String
    let lines: [[Character]]
    let dialect: Dialect
    private(set) var nextIndex = 0

    init(file: String, lines: [[Character]], dialect: Dialect) {
        self.file = file
        self.lines = lines
        self.dialect = dialect
    }

    var atEnd: Bool { nextIndex >= lines.count }

    /// The next logical line; problems with continuation lines go to `diagnose`.
    mutating func read(diagnose: (Severity, SourcePosition, String) -> Void) -> LogicalLine? {
        guard nextIndex < lines.count else { return nil }
        switch dialect {
        case .hlasm: return readFixed(diagnose: diagnose)
        case .asma: return readStream(diagnose: diagnose)
        }
    }

    private static func isComment(_ line: [Character]) -> Bool {
        line.first == "*" || (line.count >= 2 && line[0] == "." && line[1] == "*")
    }

    private static func blankPrefix(_ line: [Character], count: Int) -> Bool {
        line.prefix(count).allSatisfy { $0 == " " }
    }

    /// Fixed format: columns 1–71 hold the statement, a non-blank column 72
    /// continues it, the continuation starts in column 16.
    private mutating func readFixed(diagnose: (Severity, SourcePosition, String) -> Void) -> LogicalLine {
        let first = lines[nextIndex]
        let firstNumber = nextIndex + 1
        nextIndex += 1
        let comment = Self.isComment(first)
        var physical = [String(first)]
        var continued = first.count >= 72 && first[71] != " "
        if continued && !(nextIndex < lines.count && Self.blankPrefix(lines[nextIndex], count: 15)) {
            // Column 72 is not blank but no continuation line follows: the
            // line was written past column 71 (as ASMA allows). Read it whole
            // rather than cut a quoted string in two.
            if !comment {
                diagnose(.warning, SourcePosition(file: file, line: firstNumber, column: 72),
                         "the statement goes past column 71 and the next line is not a continuation; reading it as one long line")
            }
            return LogicalLine(file: file, segments: [LineSegment(line: firstNumber, firstColumn: 1, text: first)],
                               physicalLines: physical)
        }
        var segments = [LineSegment(line: firstNumber, firstColumn: 1, text: Array(first.prefix(71)))]
        while continued {
            guard nextIndex < lines.count else {
                diagnose(.error, SourcePosition(file: file, line: firstNumber, column: 72),
                         "expected a continuation line after the continuation mark in column 72, found the end of the file")
                break
            }
            let next = lines[nextIndex]
            let number = nextIndex + 1
            let blankStart = Self.blankPrefix(next, count: 15)
            // A comment box drawn to column 72 is not meant to swallow the
            // next statement: only continue a comment into a line that looks
            // like a continuation.
            if comment && !blankStart { break }
            nextIndex += 1
            physical.append(String(next))
            if !blankStart {
                diagnose(.error, SourcePosition(file: file, line: number, column: 1),
                         "expected blanks in columns 1-15 of a continuation line")
            }
            let text = next.count > 15 ? Array(next[15..<min(71, next.count)]) : []
            segments.append(LineSegment(line: number, firstColumn: 16, text: text))
            continued = next.count >= 72 && next[71] != " "
        }
        return LogicalLine(file: file, segments: segments, physicalLines: physical)
    }

    /// Stream format (ASMA): any length; a backslash as the last character
    /// continues the statement, whose text resumes at the first non-blank
    /// character of the next line.
    private mutating func readStream(diagnose: (Severity, SourcePosition, String) -> Void) -> LogicalLine {
        var segments: [LineSegment] = []
        var physical: [String] = []
        var firstSegment = true
        while true {
            let line = lines[nextIndex]
            let number = nextIndex + 1
            nextIndex += 1
            physical.append(String(line))
            var text = line
            let continued = text.last == "\\" && !(firstSegment && Self.isComment(line))
            if continued { text.removeLast() }
            while text.last == " " { text.removeLast() }
            var column = 1
            if !firstSegment {
                let blanks = text.prefix { $0 == " " }.count
                if blanks == 0 {
                    diagnose(.error, SourcePosition(file: file, line: number, column: 1),
                             "expected a blank-indented continuation line after the backslash")
                }
                text.removeFirst(blanks)
                column = blanks + 1
            }
            segments.append(LineSegment(line: number, firstColumn: column, text: text))
            firstSegment = false
            if !continued { break }
            if nextIndex >= lines.count {
                diagnose(.error, SourcePosition(file: file, line: number, column: line.count),
                         "expected a continuation line after the backslash, found the end of the file")
                break
            }
        }
        return LogicalLine(file: file, segments: segments, physicalLines: physical)
    }
}
