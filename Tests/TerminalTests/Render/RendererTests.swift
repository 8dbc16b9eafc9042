import Testing
import Terminal

/// The diffing renderer: full draws, single-cell updates, styles, resize.
@Suite("Renderer")
struct RendererTests {
    static let esc = "\u{1B}"

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The printable characters of some output, escape sequences removed.
    static func printed(_ bytes: [UInt8]) -> String {
        var out = "", i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B {
                i += 1
                if i < bytes.count && (bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "(")) {
                    let opener = bytes[i]
                    i += 1
                    if opener == UInt8(ascii: "(") { i += 1; continue }
                    while i < bytes.count && !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                }
                i += 1
                continue
            }
            if bytes[i] >= 0x20 { out.append(Character(Unicode.Scalar(bytes[i]))) }
            i += 1
        }
        return out
    }

    static func frame(_ rows: [String], size: ScreenSize = .standard) -> Frame {
        var f = Frame(size: size)
        for (r, row) in rows.enumerated() { f.put(row, row: r, column: 0) }
        f.cursor = (0, 0)
        return f
    }

    @Test func secondRenderAfterOneChangedCellSendsOnlyThatCell() {
        var r = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"))
        var f = Self.frame(["HELLO WORLD", "SECOND ROW"])
        let first = r.render(f)
        #expect(Self.printed(first).contains("HELLO WORLD"))
        f[1, 3] = FrameCell("X")
        f.cursor = (1, 4)
        let second = r.render(f)
        #expect(Self.printed(second) == "X")
        #expect(Self.text(second).contains("\(Self.esc)[2;4H"), "moves to row 2 column 4")
        #expect(r.render(f).isEmpty, "nothing changed, nothing sent")
    }

    @Test func adjacentChangesNeedNoCursorMoves() {
        var r = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"))
        var f = Self.frame([])
        f.cursor = nil
        _ = r.render(f)
        f.put("ABC", row: 5, column: 10)
        let out = Self.text(r.render(f))
        #expect(out.ranges(of: "\(Self.esc)[6;").count == 1, "one cursor move for the run")
        #expect(out.contains("ABC"))
    }

    @Test func coloursOnA256ColourTerminalAndBoldOnAVT100() {
        let blue = CellStyle(foreground: .blue)
        let white = CellStyle(foreground: .neutralWhite, intensified: true)
        var f = Frame(size: .standard)
        f.put("B", row: 0, column: 0, style: blue)
        f.put("W", row: 0, column: 2, style: white)
        var color = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm-256color"))
        let c = Self.text(color.render(f))
        #expect(c.contains("\(Self.esc)[94mB"), "bright blue")
        #expect(c.contains("\(Self.esc)[97mW"), "bright white")
        var eight = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"))
        let e = Self.text(eight.render(f))
        #expect(e.contains("\(Self.esc)[34m"))
        var mono = TerminalRenderer(capabilities: TerminalCapabilities.for("vt100"))
        let m = Self.text(mono.render(f))
        #expect(!m.contains("[3"), "no colours on a vt100")
        #expect(m.contains("\(Self.esc)[1mW"), "intensified is bold")
    }

    @Test func reverseAndUnderline() {
        var f = Frame(size: .standard)
        f.put("R", row: 0, column: 0, style: CellStyle(reverse: true))
        f.put("U", row: 0, column: 1, style: CellStyle(underline: true))
        var r = TerminalRenderer(capabilities: TerminalCapabilities.for("vt100"))
        let out = Self.text(r.render(f))
        #expect(out.contains("\(Self.esc)[7mR"))
        #expect(out.contains("\(Self.esc)[4mU"))
    }

    @Test func resizeRedrawsEverything() {
        var r = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"))
        let small = Self.frame(["TOP"])
        _ = r.render(small)
        let big = Self.frame(["TOP"], size: ScreenSize(rows: 30, columns: 100))
        let out = Self.text(r.render(big))
        #expect(out.contains("\(Self.esc)[2J"), "a new size starts from a cleared screen")
        #expect(Self.printed(Array(out.utf8)).contains("TOP"))
        r.invalidate()
        #expect(Self.text(r.render(big)).contains("\(Self.esc)[2J"), "invalidate forces a full draw")
    }

    @Test func bottomRightCellIsNeverWritten() {
        var r = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"))
        var f = Frame(size: .standard)
        f.cursor = nil
        _ = r.render(f)
        f[23, 79] = FrameCell("Z")
        #expect(!Self.printed(r.render(f)).contains("Z"), "writing it would scroll the screen")
    }

    @Test func utf8AndAscii() {
        var f = Frame(size: .standard)
        f.put("¢", row: 0, column: 0)
        var u = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"))
        #expect(Self.text(u.render(f)).contains("¢"))
        var a = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"), utf8: false)
        #expect(Self.printed(a.render(f)).hasPrefix("?"))
    }

    @Test func startAndStop() {
        var r = TerminalRenderer(capabilities: TerminalCapabilities.for("xterm"))
        let start = Self.text(r.start())
        #expect(start.contains("\(Self.esc)[?1049h"), "alternate screen")
        #expect(start.contains("\(Self.esc)[?1h\(Self.esc)="), "keypad transmit mode")
        let stop = Self.text(r.stop())
        #expect(stop.contains("\(Self.esc)[?1049l"))
    }
}
