import Testing
import Terminal

/// Capabilities from Debian's terminfo (ncurses-base / ncurses-term) and the built-in fallbacks.
@Suite("Terminal capabilities")
struct TerminalCapabilitiesTests {
    static func text(_ caps: TerminalCapabilities, _ name: String) -> String? {
        caps.string(name).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: ["xterm", "xterm-256color", "vt100", "screen", "tmux-256color"])
    func terminfoHasTheEntry(type: String) throws {
        let caps = TerminalCapabilities.for(type)
        try #require(caps.fromTerminfo, "Debian's terminfo lacks \(type): install ncurses-base/ncurses-term")
        #expect(Self.text(caps, "cup") == "\u{1B}[%i%p1%d;%p2%dH" || Self.text(caps, "cup") == "\u{1B}[%i%p1%d;%p2%dH$<5>")
        #expect(caps.string("kcuu1") != nil)
        #expect(caps.string("kf1") != nil)
    }

    @Test func colours() {
        #expect(TerminalCapabilities.for("xterm-256color").colors == 256)
        #expect(TerminalCapabilities.for("xterm").colors == 8)
        #expect(TerminalCapabilities.for("vt100").colors == 0)
        #expect(TerminalCapabilities.for("tmux-256color").colors == 256)
    }

    @Test func cachedPerType() {
        let a = TerminalCapabilities.for("screen")
        let b = TerminalCapabilities.for("screen")
        #expect(a == b)
    }

    @Test func unknownTypeFallsBackToBuiltIns() {
        let caps = TerminalCapabilities.for("no-such-terminal-vm67")
        #expect(!caps.fromTerminfo)
        #expect(caps.colors == 8)
        #expect(Self.text(caps, "kf13") == "\u{1B}[1;2P")
        let vt = TerminalCapabilities.builtIn("vt102")
        #expect(vt.colors == 0)
        #expect(vt.string("setaf") == nil)
    }
}
