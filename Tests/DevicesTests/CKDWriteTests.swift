import Foundation
import Channel
import Devices
import Media
import Testing

/// Formatting and update writes, their sequence rules, file masks, read-only
/// volumes, track capacity and track overflow.
@Suite("CKD DASD: writes")
struct CKDWriteTests {
    /// Formats cylinder 2 head 3 with R1–R3 after a search for R0, and reads them back.
    @Test func writeCountKeyDataFormatsATrack() throws {
        let (d, s) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        var program = [MiniChannel.seek(2, 3), .output(0x31, MiniChannel.id(2, 3, 0)), .tic(1)]
        for r: UInt8 in 1...3 {
            program.append(.output(0x1D, MiniChannel.count(2, 3, r, key: 2, data: 50) + [r, r] + [UInt8](repeating: r, count: 50)))
        }
        #expect(ch.run(program).status == .done)
        let records = try #require(TrackImage.records(try s.readTrack(cylinder: 2, head: 3)))
        #expect(records.map(\.record) == [0, 1, 2, 3])
        #expect(records[2].key == [2, 2] && records[2].data == [UInt8](repeating: 2, count: 50))
        // Rewriting R2 erases R3.
        let again = ch.run([MiniChannel.seek(2, 3), .output(0x31, MiniChannel.id(2, 3, 1)), .tic(1),
                            .output(0x1D, MiniChannel.count(2, 3, 2, key: 0, data: 10) + [UInt8](repeating: 9, count: 10))])
        #expect(again.status == .done)
        #expect(TrackImage.records(try s.readTrack(cylinder: 2, head: 3))?.map(\.record) == [0, 1, 2])
    }

