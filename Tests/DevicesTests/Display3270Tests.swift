import Channel
import Devices
import Media
import Terminal
import Testing

/// 3270 displays on a local channel: CCWs, attention and the screen model.
@Suite("3270 displays")
struct Display3270Tests {
    static func ebcdic(_ text: String) -> [UInt8] { CodePage.cp037.ebcdic(text) }

    static func display(_ type: UInt16 = 0x3278, model: DisplayModel = .model2) -> (Display3270, RecordingDisplay, ChannelBench) {
        let endpoint = RecordingDisplay()
        let d = Display3270(type: type, model: model, endpoint: endpoint)
        return (d, endpoint, ChannelBench(d, at: 0x0C1))
    }

    @Test func writeShowsOnTheScreen() {
        let (d, endpoint, bench) = Self.display()
        let end = bench.run(0x05, data: [0xC7, 0x11, 0x4B, 0xF0, 0x1D, 0xF8] + Self.ebcdic("HELLO"), flags: 0)
        #expect(end.statusWord == 0x0C00_0000)
        #expect(d.lines[9].hasPrefix(String(repeating: " ", count: 33) + "HELLO"))
        #expect(endpoint.screen == d.screen && endpoint.updateCount == 1 && endpoint.alarmCount == 1)
    }

    @Test func eraseWriteAlternateOnAModel4() {
        let (d, _, bench) = Self.display(model: .model4)
        bench.run(0x0D, data: [0xC3, 0x11, 0x00, 0x00] + Self.ebcdic("TOP"))
        #expect(d.screen.size == ScreenSize(rows: 43, columns: 80))
        bench.run(0x05, data: [0xC3])
        #expect(d.screen.size == .standard)
    }

    @Test func badDataStreamIsAnOperationCheck() {
        let (d, endpoint, bench) = Self.display()
        let end = bench.run(0x05, data: [0xC3] + Self.ebcdic("KEPT") + [0x11, 0x7F, 0x7F])
        #expect(end.unitStatus == 0x0E, "CE DE UC")
        #expect(bench.sense() == 0x01)
        #expect(d.lines[0].hasPrefix("KEPT"))
        #expect(endpoint.screen?.cells[0].character == Self.ebcdic("K")[0], "the partial screen is shown")
    }

    @Test func enterRaisesAttentionAndTheProgramReadsModified() {
        let (d, _, bench) = Self.display()
        bench.run(0x05, data: [0xC3, 0x1D, 0x60] + Self.ebcdic("CMD:") + [0x1D, 0x40, 0x13])
        #expect(d.type("hi") == 2)
        #expect(d.press(.enter))
        #expect(bench.pendingStatus() == 0x80, "attention")
        let end = bench.run(0x06, count: 100, dataAddress: 0x4000)
        #expect(end.count == 100 - 8)
        let expected: [UInt8] = [0x7D] + BufferAddress.encode(8) + [0x11] + BufferAddress.encode(6) + Self.ebcdic("hi")
        #expect(bench.bytes(0x4000, expected.count) == expected)
        // Locked until the program restores the keyboard.
        #expect(!d.press(.pf(3)!))
        #expect(bench.pendingStatus() == nil)
        bench.run(0x01, data: [0xC2])
        #expect(d.press(.pf(3)!))
        #expect(bench.pendingStatus() == 0x80)
    }

    @Test func clearAndPAKeysMakeShortReads() {
        let (d, _, bench) = Self.display()
        bench.run(0x05, data: [0xC3] + Self.ebcdic("SOMETHING"))
        d.press(.clear)
        _ = bench.pendingStatus()
        bench.run(0x06, count: 50, dataAddress: 0x4000)
        #expect(bench.bytes(0x4000, 1) == [0x6D])
        #expect(d.screen.cells.allSatisfy { $0 == .null })
        bench.run(0x0E, count: 50, dataAddress: 0x4000)
        #expect(bench.bytes(0x4000, 3) == [0x6D, 0x40, 0x40], "read modified all is never short")
    }

