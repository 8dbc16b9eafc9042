import Channel
import Media
import Terminal

/// IBM 3277 (model 2) and 3278 (models 2–5) displays on a local 3274. The
/// program side is `Local3270Device`; this adds the operator: the screen
/// goes to an endpoint after every change, and the AID keys raise attention
/// so that the program reads modified. A 3277 has no extended data stream.
///
/// `press`, `type`, `operate`, `screen` and `lines` may be called from any thread.
public final class Display3270: Local3270Device, @unchecked Sendable {
    private let endpoint: DisplayEndpoint?

    public init(type: UInt16 = 0x3278, model: DisplayModel = .model2, codePage: CodePage = .cp037,
                endpoint: DisplayEndpoint? = nil) {
        self.endpoint = endpoint
        super.init(type: type, model: type == 0x3277 ? .model2 : model, codePage: codePage,
                   extendedDataStream: type != 0x3277)
    }

    override func written(_ screen: Screen3270, _ outcome: WriteOutcome?) -> Bool {
        endpoint?.displayChanged(screen)
        if outcome?.soundAlarm == true { endpoint?.displayAlarm() }
        return true
    }

    /// An AID key: refused (false) while the keyboard is locked; otherwise
    /// the keyboard locks and the display raises attention.
    @discardableResult
    public func press(_ key: AID) -> Bool {
        let (accepted, screen, port) = state.withLock { s in (s.screen.enter(aid: key) != nil, s.screen, s.port) }
        guard accepted else { return false }
        endpoint?.displayChanged(screen)
        port?.signal(.attention)
        return true
    }

    /// Types `text` at the cursor (through the code page); returns how many
    /// characters the screen took before one was refused.
    @discardableResult
    public func type(_ text: String) -> Int {
        let bytes = codePage.ebcdic(text)
        let (taken, screen) = state.withLock { s -> (Int, Screen3270) in
            var n = 0
            for byte in bytes {
                guard s.screen.type(byte) else { break }
                n += 1
            }
            return (n, s.screen)
        }
        endpoint?.displayChanged(screen)
        return taken
    }

    /// Any other operator action on the screen (cursor keys, erase keys).
    /// AID keys go through `press`, which also raises attention.
    public func operate<T: Sendable>(_ body: (inout Screen3270) -> T) -> T {
        let (value, screen) = state.withLock { s -> (T, Screen3270) in
            let value = body(&s.screen)
            return (value, s.screen)
        }
        endpoint?.displayChanged(screen)
        return value
    }

    /// The screen's rows as text, through the device's code page.
    public var lines: [String] { screen.lines(table: codePage.toLatin1) }
}
