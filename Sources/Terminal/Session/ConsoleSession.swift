/// One user's console: joins CP on one side and an SSH channel on the
/// other. The integrator connects three outlets at creation — bytes for the
/// terminal, events for the host, and a wake-up timer — and calls the
/// methods below as things happen.
///
/// **Threading.** A session has no lock: make every call on one serial
/// queue (the session's Dispatch queue); the outlets are called on it too,
/// synchronously, from within those calls. It is `@unchecked Sendable` only
/// so that closures hopping onto that queue may capture it. Nothing is
/// shared between sessions except the terminfo cache (`TerminalCapabilities`).
///
/// **Terminal side:** `start()`, `receive(_:)` for bytes from the client,
/// `resize(_:)` on window-change, `wakeUp()` when the delay asked for by
/// `scheduleWakeup` has passed, `stop()` to give the terminal back.
///
/// **Host side (CP):** `write(_:)`, `setStatus(_:)`, `clearScreen()`;
/// `setInputMasked(_:)` for passwords, `setInput(_:)` for DELAYED PF keys,
/// `inputConsumed()`, `pa2ToHost`; a full-screen guest uses
/// `writeFullScreen`, `readFullScreen`, `leaveFullScreen`; a display device
/// `showDisplay`, `detachDisplay`. What the user does comes back as
/// `ConsoleEvent`s.
///
/// An adapter to CP's `TerminalConnection` is a few lines:
///
///     final class SSHConsole: TerminalConnection, @unchecked Sendable {
///         let queue: DispatchQueue, session: ConsoleSession
///         func write(_ lines: [String]) { queue.async { self.session.write(lines) } }
///         func setStatus(_ s: ConsoleStatus) {
///             queue.async { self.session.setStatus(HostStatus(rawValue: s.rawValue)!) }
///         }
///         func clearScreen() { queue.async { self.session.clearScreen() } }
///         func sessionEnded(_ reason: SessionEnd) { queue.async { self.session.stop() /* then close or show the logo */ } }
///     }
///     // sendToHost: { event in
///     //     switch event {
///     //     case .line(let t): console.submit(.line(t))
///     //     case .attention: console.submit(.attention)
///     //     case .programFunction(let n): console.submit(.programFunction(n))
///     //     default: …full-screen and display events for DIAGNOSE X'58' / dialed 3270s
///     //     } }
///     // scheduleWakeup: { delay in timer.schedule(deadline: .now() + delay) or cancel }
public final class ConsoleSession: @unchecked Sendable {
    public let configuration: Configuration
    /// The 3270 model a full-screen guest sees (fixed for the session).
    public let model: DisplayModel
    public let capabilities: TerminalCapabilities
    public private(set) var terminalSize: ScreenSize

    /// The line-mode console (CP's screen).
    public private(set) var lineConsole: LineConsole
    /// The full-screen guest's screen (kept while line mode shows, so it can come back).
    public private(set) var fullScreen: Screen3270
    public private(set) var mode: Mode = .line
    /// The key help is showing (any key closes it).
    public private(set) var showingHelp = false

    public enum Mode: Sendable, Hashable {
        /// CP's line-mode screen.
        case line
        /// A guest owns the screen (DIAGNOSE X'58' full-screen writes).
        case fullScreen
        /// A full-screen guest's screen was taken by line output (HOLDING);
        /// releasing it brings the guest's screen back.
        case fullScreenInterrupted
        /// A display device (a virtual 3270 dialed to this terminal) owns
        /// the screen: the session shows its copies and passes keys on.
        case attachedDisplay
    }

    private let clock: any ConsoleClock
    private let sendToTerminal: ([UInt8]) -> Void
    private let sendToHost: (ConsoleEvent) -> Void
    private let scheduleWakeup: (Duration?) -> Void

    private var decoder: KeyDecoder
    private var renderer: TerminalRenderer
    private var started = false
    /// When the decoder last got bytes (for the lone-Esc pause).
    private var lastInput: Duration = .zero
    private var scheduledDeadline: Duration?
    private var alarmsShown = 0
    /// The latest copy of an attached display's screen.
    private var displayed: Screen3270?

    /// - Parameters:
    ///   - sendToTerminal: bytes for the client (write them to the channel).
    ///   - sendToHost: what the user did (to CP).
    ///   - scheduleWakeup: call `wakeUp()` after this delay; nil cancels.
    ///     A new request replaces the previous one.
    public init(configuration: Configuration, clock: any ConsoleClock = SystemConsoleClock(),
                sendToTerminal: @escaping ([UInt8]) -> Void,
                sendToHost: @escaping (ConsoleEvent) -> Void,
                scheduleWakeup: @escaping (Duration?) -> Void) {
        self.configuration = configuration
        self.clock = clock
        self.sendToTerminal = sendToTerminal
        self.sendToHost = sendToHost
        self.scheduleWakeup = scheduleWakeup
        let capabilities = TerminalCapabilities.for(configuration.terminalType)
        self.capabilities = capabilities
        self.terminalSize = configuration.terminalSize
        let model = configuration.model ?? Self.model(fitting: configuration.terminalSize)
        self.model = model
        self.fullScreen = Screen3270(model: model)
        self.lineConsole = LineConsole(size: Self.lineModeSize(model: model, terminal: configuration.terminalSize,
                                                               configuration: configuration),
                                       model: model, configuration: configuration.lineConsole, codes: configuration.codes)
        self.decoder = KeyDecoder(map: configuration.keyMap ?? KeyMap.standard(for: capabilities))
        self.renderer = TerminalRenderer(capabilities: capabilities, utf8: configuration.utf8)
    }

