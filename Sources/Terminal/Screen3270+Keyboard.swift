/// The operator's side: AID keys, typing, cursor movement and erasing.
/// Keys other than the AIDs change only the buffer and the cursor; the
/// program learns of them when an AID key is pressed.
extension Screen3270 {
    /// An AID key (ENTER, CLEAR, PA, PF). The keyboard locks until the
    /// program restores it; CLEAR first erases the screen to its default
    /// size. Returns the inbound record a READ MODIFIED now returns (what a
    /// remote terminal sends at once), or nil when the keyboard is locked
    /// and the key is refused.
    public mutating func enter(aid key: AID) -> [UInt8]? {
        guard !keyboardLocked else { return nil }
        if key == .clear { erase(to: model.defaultSize) }
        aid = key
        keyboardLocked = true
        return read(.readModified)
    }

    /// Characters a numeric field accepts: digits, period, minus and DUP.
    static let numericCharacters: Set<UInt8> = Set(0xF0...0xF9).union([0x4B, 0x60, 0x1C])

    /// Types one EBCDIC character at the cursor. Refused (false) when the
    /// keyboard is locked, the cursor is in a protected field or on an
    /// attribute, a numeric field gets a non-numeric character, or insert
    /// mode finds the field full.
    @discardableResult
    public mutating func type(_ character: UInt8) -> Bool {
        guard !keyboardLocked, isUnprotectedCharacter(cursor) else { return false }
        let governing = attributeAddress(governing: cursor)
        if let g = governing, cells[g].field!.isNumeric, !Self.numericCharacters.contains(character) { return false }
        if insertMode {
            // Shift the rest of the field right; the last position must be free.
            var last = cursor
            while cells[next(last)].field == nil && next(last) != cursor && !(governing == nil && next(last) == 0) {
                last = next(last)
            }
            guard cells[last].character == 0 else { return false }
            var a = last
            while a != cursor {
                cells[a] = cells[previous(a)]
                a = previous(a)
            }
        }
        cells[cursor] = ScreenCell(character: character)
        if let g = governing { cells[g].field!.isModified = true }
        cursor = next(cursor)
        if cells[cursor].field != nil {
            // Leaving the field: on to the next field the operator can type in.
            cursor = nextUnprotectedStart(from: cursor) ?? cursor
        }
        return true
    }

    /// TAB: the first position of the next unprotected field (0 on an unformatted screen).
    public mutating func tab() {
        guard isFormatted else {
            cursor = 0
            return
        }
        let from = cells[cursor].field == nil ? next(cursor) : cursor
        var a = from
        for _ in 0..<cells.count {
            if let f = cells[a].field, !f.isProtected, cells[next(a)].field == nil {
                cursor = next(a)
                return
            }
            a = next(a)
        }
    }

    /// BACKTAB: the start of this unprotected field if the cursor is inside
    /// it past the start, else the start of the previous unprotected field.
    public mutating func backtab() {
        guard isFormatted else {
            cursor = 0
            return
        }
        var a = previous(cursor)
        for _ in 0..<cells.count {
            if let f = cells[a].field, !f.isProtected, cells[next(a)].field == nil, next(a) != cursor {
                cursor = next(a)
                return
            }
            a = previous(a)
        }
    }

    /// Moves the cursor (any address, taken modulo the buffer size).
    public mutating func moveCursor(to address: Int) {
        let n = cells.count
        cursor = ((address % n) + n) % n
    }

    /// ERASE EOF: nulls from the cursor to the end of its unprotected field.
    @discardableResult
    public mutating func eraseToEndOfField() -> Bool {
        guard !keyboardLocked, isUnprotectedCharacter(cursor) else { return false }
        let governing = attributeAddress(governing: cursor)
        var a = cursor
        repeat {
            cells[a] = .null
            a = next(a)
        } while cells[a].field == nil && a != cursor && !(governing == nil && a == 0)
        if let g = governing { cells[g].field!.isModified = true }
        return true
    }

    /// ERASE INPUT: nulls in every unprotected field, MDTs off, cursor to
    /// the first unprotected field.
    public mutating func eraseInput() {
        guard !keyboardLocked else { return }
        let keepAID = aid
        eraseAllUnprotected()
        aid = keepAID
    }
}
