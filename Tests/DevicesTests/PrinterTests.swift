import Channel
import Devices
import Media
import Testing

/// 1403 and 3211 printers: carriage control, channel skips, overflow, UCS
/// and FCB loads, and the text file they write.
@Suite("Line printers")
struct PrinterTests {
    static func printer(_ type: UInt16 = 0x1403, crlf: Bool = false, fcb: FormsControlBuffer = .standard,
                        codePage: CodePage = .cp037) -> (Printer, MemoryOutput) {
        let out = MemoryOutput()
        return (Printer(type: type, output: out, codePage: codePage, fcb: fcb, crlf: crlf), out)
    }

    static func ebcdic(_ text: String) -> [UInt8] { CodePage.cp037.ebcdic(text) }

    @Test func writeAndSpace() {
        let (p, out) = Self.printer()
        #expect(direct(p, 0x09, Self.ebcdic("ONE   ")).status == .done)
        direct(p, 0x11, Self.ebcdic("TWO"))
        direct(p, 0x19, Self.ebcdic("THREE"))
        direct(p, 0x01, Self.ebcdic("OVER"))
        direct(p, 0x09, Self.ebcdic("____"))
        #expect(out.text == "ONE\nTWO\n\nTHREE\n\n\nOVER\r____\n")
    }

    @Test func crlfLikeHercules() {
        let (p, out) = Self.printer(crlf: true)
        direct(p, 0x19, Self.ebcdic("CMS191"))
        direct(p, 0x09, Self.ebcdic("END OF DUMP"))
        direct(p, 0x8B)
        direct(p, 0x09, Self.ebcdic("PAGE 2"))
        // The layout of Hercules' printer file for DDR (../shared/guests/standalone/ddr/expected/prt00e.txt).
        #expect(out.text == "CMS191\r\n\n\nEND OF DUMP\r\n\u{0C}PAGE 2\r\n")
    }

    @Test func spaceImmediate() {
        let (p, out) = Self.printer()
        direct(p, 0x0B)
        direct(p, 0x13)
        direct(p, 0x1B)
        direct(p, 0x09, Self.ebcdic("X"))
        #expect(out.text == "\n\n\n\n\n\nX\n")
    }

    @Test func skipsToChannels() {
        let (p, out) = Self.printer()
        // At line 1 with nothing printed, skip to channel 1 stays put.
        direct(p, 0x8B)
        #expect(out.text.isEmpty)
        // Write and skip to channel 2 (line 7): six line feeds.
        direct(p, 0x91, Self.ebcdic("HEAD"))
        #expect(out.text == "HEAD\n\n\n\n\n\n")
        // Skip to channel 1 from line 7: a new page.
        direct(p, 0x8B)
        direct(p, 0x89, Self.ebcdic("TITLE"))
        #expect(out.text == "HEAD\n\n\n\n\n\n\u{0C}TITLE\r\u{0C}")
        // Skip immediate to channel 3 (line 13) from line 1.
        direct(p, 0x9B)
        #expect(out.text.hasSuffix("\u{0C}" + String(repeating: "\n", count: 12)))
    }

