import Testing
import Terminal

/// The operator's side of the model.
@Suite("3270 keyboard")
struct KeyboardTests {
    /// "ID:" protected, a 4-position unprotected field, a numeric field of 3, then protected.
    static func form() throws -> Screen3270 {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x1D, 0x60] + Ebcdic.bytes("ID:") + [0x1D, 0x40, 0x13, 0x00, 0x00, 0x00, 0x00, 0x1D, 0x50]
                    + [0x00, 0x00, 0x00, 0x1D, 0x60])
        return s
    }

    @Test func typingFillsTheFieldSetsTheTagAndSkipsOn() throws {
        var s = try Self.form()
        #expect(s.cursor == 5)
        for ch in Ebcdic.bytes("ABCD") { do { let result = s.type(ch); #expect(result) } }
        #expect(s.string(at: 5, count: 4) == "ABCD")
        #expect(s.cells[4].field?.isModified == true)
        #expect(s.cursor == 10, "a full field sends the cursor to the next unprotected field")
    }

    @Test func protectedNumericAndLockedAreRefused() throws {
        var s = try Self.form()
        s.moveCursor(to: 1)
        do { let result = s.type(Ebcdic.bytes("X")[0]); #expect(!result, "protected") }
        s.moveCursor(to: 4)
        do { let result = s.type(Ebcdic.bytes("X")[0]); #expect(!result, "on an attribute") }
        s.moveCursor(to: 10)
        do { let result = s.type(Ebcdic.bytes("X")[0]); #expect(!result, "numeric field") }
        do { let result = s.type(Ebcdic.bytes("7")[0]); #expect(result) }
        _ = s.enter(aid: .enter)
        do { let result = s.type(Ebcdic.bytes("8")[0]); #expect(!result, "keyboard locked") }
        do { let result = s.enter(aid: .enter); #expect(result == nil, "AID keys are refused while locked") }
    }

    @Test func tabAndBacktab() throws {
        var s = try Self.form()
        s.moveCursor(to: 0)
        s.tab()
        #expect(s.cursor == 5)
        s.tab()
        #expect(s.cursor == 10)
        s.tab()
        #expect(s.cursor == 5, "wraps to the first unprotected field")
        s.moveCursor(to: 12)
        s.backtab()
        #expect(s.cursor == 10)
        s.backtab()
        #expect(s.cursor == 5)
    }

    @Test func eraseEOFAndEraseInput() throws {
        var s = try Self.form()
        for ch in Ebcdic.bytes("WXYZ") { s.type(ch) }
        s.moveCursor(to: 6)
        do { let result = s.eraseToEndOfField(); #expect(result) }
        #expect(s.string(at: 5, count: 1) == "W" && (6..<9).allSatisfy { s.cells[$0].character == 0 })
        s.eraseInput()
        #expect(s.cells[5].character == 0 && s.cells[4].field?.isModified == false && s.cursor == 5)
    }

    @Test func insertMode() throws {
        var s = try Self.form()
        for ch in Ebcdic.bytes("AC") { s.type(ch) }
        s.moveCursor(to: 6)
        s.insertMode = true
        do { let result = s.type(Ebcdic.bytes("B")[0]); #expect(result) }
        #expect(s.string(at: 5, count: 3) == "ABC")
        do { let result = s.type(Ebcdic.bytes("Q")[0]); #expect(result) }
        do { let result = s.type(Ebcdic.bytes("R")[0]); #expect(!result, "the field is full") }
    }

    @Test func unformattedScreenAcceptsTypingAnywhere() {
        var s = Screen3270()
        s.moveCursor(to: 1919)
        do { let result = s.type(Ebcdic.bytes("E")[0]); #expect(result) }
        #expect(s.cursor == 0)
        s.moveCursor(to: -1)
        #expect(s.cursor == 1919)
    }
}