    @Test func readPartitionQueryIsAnsweredAfterAttention() {
        let (_, _, bench) = Self.display(model: .model5)
        let end = bench.run(0x11, data: [0x00, 0x05, 0x01, 0xFF, 0x02], flags: 0)
        #expect(end.statusWord == 0x0C00_0000)
        #expect(bench.pendingStatus() == 0x80)
        let read = bench.run(0x06, count: 512, dataAddress: 0x4000)
        let length = 512 - Int(read.count)
        let reply = bench.bytes(0x4000, length)
        #expect(reply.first == 0x88)
        #expect(Array(reply[1...4]) == [0x00, 0x0A, 0x81, 0x80], "the summary comes first")
        // The next read is the screen again.
        bench.run(0x06, count: 512, dataAddress: 0x4000)
        #expect(bench.bytes(0x4000, 3) == [0x60, 0x40, 0x40])
    }

    @Test func queryChainedStraightToARead() {
        let (_, _, bench) = Self.display()
        bench.store(0x2000, [0x00, 0x05, 0x01, 0xFF, 0x02])
        let end = bench.run([TestCCW(command: 0x11, address: 0x2000, flags: TestCCW.chainCommand, count: 5),
                             TestCCW(command: 0x06, address: 0x4000, flags: TestCCW.suppressLength, count: 256)])
        #expect(end.unitStatus == 0x0C)
        #expect(bench.bytes(0x4000, 1) == [0x88])
    }

    @Test func senseIDAndOtherCommands() {
        let (_, _, bench) = Self.display(model: .model3)
        bench.run(0xE4, count: 7, dataAddress: 0x4000)
        #expect(bench.bytes(0x4000, 7) == [0xFF, 0x32, 0x74, 0x1D, 0x32, 0x78, 0x03])
        #expect(bench.run(0x03).statusWord == 0x0C00_0000)
        #expect(bench.run(0x0B).statusWord == 0x0C00_0000)
        #expect(bench.run(0x07).unitStatus & 0x02 != 0)
        #expect(bench.sense() == 0x80)
    }

    @Test func eraseAllUnprotectedAndReadBuffer() {
        let (d, _, bench) = Self.display()
        bench.run(0x05, data: [0xC3, 0x1D, 0x60] + Self.ebcdic("P") + [0x1D, 0x40] + Self.ebcdic("U"))
        bench.run(0x0F, count: 1)
        #expect(d.screen.cells[3].character == 0 && d.screen.cells[1].character == Self.ebcdic("P")[0])
        bench.run(0x02, count: 1924, dataAddress: 0x4000)
        #expect(bench.bytes(0x4000, 7) == [0x60, 0x40, 0xC3, 0x1D, 0x60, 0xD7, 0x1D])
    }

    @Test func a3277HasTheBasicDataStreamOnly() {
        let (d, _, bench) = Self.display(0x3277, model: .model4)
        #expect(d.model == .model2)
        #expect(bench.run(0x11, data: [0x00, 0x05, 0x01, 0xFF, 0x02]).unitStatus & 0x02 != 0)
        #expect(bench.sense() == 0x80, "no WSF: command reject")
        #expect(bench.run(0x01, data: [0xC3, 0x29, 0x01, 0xC0, 0x60]).unitStatus & 0x02 != 0)
        #expect(bench.sense() == 0x01, "SFE: operation check")
    }

    @Test func operatorEditing() {
        let (d, endpoint, bench) = Self.display()
        bench.run(0x05, data: [0xC3, 0x1D, 0x40, 0x11, 0x40, 0x50, 0x1D, 0x40])
        let before = endpoint.updateCount
        d.operate { $0.tab() }
        #expect(d.screen.cursor == 1)
        d.operate { $0.tab() }
        #expect(d.screen.cursor == 17)
        #expect(endpoint.updateCount == before + 2)
    }
}