    @Test func spaceAndSkipImmediateEndAtOnceWithDeviceEndLater() {
        let (p, _) = Self.printer()
        for code: UInt8 in [0x0B, 0x8B] {
            let result = direct(p, code)
            #expect(result.status == .done && result.duration == 0 && result.deviceEndAfter == Printer.printTime,
                    "X'\(String(code, radix: 16))': channel end now, device end after the motion")
        }
        let write = direct(p, 0x09, Self.ebcdic("LINE"))
        #expect(write.deviceEndAfter == nil && write.duration == Printer.printTime, "a write is no immediate operation")
    }

    @Test func everyChannelCommandDecodes() {
        let (p, _) = Self.printer()
        for channel in 1...12 {
            let write = UInt8(0x81 + 8 * channel)
            let immediate = UInt8(0x83 + 8 * channel)
            #expect(direct(p, write, Self.ebcdic("L")).status.contains(.unitCheck) == false)
            #expect(direct(p, immediate).status.contains(.unitCheck) == false)
        }
        #expect(direct(p, 0xE9).status.contains(.unitCheck), "channel 13 does not exist")
        #expect(direct(p, 0x21).status.contains(.unitCheck))
    }

    @Test func channel12OverflowOnSpacingOnly() {
        let (p, _) = Self.printer()
        // From line 1 to line 60 by spacing: no overflow yet.
        for _ in 0..<59 { #expect(direct(p, 0x0B).status == .done) }
        let overflow = direct(p, 0x09, Self.ebcdic("LINE 60"))
        #expect(overflow.withDeviceEnd == .unitException && overflow.deviceEndAfter != nil,
                "spacing onto line 61 (channel 12): unit exception with the late device end")
        #expect(overflow.status == .done)
        #expect(direct(p, 0x0B).status == .done)
        // Channel 9 at line 63: a sense bit on the 1403, no unit exception.
        #expect(direct(p, 0x0B).status == .done)
        #expect(direct(p, 0x04, count: 1).data == [0x01])
        #expect(direct(p, 0x04, count: 1).data == [0x00], "sense clears it")
        // Skipping past channel 12 is no overflow.
        direct(p, 0x8B)
        #expect(direct(p, 0xE3).status == .done)
    }

    @Test func the3211OverflowsOnChannel9Too() {
        let (p, _) = Self.printer(0x3211)
        for _ in 0..<60 { direct(p, 0x0B) }
        direct(p, 0x0B)
        let at63 = direct(p, 0x0B)
        #expect(at63.withDeviceEnd.contains(.unitException))
        #expect(direct(p, 0x04, count: 1).data == [0x01])
    }

    @Test func overflowEndsCommandChaining() {
        let (p, out) = Self.printer(fcb: FormsControlBuffer(linesPerPage: 10, channels: [1: [1], 12: [2]]))
        let bench = ChannelBench(p)
        bench.store(0x2000, Self.ebcdic("A"))
        let end = bench.run([TestCCW(command: 0x09, address: 0x2000, flags: TestCCW.chainCommand, count: 1),
                             TestCCW(command: 0x09, address: 0x2000, count: 1)])
        #expect(end.unitStatus == 0x0D, "CE DE UX after the first line")
        #expect(end.csw >> 32 & 0xFF_FFFF == 0x1008)
        #expect(out.text == "A\n")
    }

    @Test func skipToAnUnpunchedChannelIsAnEquipmentCheck() {
        let (p, _) = Self.printer(fcb: FormsControlBuffer(linesPerPage: 20, channels: [1: [1]]))
        #expect(direct(p, 0xA3).status.contains(.unitCheck))
        #expect(direct(p, 0x04, count: 1).data == [0x10])
    }

    @Test func ucsLoadAfterGateLoadLikeHerculesTest() {
        // The channel program of Hercules' 1403.tst: gate load chained to load UCS buffer.
        let (p, _) = Self.printer()
        let bench = ChannelBench(p)
        let end = bench.run([TestCCW(command: 0xEB, address: 0, flags: 0x60, count: 1),
                             TestCCW(command: 0xFB, address: 0, flags: 0x20, count: 0xF0)])
        #expect(end.statusWord == 0x0C00_0000)
    }

    @Test func ucsLoadWithoutGateLoadIsRejectedOnA1403() {
        let (p, _) = Self.printer()
        let bench = ChannelBench(p)
        #expect(bench.run(0xFB, data: [UInt8](repeating: 0, count: 240)).unitStatus & 0x02 != 0)
        #expect(bench.sense() == 0x80)
        let (q, _) = Self.printer(0x3211)
        #expect(ChannelBench(q).run(0xFB, data: [UInt8](repeating: 0, count: 240)).statusWord == 0x0C00_0000)
    }

    @Test func foldedUCSPrintsUpperCase() {
        let (p, out) = Self.printer()
        direct(p, 0xEB, [0])
        direct(p, 0xF3, [UInt8](repeating: 0, count: 240), chained: true)
        direct(p, 0x09, Self.ebcdic("Mixed Case"))
        direct(p, 0xEB, [0])
        direct(p, 0xFB, [UInt8](repeating: 0, count: 240), chained: true)
        direct(p, 0x09, Self.ebcdic("Mixed Case"))
        #expect(out.text == "MIXED CASE\nMixed Case\n")
    }

    @Test func loadFCBOnA3211() {
        let (p, out) = Self.printer(0x3211)
        // Six lines: channel 1 at line 1, channel 12 at line 5, end mark on line 6.
        let image: [UInt8] = [0x01, 0x00, 0x00, 0x00, 0x0C, 0x10]
        #expect(direct(p, 0x63, image).status == .done)
        for _ in 0..<3 { #expect(direct(p, 0x0B).status == .done) }
        #expect(direct(p, 0x0B).withDeviceEnd.contains(.unitException))
        direct(p, 0x89, Self.ebcdic("X"))
        #expect(out.text == "\n\n\n\nX\r\u{0C}")
        // No end mark: load check.
        #expect(direct(p, 0x63, [0x01, 0x00]).status.contains(.unitCheck))
        #expect(direct(p, 0x04, count: 1).data == [0x02])
        // A 1403 has a carriage tape, not a buffer.
        let (q, _) = Self.printer()
        #expect(direct(q, 0x63, image).status.contains(.unitCheck))
    }

    @Test func fcbImageWithIndex() {
        let loaded = FormsControlBuffer.load3211Image([0x85, 0x01, 0x00, 0x1C])
        #expect(loaded?.index == 5)
        #expect(loaded?.fcb.linesPerPage == 3)
        #expect(loaded?.fcb.has(channel: 12, at: 3) == true)
        #expect(FormsControlBuffer.load3211Image([0x0D, 0x10]) == nil, "channel 13")
    }

    @Test func longLinesAndDataChaining() {
        let (p, out) = Self.printer()
        let bench = ChannelBench(p)
        let long = [UInt8](repeating: Self.ebcdic("A")[0], count: 140)
        let end = bench.run(0x09, data: long, flags: 0)
        #expect(end.channelStatus == 0x40, "incorrect length: the line holds 132")
        #expect(end.count == 8)
        bench.store(0x2000, Self.ebcdic("HELLO "))
        bench.store(0x2100, Self.ebcdic("WORLD"))
        bench.run([TestCCW(command: 0x09, address: 0x2000, flags: TestCCW.chainData, count: 6),
                   TestCCW(command: 0x00, address: 0x2100, count: 5)])
        #expect(out.text.hasSuffix("\nHELLO WORLD\n"))
    }

    @Test func codePagesAndUnprintables() {
        let (p, out) = Self.printer(codePage: .cp1047)
        direct(p, 0x09, [0xAD, 0xBD, 0x00, 0x05, 0xC1, 0x4A])
        #expect(out.text == "[]  A¢\n")
    }

    @Test func commandRejectAndSense() {
        let (p, _) = Self.printer()
        #expect(direct(p, 0x02, count: 10).status.contains(.unitCheck), "a printer cannot read")
        #expect(direct(p, 0x04, count: 1).data == [0x80])
        #expect(direct(p, 0x03).status == .done)
        #expect(direct(p, 0x04, count: 1).data == [0x00])
    }

    @Test func outputFailureIsAnEquipmentCheck() {
        let (p, out) = Self.printer()
        out.failure = "disk full"
        #expect(direct(p, 0x09, Self.ebcdic("X")).status.contains(.unitCheck))
        #expect(direct(p, 0x04, count: 1).data == [0x10])
    }

    @Test func configuredForms() throws {
        let f = try FormsControlBuffer.configured(options: ["lpp": "60", "ch12": "55", "ch9": "50,52"])
        #expect(f.linesPerPage == 60)
        #expect(f.has(channel: 12, at: 55) && !f.has(channel: 12, at: 61))
        #expect(f.has(channel: 9, at: 50) && f.has(channel: 9, at: 52))
        #expect(f.has(channel: 1, at: 1) && f.has(channel: 2, at: 7))
        #expect(throws: DeviceConfigurationError.self) { try FormsControlBuffer.configured(options: ["lpp": "1"]) }
        #expect(throws: DeviceConfigurationError.self) { try FormsControlBuffer.configured(options: ["ch13": "5"]) }
        #expect(throws: DeviceConfigurationError.self) { try FormsControlBuffer.configured(options: ["ch1": "99"]) }
    }
}
