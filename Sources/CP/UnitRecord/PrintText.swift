import Devices
import Media

/// Turns print records (the CCW command byte, then the line) into the
/// text a real printer's output file holds, honouring the carriage
/// control the guest asked for: a skip to channel 1 is a form feed, other
/// skips and spacing are blank lines, a write without spacing overprints
/// (a carriage return, as line printers' text files do).
///
/// The command byte (1403/3211): bits 0–4 the motion, bits 5–7 `001`
/// write (then move) or `011` control (move at once). Motion 0 none, 1–3
/// space that many lines, X'11'–X'1C' skip to channel 1–12.
struct PrintText {
    let forms: FormsControlBuffer
    private let codePage: CodePage
    /// Line of the page the paper is at, 1-based.
    private var line = 1
    /// The bytes so far; a line's text is followed by the motion's ending.
    private(set) var bytes: [UInt8] = []
    /// Whether the printed line has not been ended by a motion yet.
    private var pendingLine = false

    init(forms: FormsControlBuffer = .standard, codePage: CodePage = .cp037) {
        self.forms = forms
        self.codePage = codePage
    }

    static func render(_ records: [[UInt8]]) -> [UInt8] {
        var text = PrintText()
        for record in records { text.add(record) }
        text.finish()
        return text.bytes
    }

    mutating func add(_ record: [UInt8]) {
        guard let code = record.first else { return }
        let motion = code >> 3
        switch code & 0x07 {
        case 0x01:
            if pendingLine { bytes.append(0x0D) } // the previous write did not move: overprint
            bytes += codePage.printableText(record.dropFirst())
            pendingLine = true
            move(motion)
        case 0x03:
            move(motion)
        default:
            break // sense, NOP, load FCB/UCS: no paper moves
        }
    }

    /// Ends the last line (a file does not leave the paper mid-line).
    mutating func finish() {
        if pendingLine { bytes.append(0x0A) }
        pendingLine = false
    }

    /// Plain text lines, each ending a line (separator pages).
    mutating func addLines(_ lines: [String]) {
        finish()
        for text in lines {
            bytes += Array(text.utf8) + [0x0A]
            line = line % forms.linesPerPage + 1
        }
    }

    /// A form feed: the next line is line 1 of a new page.
    mutating func newPage() {
        finish()
        bytes.append(0x0C)
        line = 1
    }

    private mutating func move(_ motion: UInt8) {
        switch motion {
        case 1, 2, 3:
            let lines = Int(motion)
            // The first newline ends the line just written (if any); the rest are blank lines.
            bytes += [UInt8](repeating: 0x0A, count: lines)
            pendingLine = false
            line = (line - 1 + lines) % forms.linesPerPage + 1
        case 0x11...0x1C:
            let channel = Int(motion - 0x10)
            if pendingLine { bytes.append(0x0A); pendingLine = false; line = line % forms.linesPerPage + 1 }
            if channel == 1 {
                bytes.append(0x0C)
                line = 1
            } else if let target = forms.nextLine(after: line - 1, channel: channel),
                      target != line {
                if target < line {
                    // Past the end of this page: a new page, then down to the line.
                    bytes.append(0x0C)
                    bytes += [UInt8](repeating: 0x0A, count: target - 1)
                } else {
                    bytes += [UInt8](repeating: 0x0A, count: target - line)
                }
                line = target
            }
        default:
            break
        }
    }
}
