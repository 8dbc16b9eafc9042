extension ConsoleSession {
    /// Everything a session needs to know at the start.
    public struct Configuration: Sendable {
        /// The client's terminal type (SSH pty-req TERM), e.g. "xterm-256color".
        public var terminalType: String
        /// The client's window: columns × rows.
        public var terminalSize: ScreenSize
        /// EBCDIC ↔ Latin-1 (Media's code page tables).
        public var codes: CodeTable
        public var lineConsole: LineConsole.Configuration
        /// The 3270 model full-screen guests see; nil: the largest whose
        /// alternate size fits the terminal at the start (with a row to
        /// spare for the information line), at least model 2.
        public var model: DisplayModel?
        /// Line mode uses all of the model's alternate size (as VM/SP does)
        /// when it fits the terminal, else 24×80 (as VM/370 R6 always does).
        public var lineModeUsesAlternateSize: Bool
        public var placement: FrameComposer.Placement
        /// Draw the information line under the screen when there is a row for it.
        public var showInfoLine: Bool
        /// How long an unfinished key sequence (a lone Esc) waits for the rest.
        public var escapeTimeout: Duration
        /// The keys; nil: `KeyMap.standard` for the terminal type.
        public var keyMap: KeyMap?
        /// Send non-ASCII characters as UTF-8 (off: `?`).
        public var utf8: Bool

        public init(terminalType: String, terminalSize: ScreenSize, codes: CodeTable,
                    lineConsole: LineConsole.Configuration = .init(), model: DisplayModel? = nil,
                    lineModeUsesAlternateSize: Bool = true, placement: FrameComposer.Placement = .center,
                    showInfoLine: Bool = true, escapeTimeout: Duration = .milliseconds(100),
                    keyMap: KeyMap? = nil, utf8: Bool = true) {
            self.terminalType = terminalType
            self.terminalSize = terminalSize
            self.codes = codes
            self.lineConsole = lineConsole
            self.model = model
            self.lineModeUsesAlternateSize = lineModeUsesAlternateSize
            self.placement = placement
            self.showInfoLine = showInfoLine
            self.escapeTimeout = escapeTimeout
            self.keyMap = keyMap
            self.utf8 = utf8
        }
    }

    /// The largest model whose alternate size fits `terminal` with one row
    /// left for the information line.
    public static func model(fitting terminal: ScreenSize) -> DisplayModel {
        let fitting = DisplayModel.allCases.filter {
            $0.alternateSize.rows < terminal.rows && $0.alternateSize.columns <= terminal.columns
        }
        return fitting.max { $0.alternateSize.cellCount < $1.alternateSize.cellCount } ?? .model2
    }
}
