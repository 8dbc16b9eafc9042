/// Turns frames into the bytes that bring one client's terminal from what
/// it shows to the new frame: only cells that changed are written. One per
/// session; it keeps what the client shows and nothing global (curses'
/// per-process screen list is why this exists, see DESIGN.md).
public struct TerminalRenderer: Sendable {
    public let capabilities: TerminalCapabilities
    /// Characters outside ASCII go out as UTF-8; off, they become `?`.
    public var utf8: Bool

    /// What the client shows now (nil: unknown, draw everything).
    private var shown: Frame?
    /// Where the client's cursor is after our last output (nil: unknown).
    private var position: Int?
    /// The attributes in effect on the client (nil: unknown).
    private var currentStyle: CellStyle?
    private var cursorVisible: Bool?

    /// Up to this many unchanged cells between two changes on a row are rewritten.
    static let shortGap = 4

    public init(capabilities: TerminalCapabilities, utf8: Bool = true) {
        self.capabilities = capabilities
        self.utf8 = utf8
    }

    /// Taking over the terminal: the alternate screen, keypad keys in
    /// application mode (so they send what terminfo says), a clear screen.
    public mutating func start() -> [UInt8] {
        invalidate()
        return cap("smcup") + cap("smkx") + cap("sgr0") + clearBytes()
    }

    /// Giving the terminal back as it was.
    public mutating func stop() -> [UInt8] {
        invalidate()
        return cap("sgr0") + cap("cnorm") + cap("rmkx") + cap("rmcup")
    }

    /// Forgets what the client shows: the next frame is drawn whole (after a
    /// resize, or when the client may have lost track).
    public mutating func invalidate() {
        shown = nil
        position = nil
        currentStyle = nil
        cursorVisible = nil
    }

    /// The audible alarm.
    public func bell() -> [UInt8] { cap("bel").isEmpty ? [0x07] : cap("bel") }

    /// The bytes that make the client show `frame`.
    public mutating func render(_ frame: Frame) -> [UInt8] {
        var out: [UInt8] = []
        var previous = shown
        if previous?.size != frame.size {
            out += cap("sgr0") + clearBytes()
            currentStyle = .plain
            position = 0
            previous = Frame(size: frame.size)   // what a cleared screen shows
        }
        // Hide the cursor while drawing so it does not flicker across the screen.
        let hideWhileDrawing = cursorVisible != false && !cap("civis").isEmpty
        var drew = false
        let columns = frame.size.columns
        let last = frame.cells.count - 1
        for address in frame.cells.indices where frame.cells[address] != previous!.cells[address] {
            // With automatic margins, the bottom-right cell would scroll the screen.
            if address == last && capabilities.autoMargins { continue }
            if !drew && hideWhileDrawing { out += cap("civis") }
            drew = true
            if let at = position, at < address, address - at <= Self.shortGap, at / columns == address / columns {
                // A few unchanged cells cost less to write again than a cursor move.
                for gap in at..<address {
                    let cell = frame.cells[gap]
                    if cell.style != currentStyle { out += styleBytes(cell.style) }
                    appendCharacter(cell.character, to: &out)
                }
            } else if position != address {
                out += move(row: address / columns, column: address % columns)
            }
            let cell = frame.cells[address]
            if cell.style != currentStyle { out += styleBytes(cell.style) }
            appendCharacter(cell.character, to: &out)
            // After the last column the cursor's place depends on the terminal (xenl).
            position = (address + 1) % columns == 0 ? nil : address + 1
        }
        if let cursor = frame.cursorAddress {
            if position != cursor || drew { out += move(row: cursor / columns, column: cursor % columns) }
            position = cursor
            if cursorVisible != true || drew { out += cap("cnorm") }
            cursorVisible = true
        } else if cursorVisible != false || drew {
            out += cap("civis")
            cursorVisible = false
        }
        shown = frame
        return out
    }

    // MARK: Output pieces

    private func cap(_ name: String) -> [UInt8] {
        capabilities.string(name).map { ParameterString.expand($0) } ?? []
    }

    private func clearBytes() -> [UInt8] {
        let clear = cap("clear")
        return clear.isEmpty ? Array("\u{1B}[H\u{1B}[2J".utf8) : clear
    }

    private func move(row: Int, column: Int) -> [UInt8] {
        guard let cup = capabilities.string("cup") else {
            return Array("\u{1B}[\(row + 1);\(column + 1)H".utf8)
        }
        return ParameterString.expand(cup, [row, column])
    }

    /// Resets the attributes and sets those of `style`.
    private mutating func styleBytes(_ style: CellStyle) -> [UInt8] {
        currentStyle = style
        var out = cap("sgr0")
        let colours = capabilities.colors >= 8 && capabilities.string("setaf") != nil
        if style.reverse { out += cap("rev") }
        if style.underline { out += cap("smul") }
        if style.blink { out += cap("blink") }
        if colours {
            if let index = colourIndex(style.foreground) {
                out += ParameterString.expand(capabilities.string("setaf")!, [index])
                // Eight-colour terminals have only a dark blue; bold brightens it on most.
                if style.foreground == .blue && capabilities.colors < 16 { out += cap("bold") }
            }
            if let index = colourIndex(style.background), let setab = capabilities.string("setab") {
                out += ParameterString.expand(setab, [index])
            }
        } else if style.intensified {
            out += cap("bold")
        }
        return out
    }

    /// The terminal's colour number for a 3279 colour: the bright half of
    /// a 16-colour palette where there is one (a 3279 phosphor is bright).
    private func colourIndex(_ color: Color3270) -> Int? {
        let base: Int
        switch color {
        case .default: return nil
        case .neutralBlack: return 0
        case .blue: base = 4
        case .red: base = 1
        case .pink: base = 5
        case .green: base = 2
        case .turquoise: base = 6
        case .yellow: base = 3
        case .neutralWhite: base = 7
        }
        return capabilities.colors >= 16 ? base + 8 : base
    }

    private func appendCharacter(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        if scalar.isASCII {
            out.append(UInt8(scalar.value))
        } else if utf8 {
            out += Array(String(scalar).utf8)
        } else {
            out.append(UInt8(ascii: "?"))
        }
    }
}
