/// One line of a 3270 printer's output, in EBCDIC, and how the paper moves after it.
public struct PrintLine: Hashable, Sendable {
    public enum Ending: Sendable, Hashable {
        /// Down one line.
        case newLine
        /// Back to the start of the same line (the next line overprints).
        case carriageReturn
        /// To the top of the next page.
        case formFeed
    }
    public var characters: [UInt8]
    public var ending: Ending

    public init(_ characters: [UInt8], _ ending: Ending = .newLine) {
        self.characters = characters
        self.ending = ending
    }
}

/// Format controls a 3270 printer obeys in its buffer.
enum FormatControl {
    static let newLine: UInt8 = 0x15
    static let carriageReturn: UInt8 = 0x0D
    static let endOfMessage: UInt8 = 0x19
    static let formFeed: UInt8 = 0x0C
}

extension Screen3270 {
    /// The buffer as a 3270 printer (3286) prints it.
    ///
    /// With a fixed line length (WCC 40, 64 or 80) each line is that many
    /// buffer positions; nulls print as blanks, and a line of nothing but
    /// nulls is not printed. When the data's own controls decide, nulls are
    /// skipped, NL ends a line, CR returns to its start, FF ejects the page,
    /// EM ends the printout, and a line also ends at `maximumLineLength`.
    /// Attribute positions and hidden fields print as blanks; trailing
    /// blanks are dropped.
    public func printout(format: PrintFormat, maximumLineLength: Int = 132) -> [PrintLine] {
        var lines: [PrintLine] = []
        var current: [UInt8] = []
        var hidden = false
        func finish(_ ending: PrintLine.Ending) {
            while current.last == 0x40 { current.removeLast() }
            lines.append(PrintLine(current, ending))
            current = []
        }
        if let width = format.lineLength {
            var onlyNulls = true
            for (address, cell) in cells.enumerated() {
                if let f = cell.field {
                    hidden = f.isHidden
                    current.append(0x40)
                    onlyNulls = false
                } else {
                    if cell.character != 0 { onlyNulls = false }
                    current.append(hidden || cell.character == 0 ? 0x40 : cell.character)
                }
                if (address + 1) % width == 0 || address == cells.count - 1 {
                    if onlyNulls { current = [] } else { finish(.newLine) }
                    onlyNulls = true
                }
            }
            return lines
        }
        for cell in cells {
            if let f = cell.field {
                hidden = f.isHidden
                current.append(0x40)
            } else {
                switch cell.character {
                case 0x00: continue
                case FormatControl.newLine: finish(.newLine); continue
                case FormatControl.carriageReturn: finish(.carriageReturn); continue
                case FormatControl.formFeed: finish(.formFeed); continue
                case FormatControl.endOfMessage:
                    if !current.isEmpty { finish(.newLine) }
                    return lines
                default:
                    current.append(hidden ? 0x40 : cell.character)
                }
            }
            if current.count >= maximumLineLength { finish(.newLine) }
        }
        if !current.isEmpty { finish(.newLine) }
        return lines
    }
}
