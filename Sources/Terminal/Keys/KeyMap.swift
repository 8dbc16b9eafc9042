/// Which byte sequences from the terminal mean which key, with a label for
/// each binding (what the help screen shows: "F5", "Shift-F1", "^C", "Esc 1").
///
/// The standard map joins three sources, later ones winning: built-in
/// sequences of common terminals (xterm in both cursor-key modes, the Linux
/// console, PuTTY, screen/tmux), control keys and Esc-prefixed fallbacks
/// for keyboards without enough function keys (a plain vt100 has four),
/// and the sequences terminfo gives for the terminal type.
public struct KeyMap: Sendable {
    public struct Binding: Hashable, Sendable {
        public var sequence: [UInt8]
        public var key: Key
        public var label: String
    }

    private var bySequence: [[UInt8]: Binding] = [:]
    /// Every proper prefix of every bound sequence: the decoder waits for
    /// more bytes while what it holds is one of these.
    private var prefixes: Set<[UInt8]> = []

    public init() {}

    public init(_ bindings: [Binding]) {
        for b in bindings { bind(b.sequence, to: b.key, label: b.label) }
    }

    public var bindings: [Binding] { Array(bySequence.values) }

    public mutating func bind(_ sequence: [UInt8], to key: Key, label: String? = nil) {
        guard !sequence.isEmpty else { return }
        bySequence[sequence] = Binding(sequence: sequence, key: key, label: label ?? KeyMap.label(for: sequence))
        for n in stride(from: 1, to: sequence.count, by: 1) { prefixes.insert(Array(sequence.prefix(n))) }
    }

    public mutating func unbind(_ sequence: [UInt8]) {
        bySequence[sequence] = nil
        rebuildPrefixes()
    }

    private mutating func rebuildPrefixes() {
        prefixes = []
        for sequence in bySequence.keys where sequence.count > 1 {
            for n in 1..<sequence.count { prefixes.insert(Array(sequence.prefix(n))) }
        }
    }

    public func key(for sequence: [UInt8]) -> Key? { bySequence[sequence]?.key }

    /// Whether `sequence` is the start of some longer bound sequence.
    public func isPrefix(_ sequence: [UInt8]) -> Bool { prefixes.contains(sequence) }

    /// The labels of the bindings for `key`, shortest first (for help screens).
    public func labels(for key: Key) -> [String] {
        Array(Set(bySequence.values.filter { $0.key == key }.map(\.label)))
            .sorted { ($0.count, $0) < ($1.count, $1) }
    }

    /// A readable name for a sequence: "^C", "Esc 1", "Tab", or the bytes.
    public static func label(for sequence: [UInt8]) -> String {
        func one(_ b: UInt8) -> String {
            switch b {
            case 0x09: return "Tab"
            case 0x0D: return "Return"
            case 0x1B: return "Esc"
            case 0x7F: return "Del"
            case 0x00..<0x20: return "^" + String(UnicodeScalar(b + 0x40))
            default: return String(UnicodeScalar(b))
            }
        }
        if sequence.count == 2 && sequence[0] == 0x1B { return "Esc " + one(sequence[1]) }
        if sequence.count == 1 { return one(sequence[0]) }
        return sequence.map(one).joined()
    }

    // MARK: The standard map

    /// The map for a terminal type.
    public static func standard(for capabilities: TerminalCapabilities) -> KeyMap {
        var map = KeyMap()
        for (sequence, key, label) in builtInBindings { map.bind(Array(sequence.utf8), to: key, label: label) }
        for (capability, key, label) in capabilityKeys {
            if let sequence = capabilities.string(capability) { map.bind(sequence, to: key, label: label) }
        }
        return map
    }

    /// Terminfo key capabilities and what they mean here.
    static let capabilityKeys: [(String, Key, String)] = {
        var keys: [(String, Key, String)] = [
            ("kbs", .backspace, "Backspace"), ("kcuu1", .up, "Up"), ("kcud1", .down, "Down"),
            ("kcuf1", .right, "Right"), ("kcub1", .left, "Left"), ("khome", .home, "Home"), ("kend", .fieldEnd, "End"),
            ("kich1", .insertToggle, "Insert"), ("kdch1", .delete, "Delete"), ("kcbt", .backtab, "Shift-Tab"),
            // XEDIT, FILELIST and most full-screen CMS tools scroll with PF7/PF8.
            ("kpp", .pf(7), "PgUp"), ("knp", .pf(8), "PgDn"), ("kent", .enter, "Keypad-Enter"),
        ]
        for n in 1...12 { keys.append(("kf\(n)", .pf(n), "F\(n)")) }
        for n in 13...24 { keys.append(("kf\(n)", .pf(n), "Shift-F\(n - 12)")) }
        return keys
    }()

