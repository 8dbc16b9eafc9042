import Channel
import Devices
import Media
import Terminal
import Testing

/// The 3286 prints its 3270 buffer when the WCC says so.
@Suite("3270 printer")
struct Printer3286Tests {
    static func ebcdic(_ text: String) -> [UInt8] { CodePage.cp037.ebcdic(text) }

    @Test func printsOnStartPrinter() {
        let out = MemoryOutput()
        let bench = ChannelBench(Printer3286(output: out), at: 0x0C2)
        bench.run(0x05, data: [0x00] + Self.ebcdic("NOT YET"))
        #expect(out.bytes.isEmpty)
        // 80-character lines, start printer.
        bench.run(0x05, data: [0x38] + Self.ebcdic("LINE 1") + [0x11] + BufferAddress.encode(80) + Self.ebcdic("LINE 2"))
        #expect(out.text == "LINE 1\nLINE 2\n")
        // Lines ended by NL and EM.
        bench.run(0x05, data: [0x08] + Self.ebcdic("A") + [0x15] + Self.ebcdic("B") + [0x19] + Self.ebcdic("C"))
        #expect(out.text == "LINE 1\nLINE 2\nA\nB\n")
    }

    @Test func printFailureIsAnEquipmentCheck() {
        let out = MemoryOutput()
        out.failure = "gone"
        let bench = ChannelBench(Printer3286(output: out), at: 0x0C2)
        #expect(bench.run(0x05, data: [0x38] + Self.ebcdic("X")).unitStatus & 0x02 != 0)
        #expect(bench.sense() == 0x10)
    }
}
