import Channel
import Media

/// IBM 2540 punch side and 3525 card punch, punching into a deck file.
///
/// X'01' punches a card (the stacker in the modifier bits: X'41' stacker 2,
/// and on the 2540 X'81' stacker RP3); up to 80 bytes, fewer leave the rest
/// of the card blank. Other control orders (X'03' and the feed/select
/// codes) do nothing; X'04' senses. The deck is 80-byte EBCDIC cards, or
/// text lines translated through a code page.
public final class CardPunch: ChannelDevice, @unchecked Sendable {
    public let deviceType: UInt16
    public let format: CardDeck.Format
    public let codePage: CodePage
    private let output: OutputSink
    private let lineEnd: [UInt8]
    private var sense: UInt8 = 0
    /// Cards punched so far.
    public private(set) var cardsPunched = 0

    static let commandReject: UInt8 = 0x80
    static let equipmentCheck: UInt8 = 0x10
    /// Virtual microseconds per card.
    static let punchTime = 500

    public init(type: UInt16 = 0x2540, output: OutputSink, format: CardDeck.Format = .ebcdic,
                codePage: CodePage = .cp037, crlf: Bool = false) {
        self.deviceType = type
        self.output = output
        self.format = format
        self.codePage = codePage
        self.lineEnd = crlf ? [0x0D, 0x0A] : [0x0A]
    }

    public func attach(_ port: DevicePort) {}

    /// Write commands this punch has: stackers P1, P2 (and RP3 on the 2540).
    private var writeCodes: Set<UInt8> { deviceType == 0x2540 ? [0x01, 0x41, 0x81] : [0x01, 0x41] }

    public func start(_ command: DeviceCommand) -> DeviceResponse {
        switch command.kind {
        case .write where writeCodes.contains(command.code):
            let card = Array(command.data.prefix(CardDeck.columns))
            do {
                try output.write(CardDeck.fileRecord(card, format: format, codePage: codePage, lineEnd: lineEnd))
            } catch {
                sense = Self.equipmentCheck
                return .finished(.unitCheck(duration: Self.punchTime))
            }
            cardsPunched += 1
            sense = 0
            return .finished(DeviceResult(accepted: card.count, duration: Self.punchTime))
        case .control:
            sense = 0
            return .finished(DeviceResult())
        case .sense where command.code == 0x04:
            let byte = sense
            sense = 0
            return .finished(DeviceResult(data: [byte]))
        default:
            sense = Self.commandReject
            return .finished(.unitCheck())
        }
    }

    public func reset() { sense = 0 }
}
