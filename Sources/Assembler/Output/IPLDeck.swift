/// A self-loading card deck for a stand-alone program: IPL it from a card
/// reader and the program is in storage and running.
///
/// How a real S/370 loads it: the IPL reads 24 bytes of the first card
/// into location 0 with command chaining, and when the channel program
/// ends the CPU loads the PSW from location 0.
///
/// Card 1 (the IPL record):
///
///     bytes  0–7   IPL PSW
///     bytes  8–15  CCW 1: 02 cccccc 60 00 0050  read the next card into the
///                  channel-program area C (chained, SLI)
///     bytes 16–23  CCW 2: 08 cccccc 00 00 0000  TIC to C
///     bytes 24–79  zero
///
/// Then groups of cards, each a channel-program card followed by the data
/// cards it reads. A channel-program card holds up to ten CCWs and is read
/// into C, C+80, C+160… so the CCWs follow each other in storage:
///
///     02 aaaaaa 60 00 0050   read a data card (80 bytes) into address aaaaaa
///     …                      (up to nine of them), and as the tenth CCW
///     02 cccccc 60 00 0050   read the next channel-program card to C+80k,
///                            where the channel finds it as the next CCW.
///
/// The last data CCW has no command chaining (flags X'20'), which ends the
/// IPL. Data cards carry the program's storage 80 bytes at a time; 80-byte
/// stretches with nothing assembled in them are skipped. C is the first
/// doubleword after the program, so loading never overwrites the CCWs
/// still to be fetched.
///
/// The IPL PSW: a program that assembles its own doubleword at location 0
/// (S/370's restart/IPL PSW) gets that PSW, because its data card loads
/// location 0. Otherwise the deck puts a disabled BC-mode PSW there that
/// starts the program at END's entry point (or its lowest address).
struct IPLDeckWriter {
    let image: [UInt8]
    /// Which bytes of `image` the program assembled.
    let written: [Bool]
    let entryPoint: Int?

    func render() -> [UInt8] {
        var storage = image
        var used = written
        if storage.count < 8 {
            storage += [UInt8](repeating: 0, count: 8 - storage.count)
            used += [Bool](repeating: false, count: 8 - used.count)
        }
        let firstByte = used.firstIndex(of: true) ?? 0
        var psw = Array(storage[0..<8])
        if !used[0..<8].contains(true) {
            let start = entryPoint ?? firstByte
            psw = [0, 0, 0, 0, 0] + bigEndian(start, 3)
            for i in 0..<8 { storage[i] = psw[i]; used[i] = true }
        }
        // 80-byte data chunks, each starting at the first byte not yet loaded.
        var chunks: [Int] = []
        var address = 0
        while address < storage.count {
            guard used[address] else { address += 1; continue }
            chunks.append(address)
            address += 80
        }
        let channelArea = (storage.count + 7) / 8 * 8
        var cards: [[UInt8]] = []
        var first = psw
        if chunks.isEmpty {
            first += ccw(0x03, 0, flags: 0x20, count: 1) + [UInt8](repeating: 0, count: 8)
            cards.append(first + [UInt8](repeating: 0, count: 80 - first.count))
            return cards.flatMap { $0 }
        }
        first += ccw(0x02, channelArea, flags: 0x60, count: 80) + ccw(0x08, channelArea, flags: 0, count: 0)
        cards.append(first + [UInt8](repeating: 0, count: 80 - first.count))
        var remaining = chunks[...]
        var programCard = 0
        while !remaining.isEmpty {
            var ccws: [UInt8] = []
            let fitsHere = remaining.count <= 10
            let take = fitsHere ? remaining.count : 9
            let group = Array(remaining.prefix(take))
            remaining = remaining.dropFirst(take)
            for (k, chunk) in group.enumerated() {
                let last = fitsHere && k == group.count - 1
                ccws += ccw(0x02, chunk, flags: last ? 0x20 : 0x60, count: 80)
            }
            if !fitsHere {
                ccws += ccw(0x02, channelArea + 80 * (programCard + 1), flags: 0x60, count: 80)
            }
            cards.append(ccws + [UInt8](repeating: 0, count: 80 - ccws.count))
            for chunk in group {
                var data = [UInt8](repeating: 0, count: 80)
                for i in 0..<80 where chunk + i < storage.count { data[i] = storage[chunk + i] }
                cards.append(data)
            }
            programCard += 1
        }
        return cards.flatMap { $0 }
    }

    private func ccw(_ command: UInt8, _ address: Int, flags: UInt8, count: Int) -> [UInt8] {
        [command] + bigEndian(address, 3) + [flags, 0] + bigEndian(count, 2)
    }

    private func bigEndian(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

extension Assembly {
    /// Which bytes of `coreImage` were assembled (DS and gaps are not).
    public var coreImageWritten: [Bool] {
        var written = [Bool](repeating: false, count: coreImage.count)
        for (i, section) in product.images {
            let base = product.sections[i].origin + section.lowOffset
            for (k, w) in section.written.enumerated() where w && base + k < written.count && base + k >= 0 {
                written[base + k] = true
            }
        }
        return written
    }

    /// A self-loading IPL card deck (80-byte binary cards); see `IPLDeckWriter`.
    public func iplDeck() -> [UInt8] {
        IPLDeckWriter(image: coreImage, written: coreImageWritten, entryPoint: entryPoint).render()
    }
}