    @Test func writeDataNeedsASatisfiedSearch() throws {
        let (d, s) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let bad = ch.run([MiniChannel.seek(1, 1), .output(0x05, [UInt8](repeating: 7, count: 100))])
        #expect(bad.status.contains(.unitCheck))
        let sense = ch.sense()
        #expect(sense[0] == 0x80 && sense[7] == 0x02, "command reject, invalid sequence")
        let good = ch.run([MiniChannel.seek(1, 1), .output(0x31, MiniChannel.id(1, 1, 1)), .tic(1),
                           .output(0x05, [UInt8](repeating: 7, count: 100))])
        #expect(good.status == .done && !good.incorrectLength)
        #expect(TrackImage.records(try s.readTrack(cylinder: 1, head: 1))?[1].data == [UInt8](repeating: 7, count: 100))
        // A short count pads the field with zeros (and is an incorrect length).
        let short = ch.run([MiniChannel.seek(1, 1), .output(0x31, MiniChannel.id(1, 1, 2)), .tic(1),
                            .output(0x05, [UInt8](repeating: 8, count: 150))])
        #expect(short.incorrectLength)
        #expect(TrackImage.records(try s.readTrack(cylinder: 1, head: 1))?[2].data
                == [UInt8](repeating: 8, count: 150) + [UInt8](repeating: 0, count: 50))
        // After a search key equal, too.
        let keyed = ch.run([MiniChannel.seek(1, 0), .output(0x29, [2, 2, 2, 2]), .tic(1), .output(0x05, [UInt8](repeating: 5, count: 200))])
        #expect(keyed.status == .done)
        #expect(TrackImage.records(try s.readTrack(cylinder: 1, head: 0))?[2].data == [UInt8](repeating: 5, count: 200))
    }

    @Test func writeKeyAndDataAfterSearchID() throws {
        let (d, s) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 0), .output(0x31, MiniChannel.id(1, 0, 1)), .tic(1),
                          .output(0x0D, [9, 9, 9, 9] + [UInt8](repeating: 6, count: 100))])
        #expect(end.status == .done)
        let r1 = try #require(TrackImage.records(try s.readTrack(cylinder: 1, head: 0))?[1])
        #expect(r1.key == [9, 9, 9, 9] && r1.data == [UInt8](repeating: 6, count: 100))
        // Not after a key search.
        #expect(ch.run([MiniChannel.seek(1, 0), .output(0x29, [9, 9, 9, 9]), .tic(1), .output(0x0D, [UInt8](repeating: 1, count: 104))])
            .status.contains(.unitCheck))
    }

    @Test func writeRecordZeroAfterSearchHomeAddressOrWriteHomeAddress() throws {
        let (d, s) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let r0 = MiniChannel.count(1, 0, 0, key: 0, data: 8) + [UInt8](repeating: 0, count: 8)
        #expect(ch.run([MiniChannel.seek(1, 0), .output(0x15, r0)]).status.contains(.unitCheck), "Write R0 needs a search first")
        let end = ch.run([MiniChannel.seek(1, 0), .output(0x1F, [0xC0]), .output(0x39, [0, 1, 0, 0]), .tic(2), .output(0x15, r0),
                          .output(0x1D, MiniChannel.count(1, 0, 1, key: 0, data: 4) + [1, 2, 3, 4])])
        #expect(end.status == .done)
        #expect(TrackImage.records(try s.readTrack(cylinder: 1, head: 0))?.map(\.data) == [[UInt8](repeating: 0, count: 8), [1, 2, 3, 4]])
        let viaHA = ch.run([MiniChannel.seek(1, 1), .output(0x1F, [0xC0]), .output(0x19, [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]),
                            .output(0x15, MiniChannel.count(1, 1, 0, key: 0, data: 8) + [UInt8](repeating: 0, count: 8))])
        #expect(viaHA.status == .done)
        #expect(try s.readTrack(cylinder: 1, head: 1) == TrackImage.empty(cylinder: 1, head: 1))
    }

    @Test func eraseRemovesTheRestOfTheTrack() throws {
        let (d, s) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let end = ch.run([MiniChannel.seek(1, 0), .output(0x31, MiniChannel.id(1, 0, 1)), .tic(1),
                          .output(0x11, MiniChannel.count(1, 0, 2, key: 0, data: 0))])
        #expect(end.status == .done)
        #expect(TrackImage.records(try s.readTrack(cylinder: 1, head: 0))?.map(\.record) == [0, 1])
    }

    @Test func fileMaskInhibitsWritesAndSeeks() throws {
        let (d, _) = try TestVolume.drive()
        let ch = MiniChannel(device: d)
        let write = MiniChannel.CCW.output(0x05, [UInt8](repeating: 1, count: 100))
        // 01: inhibit all writes.
        var end = ch.run([MiniChannel.seek(1, 1), .output(0x1F, [0x40]), .output(0x31, MiniChannel.id(1, 1, 1)), .tic(2), write])
        #expect(end.status.contains(.unitCheck) && ch.sense()[1] == 0x04, "file protected")
        // 10: updates only; formatting writes are protected.
        end = ch.run([MiniChannel.seek(1, 1), .output(0x1F, [0x80]), .output(0x31, MiniChannel.id(1, 1, 1)), .tic(2), write])
        #expect(end.status == .done)
        end = ch.run([MiniChannel.seek(1, 1), .output(0x1F, [0x80]), .output(0x31, MiniChannel.id(1, 1, 1)), .tic(2),
                      .output(0x1D, MiniChannel.count(1, 1, 2, key: 0, data: 1) + [0])])
        #expect(end.status.contains(.unitCheck) && ch.sense()[1] == 0x04)
        // 00: formatting allowed, Write R0 protected.
        end = ch.run([MiniChannel.seek(1, 1), .output(0x1F, [0x00]), .output(0x39, [0, 1, 0, 1]), .tic(2),
                      .output(0x15, MiniChannel.count(1, 1, 0, key: 0, data: 8) + [UInt8](repeating: 0, count: 8))])
        #expect(end.status.contains(.unitCheck) && ch.sense()[1] == 0x04)
        // Seek control: 11 inhibits seeks and multitrack, 10 allows seek head only, 01 seek cylinder too.
        #expect(ch.run([.output(0x1F, [0x18]), MiniChannel.seek(1, 0)]).status.contains(.unitCheck))
        #expect(ch.sense()[1] == 0x04)
        #expect(ch.run([MiniChannel.seek(1, 0), .output(0x1F, [0x18]), .input(0x92, count: 8), .input(0x92, count: 8),
                        .input(0x92, count: 8), .input(0x92, count: 8)]).status.contains(.unitCheck), "no multitrack")
        #expect(ch.sense()[1] == 0x04)
        #expect(ch.run([.output(0x1F, [0x10]), .output(0x1B, [0, 0, 0, 0, 0, 1])]).status == .done)
        #expect(ch.run([.output(0x1F, [0x10]), .output(0x0B, [0, 0, 0, 1, 0, 1])]).status.contains(.unitCheck))
        #expect(ch.run([.output(0x1F, [0x08]), .output(0x0B, [0, 0, 0, 1, 0, 1])]).status == .done)
        #expect(ch.run([.output(0x1F, [0x08]), MiniChannel.seek(1, 0)]).status.contains(.unitCheck))
        #expect(ch.run([.output(0x1F, [0x08]), .input(0x13, count: 1, sli: true)]).status.contains(.unitCheck), "recalibrate")
        // One Set File Mask per channel program; reserved bit 2 must be zero.
        #expect(ch.run([.output(0x1F, [0x00]), .output(0x1F, [0x00])]).status.contains(.unitCheck))
        #expect(ch.sense()[7] == 0x02)
        #expect(ch.single(.output(0x1F, [0x20])).status.contains(.unitCheck))
        #expect(ch.sense()[7] == 0x04)
    }

    @Test func readOnlyVolumesAreFileProtected() throws {
        let (d, s) = try TestVolume.drive(readOnly: true)
        let ch = MiniChannel(device: d)
        let before = try s.readTrack(cylinder: 1, head: 1)
        let end = ch.run([MiniChannel.seek(1, 1), .output(0x31, MiniChannel.id(1, 1, 1)), .tic(1),
                          .output(0x05, [UInt8](repeating: 1, count: 100))])
        #expect(end.status.contains(.unitCheck))
        let sense = ch.sense()
        #expect(sense[1] == 0x06, "file protected and write inhibited")
        #expect(try s.readTrack(cylinder: 1, head: 1) == before)
        // Reads still work.
        #expect(ch.run([MiniChannel.seek(1, 1), .output(0x31, MiniChannel.id(1, 1, 1)), .tic(1), .input(0x06, count: 100)]).status == .done)
    }

    @Test func recordsThatDoNotFitGiveInvalidTrackFormat() throws {
        let (d, s) = try TestVolume.drive("3330")
        let ch = MiniChannel(device: d)
        // Two records of 6447 bytes fit a 3330 track; a third does not, nor does a second of 6449.
        func format(_ lengths: [Int]) -> MiniChannel.Ending {
            var program = [MiniChannel.seek(2, 0), .output(0x31, MiniChannel.id(2, 0, 0)), .tic(1)]
            for (i, n) in lengths.enumerated() {
                program.append(.output(0x1D, MiniChannel.count(2, 0, UInt8(i + 1), key: 0, data: n) + [UInt8](repeating: 1, count: n)))
            }
            return ch.run(program)
        }
        #expect(format([6447, 6447]).status == .done)
        #expect(format([6447, 6449]).status.contains(.unitCheck))
        #expect(ch.sense()[1] == 0x40, "invalid track format")
        #expect(format([13030]).status == .done)
        #expect(format([13031]).status.contains(.unitCheck))
        #expect(TrackImage.records(try s.readTrack(cylinder: 2, head: 0))?.count == 2, "the track as the last good write left it")
    }

    /// A record split over two tracks with Write Special CKD reads and
    /// updates as one; a missing continuation is "operation incomplete".
    @Test func trackOverflowRecordsSpanTracks() throws {
        let (d, s) = try TestVolume.drive("3330")
        let ch = MiniChannel(device: d)
        let first = [UInt8](repeating: 0xA1, count: 100), second = [UInt8](repeating: 0xA2, count: 60)
        let format = ch.run([MiniChannel.seek(3, 0), .output(0x31, MiniChannel.id(3, 0, 0)), .tic(1),
                             .output(0x01, MiniChannel.count(3, 0, 1, key: 0, data: 100) + first),
                             .output(0x1B, [0, 0, 0, 3, 0, 1]), .output(0x31, MiniChannel.id(3, 1, 0)), .tic(5),
                             .output(0x1D, MiniChannel.count(3, 1, 1, key: 0, data: 60) + second)])
        #expect(format.status == .done)
        let stored = try #require(TrackImage.records(try s.readTrack(cylinder: 3, head: 0)))
        #expect(stored[1].cylinder & 0x8000 != 0, "the overflow flag in the stored count (Hercules' convention)")
        let read = ch.run([MiniChannel.seek(3, 0), .output(0x31, MiniChannel.id(3, 0, 1)), .tic(1), .input(0x06, count: 160)])
        #expect(read.status == .done && !read.incorrectLength)
        #expect(read.input[3] == first + second)
        let count = ch.run([MiniChannel.seek(3, 0), .input(0x12, count: 8)])
        #expect(count.input[1] == MiniChannel.count(3, 0, 1, key: 0, data: 100), "the flag is not shown to the channel")
        let update = ch.run([MiniChannel.seek(3, 0), .output(0x31, MiniChannel.id(3, 0, 1)), .tic(1),
                             .output(0x05, [UInt8](repeating: 0x55, count: 160))])
        #expect(update.status == .done && !update.incorrectLength)
        #expect(TrackImage.records(try s.readTrack(cylinder: 3, head: 1))?[1].data == [UInt8](repeating: 0x55, count: 60))
        // An overflow segment on the last head cannot continue.
        _ = ch.run([MiniChannel.seek(3, 18), .output(0x31, MiniChannel.id(3, 18, 0)), .tic(1),
                    .output(0x01, MiniChannel.count(3, 18, 1, key: 0, data: 10) + [UInt8](repeating: 1, count: 10))])
        let broken = ch.run([MiniChannel.seek(3, 18), .output(0x31, MiniChannel.id(3, 18, 1)), .tic(1), .input(0x06, count: 10)])
        #expect(broken.status.contains(.unitCheck))
        #expect(ch.sense()[1] == 0x21, "end of cylinder and operation incomplete")
        // Models without the feature reject Write Special CKD.
        let (d3380, _) = try TestVolume.drive("3380")
        #expect(MiniChannel(device: d3380).run([MiniChannel.seek(1, 0), .output(0x31, MiniChannel.id(1, 0, 0)), .tic(1),
                                               .output(0x01, MiniChannel.count(1, 0, 1, key: 0, data: 1) + [0])]).status.contains(.unitCheck))
    }

    @Test func writesReachTheStoreAndFlushMakesThemDurable() throws {
        let fs = HostFilesForTests()
        defer { fs.cleanUp() }
        let g = DASDGeometry.named("3350")!
        let path = fs.path("flush.cckd")
        let volume = try DASDImage.create(path, geometry: g, cylinders: 2, volser: "FLUSH", format: .cckd(compression: .zlib))
        let d = try CKDDasd(geometry: g, store: volume, ownsStore: true)
        let end = MiniChannel(device: d).run([MiniChannel.seek(1, 5), .output(0x31, MiniChannel.id(1, 5, 0)), .tic(1),
                                              .output(0x1D, MiniChannel.count(1, 5, 1, key: 0, data: 3) + [7, 8, 9])])
        #expect(end.status == .done)
        try d.flush()
        let other = try DASDImage.open(path, readOnly: true)
        #expect(TrackImage.records(try other.readTrack(cylinder: 1, head: 5))?[1].data == [7, 8, 9])
        // Unflushed writes are flushed by a later command once they are old enough.
        d.flushInterval = 0.01
        _ = MiniChannel(device: d).run([MiniChannel.seek(1, 6), .output(0x31, MiniChannel.id(1, 6, 0)), .tic(1),
                                        .output(0x1D, MiniChannel.count(1, 6, 1, key: 0, data: 1) + [42])])
        #expect(TrackImage.records(try DASDImage.open(path, readOnly: true).readTrack(cylinder: 1, head: 6))?.count == 1,
                "not flushed yet")
        usleep(20_000)
        _ = MiniChannel(device: d).single(.noop)
        #expect(TrackImage.records(try DASDImage.open(path, readOnly: true).readTrack(cylinder: 1, head: 6))?[1].data == [42])
        try d.close()
        try d.close()
    }
}