    static func lineModeSize(model: DisplayModel, terminal: ScreenSize, configuration: Configuration) -> ScreenSize {
        let large = model.alternateSize
        if configuration.lineModeUsesAlternateSize && large.rows <= terminal.rows && large.columns <= terminal.columns {
            return large
        }
        return .standard
    }

    public var keyMap: KeyMap { decoder.map }

    // MARK: Terminal side

    /// Takes over the terminal and draws the console.
    public func start() {
        started = true
        sendToTerminal(renderer.start())
        refresh()
    }

    /// Gives the terminal back (LOGOFF, disconnect): attributes reset, the
    /// normal screen again. Nothing is drawn after this.
    public func stop() {
        guard started else { return }
        started = false
        sendToTerminal(renderer.stop())
        scheduleWakeup(nil)
        scheduledDeadline = nil
    }

    /// Bytes from the client.
    public func receive(_ bytes: [UInt8]) {
        lastInput = clock.now
        for key in decoder.decode(bytes) { handle(key) }
        refresh()
    }

    /// The client's window changed: the line-mode screen is laid out again
    /// and everything is redrawn.
    public func resize(_ size: ScreenSize) {
        guard size != terminalSize else { return }
        terminalSize = size
        let lineSize = Self.lineModeSize(model: model, terminal: size, configuration: configuration)
        lineConsole.resize(to: lineSize, now: clock.now)
        renderer.invalidate()
        refresh()
    }

    /// The wake-up asked for by `scheduleWakeup` is due: timers run.
    public func wakeUp() {
        scheduledDeadline = nil
        let now = clock.now
        if decoder.hasPending && now >= lastInput + configuration.escapeTimeout {
            for key in decoder.flush() { handle(key) }
        }
        lineConsole.tick(now: now)
        resumeFullScreenIfReleased()
        refresh()
    }

    /// Draws everything again (the client may have lost track).
    public func redraw() {
        renderer.invalidate()
        refresh()
    }

    // MARK: Host side, line mode

    /// Lines for the output area. While a full-screen guest has the screen,
    /// they take it over in HOLDING (a message must be seen) and the host
    /// hears `.fullScreenInterrupted`. While a display device is attached
    /// they wait on CP's screen, which shows after `detachDisplay`.
    public func write(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        if mode == .fullScreen {
            mode = .fullScreenInterrupted
            lineConsole.hold()
            sendToHost(.fullScreenInterrupted)
        }
        lineConsole.write(lines, now: clock.now)
        refresh()
    }

    /// CP's status changed.
    public func setStatus(_ status: HostStatus) {
        lineConsole.setHostStatus(status)
        refresh()
    }

    /// Erases the output area.
    public func clearScreen() {
        lineConsole.clearOutput(now: clock.now)
        resumeFullScreenIfReleased()
        refresh()
    }

    /// Masks the next input line (a password): typed characters do not show
    /// and the line is not echoed or kept for RETRIEVE.
    public func setInputMasked(_ masked: Bool) {
        lineConsole.setInputMasked(masked)
        refresh()
    }

    /// Puts text in the input area (a DELAYED PF key).
    public func setInput(_ text: String) {
        lineConsole.setInput(text)
        refresh()
    }

    /// The guest read the line entered while it was running.
    public func inputConsumed() { lineConsole.inputConsumed() }

    /// PA2 goes to the host (`.pa2Interrupt`) instead of clearing the
    /// output area (DIAGNOSE X'54' with a non-zero Rx).
    public var pa2ToHost: Bool {
        get { lineConsole.pa2ToHost }
        set { lineConsole.pa2ToHost = newValue }
    }

    // MARK: Host side, full screen

    /// A full-screen write from the guest: the command byte, then WCC and
    /// orders (or structured fields). The guest owns the screen from now on
    /// until `leaveFullScreen`. Errors are the guest's (operation check);
    /// what came before the error stays applied.
    @discardableResult
    public func writeFullScreen(_ stream: [UInt8]) throws(DataStreamError) -> WriteOutcome {
        defer { refresh() }
        if mode == .line { mode = .fullScreen }
        return try fullScreen.process(stream)
    }

    /// The same with the command given apart from its data.
    @discardableResult
    public func writeFullScreen(_ command: OutboundCommand, _ data: [UInt8]) throws(DataStreamError) -> WriteOutcome {
        defer { refresh() }
        if mode == .line { mode = .fullScreen }
        return try fullScreen.write(command, data)
    }

    /// READ BUFFER / READ MODIFIED (ALL) of the guest's screen: AID, cursor, fields.
    public func readFullScreen(_ command: InboundCommand) -> [UInt8] {
        fullScreen.read(command)
    }

