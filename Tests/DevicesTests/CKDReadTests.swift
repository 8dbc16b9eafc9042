import Channel
import Devices
import Media
import Testing

typealias CCW = MiniChannel.CCW

/// Seeks, searches and reads on a CKD drive, with their error endings.
@Suite("CKD DASD: positioning, searches and reads")
struct CKDReadTests {
    @Test func searchIDEqualLoopThenReadData() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 0), .output(0x31, MiniChannel.id(1, 0, 2)), .tic(1), .input(0x06, count: 200)])
        #expect(end.status == .done && !end.incorrectLength)
        #expect(end.input[3] == [UInt8](repeating: 0x42, count: 200))
    }

    @Test func searchForAMissingRecordEndsWithNoRecordFound() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 0), .output(0x31, MiniChannel.id(1, 0, 9)), .tic(1), .input(0x06, count: 100)])
        #expect(end.status == [.channelEnd, .deviceEnd, .unitCheck])
        let sense = ch.sense()
        #expect(sense.count == 24)
        #expect(sense[0] == 0 && sense[1] == 0x08, "no record found")
        #expect(sense[5] == 1, "the sense names cylinder 1")
    }

    @Test func searchIDHighAndHighOrEqual() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        // Search ID High for record 1: R0 and R1 are not higher, R2 is.
        var end = ch.run([MiniChannel.seek(1, 0), .output(0x51, MiniChannel.id(1, 0, 1)), .tic(1), .input(0x12, count: 8)])
        #expect(end.status == .done)
        #expect(end.input[3] == MiniChannel.count(1, 0, 3, key: 4, data: 300), "the count after R2's")
        end = ch.run([MiniChannel.seek(1, 0), .output(0x71, MiniChannel.id(1, 0, 2)), .tic(1), .input(0x0E, count: 204)])
        #expect(end.input[3] == [2, 2, 2, 2] + [UInt8](repeating: 0x42, count: 200))
    }

    @Test func searchKeyEqualFindsTheKeyedRecord() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 0), .output(0x29, [3, 3, 3, 3]), .tic(1), .input(0x06, count: 300)])
        #expect(end.status == .done)
        #expect(end.input[3] == [UInt8](repeating: 0x43, count: 300))
        // Search key high or equal for 2.2.2.1 stops at R2.
        let high = ch.run([MiniChannel.seek(1, 0), .output(0x69, [2, 2, 2, 1]), .tic(1), .input(0x06, count: 200)])
        #expect(high.input[3] == [UInt8](repeating: 0x42, count: 200))
    }

    @Test func readCountGoesRoundOnceThenNoRecordFound() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        var program = [MiniChannel.seek(1, 1)]
        program += [CCW](repeating: .input(0x12, count: 8), count: 5)
        let end = ch.run(program)
        // R1, R2, then past the index point R1, R2 again, then no record found.
        #expect(end.status.contains(.unitCheck) && end.last == 5)
        #expect(end.input[1] == MiniChannel.count(1, 1, 1, key: 0, data: 100))
        #expect(end.input[3] == MiniChannel.count(1, 1, 1, key: 0, data: 100))
        #expect(ch.sense()[1] == 0x08)
    }

    @Test func multitrackReadsCrossTracksAndStopAtTheEndOfTheCylinder() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        // From head 0: R1–R3, then head 1's R1 and R2 (multitrack), then 28 empty tracks, then end of cylinder.
        var program = [MiniChannel.seek(1, 0)]
        program += [CCW](repeating: .input(0x92, count: 8), count: 6)
        let end = ch.run(program)
        #expect(end.input[4] == MiniChannel.count(1, 1, 1, key: 0, data: 100))
        #expect(end.input[5] == MiniChannel.count(1, 1, 2, key: 0, data: 200))
        #expect(end.status.contains(.unitCheck) && end.last == 6)
        #expect(ch.sense()[1] == 0x20, "end of cylinder")
    }

    @Test func multitrackSearchIDMovesToTheNextTrack() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 0), .output(0xB1, MiniChannel.id(1, 1, 2)), .tic(1), .input(0x86, count: 200)])
        #expect(end.status == .done)
        #expect(end.input[3] == [UInt8](repeating: 0x42, count: 200))
    }

    @Test func readRecordZeroHomeAddressAndCKD() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 0), .input(0x1A, count: 5), .input(0x16, count: 16), .input(0x1E, count: 112),
                          .input(0x9A, count: 5), .input(0x96, count: 16)])
        #expect(end.status == .done)
        #expect(end.input[1] == [0, 0, 1, 0, 0])
        #expect(end.input[2] == MiniChannel.count(1, 0, 0, key: 0, data: 8) + [UInt8](repeating: 0, count: 8))
        #expect(end.input[3] == MiniChannel.count(1, 0, 1, key: 4, data: 100) + [1, 1, 1, 1] + [UInt8](repeating: 0x41, count: 100))
        #expect(end.input[4] == [0, 0, 1, 0, 1], "multitrack Read Home Address reads the next track's")
        #expect(end.input[5] == MiniChannel.count(1, 2, 0, key: 0, data: 8) + [UInt8](repeating: 0, count: 8),
                "multitrack Read R0 moves on a track first")
    }

    @Test func readMultipleCountKeyDataReadsTheRestOfTheTrack() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 1), .input(0x5E, count: 316)])
        #expect(end.status == .done && !end.incorrectLength)
        #expect(end.input[1]!.count == 8 + 100 + 8 + 200)
    }

    @Test func shortCountsGiveIncorrectLengthUnlessSuppressed() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        var end = ch.run([MiniChannel.seek(1, 0), .output(0x31, MiniChannel.id(1, 0, 1)), .tic(1), .input(0x06, count: 50)])
        #expect(end.incorrectLength)
        end = ch.run([MiniChannel.seek(1, 0), .output(0x31, MiniChannel.id(1, 0, 1)), .tic(1), .input(0x06, count: 50, sli: true)])
        #expect(!end.incorrectLength && end.input[3] == [UInt8](repeating: 0x41, count: 50))
    }

    @Test func emptyDataFieldReadsAsEndOfFile() throws {
        let (d, s) = try TestVolume.drive()
        try s.writeTrack(cylinder: 2, head: 0, NullTrackFormatImage.endOfFile(2, 0))
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(2, 0), .input(0x06, count: 80, sli: true)])
        #expect(end.status == [.channelEnd, .deviceEnd, .unitException])
    }

    @Test func readIPLReadsRecordOneOfTrackZero() throws {
        let (d, s) = try TestVolume.drive()
        try s.writeTrack(cylinder: 0, head: 0, TestVolume.track(0, 0, records: 2))
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 1), .input(0x02, count: 24, sli: true)])
        #expect(end.status == .done && end.input[1] == [UInt8](repeating: 0x41, count: 24))
        // Read IPL after Set File Mask is an invalid sequence.
        let bad = ch.run([.output(0x1F, [0xC0]), .input(0x02, count: 24)])
        #expect(bad.status.contains(.unitCheck) && ch.sense()[0] == 0x80)
    }

    @Test func seekErrors() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        #expect(ch.single(MiniChannel.seek(5, 0)).status.contains(.unitCheck), "cylinder 5 of 5")
        var sense = ch.sense()
        #expect(sense[0] == 0x80 && sense[7] == 0x04, "command reject, invalid parameter")
        #expect(ch.single(MiniChannel.seek(1, 30)).status.contains(.unitCheck))
        #expect(ch.single(.output(0x07, [0, 0, 0, 1], count: 4)).status.contains(.unitCheck))
        sense = ch.sense()
        #expect(sense[0] == 0x80 && sense[7] == 0x03, "count too small")
        #expect(ch.single(.output(0x07, [0, 1, 0, 1, 0, 0])).status.contains(.unitCheck), "bin must be zero")
        // Seek head keeps the cylinder; seek cylinder is a seek.
        #expect(ch.run([MiniChannel.seek(1, 0), .output(0x1B, [0, 0, 0, 0, 0, 1]), .input(0x12, count: 8)]).input[2]
                == MiniChannel.count(1, 1, 1, key: 0, data: 100))
        #expect(ch.run([.output(0x0B, [0, 0, 0, 1, 0, 1]), .input(0x12, count: 8)]).input[1] == MiniChannel.count(1, 1, 1, key: 0, data: 100))
        #expect(ch.run([.input(0x13, count: 1, sli: true), .input(0x1A, count: 5)]).input[1] == [0, 0, 0, 0, 0], "recalibrate")
    }

    @Test func invalidCommandsAreRejected() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        for code: UInt8 in [0x0F, 0x21, 0x47, 0x63, 0xFF, 0x0A] {
            let end = ch.single(CCW(code: code, data: code & 1 == 1 ? [0] : nil, count: 1))
            #expect(end.status.contains(.unitCheck), "X'\(String(code, radix: 16))'")
            let sense = ch.sense()
            #expect(sense[0] == 0x80 && sense[7] == 0x01, "command reject, invalid command")
        }
    }

    @Test func senseIDAndDeviceCharacteristicsWhereTheModelHasThem() throws {
        let (d3350, _) = try TestVolume.drive("3350")
        let (d2314, _) = try TestVolume.drive("2314")
        let (d3380, _) = try TestVolume.drive("3380")
        #expect(MiniChannel(device: d3350).single(.input(0xE4, count: 7)).input[0] == [0xFF, 0x38, 0x30, 0x02, 0x33, 0x50, 0x00])
        #expect(MiniChannel(device: d2314).single(.input(0xE4, count: 7)).status.contains(.unitCheck))
        #expect(MiniChannel(device: d3350).single(.input(0x64, count: 64)).status.contains(.unitCheck))
        let rdc = MiniChannel(device: d3380).single(.input(0x64, count: 64))
        #expect(rdc.status == .done && rdc.input[0]?.count == 64 && rdc.input[0]?[3] == 0x33 && rdc.input[0]?[4] == 0x80)
        #expect(Array(rdc.input[0]![12..<14]) == [0, 5], "the volume's 5 cylinders")
    }

    @Test func senseBytesFollowTheModel() throws {
        let (d2314, _) = try TestVolume.drive("2314", address: 0x231)
        let ch = MiniChannel(device: d2314)
        _ = ch.run([MiniChannel.seek(1, 19), .input(0x92, count: 8)])   // end of cylinder on the last head
        let sense = ch.sense()
        #expect(sense.count == 6, "the 2314 control unit has 6 sense bytes")
        #expect(sense[1] == 0x20 && sense[3] == 0x44, "end of cylinder, in byte 1 and byte 3")
        let (d3330, _) = try TestVolume.drive("3330", address: 0x152)
        let c = MiniChannel(device: d3330)
        _ = c.run([MiniChannel.seek(1, 18), .input(0x92, count: 8)])
        let s = c.sense()
        #expect(s.count == 24 && s[1] == 0x20)
        #expect(s[4] == 0x2A, "3330 drive C: bits 2-7 = 101 010")
        #expect(s[5] == 1 && s[6] == 18, "cylinder 1, head 18")
        #expect(c.sense() == [UInt8](repeating: 0, count: 4) + [0x2A, 1, 18] + [UInt8](repeating: 0, count: 17),
                "a second sense shows no error")
    }

    @Test func setSectorAndReadSectorNeedRotationalPositionSensing() throws {
        let (d3330, _) = try TestVolume.drive("3330")
        let (d2311, _) = try TestVolume.drive("2311")
        let ok = MiniChannel(device: d3330).run([MiniChannel.seek(1, 0), .output(0x23, [0x20]), .input(0x22, count: 1),
                                                 .output(0x31, MiniChannel.id(1, 0, 1)), .tic(3), .input(0x06, count: 100)])
        #expect(ok.status == .done)
        #expect(MiniChannel(device: d2311).run([MiniChannel.seek(1, 0), .output(0x23, [0x20])]).status.contains(.unitCheck))
    }

    @Test func the3880WantsAPositioningCommandFirst() throws {
        let (d, _) = try TestVolume.drive("3380")
        let ch = MiniChannel(device: d)
        #expect(ch.single(.input(0x12, count: 8)).status.contains(.unitCheck))
        #expect(ch.sense()[7] == 0x22, "format 2, invalid sequence")
        #expect(ch.run([MiniChannel.seek(1, 0), .input(0x12, count: 8)]).status == .done)
    }

    @Test func reserveAndReleaseReturnSense() throws {
        let (d, _) = try TestVolume.drive("3350")
        let ch = MiniChannel(device: d)
        #expect(ch.single(.input(0xB4, count: 24)).input[0]?.count == 24)
        #expect(ch.single(.input(0x94, count: 24)).status == .done)
    }

    @Test func damagedTracksGiveEquipmentCheck() throws {
        let store = FailingStore(TestVolume.store("3350"))
        let d = try CKDDasd(geometry: DASDGeometry.named("3350")!, store: store)
        let ch = MiniChannel(device: d)
        #expect(ch.single(MiniChannel.seek(3, 3)).status.contains(.unitCheck))
        #expect(ch.sense()[0] == 0x10)
        #expect(d.lastMediaError?.reason == "damaged track")
    }
}

