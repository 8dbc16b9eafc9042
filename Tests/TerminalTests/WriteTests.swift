import Testing
import Terminal

/// Outbound data streams: commands, WCC and every order.
@Suite("3270 writes and orders")
struct WriteTests {
    /// Erase/write with `wcc`, then `orders`.
    static func screen(_ orders: [UInt8], wcc: UInt8 = 0xC3, model: DisplayModel = .model2) throws -> Screen3270 {
        var s = Screen3270(model: model)
        try s.write(.eraseWrite, [wcc] + orders)
        return s
    }

    @Test func itimrclkFirstScreen() throws {
        // The stand-alone ITIMRCLK's first write, as its README gives it.
        var s = Screen3270()
        let first: [UInt8] = [0x27, 0xF5, 0xC3, 0x11, 0x40, 0x40, 0x3C, 0x40, 0x40, 0x40, 0x11, 0x4B, 0xF0, 0x1D, 0xF8]
            + Ebcdic.bytes("ELAPSED TIME: ")
        let outcome = try s.write(.write, first)
        #expect(outcome.soundAlarm)
        #expect(s.alarms == 1 && !s.keyboardLocked)
        #expect(s.lines(table: Ebcdic.table)[9].hasPrefix(String(repeating: " ", count: 33) + "ELAPSED TIME:"))
        #expect(s.cells[752].field == FieldAttribute(rawValue: 0xF8))
        #expect(s.cells[0].character == 0x40, "the RA filled the whole buffer with blanks")
        try s.write(.write, [0xC3, 0x11, 0x4B, 0x7E, 0x1D, 0xF8] + Ebcdic.bytes("00:00:01"))
        // The clock's SF lands on the blank after the colon.
        #expect(s.lines(table: Ebcdic.table)[9].contains("ELAPSED TIME: 00:00:01"))
        #expect(s.fields.count == 2)
    }

    @Test func writeStartsAtTheCursor() throws {
        var s = try Self.screen([0x11] + BufferAddress.encode(100) + [0x13])
        #expect(s.cursor == 100)
        try s.write(.write, [0x00] + Ebcdic.bytes("HI"))
        #expect(s.string(at: 100, count: 2) == "HI")
        #expect(s.cursor == 100, "writing does not move the cursor")
    }

    @Test func eraseWriteClearsAndHomesTheCursor() throws {
        var s = try Self.screen(Ebcdic.bytes("JUNK") + sba(500) + [0x13])
        try s.write(.eraseWrite, [0xC3] + Ebcdic.bytes("NEW"))
        #expect(s.cursor == 0)
        #expect(s.string(at: 0, count: 3) == "NEW")
        #expect(s.cells[3].character == 0)
    }

    @Test func eraseWriteAlternateSwitchesSize() throws {
        var s = Screen3270(model: .model5)
        try s.write(.eraseWriteAlternate, [0xC3] + sba(27 * 132 - 1) + Ebcdic.bytes("Z"))
        #expect(s.size == ScreenSize(rows: 27, columns: 132))
        #expect(s.cells.count == 3564)
        #expect(s.cells[3563].character == Ebcdic.bytes("Z")[0])
        try s.write(.eraseWrite, [0xC3])
        #expect(s.size == .standard && s.cells.count == 1920)
        // An address valid only in the alternate size is now out of range.
        #expect(throws: DataStreamError.self) { try s.write(.write, [0xC3] + sba(3000)) }
    }

    @Test func startFieldAndWrapAround() throws {
        let s = try Self.screen(sba(1918) + Ebcdic.bytes("ABCD"))
        #expect(s.string(at: 1918, count: 2) == "AB")
        #expect(s.string(at: 0, count: 2) == "CD", "data wraps from the last position to 0")
        let f = try Self.screen(sba(1919) + [0x1D, 0x60] + Ebcdic.bytes("X"))
        #expect(f.cells[1919].field?.isProtected == true)
        #expect(f.cells[0].character == Ebcdic.bytes("X")[0])
        #expect(f.fields.first?.start == 0)
    }

