import Channel
import Foundation
import Devices
import Media
import Testing

/// Every 3420 command, with the status it ends with and the sense bytes
/// that follow.
@Suite("3420 tape commands")
struct Tape3420CommandTests {
    static let a: [UInt8] = Array(repeating: 0xC1, count: 80)
    static let b: [UInt8] = (0..<200).map { UInt8($0) }
    static let c: [UInt8] = [0xF1, 0xF2, 0xF3]
    /// File 1: a, b; file 2: c; then two tape marks.
    static let reel: [[UInt8]?] = [a, b, nil, c, nil, nil]

    // Sense byte values from the 3420 reference manual.
    static let commandReject: UInt8 = 0x80, interventionRequired: UInt8 = 0x40
    static let equipmentCheck: UInt8 = 0x10, dataCheck: UInt8 = 0x08
    static let ready: UInt8 = 0x40, notReady: UInt8 = 0x20, loadPoint: UInt8 = 0x08
    static let writeStatus: UInt8 = 0x04, fileProtected: UInt8 = 0x02

    @Test func readsBlocksAndStopsAtTapeMarks() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        var r = drive.run(0x02, count: 80)
        #expect(r.status == .done && r.data == Self.a && r.duration > 0)
        r = drive.run(0x02, count: 80)
        #expect(r.status == .done && r.data == Self.b, "a longer block: the channel decides about incorrect length")
        r = drive.run(0x02, count: 80)
        #expect(r.status == .exception && r.data.isEmpty, "tape mark: unit exception")
        #expect(drive.run(0x02, count: 80).data == Self.c)
        #expect(drive.run(0x02, count: 80).status == .exception)
        #expect(drive.run(0x02, count: 80).status == .exception)
    }

    @Test func readingPastTheEndOfDataRunsOffTheReel() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, [Self.c])
        drive.run(0x02, count: 3)
        #expect(drive.run(0x02, count: 3).status == .check)
        let sense = drive.senseBytes()
        #expect(sense.count == 24)
        #expect(sense[0] == Self.equipmentCheck)
        #expect(sense[7] == 0x60, "tape out of both columns")
        #expect(drive.medium?.position == 1, "the tape stays where it was")
        // A blank tape is all "end of data".
        let blank = try driveWithReel(scratch, [], file: "blank.aws")
        #expect(blank.run(0x02, count: 80).status == .check)
        #expect(blank.senseBytes()[0] == Self.equipmentCheck)
    }

    @Test func readBackwardGivesTheBytesLastFirst() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        drive.run(0x3F)                                // forward space file: after the first tape mark
        var r = drive.run(0x0C, count: 200)
        #expect(r.status == .exception, "backward over the tape mark")
        r = drive.run(0x0C, count: 200)
        #expect(r.status == .done && r.data == Array(Self.b.reversed()))
        #expect(drive.senseBytes()[3] & 0x02 != 0, "sense: backward")
        r = drive.run(0x0C, count: 80)
        #expect(r.data == Self.a)
        r = drive.run(0x0C, count: 80)
        #expect(r.status == .check, "at the load point")
        let sense = drive.senseBytes()
        #expect(sense[0] == 0 && sense[1] & Self.loadPoint != 0)
    }

    @Test func spacing() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        #expect(drive.run(0x37).status == .done)           // forward space block: over a
        #expect(drive.run(0x37).status == .done)           // over b
        #expect(drive.run(0x37).status == .exception)      // the tape mark
        #expect(drive.run(0x27).status == .exception)      // backspace block: back over it
        #expect(drive.run(0x27).status == .done)           // back over b
        #expect(drive.medium?.position == 1)
        #expect(drive.run(0x3F).status == .done)           // forward space file: past the mark
        #expect(drive.medium?.position == 3)
        #expect(drive.run(0x3F).status == .done)
        #expect(drive.run(0x3F).status == .done)           // past the last mark
        #expect(drive.run(0x3F).status == .check, "nothing more: off the reel")
        #expect(drive.senseBytes()[0] == Self.equipmentCheck)
        #expect(drive.run(0x37).status == .check)
        #expect(drive.run(0x2F).status == .done)           // backspace file: before the last mark
        #expect(drive.medium?.position == 5)
        #expect(drive.run(0x2F).status == .done)
        #expect(drive.run(0x2F).status == .done)
        #expect(drive.medium?.position == 2, "before the first tape mark")
        #expect(drive.run(0x2F).status == .check, "no tape mark before: the load point")
        #expect(drive.medium?.isAtLoadPoint == true)
        #expect(drive.run(0x27).status == .check)
        let sense = drive.senseBytes()
        #expect(sense[0] == 0 && sense[1] == Self.ready | Self.loadPoint)
    }

    @Test func writesTapeMarksAndErases() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        drive.run(0x37)
        #expect(drive.run(0x01, data: Self.c).status == .done)
        #expect(drive.senseBytes()[1] & Self.writeStatus != 0)
        #expect(drive.run(0x1F).status == .done)
        #expect(drive.run(0x1F).status == .done)
        #expect(drive.medium?.entryCount == 4, "writing after block 1 discarded the rest")
        drive.run(0x07)
        var read: [[UInt8]] = []
        for _ in 0..<4 { read.append(drive.run(0x02, count: 300).data) }
        #expect(read == [Self.a, Self.c, [], []])
        drive.run(0x07)
        drive.run(0x37)
        #expect(drive.run(0x17).status == .done, "erase gap")
        #expect(drive.medium?.entryCount == 1)
    }

    @Test func fileProtectedReelRefusesWriting() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel, readOnly: true)
        for code: UInt8 in [0x01, 0x1F, 0x17] {
            #expect(drive.run(code, data: code == 0x01 ? Self.c : []).status == .check)
            let sense = drive.senseBytes()
            #expect(sense[0] == Self.commandReject, "command \(code)")
            #expect(sense[1] == Self.ready | Self.loadPoint | Self.fileProtected)
        }
        #expect(drive.medium?.entryCount == 6)
    }

    @Test func dataSecurityEraseOnlyAfterEraseGap() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        drive.run(0x37)
        #expect(drive.run(0x97).status == .check)
        #expect(drive.senseBytes()[0] == Self.commandReject)
        #expect(drive.medium?.entryCount == 6)
        drive.run(0x17)
        let r = drive.run(0x97, chained: true)
        #expect(r.status == .done && r.duration > 1_000)
        #expect(drive.medium?.entryCount == 1)
    }

    @Test func endOfTapeMarkerGivesUnitExceptionOnWrites() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, [], capacity: TapeCapacity(length: 2_000, warningMargin: 1_000))
        let block = [UInt8](repeating: 0x40, count: 600)
        #expect(drive.run(0x01, data: block).status == .done)
        #expect(drive.senseBytes()[4] & 0x20 == 0)
        #expect(drive.run(0x01, data: block).status == .exception, "past the marker at 1,000")
        #expect(drive.senseBytes()[4] & 0x20 != 0, "tape indicate")
        #expect(drive.run(0x1F).status == .exception)
        #expect(drive.run(0x01, data: block + block).status == .check, "beyond the physical end")
        let sense = drive.senseBytes()
        #expect(sense[0] == Self.equipmentCheck && sense[7] == 0x60)
        #expect(drive.medium?.entryCount == 3)
    }

    @Test func rewindAndRewindUnload() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        #expect(drive.run(0x07).deviceEndAfter == nil, "at the load point already: done at once")
        drive.run(0x3F)
        let rewind = drive.run(0x07)
        #expect(rewind.status == .done && rewind.deviceEndAfter != nil, "channel end now, device end later")
        #expect(drive.medium?.isAtLoadPoint == true)
        drive.run(0x37)
        let unload = drive.run(0x0F)
        #expect(unload.status == .done && unload.deviceEndAfter != nil)
        #expect(!drive.isReady)
        for code: UInt8 in [0x02, 0x01, 0x03, 0x07, 0x0F, 0x37, 0x1F] {
            #expect(drive.run(code, data: [1]).status == .check, "command \(code) on a drive that is not ready")
            let sense = drive.senseBytes()
            #expect(sense[0] == Self.interventionRequired && sense[1] == Self.notReady)
        }
        #expect(drive.senseBytes()[0] == Self.interventionRequired, "sense itself works, and shows the drive not ready")
        #expect(drive.run(0xC3).status == .done, "mode set does not need a reel")
        drive.mount(try TapeMedium(path: scratch.path("reel.aws")))
        #expect(drive.run(0x02, count: 80).data == Self.a, "mounted again: at the load point")
    }

    @Test func modeSetsAndDiagnosticsAreAccepted() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        for code: UInt8 in [0xC3, 0xCB, 0xD3, 0xDB, 0x13, 0x23, 0x2B, 0x33, 0x3B, 0x53, 0x63, 0x6B, 0x73, 0x7B,
                            0x93, 0xA3, 0xAB, 0xB3, 0xBB, 0x03, 0x0B, 0x1B, 0x4B] {
            #expect(drive.run(code).status == .done, "command \(code)")
        }
        #expect(drive.run(0x8B, data: Self.c).status == .done, "loop write to read moves no tape")
        #expect(drive.medium?.isAtLoadPoint == true && drive.medium?.entryCount == 6)
        drive.run(0xCB)
        #expect(drive.senseBytes()[3] & 0x04 == 0, "800 bpi")
        drive.run(0xC3)
        #expect(drive.senseBytes()[3] & 0x04 != 0, "1600 bpi")
    }

    @Test func unknownCommandsAreRejected() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        for code: UInt8 in [0xE4, 0xF4, 0xD4, 0x05, 0x06, 0x0A, 0x22, 0x34, 0x43, 0xFF] {
            #expect(drive.run(code, count: 8).status == .check, "command \(code)")
            #expect(drive.senseBytes()[0] == Self.commandReject, "command \(code)")
        }
    }

    @Test func senseBytesOfA3420AndA2400() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        var sense = drive.senseBytes()
        #expect(sense.count == 24)
        #expect(sense[0] == 0 && sense[1] == Self.ready | Self.loadPoint)
        #expect(sense[5] == 0xC0 && sense[6] == 0x03)
        drive.run(0x37)
        sense = drive.senseBytes()
        #expect(sense[1] == Self.ready, "off the load point")
        // Sense clears the error that came before it, but not the drive's condition.
        drive.run(0xE4)
        #expect(drive.senseBytes()[0] == Self.commandReject)
        #expect(drive.senseBytes()[0] == 0)
        // Another command also clears it (the program did not ask).
        drive.run(0xE4)
        drive.run(0x03)
        #expect(drive.senseBytes()[0] == 0)

        let old = try driveWithReel(scratch, Self.reel, type: 0x2400, file: "2400.aws")
        #expect(old.deviceType == 0x2400)
        sense = old.senseBytes()
        #expect(sense.count == 6)
        #expect(sense[1] == Self.ready | Self.loadPoint)
    }

    @Test func resetKeepsThePosition() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel)
        drive.run(0x37)
        drive.run(0xE4)
        drive.reset()
        #expect(drive.medium?.position == 1)
        #expect(drive.senseBytes()[0] == 0)
        #expect(drive.run(0x02, count: 200).data == Self.b)
    }

    @Test func corruptBlockIsADataCheck() throws {
        let scratch = TapeScratch()
        let good = Compression.deflate([UInt8](repeating: 0xC1, count: 500))
        var bad = good
        bad[4] ^= 0x5A
        var bytes = TapeChunkHeader(length: bad.count, previousLength: 0, flags: TapeChunkFlags(rawValue: 0xA1)).bytes + bad
        bytes += TapeChunkHeader(length: 1, previousLength: bad.count, flags: [.beginsBlock, .endsBlock]).bytes + [9]
        let path = scratch.path("bad.het")
        let file = try TapeMedium(path: path, create: true)
        try file.close()
        try writeRaw(bytes, to: path)
        let drive = Tape3420()
        drive.mount(try TapeMedium(path: path, readOnly: true))
        #expect(drive.run(0x02, count: 500).status == .check)
        #expect(drive.senseBytes()[0] == Self.dataCheck)
        #expect(drive.run(0x02, count: 500).data == [9], "the tape moved past the bad block")
    }

    @Test func statusLineForTheOperator() throws {
        let scratch = TapeScratch()
        let drive = try driveWithReel(scratch, Self.reel, readOnly: true)
        #expect(drive.status.hasSuffix("reel.aws file 1 block 0 of 6 at load point ro"))
        drive.run(0x3F)
        #expect(drive.status.hasSuffix("reel.aws file 2 block 3 of 6 ro"))
        drive.run(0x0F)
        #expect(drive.status.hasPrefix("not ready (unloaded "))
        #expect(Tape3420().status == "not ready (no tape)")
    }
}

func writeRaw(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
