import Channel
import Devices
import Media
import Testing
import Foundation

/// 2540 and 3525 punches writing decks.
@Suite("Card punches")
struct CardPunchTests {
    static func ebcdic(_ text: String) -> [UInt8] { CodePage.cp037.ebcdic(text) }

    @Test func binaryDeck() {
        let out = MemoryOutput()
        let punch = CardPunch(type: 0x2540, output: out)
        #expect(direct(punch, 0x01, Self.ebcdic("CARD ONE")).status == .done)
        #expect(direct(punch, 0x41, [UInt8](repeating: 0xF1, count: 80)).status == .done)
        #expect(direct(punch, 0x81, [0x00, 0xFF]).status == .done)
        #expect(out.bytes.count == 240)
        #expect(Array(out.bytes[0..<8]) == Self.ebcdic("CARD ONE"))
        #expect(out.bytes[8..<80].allSatisfy { $0 == 0x40 }, "a short card is blank after its data")
        #expect(Array(out.bytes[160..<162]) == [0x00, 0xFF], "binary cards keep every bit")
        #expect(punch.cardsPunched == 3)
    }

    @Test func textDeckRoundTripsThroughTheReader() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-punch-\(UInt32.random(in: 0...UInt32.max)).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let punch = CardPunch(type: 0x3525, output: try OutputFile(path: path), format: .ascii, codePage: .cp1047)
        direct(punch, 0x01, Self.ebcdic("//JOB    CARD   "))
        direct(punch, 0x41, CodePage.cp1047.ebcdic("[brackets] and ¢"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "//JOB    CARD\n[brackets] and ¢\n")
        let deck = try CardDeck.load(path: path, format: .ascii, codePage: .cp1047)
        #expect(deck.cards.count == 2)
        #expect(deck.cards[1].prefix(16) == ArraySlice(CodePage.cp1047.ebcdic("[brackets] and ¢")))
    }

    @Test func longCardsStopAt80Columns() {
        let punch = CardPunch(output: MemoryOutput())
        let bench = ChannelBench(punch, at: 0x00D)
        let end = bench.run(0x01, data: [UInt8](repeating: 0xC1, count: 90), flags: 0)
        #expect(end.channelStatus == 0x40 && end.count == 10)
    }

    @Test func stackerCodesAndRejects() {
        let p2540 = CardPunch(type: 0x2540, output: MemoryOutput())
        #expect(direct(p2540, 0xC1, [0x40]).status.contains(.unitCheck))
        #expect(direct(p2540, 0x04, count: 1).data == [0x80])
        #expect(direct(p2540, 0x04, count: 1).data == [0x00])
        #expect(direct(p2540, 0x03).status == .done)
        let p3525 = CardPunch(type: 0x3525, output: MemoryOutput())
        #expect(direct(p3525, 0x81, [0x40]).status.contains(.unitCheck), "a 3525 has two stackers")
        #expect(direct(p3525, 0x02, count: 80).status.contains(.unitCheck), "no read feature")
    }

    @Test func outputFailure() {
        let out = MemoryOutput()
        out.failure = "no space"
        let punch = CardPunch(output: out)
        #expect(direct(punch, 0x01, [0x40]).status.contains(.unitCheck))
        #expect(direct(punch, 0x04, count: 1).data == [0x10])
    }
}
