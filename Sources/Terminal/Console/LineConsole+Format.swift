/// Building the 3270 format of the line-mode screen and keeping its status
/// area current.
extension LineConsole {
    /// Output area protected/normal, input unprotected, status protected and
    /// intensified: on a 3279 that is blue output, green input, white status.
    static let outputAttribute = FieldAttribute(rawValue: 0x20)
    static let inputAttribute = FieldAttribute(rawValue: 0x00)
    static let maskedInputAttribute = FieldAttribute(rawValue: 0x0C)
    static let statusAttribute = FieldAttribute(rawValue: 0x28)

    /// Erases the screen to the layout's size and writes the three fields.
    mutating func format() {
        screen.erase(to: layout.size)
        screen.cells[layout.outputAttribute] = ScreenCell(field: Self.outputAttribute)
        screen.cells[layout.inputAttribute] = ScreenCell(field: inputMasked ? Self.maskedInputAttribute : Self.inputAttribute)
        screen.cells[layout.statusAttribute] = ScreenCell(field: Self.statusAttribute)
        screen.cursor = layout.inputStart
        drawStatus()
    }

    /// Writes the status word and the system name into the status area.
    mutating func drawStatus() {
        let word = codes.ebcdic(statusWord.rawValue)
        let name = codes.ebcdic(configuration.systemName)
        var area = [UInt8](repeating: 0x40, count: layout.statusLength)
        for (i, c) in word.prefix(area.count).enumerated() { area[i] = c }
        // The name ends the row; it gives way to a long status word.
        let nameStart = max(word.count + 1, area.count - name.count)
        for (i, c) in name.enumerated() where nameStart + i < area.count { area[nameStart + i] = c }
        for (i, c) in area.enumerated() { screen.cells[layout.statusStart + i] = ScreenCell(character: c) }
    }

    /// Puts one output row (already at most a row wide) on the screen.
    mutating func drawOutputRow(_ row: Int, _ characters: [UInt8]) {
        let start = layout.outputAddress(row: row)
        for column in 0..<layout.size.columns {
            let c = column < characters.count ? characters[column] : 0x40
            screen.cells[start + column] = ScreenCell(character: c)
        }
    }

    mutating func eraseOutputArea() {
        for address in 0..<layout.inputAttribute { screen.cells[address] = .null }
        usedRows = 0
    }

    /// Replaces the input area with `text` (RETRIEVE, a DELAYED PF key),
    /// cursor after it.
    public mutating func setInput(_ text: String) {
        let bytes = Array(codes.ebcdic(text).prefix(layout.inputLength))
        for i in 0..<layout.inputLength {
            screen.cells[layout.inputStart + i] = ScreenCell(character: i < bytes.count ? bytes[i] : 0)
        }
        screen.cursor = layout.inputStart + min(bytes.count, layout.inputLength - 1)
    }

    /// Makes the input area a non-display field for the next line (a
    /// password), or a normal one again.
    public mutating func setInputMasked(_ masked: Bool) {
        inputMasked = masked
        screen.cells[layout.inputAttribute] = ScreenCell(field: masked ? Self.maskedInputAttribute : Self.inputAttribute)
    }

    /// The output row `row` as it shows (trailing blanks dropped).
    func outputRow(_ row: Int) -> [UInt8] {
        let start = layout.outputAddress(row: row)
        var bytes = screen.cells[start..<(start + layout.size.columns)].map { $0.character == 0 ? 0x40 : $0.character }
        while bytes.last == 0x40 { bytes.removeLast() }
        return bytes
    }

    /// Lays the console out for a new screen size. The rows on screen and
    /// those waiting are cut again to the new width (a row never joins the
    /// next); what does not fit waits behind MORE....
    public mutating func resize(to size: ScreenSize, now: Duration) {
        guard size != layout.size else { return }
        let input = inputText
        let rows = (0..<usedRows).map(outputRow) + queued
        let masked = inputMasked
        layout = LineConsoleLayout(size: size)
        queued = []
        usedRows = 0
        inputMasked = masked
        format()
        setInput(input)
        for row in rows { queued += wrap(row) }
        drain(now: now)
    }
}
