import Channel
import Media
import Synchronization

/// IBM 2540 and 3505 card readers.
///
/// X'02' (with stacker bits in the modifier) reads the next card, 80 bytes;
/// X'03' and other control orders feed or do nothing; X'04' senses. With
/// the hopper empty a read gets intervention required (unit check), or unit
/// exception at the end of a deck loaded with the end-of-file option.
/// Loading cards makes the reader ready, which it signals with device end.
/// `load` and `remaining` may be called from any thread; the channel side
/// runs on the machine's thread.
public final class CardReader: ChannelDevice, @unchecked Sendable {
    public let deviceType: UInt16
    private var port: DevicePort?

    private struct Hopper {
        var cards: [[UInt8]] = []
        var next = 0
        /// Signal end of file (unit exception) when the deck runs out.
        var endOfFile = false
    }
    private let hopper = Mutex(Hopper())
    private var sense: UInt8 = 0

    static let commandReject: UInt8 = 0x80
    static let interventionRequired: UInt8 = 0x40

    public init(type: UInt16 = 0x3505) {
        self.deviceType = type
    }

    public func attach(_ port: DevicePort) { self.port = port }

    /// Puts a deck in the hopper (after whatever is left) and makes the
    /// reader ready. With `endOfFile` the last card is followed by unit exception.
    public func load(_ deck: CardDeck, endOfFile: Bool = false) {
        hopper.withLock { h in
            if h.next >= h.cards.count { h = Hopper() }
            h.cards += deck.cards
            h.endOfFile = endOfFile
        }
        port?.signal(.deviceEnd)
    }

    /// Cards not yet read.
    public var remaining: Int { hopper.withLock { $0.cards.count - $0.next } }

    public func start(_ command: DeviceCommand) -> DeviceResponse {
        switch command.kind {
        case .read:
            let card: [UInt8]? = hopper.withLock { h in
                guard h.next < h.cards.count else { return nil }
                defer { h.next += 1 }
                return h.cards[h.next]
            }
            if let card {
                sense = 0
                return .finished(DeviceResult(data: card, duration: 100))
            }
            let eof = hopper.withLock { h -> Bool in
                defer { h.endOfFile = false }
                return h.endOfFile
            }
            if eof {
                sense = 0
                return .finished(DeviceResult(status: [.channelEnd, .deviceEnd, .unitException]))
            }
            sense = Self.interventionRequired
            return .finished(.unitCheck())
        case .sense:
            let byte = sense
            sense = 0
            return .finished(DeviceResult(data: [byte]))
        case .control:
            sense = 0
            return .finished(DeviceResult())
        default:
            sense = Self.commandReject
            return .finished(.unitCheck())
        }
    }

    public func reset() { sense = 0 }
}
