/// The key help: every console key and the terminal keys bound to it,
/// taken from the session's key map (so a configured map shows as it is).
public enum HelpScreen {
    static let keys: [Key] = [.enter, .clear, .pa(1), .pa(2), .pa(3), .systemRequest, .eraseEOF, .eraseInput,
                              .insertToggle, .reset, .home, .fieldEnd, .newLine, .tab, .backtab, .backspace,
                              .delete, .help] + (1...24).map { Key.pf($0) }

    /// The help as rows of text for a terminal `size` wide and high.
    public static func frame(keyMap: KeyMap, size: ScreenSize, retrieveKey: Int?) -> Frame {
        var frame = Frame(size: size)
        let title = CellStyle(foreground: .neutralWhite, intensified: true)
        let name = CellStyle(foreground: .turquoise)
        let labels = CellStyle(foreground: .green)
        frame.put("vm67 console keys", row: 0, column: 1, style: title)
        var note = "Press any key to return."
        if let r = retrieveKey { note = "In line mode PF\(r) is RETRIEVE. " + note }
        frame.put(note, row: size.rows - 1, column: 1, style: title)
        let rowsPerColumn = max(1, size.rows - 3)
        let columnWidth = max(30, size.columns / 2)
        for (i, key) in keys.enumerated() {
            let row = 2 + i % rowsPerColumn
            let column = 1 + (i / rowsPerColumn) * columnWidth
            guard row < size.rows - 1, column < size.columns else { continue }
            frame.put(key.name, row: row, column: column, style: name)
            let bound = keyMap.labels(for: key).prefix(3).joined(separator: ", ")
            let text = String((bound.isEmpty ? "-" : bound).prefix(columnWidth - 13))
            frame.put(text, row: row, column: column + 11, style: labels)
        }
        frame.cursor = nil
        return frame
    }
}
