import Testing
import Terminal

/// What each terminal's keys decode to: terminfo's sequences for the type,
/// the built-in ones, control keys and Esc fallbacks.
@Suite("Key decoding")
struct KeyDecoderTests {
    static func decoder(_ type: String) -> KeyDecoder {
        KeyDecoder(map: KeyMap.standard(for: TerminalCapabilities.for(type)))
    }

    static func keys(_ type: String, _ text: String) -> [Key] {
        var d = decoder(type)
        return d.decode(Array(text.utf8)) + d.flush()
    }

    static let esc = "\u{1B}"

    /// Sequences every xterm-like terminal (and tmux, screen) sends.
    static let common: [(String, Key)] = [
        ("\r", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{03}", .pa(1)), ("\u{0C}", .clear),
        ("\u{0B}", .eraseEOF), ("\u{15}", .eraseInput), ("\(esc)[A", .up), ("\(esc)OB", .down),
        ("\(esc)[C", .right), ("\(esc)OD", .left), ("\(esc)[Z", .backtab), ("\(esc)[2~", .insertToggle),
        ("\(esc)[3~", .delete), ("\(esc)[5~", .pf(7)), ("\(esc)[6~", .pf(8)),
        ("\(esc)OP", .pf(1)), ("\(esc)OS", .pf(4)), ("\(esc)[15~", .pf(5)), ("\(esc)[24~", .pf(12)),
        ("\(esc)1", .pf(1)), ("\(esc)0", .pf(10)), ("\(esc)-", .pf(11)), ("\(esc)=", .pf(12)),
        ("\(esc)!", .pf(13)), ("\(esc)+", .pf(24)), ("\(esc)a", .pa(1)), ("\(esc)b", .pa(2)),
        ("\(esc)c", .pa(3)), ("\(esc)?", .help),
    ]

    @Test(arguments: ["xterm", "xterm-256color", "screen", "tmux-256color"])
    func xtermLikeTerminals(type: String) {
        for (sequence, key) in Self.common {
            #expect(Self.keys(type, sequence) == [key], "\(type): \(KeyMap.label(for: Array(sequence.utf8)))")
        }
    }

    @Test(arguments: ["xterm", "xterm-256color", "tmux-256color"])
    func shiftedFunctionKeysArePF13To24(type: String) {
        let shifted = ["\(Self.esc)[1;2P", "\(Self.esc)[1;2Q", "\(Self.esc)[1;2R", "\(Self.esc)[1;2S",
                       "\(Self.esc)[15;2~", "\(Self.esc)[17;2~", "\(Self.esc)[18;2~", "\(Self.esc)[19;2~",
                       "\(Self.esc)[20;2~", "\(Self.esc)[21;2~", "\(Self.esc)[23;2~", "\(Self.esc)[24;2~"]
        for (i, sequence) in shifted.enumerated() {
            #expect(Self.keys(type, sequence) == [.pf(13 + i)], "\(type) Shift-F\(i + 1)")
        }
    }

    @Test func terminfoKeysForEachType() {
        // Every F-key terminfo names for the type decodes to its PF key.
        for type in ["xterm", "xterm-256color", "vt100", "screen", "tmux-256color"] {
            let caps = TerminalCapabilities.for(type)
            for n in 1...24 {
                guard let sequence = caps.string("kf\(n)") else { continue }
                var d = Self.decoder(type)
                #expect(d.decode(sequence) + d.flush() == [.pf(n)], "\(type) kf\(n)")
            }
            for (cap, key) in [("kcuu1", Key.up), ("kcud1", .down), ("kcub1", .left), ("kcuf1", .right),
                               ("khome", .home), ("kbs", .backspace)] {
                guard let sequence = caps.string(cap) else { continue }
                var d = Self.decoder(type)
                #expect(d.decode(sequence) + d.flush() == [key], "\(type) \(cap)")
            }
        }
    }

    @Test func vt100() {
        // A vt100 has PF1–PF4 on its keypad and sends ^H for backspace; the
        // Esc fallbacks give the rest.
        #expect(Self.keys("vt100", "\(Self.esc)OP") == [.pf(1)])
        #expect(Self.keys("vt100", "\(Self.esc)OS") == [.pf(4)])
        #expect(Self.keys("vt100", "\u{08}") == [.backspace])
        #expect(Self.keys("vt100", "\(Self.esc)OA") == [.up])
        #expect(Self.keys("vt100", "\(Self.esc)9") == [.pf(9)])
        #expect(Self.keys("vt100", "\(Self.esc))") == [.pf(22)])
    }

    @Test func textAndUTF8() {
        #expect(Self.keys("xterm", "Ab ¢") == [.character("A"), .character("b"), .character(" "), .character("¢")])
        #expect(Self.keys("xterm", "\u{20AC}") == [.character("\u{20AC}")], "outside Latin-1: the console substitutes")
    }

    @Test func sequencesSplitAcrossReads() {
        let stream = Array("a\(Self.esc)[15;2~b\(Self.esc)OPé\(Self.esc)[A\r".utf8)
        let expected: [Key] = [.character("a"), .pf(17), .character("b"), .pf(1), .character("é"), .up, .enter]
        // Every way of cutting the stream in two, and byte by byte.
        for cut in 0...stream.count {
            var d = Self.decoder("xterm")
            let keys = d.decode(stream[..<cut]) + d.decode(stream[cut...])
            #expect(keys == expected, "cut at \(cut)")
            #expect(!d.hasPending)
        }
        var d = Self.decoder("xterm")
        var keys: [Key] = []
        for byte in stream { keys += d.decode([byte]) }
        #expect(keys == expected)
    }

    @Test func loneEscWaitsThenIsReset() {
        var d = Self.decoder("xterm")
        #expect(d.decode([0x1B]).isEmpty)
        #expect(d.hasPending)
        #expect(d.flush() == [.reset])
        #expect(!d.hasPending)
    }

    @Test func unknownSequencesAreCutAtTheirEnd() {
        var d = Self.decoder("xterm")
        let keys = d.decode(Array("\(Self.esc)[99;5uX\(Self.esc)O5zY\(Self.esc)kZ".utf8))
        #expect(keys == [.unknown(Array("\(Self.esc)[99;5u".utf8)), .character("X"),
                         .unknown(Array("\(Self.esc)O5z".utf8)), .character("Y"),
                         .unknown(Array("\(Self.esc)k".utf8)), .character("Z")])
    }

    @Test func garbageNeverTraps() {
        var rng = SplitMix(seed: 67)
        var d = Self.decoder("tmux-256color")
        for _ in 0..<2000 {
            let chunk = (0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = d.decode(chunk)
        }
        _ = d.flush()
        #expect(!d.hasPending)
    }

    @Test func mapIsConfigurable() {
        var map = KeyMap.standard(for: TerminalCapabilities.for("xterm"))
        map.bind([0x10], to: .pa(2), label: "^P")
        map.unbind([0x03])
        var d = KeyDecoder(map: map)
        #expect(d.decode([0x10, 0x03]) == [.pa(2)], "^C unbound is ignored")
        #expect(map.labels(for: .pa(2)).contains("^P"))
        #expect(Key(name: "pf13") == .pf(13))
        #expect(Key(name: "eraseeof") == .eraseEOF)
    }
}