    @Test func characterOverAnAttributeRemovesTheField() throws {
        var s = try Self.screen(sba(10) + [0x1D, 0x60])
        #expect(s.isFormatted)
        try s.write(.write, [0xC3] + sba(10) + Ebcdic.bytes("Q"))
        #expect(!s.isFormatted)
    }

    @Test func startFieldExtended() throws {
        let s = try Self.screen(sba(5) + [0x29, 0x03, 0xC0, 0x60, 0x42, 0xF2, 0x41, 0xF1] + Ebcdic.bytes("RED")
                                + [0x29, 0x01, 0x42, 0xF4])
        #expect(s.cells[5].field == FieldAttribute(rawValue: 0x60))
        #expect(s.cells[5].attributes.foregroundColor == .red)
        #expect(s.cells[5].attributes.highlight == .blink)
        #expect(s.cells[9].field == FieldAttribute(rawValue: 0), "no C0 pair: an unprotected normal field")
        #expect(s.cells[9].attributes.foregroundColor == .green)
        #expect(s.effectiveAttributes(at: 6).extended.foregroundColor == .red)
    }

    @Test func startFieldExtendedIgnoresUnknownTypes() throws {
        let s = try Self.screen([0x29, 0x02, 0x99, 0x01, 0xC0, 0x60])
        #expect(s.cells[0].field?.isProtected == true)
    }

    @Test func setAttributeAppliesToFollowingCharacters() throws {
        let s = try Self.screen([0x28, 0x42, 0xF6] + Ebcdic.bytes("Y") + [0x28, 0x41, 0xF2] + Ebcdic.bytes("R")
                                + [0x28, 0x00, 0x00] + Ebcdic.bytes("N"))
        #expect(s.cells[0].attributes.foregroundColor == .yellow)
        #expect(s.cells[1].attributes.foregroundColor == .yellow && s.cells[1].attributes.highlight == .reverse)
        #expect(s.cells[2].attributes == .none)
        // SA does not outlive its write.
        var t = s
        try t.write(.write, [0xC3] + sba(3) + Ebcdic.bytes("P"))
        #expect(t.cells[3].attributes == .none)
    }

    @Test func modifyField() throws {
        var s = try Self.screen(sba(20) + [0x1D, 0xC1] + Ebcdic.bytes("DATA"))
        try s.write(.write, [0xC2] + sba(20) + [0x2C, 0x02, 0xC0, 0x60, 0x42, 0xF1] + Ebcdic.bytes("Z"))
        #expect(s.cells[20].field == FieldAttribute(rawValue: 0x60))
        #expect(s.cells[20].attributes.foregroundColor == .blue)
        #expect(s.cells[21].character == Ebcdic.bytes("Z")[0], "MF steps past the attribute")
        // Not at an attribute: nothing changes and the address stays.
        try s.write(.write, [0xC2] + sba(30) + [0x2C, 0x01, 0xC0, 0x60] + Ebcdic.bytes("W"))
        #expect(s.cells[30].field == nil && s.cells[30].character == Ebcdic.bytes("W")[0])
    }

    @Test func insertCursor() throws {
        let s = try Self.screen(sba(400) + [0x13] + Ebcdic.bytes("AB") + [0x13] + sba(7))
        #expect(s.cursor == 402, "the last IC wins")
    }

    @Test func programTabAfterDataPadsWithNulls() throws {
        // Fields: unprotected at 10 and at 40. Old contents are overwritten by PT's nulls.
        var s = try Self.screen(sba(10) + [0x1D, 0x40] + Ebcdic.bytes("OLDOLDOLD") + sba(40) + [0x1D, 0x40] + Ebcdic.bytes("KEEP"))
        try s.write(.write, [0xC3] + sba(11) + Ebcdic.bytes("NEW") + [0x05] + Ebcdic.bytes("X"))
        #expect(s.string(at: 11, count: 3) == "NEW")
        #expect((14..<40).allSatisfy { s.cells[$0].character == 0 })
        #expect(s.cells[41].character == Ebcdic.bytes("X")[0], "PT went to the next unprotected field")
    }

    @Test func programTabAfterAnOrderLeavesTheBuffer() throws {
        var s = try Self.screen(sba(10) + [0x1D, 0x40] + Ebcdic.bytes("OLD") + sba(40) + [0x1D, 0x40])
        try s.write(.write, [0xC3] + sba(11) + [0x05] + Ebcdic.bytes("X"))
        #expect(s.string(at: 11, count: 3) == "OLD")
        #expect(s.cells[41].character == Ebcdic.bytes("X")[0])
    }

