import Synchronization

/// What the renderer and the key decoder need to know about one terminal
/// type: the output strings (cursor addressing, attributes, colours) and
/// the sequences its keys send.
///
/// Taken from the terminfo database through ncurses' terminfo layer, once
/// per terminal type for the whole process (`for(_:)` caches), with
/// built-in xterm/vt100 values where the database has no entry.
public struct TerminalCapabilities: Sendable, Hashable {
    /// The terminal type asked for (`TERM`).
    public let name: String
    /// Whether the values came from the terminfo database.
    public let fromTerminfo: Bool
    /// String capabilities by terminfo name (`cup`, `kf13`, …), padding included.
    public var strings: [String: [UInt8]]
    /// Colours the terminal can show (0 for none).
    public var colors: Int
    /// `am`: writing the last column wraps; the renderer never writes the
    /// bottom-right cell so the screen cannot scroll.
    public var autoMargins: Bool

    public init(name: String, fromTerminfo: Bool = false, strings: [String: [UInt8]], colors: Int, autoMargins: Bool = true) {
        self.name = name
        self.fromTerminfo = fromTerminfo
        self.strings = strings
        self.colors = colors
        self.autoMargins = autoMargins
    }

    public func string(_ capability: String) -> [UInt8]? { strings[capability] }

    /// Output capabilities the renderer uses.
    static let outputNames = ["cup", "clear", "el", "sgr0", "bold", "rev", "smul", "blink", "setaf", "setab",
                              "civis", "cnorm", "smcup", "rmcup", "smkx", "rmkx", "bel"]
    /// Key capabilities the decoder uses (F1–F24 and the editing keys).
    static let keyNames = ["kbs", "kcuu1", "kcud1", "kcuf1", "kcub1", "khome", "kend", "kich1", "kdch1",
                           "kcbt", "knp", "kpp", "kent"] + (1...24).map { "kf\($0)" }

    // MARK: Lookup

    private static let cache = Mutex<[String: TerminalCapabilities]>([:])

    /// The capabilities of `terminalType`, from terminfo where it has the
    /// type, else built in (`builtIn`). Looked up once per type; later
    /// calls return the cached value. Thread-safe.
    ///
    /// ncurses' terminfo layer has one "current terminal" per process; the
    /// lookups here put back whatever was current, but a curses screen in
    /// another thread could see the switch for an instant. A program that
    /// also runs a curses screen (the operator console) loads the types it
    /// expects first with `preload`.
    public static func `for`(_ terminalType: String) -> TerminalCapabilities {
        cache.withLock { cache in
            if let known = cache[terminalType] { return known }
            let found = Terminfo.load(terminalType) ?? builtIn(terminalType)
            cache[terminalType] = found
            return found
        }
    }

    /// Looks up several types now (at start, before any curses screen exists).
    public static func preload(_ terminalTypes: [String]) {
        for type in terminalTypes { _ = Self.for(type) }
    }

    /// Values for a type terminfo does not know: a vt100 (no colours) for
    /// names starting "vt1"/"vt2", else an xterm-like ANSI terminal with 8 colours.
    public static func builtIn(_ terminalType: String) -> TerminalCapabilities {
        let esc = "\u{1B}"
        var s: [String: String] = [
            "cup": "\(esc)[%i%p1%d;%p2%dH", "clear": "\(esc)[H\(esc)[2J", "el": "\(esc)[K",
            "sgr0": "\(esc)[m", "bold": "\(esc)[1m", "rev": "\(esc)[7m", "smul": "\(esc)[4m",
            "blink": "\(esc)[5m", "bel": "\u{07}", "smkx": "\(esc)[?1h\(esc)=", "rmkx": "\(esc)[?1l\(esc)>",
            "kbs": "\u{7F}", "kcuu1": "\(esc)OA", "kcud1": "\(esc)OB", "kcuf1": "\(esc)OC", "kcub1": "\(esc)OD",
            "kf1": "\(esc)OP", "kf2": "\(esc)OQ", "kf3": "\(esc)OR", "kf4": "\(esc)OS",
        ]
        let vt100 = terminalType.hasPrefix("vt1") || terminalType.hasPrefix("vt2")
        if vt100 {
            s["kbs"] = "\u{08}"
        } else {
            s.merge(xtermExtras) { old, _ in old }
        }
        return TerminalCapabilities(name: terminalType, strings: s.mapValues { Array($0.utf8) }, colors: vt100 ? 0 : 8)
    }

    /// xterm's sequences beyond the vt100's: colours, the alternate screen,
    /// cursor visibility and the PC keyboard's keys.
    static let xtermExtras: [String: String] = {
        let esc = "\u{1B}"
        var s: [String: String] = [
            "setaf": "\(esc)[3%p1%dm", "setab": "\(esc)[4%p1%dm", "civis": "\(esc)[?25l", "cnorm": "\(esc)[?12l\(esc)[?25h",
            "smcup": "\(esc)[?1049h", "rmcup": "\(esc)[?1049l",
            "khome": "\(esc)OH", "kend": "\(esc)OF", "kich1": "\(esc)[2~", "kdch1": "\(esc)[3~", "kcbt": "\(esc)[Z",
            "kpp": "\(esc)[5~", "knp": "\(esc)[6~", "kent": "\(esc)OM",
        ]
        // F5–F12 and their shifted forms (F13–F24): CSI n ~ and CSI n;2 ~.
        let tilde = [15, 17, 18, 19, 20, 21, 23, 24]
        for (k, n) in tilde.enumerated() {
            s["kf\(k + 5)"] = "\(esc)[\(n)~"
            s["kf\(k + 17)"] = "\(esc)[\(n);2~"
        }
        for (k, final) in ["P", "Q", "R", "S"].enumerated() { s["kf\(k + 13)"] = "\(esc)[1;2\(final)" }
        return s
    }()
}
