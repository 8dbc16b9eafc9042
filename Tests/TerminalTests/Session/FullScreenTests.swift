import Testing
import Terminal

/// A full-screen guest through the session: write, keys, read back, and
/// the ways back to line mode.
@Suite("Full-screen console")
struct FullScreenTests {
    /// ERASE/WRITE with keyboard restore: "NAME:" protected, an input field with the cursor, a protected end.
    static let form: [UInt8] = [0xF5, 0xC3, 0x1D, 0x60] + Ebcdic.bytes("NAME:") + [0x1D, 0x40, 0x13]
        + [UInt8](repeating: 0, count: 8) + [0x1D, 0x60]

    @Test func writeTypeEnterReadModified() throws {
        let h = SessionHarness()
        h.session.start()
        try h.session.writeFullScreen(Self.form)
        #expect(h.session.isFullScreen)
        #expect(h.lines[0].hasPrefix(" NAME:"))
        #expect(h.session.frame.cursor?.column == 7)
        h.type("bob\r")
        #expect(h.takeEvents() == [.fullScreenAttention(.enter)])
        let inbound = h.session.readFullScreen(.readModified)
        #expect(inbound == [0x7D] + BufferAddress.encode(10) + [0x11] + BufferAddress.encode(7) + Ebcdic.bytes("bob"))
        #expect(h.session.screen.keyboardLocked)
        h.type("x")
        #expect(h.session.readFullScreen(.readBuffer).count == 1 + 2 + 1920 + 3, "locked: typing refused, nothing changed")
        // The guest answers with a write that restores the keyboard.
        try h.session.writeFullScreen([0xF1, 0xC2])
        #expect(!h.session.screen.keyboardLocked)
    }

    @Test func pfPaAndClearGoToTheGuest() throws {
        let h = SessionHarness()
        h.session.start()
        for (bytes, aid) in [("\u{1B}[24;2~", AID.pf(24)!), ("\u{03}", .pa1), ("\u{0C}", .clear)] {
            try h.session.writeFullScreen(Self.form)
            h.type(bytes)
            #expect(h.takeEvents() == [.fullScreenAttention(aid)])
            #expect(h.session.readFullScreen(.readModified).first == aid.rawValue)
        }
        #expect(h.session.screen.cells.allSatisfy { $0 == .null }, "CLEAR erased the screen")
    }

    @Test func lineOutputInterruptsInHoldingAndClearResumes() throws {
        let h = SessionHarness()
        h.session.start()
        try h.session.writeFullScreen(Self.form)
        h.session.write(["MSG FROM OPERATOR: SHUTDOWN AT 17:00"])
        #expect(h.takeEvents() == [.fullScreenInterrupted])
        #expect(h.session.mode == .fullScreenInterrupted)
        #expect(h.lines[0].hasPrefix("MSG FROM OPERATOR"))
        #expect(h.lines[23].contains("HOLDING"))
        h.type("\r")
        #expect(h.session.mode == .fullScreenInterrupted, "ENTER does not release HOLDING")
        h.type("\u{0C}")
        #expect(h.takeEvents() == [.fullScreenResumed])
        #expect(h.session.mode == .fullScreen)
        #expect(h.lines[0].hasPrefix(" NAME:"), "the guest's screen is back")
    }

    @Test func leaveFullScreenReturnsToCPsScreen() throws {
        let h = SessionHarness()
        h.session.start()
        h.session.write(["BEFORE"])
        try h.session.writeFullScreen(Self.form)
        h.session.leaveFullScreen()
        #expect(!h.session.isFullScreen)
        #expect(h.lines[0].hasPrefix("BEFORE"))
        h.type("\u{03}")
        #expect(h.takeEvents() == [.attention], "PA1 is attention to CP again")
    }

    @Test func alarmRingsTheBell() throws {
        let h = SessionHarness()
        h.session.start()
        _ = h.takeBytes()
        try h.session.writeFullScreen([0xF1, 0xC6])   // WCC with sound alarm
        #expect(h.takeBytes().contains(0x07))
    }

    @Test func badStreamIsTheGuestsError() {
        let h = SessionHarness()
        h.session.start()
        #expect(throws: DataStreamError.self) { try h.session.writeFullScreen([0xF5, 0xC3, 0x11, 0x7F]) }
    }

    @Test func eraseWriteAlternateOnALargeModel() throws {
        let h = SessionHarness(size: ScreenSize(rows: 50, columns: 100))
        #expect(h.session.model == .model4)
        h.session.start()
        try h.session.writeFullScreen([0x7E, 0xC3] + Ebcdic.bytes("BIG"))
        #expect(h.session.screen.size == ScreenSize(rows: 43, columns: 80))
        #expect(h.lines.contains { $0.contains("BIG") })
        h.session.resize(.standard)
        #expect(h.lines[23].contains("is larger than the terminal"))
    }
}

extension FullScreenTests {
    @Test func pa1ReachesCPEvenWithTheKeyboardLocked() throws {
        let h = SessionHarness()
        h.session.start()
        try h.session.writeFullScreen(Self.form)
        h.type("\u{03}")
        h.type("\u{03}")
        h.type("\r")
        #expect(h.takeEvents() == [.fullScreenAttention(.pa1), .fullScreenAttention(.pa1)],
                "a second PA1 arrives; ENTER is refused while locked")
    }
}