    @Test func programTabSkipsProtectedFieldsAndStopsAtTheEnd() throws {
        var s = try Self.screen(sba(10) + [0x1D, 0x60] + sba(20) + [0x1D, 0x40] + sba(30) + [0x1D, 0x60])
        try s.write(.write, [0xC3] + sba(5) + [0x05, 0x13])
        #expect(s.cursor == 21)
        try s.write(.write, [0xC3] + sba(25) + [0x05, 0x13])
        #expect(s.cursor == 0, "no unprotected field after 25: PT stops at address 0")
    }

    @Test func repeatToAddress() throws {
        let s = try Self.screen(sba(100) + [0x3C] + BufferAddress.encode(110) + Ebcdic.bytes("*"))
        #expect(s.string(at: 100, count: 10) == "**********")
        #expect(s.cells[110].character == 0 && s.cells[99].character == 0)
        // Wrapping past the end.
        let w = try Self.screen(sba(1915) + [0x3C] + BufferAddress.encode(3) + Ebcdic.bytes("-"))
        #expect((1915..<1920).allSatisfy { w.cells[$0].character == 0x60 } && (0..<3).allSatisfy { w.cells[$0].character == 0x60 })
        #expect(w.cells[3].character == 0)
        // Stop address equal to the current one: the whole buffer.
        let all = try Self.screen(sba(50) + [0x3C] + BufferAddress.encode(50) + Ebcdic.bytes("."))
        #expect(all.cells.allSatisfy { $0.character == 0x4B })
        // With a graphic escape.
        let ge = try Self.screen([0x3C] + BufferAddress.encode(2) + [0x08, 0xAD])
        #expect(ge.cells[0].character == 0xAD && ge.cells[1].attributes.characterSet == 0xF1)
    }

    @Test func eraseUnprotectedToAddress() throws {
        var s = try Self.screen([0x1D, 0x60] + Ebcdic.bytes("PROT") + [0x1D, 0x40] + Ebcdic.bytes("UNPROT") + [0x1D, 0x60] + Ebcdic.bytes("P2"))
        try s.write(.write, [0xC3] + sba(0) + [0x12] + BufferAddress.encode(0))
        #expect(s.string(at: 1, count: 4) == "PROT")
        #expect((6..<12).allSatisfy { s.cells[$0].character == 0 })
        #expect(s.string(at: 13, count: 2) == "P2")
        #expect(s.fields.count == 3)
    }

    @Test func graphicEscape() throws {
        let s = try Self.screen([0x08, 0xAD, 0xC1])
        #expect(s.cells[0].character == 0xAD && s.cells[0].attributes.characterSet == 0xF1)
        #expect(s.cells[1].attributes.characterSet == 0)
    }

    @Test func fourteenBitSetBufferAddress() throws {
        let s = try Self.screen([0x11, 0x00, 0x64] + Ebcdic.bytes("A"))
        #expect(s.cells[100].character == Ebcdic.bytes("A")[0])
    }

    @Test func wccResetsModifiedDataTagsBeforeTheOrders() throws {
        var s = try Self.screen([0x1D, 0xC1, 0x1D, 0xC1])
        try s.write(.write, [0x01, 0x11, 0x40, 0x41, 0x1D, 0xC1])
        #expect(s.cells[0].field?.isModified == false)
        #expect(s.cells[1].field?.isModified == true, "an SF in the same write sets its own MDT")
    }

    @Test func keyboardRestoreAndAlarm() throws {
        var s = Screen3270()
        _ = s.enter(aid: .enter)
        #expect(s.keyboardLocked && s.aid == .enter)
        try s.write(.write, [0x00])
        #expect(s.keyboardLocked, "no keyboard restore in the WCC")
        try s.write(.write, [0x06])
        #expect(!s.keyboardLocked && s.aid == .none && s.alarms == 1)
    }

