/// The line-mode console as VM/370 drives a 3270 (DESIGN.md "Terminal",
/// spec §3): output area, two-line input area, status word, system name.
///
/// A value kept by one session. The screen it shows is an ordinary
/// `Screen3270` (three fields: output protected, input unprotected, status
/// protected and intensified), so the renderer, the keyboard and the field
/// logic are the same as for full-screen guests. Time comes in as
/// arguments (`now`, a monotonic duration from any fixed origin), so tests
/// drive MORE... with a fake clock.
public struct LineConsole: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Shown at the right end of the last row (VM/370 shows its system id there).
        public var systemName: String
        /// How long MORE... waits before clearing the screen itself (VM/370 R6: about 60 s).
        public var moreTimeout: Duration
        /// The PF key that brings back earlier input lines (PF12, as CMS sets it); nil for none.
        public var retrieveKey: Int?
        /// How many earlier lines RETRIEVE keeps.
        public var retrieveDepth: Int
        /// Entered lines are echoed into the output area (never masked ones).
        public var echoInput: Bool
        /// Rows kept waiting behind MORE.../HOLDING; beyond this the oldest
        /// waiting rows are dropped. (A real 3270 holds the guest's write
        /// instead; CP may do that too, watching `queuedRows`.)
        public var maximumQueuedRows: Int

        public init(systemName: String = "VM67", moreTimeout: Duration = .seconds(60), retrieveKey: Int? = 12,
                    retrieveDepth: Int = 20, echoInput: Bool = true, maximumQueuedRows: Int = 10_000) {
            self.systemName = systemName
            self.moreTimeout = moreTimeout
            self.retrieveKey = retrieveKey
            self.retrieveDepth = retrieveDepth
            self.echoInput = echoInput
            self.maximumQueuedRows = maximumQueuedRows
        }
    }

    /// Output paging: MORE... counts down, HOLDING waits for the user.
    public enum Paging: Sendable, Hashable {
        case none
        case more(until: Duration)
        case holding
    }

    public let configuration: Configuration
    public let codes: CodeTable
    public internal(set) var layout: LineConsoleLayout
    /// What the console shows: render this.
    public internal(set) var screen: Screen3270
    public internal(set) var hostStatus: HostStatus = .cpRead
    public internal(set) var paging: Paging = .none
    /// The last ENTER was refused; cleared by the next key or status change.
    public internal(set) var notAccepted = false
    /// A line entered while RUNNING that the guest has not read yet.
    public internal(set) var inputUnconsumed = false
    /// The input area is a non-display field (passwords) until the next ENTER.
    public internal(set) var inputMasked = false
    /// PA2 goes to the host instead of clearing (DIAGNOSE X'54' with Rx ≠ 0).
    public var pa2ToHost = false

    /// Output rows (EBCDIC, already cut to the screen width) not shown yet.
    var queued: [[UInt8]] = []
    /// Rows of the output area in use.
    public internal(set) var usedRows = 0
    var history: [String] = []
    /// Where RETRIEVE is in `history` (nil: not retrieving).
    var retrieveIndex: Int?

    public init(size: ScreenSize = .standard, model: DisplayModel = .model2,
                configuration: Configuration = Configuration(), codes: CodeTable) {
        self.configuration = configuration
        self.codes = codes
        self.layout = LineConsoleLayout(size: size)
        self.screen = Screen3270(model: model)
        format()
    }

    /// The status word shown now.
    public var statusWord: StatusWord {
        if notAccepted { return .notAccepted }
        switch paging {
        case .more: return .more
        case .holding: return .holding
        case .none: return StatusWord(hostStatus)
        }
    }

    /// When `tick` has something to do (the end of MORE...), if ever.
    public var deadline: Duration? {
        if case .more(let until) = paging { return until }
        return nil
    }

    /// Whether output waits behind a full screen.
    public var hasQueuedOutput: Bool { !queued.isEmpty }

    /// How many rows wait behind a full screen.
    public var queuedRows: Int { queued.count }

    /// The input area as text (nulls dropped, trailing blanks stripped).
    public var inputText: String {
        var bytes: [UInt8] = []
        for i in 0..<layout.inputLength {
            let c = screen.cells[layout.inputStart + i].character
            if c != 0 { bytes.append(c) }
        }
        while bytes.last == 0x40 { bytes.removeLast() }
        return codes.string(bytes)
    }
}
