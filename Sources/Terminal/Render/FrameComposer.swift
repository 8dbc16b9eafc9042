/// Lays a 3270 screen out on a terminal of any size: the screen centred
/// (or at the top left), an information line under it like a 3270's
/// operator information area when there is a row to spare, and a notice
/// instead of the screen when the terminal is below 80×24.
public enum FrameComposer {
    public enum Placement: Sendable, Hashable {
        case center
        case topLeft
    }

    /// The smallest terminal the console draws on.
    public static let minimumSize = ScreenSize(rows: 24, columns: 80)

    /// The text of the information line: left and right parts.
    public struct InfoLine: Sendable, Hashable {
        public var left: String
        public var right: String

        public init(left: String, right: String) {
            self.left = left
            self.right = right
        }
    }

    static let infoStyle = CellStyle(foreground: .turquoise)
    static let warningStyle = CellStyle(foreground: .yellow, intensified: true, reverse: true)

    public static func compose(_ screen: Screen3270, codes: CodeTable, terminal: ScreenSize,
                               placement: Placement = .center, info: InfoLine? = nil) -> Frame {
        var frame = Frame(size: terminal)
        guard terminal.rows >= minimumSize.rows && terminal.columns >= minimumSize.columns else {
            frame.put("Terminal is \(terminal.columns)x\(terminal.rows).", row: 0, column: 0, style: warningStyle)
            frame.put("The console needs at least 80x24.", row: 1, column: 0, style: warningStyle)
            frame.cursor = nil
            return frame
        }
        let area = screen.size
        let infoRows = info != nil && terminal.rows > area.rows ? 1 : 0
        var top = 0, left = 0
        if placement == .center {
            top = max(0, (terminal.rows - area.rows - infoRows) / 2)
            left = max(0, (terminal.columns - area.columns) / 2)
        }
        ScreenPainter.paint(screen, codes: codes, into: &frame, top: top, left: left)
        let (cursorRow, cursorColumn) = screen.position(of: screen.cursor)
        if top + cursorRow < terminal.rows && left + cursorColumn < terminal.columns {
            frame.cursor = (top + cursorRow, left + cursorColumn)
        }
        if area.rows > terminal.rows || area.columns > terminal.columns {
            // A full-screen guest's model larger than the terminal: show what fits and say so.
            let note = " screen \(area.columns)x\(area.rows) is larger than the terminal (\(terminal.columns)x\(terminal.rows)) "
            frame.put(note, row: terminal.rows - 1, column: 0, style: warningStyle)
        } else if let info, infoRows == 1 {
            let row = top + area.rows
            let width = min(area.columns, terminal.columns - left)
            frame.put(String(repeating: " ", count: width), row: row, column: left, style: infoStyle)
            frame.put(info.left, row: row, column: left, style: infoStyle)
            let right = String(info.right.suffix(width))
            frame.put(right, row: row, column: left + width - right.unicodeScalars.count, style: infoStyle)
        }
        return frame
    }
}
