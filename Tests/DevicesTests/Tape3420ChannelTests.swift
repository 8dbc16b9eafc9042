import Channel
import Devices
import Media
import S370Core
import Testing

/// The 3420 behind the real channel: read backward into storage, the
/// rewind's late device end, not ready and mounting, IPL from tape.
@Suite("3420 on the channel")
struct Tape3420ChannelTests {
    static let address: UInt16 = 0x580

    final class Rig {
        let io: IOSystem
        let drive: Tape3420
        var channels: ChannelSubsystem { io.channels }
        var storage: Storage { io.machine.storage }

        init(_ drive: Tape3420) {
            io = IOSystem(machine: Machine(model: .s370, storageSize: 1 << 20))
            self.drive = drive
            io.channels.attach(drive, at: Tape3420ChannelTests.address)
        }

        /// Starts the channel program at `ccws` (doublewords at X'100').
        func startIO(_ ccws: [UInt64]) -> UInt8 {
            for (i, ccw) in ccws.enumerated() { storage.store64(0x100 + UInt32(8 * i), ccw) }
            storage.store32(0x48, 0x100)
            return channels.execute(.startIO, address: UInt32(Tape3420ChannelTests.address))
        }

        /// Lets virtual time pass.
        func wait(_ micros: UInt64) { channels.advance(to: channels.now + micros) }

        /// TEST I/O: its condition code and the CSW it stored.
        func testIO() -> (UInt8, CSW) {
            storage.store64(0x40, 0)
            let cc = channels.execute(.testIO, address: UInt32(Tape3420ChannelTests.address))
            let raw = storage.load64(0x40)
            var csw = CSW(ccwAddress: UInt32(raw >> 32 & 0xFF_FFFF),
                          unitStatus: UnitStatus(rawValue: UInt8(raw >> 24 & 0xFF)),
                          channelStatus: ChannelStatus(rawValue: UInt8(raw >> 16 & 0xFF)),
                          count: UInt16(raw & 0xFFFF))
            csw.key = UInt8(raw >> 60)
            return (cc, csw)
        }
    }

    static func ccw(_ code: UInt8, _ address: UInt32, _ flags: UInt8, _ count: UInt16) -> UInt64 {
        UInt64(code) << 56 | UInt64(address & 0xFF_FFFF) << 32 | UInt64(flags) << 24 | UInt64(count)
    }

    @Test func readBackwardFillsTheAreaFromItsEnd() throws {
        let scratch = TapeScratch()
        let block: [UInt8] = (1...200).map { UInt8($0) }
        let rig = Rig(try driveWithReel(scratch, [block]))
        _ = rig.startIO([Self.ccw(0x37, 0, 0x20, 1)])                    // forward space block
        rig.wait(1_000)
        _ = rig.testIO()
        // Read backward 200 bytes: the data address is the area's last byte.
        #expect(rig.startIO([Self.ccw(0x0C, 0x2000 + 199, 0x00, 200)]) == 0)
        rig.wait(1_000)
        let (cc, csw) = rig.testIO()
        #expect(cc == 1 && csw.unitStatus == .done && csw.channelStatus.isEmpty && csw.count == 0)
        #expect(rig.storage.read(0x2000, count: 200) == block)
    }

    @Test func dataChainedWriteIsOneBlockAndShortReadsAreIncorrectLength() throws {
        let scratch = TapeScratch()
        let rig = Rig(try driveWithReel(scratch, []))
        rig.storage.write(0x2000, [1, 2, 3])
        rig.storage.write(0x3000, [4, 5])
        #expect(rig.startIO([Self.ccw(0x01, 0x2000, 0x80, 3), Self.ccw(0x01, 0x3000, 0x00, 2)]) == 0)
        rig.wait(1_000)
        #expect(rig.testIO().1.unitStatus == .done)
        #expect(rig.drive.medium?.entryCount == 1)
        _ = rig.startIO([Self.ccw(0x07, 0, 0x00, 1)])
        rig.wait(1_000_000)
        while rig.testIO().0 == 1 { rig.wait(1_000_000) }
        // Reading the 5-byte block with room for 8 and no SLI: incorrect length, residual 3.
        _ = rig.startIO([Self.ccw(0x02, 0x4000, 0x00, 8)])
        rig.wait(1_000)
        let (_, csw) = rig.testIO()
        #expect(csw.unitStatus == .done && csw.channelStatus == .incorrectLength && csw.count == 3)
        #expect(rig.storage.read(0x4000, count: 5) == [1, 2, 3, 4, 5])
    }

