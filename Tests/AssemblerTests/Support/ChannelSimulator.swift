/// Just enough of a System/370 channel and card reader to IPL a deck: the
/// IPL reads 24 bytes of the first card into location 0 with command
/// chaining, the channel continues with the CCW at location 8, and at the
/// end the PSW comes from location 0.
struct CardReaderIPL {
    enum Failure: Error, CustomStringConvertible {
        case outOfCards(ccwAddress: Int)
        case badCommand(UInt8, ccwAddress: Int)
        case leftoverCards(Int)
        var description: String {
            switch self {
            case .outOfCards(let a): return "the CCW at \(String(a, radix: 16)) reads past the last card"
            case .badCommand(let c, let a): return "command X'\(String(c, radix: 16))' at \(String(a, radix: 16))"
            case .leftoverCards(let n): return "\(n) cards were never read"
            }
        }
    }

    var storage: [UInt8]
    private var cards: [[UInt8]]
    private var next = 0

    init(deck: [UInt8], storageSize: Int) {
        storage = [UInt8](repeating: 0, count: storageSize)
        cards = stride(from: 0, to: deck.count, by: 80).map { Array(deck[$0..<min($0 + 80, deck.count)]) }
    }

    private mutating func read(into address: Int, count: Int, ccwAddress: Int) throws {
        guard next < cards.count else { throw Failure.outOfCards(ccwAddress: ccwAddress) }
        let card = cards[next]
        next += 1
        for i in 0..<min(count, card.count) { storage[address + i] = card[i] }
    }

    /// Runs the IPL; returns the PSW loaded at the end.
    mutating func ipl() throws -> [UInt8] {
        try read(into: 0, count: 24, ccwAddress: 0)
        var ccwAddress = 8
        var chaining = true
        while chaining {
            let ccw = Array(storage[ccwAddress..<ccwAddress + 8])
            let address = Int(ccw[1]) << 16 | Int(ccw[2]) << 8 | Int(ccw[3])
            let count = Int(ccw[6]) << 8 | Int(ccw[7])
            switch ccw[0] {
            case 0x08:
                ccwAddress = address
                continue
            case 0x02:
                try read(into: address, count: count, ccwAddress: ccwAddress)
            case 0x03:
                break
            default:
                throw Failure.badCommand(ccw[0], ccwAddress: ccwAddress)
            }
            chaining = ccw[4] & 0x40 != 0
            ccwAddress += 8
        }
        if next != cards.count { throw Failure.leftoverCards(cards.count - next) }
        return Array(storage[0..<8])
    }
}
