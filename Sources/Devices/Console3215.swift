import Channel
import Media
import Synchronization

/// IBM 3215 console printer-keyboard (and its predecessor, the 1052).
///
/// Commands: X'01' write without carrier return, X'09' write with carrier
/// return, X'0A' read inquiry (waits for the operator's line), X'03' no
/// operation, X'0B' audible alarm, X'04' sense (one byte). Anything else is
/// command reject. The operator's REQUEST key is an attention; CANCEL ends a
/// read with unit exception.
/// The operator side (`enter`, `cancel`, `requestAttention`, `isReading`)
/// may be called from any thread; the channel side runs on the machine's thread.
public final class Console3215: ChannelDevice, @unchecked Sendable {
    public let deviceType: UInt16
    public let codePage: CodePage
    private let endpoint: ConsoleEndpoint
    private var port: DevicePort?

    private struct Input {
        /// A read is waiting for the operator, with this count.
        var pendingRead: Int?
        /// Lines typed while no read was waiting, oldest first: each read
        /// takes the next. They are the operator's (or a script's) keyboard
        /// buffer, not device state: a reset (IPL) keeps them.
        var typedAhead: [[UInt8]] = []
    }

    /// Lines kept for reads to come; past this many, a new line is refused
    /// (`enter` returns false) rather than one already kept being lost.
    public static let typedAheadLimit = 1000
    private let input = Mutex(Input())
    private var sense: UInt8 = 0

    static let commandReject: UInt8 = 0x80
    static let interventionRequired: UInt8 = 0x40

    public init(type: UInt16 = 0x3215, endpoint: ConsoleEndpoint, codePage: CodePage = .cp037) {
        self.deviceType = type
        self.endpoint = endpoint
        self.codePage = codePage
    }

    public func attach(_ port: DevicePort) { self.port = port }

    public func start(_ command: DeviceCommand) -> DeviceResponse {
        switch command.code {
        case 0x01, 0x09:
            endpoint.consoleOutput(printable(command.data), newline: command.code == 0x09)
            sense = 0
            return .finished(DeviceResult(duration: 50 + command.data.count))
        case 0x03:
            sense = 0
            return .finished(DeviceResult())
        case 0x0B:
            endpoint.consoleAlarm()
            sense = 0
            return .finished(DeviceResult())
        case 0x04:
            let byte = sense
            sense = 0
            return .finished(DeviceResult(data: [byte]))
        case 0x0A:
            sense = 0
            let typed: [UInt8]? = input.withLock { state in
                if !state.typedAhead.isEmpty { return state.typedAhead.removeFirst() }
                state.pendingRead = command.count
                return nil
            }
            if let typed { return .finished(DeviceResult(data: typed, duration: 50)) }
            endpoint.consoleReadPending(true)
            return .pending
        default:
            sense = Self.commandReject
            return .finished(.unitCheck())
        }
    }

    public func halt() { cancelRead(status: .done) }

    public func reset() {
        input.withLock { $0.pendingRead = nil }
        sense = 0
        endpoint.consoleReadPending(false)
    }

    // MARK: Operator side (any thread)

    /// The operator entered `line`: it answers the waiting read, or is kept
    /// behind the lines typed before it for the reads to come (and an
    /// attention asks the program for it). False when too many are waiting.
    @discardableResult
    public func enter(_ line: String) -> Bool {
        let data = codePage.ebcdic(line)
        enum Outcome { case answered, kept, refused }
        let outcome = input.withLock { state -> Outcome in
            if state.pendingRead != nil {
                state.pendingRead = nil
                return .answered
            }
            guard state.typedAhead.count < Self.typedAheadLimit else { return .refused }
            state.typedAhead.append(data)
            return .kept
        }
        switch outcome {
        case .answered:
            endpoint.consoleReadPending(false)
            port?.finish(DeviceResult(data: data, duration: 50))
        case .kept:
            port?.signal(.attention)
        case .refused:
            return false
        }
        return true
    }

    /// The REQUEST key: attention.
    public func requestAttention() { port?.signal(.attention) }

    /// The CANCEL key: a waiting read ends with unit exception.
    public func cancel() { cancelRead(status: [.channelEnd, .deviceEnd, .unitException], notify: true) }

    /// Whether a read is waiting for the operator.
    public var isReading: Bool { input.withLock { $0.pendingRead != nil } }

    private func cancelRead(status: UnitStatus, notify: Bool = false) {
        let waiting = input.withLock { state -> Bool in
            defer { state.pendingRead = nil }
            return state.pendingRead != nil
        }
        if waiting {
            endpoint.consoleReadPending(false)
            if notify { port?.finish(DeviceResult(status: status)) }
        }
    }

    /// Output text: EBCDIC through the code page; control characters print as blanks.
    private func printable(_ data: [UInt8]) -> String {
        let table = codePage.toLatin1
        return String(data.map { b -> Character in
            let c = table[Int(b)]
            return c < 0x20 || (c >= 0x7F && c < 0xA0) ? " " : Character(Unicode.Scalar(c))
        })
    }
}
