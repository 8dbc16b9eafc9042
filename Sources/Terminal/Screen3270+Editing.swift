/// The editing keys a 3270 emulator has beyond the basic keyboard
/// (`Screen3270+Keyboard`): cursor movement, HOME, NEW LINE, DELETE, field
/// end, and one entry point that applies any non-AID `Key`.
extension Screen3270 {
    /// Applies an editing key or a typed character (through `codes`).
    /// AID keys and keys that are not about the buffer (HELP) are not
    /// handled here: false. Also false when the key is refused (typing in a
    /// protected field, keyboard locked).
    @discardableResult
    public mutating func apply(_ key: Key, codes: CodeTable) -> Bool {
        switch key {
        case .character(let c): return type(codes.ebcdic(c))
        case .up: moveCursor(to: cursor - size.columns)
        case .down: moveCursor(to: cursor + size.columns)
        case .left: moveCursor(to: cursor - 1)
        case .right: moveCursor(to: cursor + 1)
        case .tab: tab()
        case .backtab: backtab()
        case .home: home()
        case .newLine: newLine()
        case .fieldEnd: fieldEnd()
        case .eraseEOF: return eraseToEndOfField()
        case .eraseInput: eraseInput()
        case .insertToggle: insertMode.toggle()
        case .reset:
            // As 3270 emulators do: RESET also frees a keyboard the host left locked.
            insertMode = false
            keyboardLocked = false
        case .delete: return deleteCharacter()
        case .backspace: return deleteBackward()
        default: return false
        }
        return true
    }

    /// HOME: the first position of the first unprotected field.
    public mutating func home() {
        cursor = nextUnprotectedStart(from: 0) ?? 0
    }

    /// NEW LINE: the first unprotected position from the start of the next row on.
    public mutating func newLine() {
        let rowStart = (cursor / size.columns + 1) * size.columns % cells.count
        var a = rowStart
        for _ in 0..<cells.count {
            if isUnprotectedCharacter(a) {
                cursor = a
                return
            }
            a = next(a)
        }
    }

    /// The position after the last character (non-null) of the cursor's field.
    public mutating func fieldEnd() {
        guard isUnprotectedCharacter(cursor) else { return }
        let positions = inputPositions(around: cursor)
        guard let lastUsed = positions.lastIndex(where: { cells[$0].character != 0 }) else {
            cursor = positions.first ?? cursor
            return
        }
        cursor = positions[min(lastUsed + 1, positions.count - 1)]
    }

    /// DELETE: removes the character at the cursor; the rest of the field
    /// moves left and a null fills its end.
    @discardableResult
    public mutating func deleteCharacter() -> Bool {
        guard !keyboardLocked, isUnprotectedCharacter(cursor) else { return false }
        let positions = inputPositions(around: cursor)
        guard let at = positions.firstIndex(of: cursor) else { return false }
        for i in at..<(positions.count - 1) { cells[positions[i]] = cells[positions[i + 1]] }
        cells[positions[positions.count - 1]] = .null
        markModified(cursor)
        return true
    }

    /// Backspace as terminal users know it: the cursor moves left within
    /// the field and the character there is deleted.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard !keyboardLocked, isUnprotectedCharacter(cursor) else { return false }
        let positions = inputPositions(around: cursor)
        guard let at = positions.firstIndex(of: cursor), at > 0 else { return false }
        cursor = positions[at - 1]
        return deleteCharacter()
    }

    /// The character positions of the field holding `address`, in order
    /// (the whole buffer from 0 on an unformatted screen).
    func inputPositions(around address: Int) -> [Int] {
        guard let field = field(containing: address) else { return Array(cells.indices) }
        return field.addresses(in: self)
    }

    private mutating func markModified(_ address: Int) {
        if let g = attributeAddress(governing: address) { cells[g].field!.isModified = true }
    }
}