/// Null-track images for tests.
enum NullTrackFormatImage {
    static func endOfFile(_ c: Int, _ h: Int) -> [UInt8] {
        TrackImage.build(cylinder: c, head: h, records: [
            TrackImage.Record(cylinder: UInt16(c), head: UInt16(h), record: 0, data: [UInt8](repeating: 0, count: 8)),
            TrackImage.Record(cylinder: UInt16(c), head: UInt16(h), record: 1, data: []),
        ])
    }
}

/// A store whose cylinder 3 cannot be read.
final class FailingStore: TrackStore {
    let inner: MemoryTrackStore
    init(_ inner: MemoryTrackStore) { self.inner = inner }
    var deviceType: UInt16 { inner.deviceType }
    var cylinders: Int { inner.cylinders }
    var heads: Int { inner.heads }
    var trackSize: Int { inner.trackSize }
    var isReadOnly: Bool { false }
    func readTrack(cylinder: Int, head: Int) throws -> [UInt8] {
        if cylinder == 3 { throw MediaError("bad.cckd", "damaged track") }
        return try inner.readTrack(cylinder: cylinder, head: head)
    }
    func writeTrack(cylinder: Int, head: Int, _ image: [UInt8]) throws { try inner.writeTrack(cylinder: cylinder, head: head, image) }
    func flush() throws {}
}
