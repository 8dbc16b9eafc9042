/// The screen as text, for tests, logs and simple renderers. The caller
/// brings the EBCDIC → Latin-1 table (this target knows no code pages).
extension Screen3270 {
    /// The EBCDIC byte shown at `address`: a blank for attributes, nulls
    /// and hidden fields, the character otherwise.
    public func shownCharacter(at address: Int) -> UInt8 {
        let cell = cells[address]
        if cell.field != nil || cell.character == 0 { return 0x40 }
        if let governing = attributeAddress(governing: address), cells[governing].field!.isHidden { return 0x40 }
        return cell.character
    }

    /// One row as a string, through `table` (EBCDIC → Latin-1, 256 entries);
    /// control characters show as blanks.
    public func text(row: Int, table: [UInt8]) -> String {
        guard row >= 0 && row < size.rows, table.count == 256 else { return "" }
        let start = row * size.columns
        // Walk the row once, tracking hidden fields, rather than searching per cell.
        var hidden = attributeAddress(governing: start).map { cells[$0].field!.isHidden } ?? false
        var scalars = String.UnicodeScalarView()
        for address in start..<(start + size.columns) {
            let cell = cells[address]
            var byte: UInt8 = 0x40
            if let f = cell.field {
                hidden = f.isHidden
            } else if cell.character != 0 && !hidden {
                byte = cell.character
            }
            let latin = table[Int(byte)]
            scalars.append(Unicode.Scalar(latin < 0x20 || (latin >= 0x7F && latin < 0xA0) ? 0x20 : latin))
        }
        return String(scalars)
    }

    /// Every row as text.
    public func lines(table: [UInt8]) -> [String] {
        (0..<size.rows).map { text(row: $0, table: table) }
    }
}