    @Test func readingATapeMarkIsUnitException() throws {
        let scratch = TapeScratch()
        let rig = Rig(try driveWithReel(scratch, [nil, [1, 2, 3]]))
        _ = rig.startIO([Self.ccw(0x02, 0x2000, 0x20, 80)])              // SLI
        rig.wait(1_000)
        let (_, csw) = rig.testIO()
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitException])
        #expect(csw.channelStatus.isEmpty && csw.count == 80)
    }

    @Test func rewindGivesChannelEndThenDeviceEnd() throws {
        let scratch = TapeScratch()
        let rig = Rig(try driveWithReel(scratch, [[1], [2], [3]]))
        _ = rig.startIO([Self.ccw(0x3F, 0, 0x20, 1)])
        rig.wait(1_000)
        _ = rig.testIO()
        #expect(rig.startIO([Self.ccw(0x07, 0, 0x20, 1)]) == 0)
        rig.wait(100)
        var (cc, csw) = rig.testIO()
        #expect(cc == 1 && csw.unitStatus == .channelEnd, "channel end at once")
        (cc, csw) = rig.testIO()
        #expect(cc == 1 && csw.unitStatus == .busy, "rewinding: busy")
        rig.wait(1_000_000)
        (cc, csw) = rig.testIO()
        #expect(cc == 1 && csw.unitStatus == .deviceEnd, "device end when back at the load point")
        #expect(rig.testIO().0 == 0)
        // Command-chained from a rewind, a read waits for the device end.
        // (Each wait runs the events due by its end; a chained command's
        // completion falls after it, so it takes two.)
        #expect(rig.startIO([Self.ccw(0x07, 0, 0x60, 1), Self.ccw(0x02, 0x2000, 0x20, 1)]) == 0)
        rig.wait(1_000_000)
        rig.wait(1_000_000)
        (cc, csw) = rig.testIO()
        #expect(cc == 1 && csw.unitStatus == .done && rig.storage.read(0x2000, count: 1) == [1])
        // And from the middle of the tape, where the rewind takes time.
        rig.storage.write(0x2000, [0])
        #expect(rig.startIO([Self.ccw(0x07, 0, 0x60, 1), Self.ccw(0x02, 0x2000, 0x20, 1)]) == 0)
        rig.wait(1_000_000)
        rig.wait(1_000_000)
        (cc, csw) = rig.testIO()
        #expect(cc == 1 && csw.unitStatus == .done && rig.storage.read(0x2000, count: 1) == [1])
    }

    @Test func unloadThenMountPresentsDeviceEnd() throws {
        let scratch = TapeScratch()
        let rig = Rig(try driveWithReel(scratch, [[7], nil]))
        _ = rig.startIO([Self.ccw(0x0F, 0, 0x20, 1)])
        for _ in 0..<3 {
            rig.wait(1_000_000)
            _ = rig.testIO()                                              // channel end, then device end
        }
        // Not ready: the read is refused at once with unit check.
        #expect(rig.startIO([Self.ccw(0x02, 0x2000, 0x20, 80)]) == 1)
        let stored = rig.storage.load64(0x40)
        #expect(UInt8(stored >> 24 & 0xFF) & UnitStatus.unitCheck.rawValue != 0)
        #expect(rig.testIO().0 == 0)
        _ = rig.startIO([Self.ccw(0x04, 0x3000, 0x20, 24)])
        rig.wait(100)
        _ = rig.testIO()
        #expect(rig.storage.read(0x3000, count: 2) == [0x40, 0x20], "intervention required, TU status B")
        // The operator mounts a reel: device end, unsolicited.
        rig.drive.mount(try TapeMedium(path: scratch.path("reel.aws")))
        rig.wait(1)
        let (cc, csw) = rig.testIO()
        #expect(cc == 1 && csw.unitStatus == .deviceEnd)
        _ = rig.startIO([Self.ccw(0x02, 0x2000, 0x20, 80)])
        rig.wait(1_000)
        #expect(rig.testIO().1.unitStatus == .done && rig.storage.read(0x2000, count: 1) == [7])
    }

    /// An IPL record: a PSW, then a CCW reading the next block to X'400'.
    static func iplRecord(_ mark: UInt8) -> [UInt8] {
        [0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, mark,
         0x02, 0x00, 0x04, 0x00, 0x20, 0x00, 0x00, 0x50,
         0, 0, 0, 0, 0, 0, 0, 0]
    }

    @Test func iplReadsOnFromWhereTheTapeStands() throws {
        let scratch = TapeScratch()
        let text1 = [UInt8](repeating: 0xE1, count: 80), text2 = [UInt8](repeating: 0xE2, count: 80)
        let rig = Rig(try driveWithReel(scratch, [Self.iplRecord(1), text1, nil, Self.iplRecord(2), text2]))
        #expect(rig.io.ipl(from: Self.address, clear: true) == .loaded)
        #expect(rig.io.machine.psw & 0xFF_FFFF == 1 && rig.storage.read(0x400, count: 80) == text1)
        #expect(rig.drive.medium?.position == 2, "IPL does not rewind")
        guard case .failed(let csw) = rig.io.ipl(from: Self.address, clear: false) else {
            Issue.record("an IPL onto the tape mark must fail")
            return
        }
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitException] && csw.channelStatus.isEmpty)
        #expect(rig.io.ipl(from: Self.address, clear: false) == .loaded, "the next IPL reads the next program")
        #expect(rig.io.machine.psw & 0xFF_FFFF == 2 && rig.storage.read(0x400, count: 80) == text2)
    }
}