    /// Control keys, Esc fallbacks and sequences of common terminals.
    static let builtInBindings: [(String, Key, String)] = {
        let esc = "\u{1B}"
        var b: [(String, Key, String)] = [
            ("\r", .enter, "Return"), ("\n", .newLine, "^J"), ("\t", .tab, "Tab"),
            ("\u{7F}", .backspace, "Backspace"), ("\u{08}", .backspace, "^H"),
            ("\u{03}", .pa(1), "^C"), ("\u{19}", .pa(2), "^Y"), ("\u{0C}", .clear, "^L"),
            ("\u{0B}", .eraseEOF, "^K"), ("\u{15}", .eraseInput, "^U"), ("\u{01}", .home, "^A"),
            ("\u{05}", .fieldEnd, "^E"), ("\u{04}", .delete, "^D"), ("\u{12}", .reset, "^R"),
            ("\u{14}", .insertToggle, "^T"),
            // A lone Esc (the decoder gives it after a pause): RESET, as on a 3270 emulator.
            (esc, .reset, "Esc"),
            ("\(esc)a", .pa(1), "Esc a"), ("\(esc)b", .pa(2), "Esc b"), ("\(esc)c", .pa(3), "Esc c"),
            ("\(esc)l", .clear, "Esc l"), ("\(esc)?", .help, "Esc ?"), ("\(esc)h", .help, "Esc h"),
            ("\(esc)s", .systemRequest, "Esc s"), ("\(esc)\t", .backtab, "Esc Tab"),
            // Shift-Tab, arrows, Home/End in both cursor-key modes and in the
            // variants of the Linux console, rxvt, PuTTY and screen/tmux.
            ("\(esc)[Z", .backtab, "Shift-Tab"),
            ("\(esc)[A", .up, "Up"), ("\(esc)[B", .down, "Down"), ("\(esc)[C", .right, "Right"), ("\(esc)[D", .left, "Left"),
            ("\(esc)OA", .up, "Up"), ("\(esc)OB", .down, "Down"), ("\(esc)OC", .right, "Right"), ("\(esc)OD", .left, "Left"),
            ("\(esc)[H", .home, "Home"), ("\(esc)OH", .home, "Home"), ("\(esc)[1~", .home, "Home"), ("\(esc)[7~", .home, "Home"),
            ("\(esc)[F", .fieldEnd, "End"), ("\(esc)OF", .fieldEnd, "End"), ("\(esc)[4~", .fieldEnd, "End"), ("\(esc)[8~", .fieldEnd, "End"),
            ("\(esc)[2~", .insertToggle, "Insert"), ("\(esc)[3~", .delete, "Delete"),
            ("\(esc)[5~", .pf(7), "PgUp"), ("\(esc)[6~", .pf(8), "PgDn"), ("\(esc)OM", .enter, "Keypad-Enter"),
            ("\(esc)OP", .pf(1), "F1"), ("\(esc)OQ", .pf(2), "F2"), ("\(esc)OR", .pf(3), "F3"), ("\(esc)OS", .pf(4), "F4"),
            ("\(esc)[11~", .pf(1), "F1"), ("\(esc)[12~", .pf(2), "F2"), ("\(esc)[13~", .pf(3), "F3"), ("\(esc)[14~", .pf(4), "F4"),
            ("\(esc)[[A", .pf(1), "F1"), ("\(esc)[[B", .pf(2), "F2"), ("\(esc)[[C", .pf(3), "F3"), ("\(esc)[[D", .pf(4), "F4"),
            ("\(esc)[[E", .pf(5), "F5"),
        ]
        // Esc 1 … Esc = for PF1–PF12, and Esc with the shifted digit row for PF13–PF24.
        for (n, c) in "1234567890-=".enumerated() { b.append(("\(esc)\(c)", .pf(n + 1), "Esc \(c)")) }
        for (n, c) in "!@#$%^&*()_+".enumerated() { b.append(("\(esc)\(c)", .pf(n + 13), "Esc \(c)")) }
        // F5–F12 and Shift-F1…F12 as xterm (and tmux) send them.
        for (k, code) in [15, 17, 18, 19, 20, 21, 23, 24].enumerated() {
            b.append(("\(esc)[\(code)~", .pf(k + 5), "F\(k + 5)"))
            b.append(("\(esc)[\(code);2~", .pf(k + 17), "Shift-F\(k + 5)"))
        }
        for (k, final) in "PQRS".enumerated() {
            b.append(("\(esc)[1;2\(final)", .pf(k + 13), "Shift-F\(k + 1)"))
            b.append(("\(esc)O2\(final)", .pf(k + 13), "Shift-F\(k + 1)"))
        }
        return b
    }()
}
