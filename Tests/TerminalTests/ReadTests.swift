import Testing
import Terminal

/// Inbound data: READ BUFFER, READ MODIFIED and READ MODIFIED ALL.
@Suite("3270 reads")
struct ReadTests {
    /// Protected "NAME:" at 0, a modified unprotected field at 6 holding
    /// "ABC", a null, "D" and two nulls, a protected "X" at 14, and an
    /// unmodified unprotected field from 16 to the end.
    static func form() throws -> Screen3270 {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x1D, 0x60] + Ebcdic.bytes("NAME:") + [0x1D, 0xC1] + Ebcdic.bytes("ABC") + [0x00]
                    + Ebcdic.bytes("D") + [0x00, 0x00, 0x1D, 0x60] + Ebcdic.bytes("X") + [0x1D, 0x40])
        return s
    }

    @Test func readModifiedSendsModifiedFieldsWithoutNulls() throws {
        let s = try Self.form()
        #expect(s.read(.readModified) == [0x60, 0x40, 0x40, 0x11, 0x40, 0xC7, 0xC1, 0xC2, 0xC3, 0xC4])
    }

    @Test func operatorInputAndEnter() throws {
        var s = try Self.form()
        s.moveCursor(to: 17)
        do { let result = s.type(Ebcdic.bytes("Z")[0]); #expect(result) }
        let inbound = s.enter(aid: .enter)
        #expect(inbound == [0x7D, 0x40, 0xD2, 0x11, 0x40, 0xC7, 0xC1, 0xC2, 0xC3, 0xC4, 0x11, 0x40, 0xD1, 0xE9])
        #expect(s.read(.readModified) == inbound, "the program's READ MODIFIED gets the same record")
    }

    @Test func severalFieldsIncludingOneThatWraps() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3] + sba(100) + [0x1D, 0xC1] + Ebcdic.bytes("ONE") + sba(200) + [0x1D, 0x40] + Ebcdic.bytes("TWO")
                    + sba(1917) + [0x1D, 0xC1] + Ebcdic.bytes("WRAP"))
        let r = s.read(.readModified)
        #expect(r == [0x60, 0x40, 0x40] + sba(101) + Ebcdic.bytes("ONE") + sba(1918) + Ebcdic.bytes("WRAP"))
    }

    @Test func shortReadsForClearAndPAKeys() throws {
        for key in [AID.pa1, .pa2, .pa3] {
            var s = try Self.form()
            do { let result = s.enter(aid: key); #expect(result == [key.rawValue]) }
            #expect(s.read(.readModified) == [key.rawValue])
            #expect(s.read(.readModifiedAll).count > 3, "READ MODIFIED ALL never shortens")
        }
        var c = try Self.form()
        do { let result = c.enter(aid: .clear); #expect(result == [0x6D]) }
        #expect(c.cells.allSatisfy { $0 == .null } && c.size == .standard)
        #expect(c.read(.readModifiedAll) == [0x6D, 0x40, 0x40])
    }

    @Test func pfKeysSendData() throws {
        var s = try Self.form()
        let r = s.enter(aid: .pf(5)!)
        #expect(r?.first == 0xF5 && r!.count == 10)
    }

    @Test func unformattedReadModifiedSendsAllCharactersWithoutNulls() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3] + Ebcdic.bytes("HI") + sba(80) + Ebcdic.bytes("THERE") + [0x13])
        #expect(s.read(.readModified) == [0x60, 0xC1, 0xD5] + Ebcdic.bytes("HITHERE"))
    }

    @Test func readBufferSendsEveryPosition() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x1D, 0xF8] + Ebcdic.bytes("AB") + [0x13])
        let r = s.read(.readBuffer)
        #expect(r.count == 1 + 2 + 2 + 1919)
        #expect(Array(r.prefix(7)) == [0x60, 0x40, 0xC3, 0x1D, 0xF8, 0xC1, 0xC2])
        #expect(r.dropFirst(7).allSatisfy { $0 == 0 })
    }

    @Test func extendedFieldReplyModeUsesSFE() throws {
        var s = Screen3270()
        try s.write(.writeStructuredField, [0x00, 0x05, 0x09, 0x00, 0x01])
        #expect(s.replyMode == .extendedField)
        // WCC X'03': without the reset bit (X'40'), which would return to field mode.
        try s.write(.eraseWrite, [0x03, 0x29, 0x02, 0xC0, 0xC1, 0x42, 0xF2] + Ebcdic.bytes("R"))
        #expect(Array(s.read(.readBuffer).prefix(10)) == [0x60, 0x40, 0x40, 0x29, 0x02, 0xC0, 0xC1, 0x42, 0xF2, 0xD9])
    }

    @Test func characterReplyModeAddsSetAttribute() throws {
        var s = Screen3270()
        try s.write(.writeStructuredField, [0x00, 0x06, 0x09, 0x00, 0x02, 0x42])
        try s.write(.eraseWrite, [0x03, 0x1D, 0xC1, 0x28, 0x42, 0xF2] + Ebcdic.bytes("AB") + [0x28, 0x00, 0x00] + Ebcdic.bytes("C"))
        #expect(s.read(.readModified) == [0x60, 0x40, 0x40, 0x11, 0x40, 0xC1, 0x28, 0x42, 0xF2, 0xC1, 0xC2, 0x28, 0x42, 0x00, 0xC3])
        // Erase/write with the WCC reset bit returns to field mode.
        try s.write(.eraseWrite, [0x43])
        #expect(s.replyMode == .field)
    }

    @Test func hiddenFieldsStillReadBack() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x1D, 0x4D] + Ebcdic.bytes("SECRET"))
        #expect(s.lines(table: Ebcdic.table)[0].allSatisfy { $0 == " " })
        #expect(s.read(.readModified) == [0x60, 0x40, 0x40, 0x11, 0x40, 0xC1] + Ebcdic.bytes("SECRET"))
    }
}