    public var isFullScreen: Bool { mode != .line }

    /// Back to CP's line-mode screen (the guest ended full-screen, or CP
    /// took the console: PA1 twice, a CP command). The guest's screen is
    /// forgotten, as a real 3270 forgets it when CP repaints.
    public func leaveFullScreen() {
        mode = .line
        fullScreen = Screen3270(model: model)
        refresh()
    }

    // MARK: Host side, a display device

    /// Shows a 3270 display that lives elsewhere (Devices' Display3270,
    /// through its DisplayEndpoint): from now on keys go out as
    /// `.displayKey` for the device to apply (`Screen3270.apply` for
    /// editing keys, `press` for AID keys). Call again with each new copy.
    public func showDisplay(_ screen: Screen3270) {
        mode = .attachedDisplay
        if screen.alarms != displayed?.alarms, displayed != nil, started { sendToTerminal(renderer.bell()) }
        displayed = screen
        refresh()
    }

    /// Back to CP's line-mode screen after `showDisplay`.
    public func detachDisplay() {
        guard mode == .attachedDisplay else { return }
        mode = .line
        displayed = nil
        refresh()
    }

    // MARK: What is shown

    /// The frame the client shows now (golden screens in tests).
    public var frame: Frame { compose() }

    /// The 3270 screen on show: the guest's in full-screen mode, else CP's.
    public var screen: Screen3270 {
        switch mode {
        case .fullScreen: return fullScreen
        case .attachedDisplay: return displayed ?? lineConsole.screen
        case .line, .fullScreenInterrupted: return lineConsole.screen
        }
    }

    // MARK: Keys

    private func handle(_ key: Key) {
        if showingHelp {
            showingHelp = false
            return
        }
        if key == .help {
            showingHelp = true
            return
        }
        if mode == .fullScreen {
            handleFullScreen(key)
            return
        }
        if mode == .attachedDisplay {
            sendToHost(.displayKey(key))
            return
        }
        for event in lineConsole.press(key, now: clock.now) { sendToHost(event) }
        resumeFullScreenIfReleased()
    }

    private func handleFullScreen(_ key: Key) {
        var key = key
        if key == .attention { key = .pa(1) }
        if let aid = key.aid {
            if fullScreen.enter(aid: aid) != nil {
                sendToHost(.fullScreenAttention(aid))
            } else if aid == .pa1 {
                // The keyboard is locked (the guest has not answered), yet
                // CP must see PA1: a second one without a guest READ is how
                // the user gets back to CP [spec §3, Keys].
                sendToHost(.fullScreenAttention(.pa1))
            }
            return
        }
        fullScreen.apply(key, codes: configuration.codes)
    }

    /// After line output interrupted a full-screen guest: once the user has
    /// seen it all (CLEAR, PA2, the MORE... timer), the guest's screen returns.
    private func resumeFullScreenIfReleased() {
        guard mode == .fullScreenInterrupted, lineConsole.paging == .none, !lineConsole.hasQueuedOutput else { return }
        mode = .fullScreen
        sendToHost(.fullScreenResumed)
    }

    // MARK: Drawing

    private func compose() -> Frame {
        if showingHelp {
            return HelpScreen.frame(keyMap: decoder.map, size: terminalSize, retrieveKey: configuration.lineConsole.retrieveKey)
        }
        let shown = screen
        return FrameComposer.compose(shown, codes: configuration.codes, terminal: terminalSize,
                                     placement: configuration.placement,
                                     info: configuration.showInfoLine ? infoLine(shown) : nil)
    }

    /// Like a 3270's operator information area: the keyboard state, insert
    /// mode, the cursor position, and where the help is.
    private func infoLine(_ shown: Screen3270) -> FrameComposer.InfoLine {
        var left: String
        switch mode {
        case .line, .fullScreenInterrupted: left = " CP"
        case .fullScreen: left = " FULL SCREEN"
        case .attachedDisplay: left = " DIALED"
        }
        if shown.keyboardLocked { left += "  X SYSTEM" }
        if shown.insertMode { left += "  INSERT" }
        let (row, column) = shown.position(of: shown.cursor)
        let help = decoder.map.labels(for: .help).first.map { "\($0): keys  " } ?? ""
        let position = String(row + 1).leftPadded(3) + "/" + String(column + 1).leftPadded(3)
        return .init(left: left, right: help + position + " ")
    }

    /// Draws what changed and re-arms the timer.
    private func refresh() {
        if started {
            var out = renderer.render(compose())
            if fullScreen.alarms != alarmsShown {
                alarmsShown = fullScreen.alarms
                out += renderer.bell()
            }
            if !out.isEmpty { sendToTerminal(out) }
        }
        armTimer()
    }

    private func armTimer() {
        var deadline = lineConsole.deadline
        if decoder.hasPending {
            let escape = lastInput + configuration.escapeTimeout
            deadline = min(deadline ?? escape, escape)
        }
        guard deadline != scheduledDeadline else { return }
        scheduledDeadline = deadline
        let now = clock.now
        scheduleWakeup(deadline.map { max(.zero, $0 - now) })
    }
}

fileprivate extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
