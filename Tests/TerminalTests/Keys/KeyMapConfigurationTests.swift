import Testing
import Terminal

/// Key bindings written as text.
@Suite("Key map configuration")
struct KeyMapConfigurationTests {
    static let xterm = TerminalCapabilities.for("xterm")

    @Test func labels() {
        #expect(KeyMap.sequence(forLabel: "^P", capabilities: Self.xterm) == [0x10])
        #expect(KeyMap.sequence(forLabel: "^p", capabilities: Self.xterm) == [0x10])
        #expect(KeyMap.sequence(forLabel: "Esc p", capabilities: Self.xterm) == [0x1B, 0x70])
        #expect(KeyMap.sequence(forLabel: "M-x", capabilities: Self.xterm) == [0x1B, 0x78])
        #expect(KeyMap.sequence(forLabel: "F5", capabilities: Self.xterm) == Array("\u{1B}[15~".utf8))
        #expect(KeyMap.sequence(forLabel: "Shift-F1", capabilities: Self.xterm) == Array("\u{1B}[1;2P".utf8))
        #expect(KeyMap.sequence(forLabel: "\\e[1;5A", capabilities: Self.xterm) == Array("\u{1B}[1;5A".utf8))
        #expect(KeyMap.sequence(forLabel: "Tab", capabilities: Self.xterm) == [0x09])
    }

    @Test func configurationText() {
        var map = KeyMap.standard(for: Self.xterm)
        let rejected = map.apply(configuration: """
            # my keys
            ^P = PA2
            Esc = = PF12
            F1 = HELP

            \\e[1;5A = home
            ^Q = NOSUCHKEY
            """, capabilities: Self.xterm)
        #expect(rejected == ["^Q = NOSUCHKEY"])
        var d = KeyDecoder(map: map)
        #expect(d.decode([0x10] + Array("\u{1B}OP".utf8) + Array("\u{1B}[1;5A".utf8)) == [.pa(2), .help, .home])
        #expect(d.decode([0x1B, 0x3D]) == [.pf(12)])
        let help = HelpScreen.frame(keyMap: map, size: .standard, retrieveKey: 12).lines.joined()
        #expect(help.contains("^P"), "the help shows the configured map")
    }
}
