import Testing
import Terminal

/// Laying the 3270 screen out on terminals of any size.
@Suite("Frame composer")
struct ComposerTests {
    static func console() -> LineConsole {
        var c = LineConsole.test()
        c.write(["HELLO"], now: .zero)
        return c
    }

    @Test func exact80x24() {
        let c = Self.console()
        let f = FrameComposer.compose(c.screen, codes: .test, terminal: .standard,
                                      info: .init(left: "INFO", right: "R"))
        #expect(f.lines == c.lines, "the screen fills the terminal; no room for the info line")
        #expect(f.cursor?.row == 22 && f.cursor?.column == 1)
    }

    @Test func centredOnALargerTerminalWithInfoLine() {
        let c = Self.console()
        let f = FrameComposer.compose(c.screen, codes: .test, terminal: ScreenSize(rows: 27, columns: 100),
                                      info: .init(left: " CP", right: "keys "))
        // (27 - 24 - 1) / 2 = 1 row above, (100 - 80) / 2 = 10 columns left.
        #expect(f.lines[0].trimmingBlanks.isEmpty)
        #expect(f.lines[1] == String(repeating: " ", count: 10) + "HELLO" + String(repeating: " ", count: 85))
        #expect(f.lines[24].hasPrefix(String(repeating: " ", count: 10) + "CP READ") == false)
        #expect(f.lines[24].contains("CP READ"))
        #expect(f.lines[25].hasPrefix(String(repeating: " ", count: 10) + " CP"))
        #expect(f.lines[25].hasSuffix("keys " + String(repeating: " ", count: 10)))
        #expect(f.cursor?.row == 23 && f.cursor?.column == 11)
        let top = FrameComposer.compose(c.screen, codes: .test, terminal: ScreenSize(rows: 27, columns: 100),
                                        placement: .topLeft)
        #expect(top.lines[0].hasPrefix("HELLO"))
    }

    @Test func tooSmall() {
        let f = FrameComposer.compose(Self.console().screen, codes: .test, terminal: ScreenSize(rows: 20, columns: 70))
        #expect(f.lines[0].hasPrefix("Terminal is 70x20."))
        #expect(f.lines[1].hasPrefix("The console needs at least 80x24."))
        #expect(f.cursor == nil)
    }

    @Test func coloursFollowThe3279() {
        var c = LineConsole.test()
        c.write(["OUT"], now: .zero)
        c.type("IN")
        let f = FrameComposer.compose(c.screen, codes: .test, terminal: .standard)
        #expect(f[0, 0].style.foreground == .blue, "protected normal")
        #expect(f[22, 1].style.foreground == .green, "unprotected normal")
        #expect(f[23, 60].style.foreground == .neutralWhite, "protected intensified")
    }

    @Test func extendedColourAndHighlighting() throws {
        var s = Screen3270()
        // SFE: protected, foreground yellow, reverse; then text.
        try s.write(.eraseWrite, [0xC3, 0x29, 0x03, 0xC0, 0x60, 0x42, 0xF6, 0x41, 0xF2] + Ebcdic.bytes("Y")
                    + [0x1D, 0xC8] + Ebcdic.bytes("R"))
        let f = FrameComposer.compose(s, codes: .test, terminal: .standard)
        #expect(f[0, 1].style.foreground == .yellow)
        #expect(f[0, 1].style.reverse)
        #expect(f[0, 3].style.foreground == .red, "unprotected intensified")
    }

    @Test func hiddenFieldsShowBlanks() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x1D, 0x4C] + Ebcdic.bytes("PW"))
        let f = FrameComposer.compose(s, codes: .test, terminal: .standard)
        #expect(f.lines[0].trimmingBlanks.isEmpty)
    }

    @Test func helpScreenListsTheMap() {
        let map = KeyMap.standard(for: TerminalCapabilities.for("xterm"))
        let f = HelpScreen.frame(keyMap: map, size: .standard, retrieveKey: 12)
        let text = f.lines.joined(separator: "\n")
        #expect(text.contains("vm67 console keys"))
        #expect(text.contains("PA1"))
        #expect(text.contains("^C"))
        #expect(text.contains("PF13"))
        #expect(text.contains("Shift-F1"))
        #expect(text.contains("PF12 is RETRIEVE"))
    }
}