    @Test func eraseAllUnprotected() throws {
        var s = try Self.screen([0x1D, 0x60] + Ebcdic.bytes("LABEL") + [0x1D, 0xC1] + Ebcdic.bytes("INPUT") + [0x1D, 0x60])
        _ = s.enter(aid: .enter)
        try s.write(.eraseAllUnprotected, [])
        #expect(s.string(at: 1, count: 5) == "LABEL")
        #expect((7..<12).allSatisfy { s.cells[$0].character == 0 })
        #expect(s.cells[6].field?.isModified == false)
        #expect(!s.keyboardLocked && s.aid == .none)
        #expect(s.cursor == 7)
        var u = try Self.screen(Ebcdic.bytes("UNFORMATTED") + [0x13])
        try u.write(.eraseAllUnprotected, [])
        #expect(u.cells.allSatisfy { $0.character == 0 } && u.cursor == 0)
    }

    @Test func processTakesRemoteAndLocalCommandCodes() throws {
        var s = Screen3270()
        try s.process([0xF5, 0xC3] + Ebcdic.bytes("REMOTE"))
        #expect(s.string(at: 0, count: 6) == "REMOTE")
        try s.process([0x05, 0xC3] + Ebcdic.bytes("LOCAL"))
        #expect(s.string(at: 0, count: 6) == "LOCAL\u{20}")
        try s.process([0xF5])
        #expect(s.cells.allSatisfy { $0 == .null })
    }

    // MARK: Errors

    @Test func errorsNameTheProblemAndTheOffset() {
        var s = Screen3270()
        #expect(throws: DataStreamError(.emptyStream, at: 0)) { try s.process([]) }
        #expect(throws: DataStreamError(.unknownCommand(0x99), at: 0)) { try s.process([0x99]) }
        #expect(throws: DataStreamError(.truncatedOrder(0x11), at: 2)) { try s.process([0xF1, 0xC3, 0x11, 0x40]) }
        #expect(throws: DataStreamError(.addressOutOfRange(address: 4095, size: 1920), at: 1)) {
            try s.write(.write, [0xC3, 0x11, 0x7F, 0x7F])
        }
        #expect(throws: DataStreamError(.truncatedOrder(0x3C), at: 1)) { try s.write(.write, [0xC3, 0x3C, 0x40, 0x40]) }
        #expect(throws: DataStreamError(.truncatedOrder(0x3C), at: 1)) { try s.write(.write, [0xC3, 0x3C, 0x40, 0x40, 0x08]) }
        #expect(throws: DataStreamError(.truncatedOrder(0x29), at: 1)) { try s.write(.write, [0xC3, 0x29, 0x02, 0xC0, 0x60]) }
        let e = DataStreamError(.addressOutOfRange(address: 4095, size: 1920), at: 7)
        #expect(e.description == "buffer address 4095 is outside the 1920-position buffer (at byte 7)")
    }

    @Test func anErrorKeepsWhatCameBefore() {
        var s = Screen3270()
        _ = s.enter(aid: .enter)
        #expect(throws: DataStreamError.self) { try s.write(.eraseWrite, [0xC7] + Ebcdic.bytes("GOOD") + [0x11, 0x7F]) }
        #expect(s.string(at: 0, count: 4) == "GOOD")
        #expect(s.keyboardLocked && s.alarms == 0, "the WCC's closing functions are not performed")
    }

    @Test func a3277HasNoExtendedDataStream() {
        var s = Screen3270(model: .model2, extendedDataStream: false)
        #expect(throws: DataStreamError(.extendedDataStreamNotSupported(0x29), at: 1)) {
            try s.write(.write, [0xC3, 0x29, 0x01, 0xC0, 0x60])
        }
        #expect(throws: DataStreamError(.extendedDataStreamNotSupported(0x28), at: 1)) { try s.write(.write, [0xC3, 0x28, 0x42, 0xF1]) }
        #expect(throws: DataStreamError(.extendedDataStreamNotSupported(0x2C), at: 1)) { try s.write(.write, [0xC3, 0x2C, 0x00]) }
        #expect(throws: DataStreamError(.extendedDataStreamNotSupported(0xF3), at: 0)) {
            try s.write(.writeStructuredField, [0x00, 0x05, 0x01, 0xFF, 0x02])
        }
    }
}
