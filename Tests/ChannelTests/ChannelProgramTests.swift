import Channel
import S370Core
import Testing

/// Channel programs end to end: a program assembled with vm67's assembler
/// starts I/O on a fake device, waits enabled for the interruption, and the
/// test checks what the device saw, the CSW and storage.
@Suite("Channel programs")
struct ChannelProgramTests {
    /// SIO on device 00E with the CCWs at CCWS, wait for the interruption,
    /// then a disabled wait at 0. A nonzero SIO condition code ends in a
    /// wait at X'CC000n'.
    static func sioAndWait(_ ccws: String, data: String = "", device: String = "X'00E'") -> String {
        """
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   \(device)
                 BC    8,WAIT
                 BC    4,CC1
                 BC    2,CC2
                 LPSW  FAIL3
        CC1      LPSW  FAIL1
        CC2      LPSW  FAIL2
        WAIT     LPSW  WAITIO
        IOINT    LPSW  DONE
                 DS    0D
        WAITIO   DC    X'FE020000',A(0)
        DONE     DC    X'00020000',A(0)
        FAIL1    DC    X'00020000',A(X'CC0001')
        FAIL2    DC    X'00020000',A(X'CC0002')
        FAIL3    DC    X'00020000',A(X'CC0003')
                 DS    0D
        CCWS     DS    0D
        \(ccws)
        \(data)
        """
    }

    static let ioNew = "X'00000000',A(IOINT)"

    @Test func writeGivesTheDeviceTheDataAndInterrupts() {
        let device = FakeDevice()
        let rig = ChannelRig(Self.sioAndWait("         CCW   X'01',DATA,0,10",
                                             data: "DATA     DC    C'0123456789'"), ioNewPSW: Self.ioNew)
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0)
        #expect(device.commands.count == 1)
        #expect(device.commands.first?.code == 0x01)
        #expect(device.commands.first?.data == Array("0123456789".utf8).map(ebcdic))
        let ccw = rig.address("CCWS")
        #expect(rig.csw == UInt64(ccw + 8) << 32 | 0x0C00_0000)
        #expect(rig.word(0x38) & 0xFFFF == 0x000E, "I/O old PSW names the device")
    }

    @Test func shortReadIsIncorrectLengthUnlessSuppressed() {
        let reader = FakeDevice { _ in .finished(DeviceResult(data: [1, 2, 3, 4, 5])) }
        var rig = ChannelRig(Self.sioAndWait("         CCW   X'02',AREA,0,10", data: "AREA     DC    10X'FF'"),
                             ioNewPSW: Self.ioNew)
        rig.channels.attach(reader, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.bytes(rig.address("AREA"), 10) == [1, 2, 3, 4, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(rig.csw & 0xFFFF_FFFF == 0x0C40_0005, "CE DE, incorrect length, residual 5")

        rig = ChannelRig(Self.sioAndWait("         CCW   X'02',AREA,X'20',10", data: "AREA     DS    XL10"),
                         ioNewPSW: Self.ioNew)
        rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(data: [1, 2, 3])) }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.csw & 0xFFFF_FFFF == 0x0C00_0007, "SLI: no incorrect length, residual 7")
    }

    @Test func commandChainingAndStatusModifierSkip() {
        // Search (X'31') answers with status modifier: the TIC back is skipped.
        let dasd = FakeDevice { c in
            if c.code == 0x31 { return .finished(DeviceResult(status: [.channelEnd, .deviceEnd, .statusModifier])) }
            if c.code == 0x06 { return .finished(DeviceResult(data: [9, 8, 7])) }
            return .finished(DeviceResult())
        }
        let rig = ChannelRig(Self.sioAndWait("""
                 CCW   X'07',SEEK,X'40',6
        SRCH     CCW   X'31',SEEK+2,X'40',5
                 CCW   X'08',SRCH,0,1
                 CCW   X'06',AREA,0,3
        """, data: """
        SEEK     DC    XL6'0'
        AREA     DS    XL3
        """), ioNewPSW: Self.ioNew)
        rig.channels.attach(dasd, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(dasd.commands.map(\.code) == [0x07, 0x31, 0x06])
        #expect(dasd.commands.map(\.chained) == [false, true, true])
        #expect(rig.bytes(rig.address("AREA"), 3) == [9, 8, 7])
        #expect(rig.csw >> 32 == UInt64(rig.address("CCWS") + 32))
    }

    @Test func dataChainingGathersAndScatters() {
        let device = FakeDevice { c in
            c.kind == .read ? .finished(DeviceResult(data: Array(1...6))) : .finished(DeviceResult())
        }
        let rig = ChannelRig(Self.sioAndWait("""
                 CCW   X'01',PART1,X'C0',2
                 CCW   0,PART2,X'40',3
                 CCW   X'02',IN1,X'80',4
                 CCW   0,IN2,0,2
        """, data: """
        PART1    DC    X'AABB'
        PART2    DC    X'CCDDEE'
        IN1      DS    XL4
        IN2      DS    XL2
        """), ioNewPSW: Self.ioNew)
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(device.commands.first?.data == [0xAA, 0xBB, 0xCC, 0xDD, 0xEE])
        #expect(device.commands.last?.count == 6)
        #expect(rig.bytes(rig.address("IN1"), 4) == [1, 2, 3, 4])
        #expect(rig.bytes(rig.address("IN2"), 2) == [5, 6])
    }

    @Test func zeroCountIsAProgramCheckAtStartIO() {
        let rig = ChannelRig(Self.sioAndWait("         CCW   X'01',0,0,0"), ioNewPSW: Self.ioNew)
        rig.channels.attach(FakeDevice(), at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0xCC0001)
        #expect((rig.csw >> 16) & 0xFF == 0x20, "channel status: program check")
    }

    @Test func transferInChannelRules() {
        // A TIC to a TIC is a program check (ending the program after the first command).
        var rig = ChannelRig(Self.sioAndWait("""
                 CCW   X'03',0,X'40',1
        T1       CCW   X'08',T2,0,1
        T2       CCW   X'08',T1,0,1
        """), ioNewPSW: Self.ioNew)
        rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(duration: 5)) }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect((rig.csw >> 16) & 0xFF == 0x20)
        // A TIC cannot be the first CCW.
        rig = ChannelRig(Self.sioAndWait("         CCW   X'08',CCWS,0,1"), ioNewPSW: Self.ioNew)
        rig.channels.attach(FakeDevice(), at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0xCC0001)
        #expect((rig.csw >> 16) & 0xFF == 0x20)
    }

    @Test func storeProtectionStopsTheTransfer() {
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 MVI   CAW,X'30'          key 3
                 SIO   X'00E'
                 LPSW  WAITIO
        IOINT    LPSW  DONE
                 DS    0D
        WAITIO   DC    X'FE020000',A(0)
        DONE     DC    X'00020000',A(0)
        CCWS     CCW   X'02',X'4000',0,4
        """, ioNewPSW: Self.ioNew)
        rig.machine.storage.setKey(at: 0x4000, 0x50)     // key 5
        rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(data: [1, 2, 3, 4])) }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect((rig.csw >> 16) & 0xFF == 0x10, "protection check")
        #expect(rig.bytes(0x4000, 4) == [0, 0, 0, 0])
        #expect(rig.csw >> 60 == 3, "the CAW key is in the CSW")
    }

    @Test func indirectDataAddressingCrossesBlocks() {
        // 3000 bytes into X'47F0'… via IDAWs: X'47F0' (16 bytes to the
        // boundary), then X'9000', then X'A800'.
        let rig = ChannelRig(Self.sioAndWait("         CCW   X'02',IDAWS,X'04',3000",
                                             data: "IDAWS    DC    A(X'47F0',X'9000',X'A800')"),
                             ioNewPSW: Self.ioNew)
        let pattern = (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(data: pattern)) }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.bytes(0x47F0, 16) == Array(pattern[0..<16]))
        #expect(rig.bytes(0x9000, 2048) == Array(pattern[16..<2064]))
        #expect(rig.bytes(0xA800, 936) == Array(pattern[2064..<3000]))
        #expect(rig.csw & 0xFFFF_FFFF == 0x0C00_0000)
    }

    @Test func skipFlagReadsWithoutStoring() {
        let rig = ChannelRig(Self.sioAndWait("         CCW   X'02',AREA,X'10',4", data: "AREA     DC    4X'EE'"),
                             ioNewPSW: Self.ioNew)
        rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(data: [1, 2, 3, 4])) }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.bytes(rig.address("AREA"), 4) == [0xEE, 0xEE, 0xEE, 0xEE])
    }

    @Test func readBackwardStoresFromTheEnd() {
        // The device delivers the block last byte first; storage gets it in order.
        let rig = ChannelRig(Self.sioAndWait("         CCW   X'0C',AREA+3,0,4", data: "AREA     DS    XL4"),
                             ioNewPSW: Self.ioNew)
        rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(data: [4, 3, 2, 1])) }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.bytes(rig.address("AREA"), 4) == [1, 2, 3, 4])
    }

    @Test func testIOWhileWorkingAndAfter() {
        // The device leaves the read pending; TIO says busy (2) until it finishes.
        let device = FakeDevice { _ in .pending }
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   X'00E'
                 TIO   X'00E'
                 BC    2,BUSY
                 LPSW  FAIL
        BUSY     LPSW  WAITIO
        IOINT    LPSW  DONE
                 DS    0D
        WAITIO   DC    X'FE020000',A(0)
        DONE     DC    X'00020000',A(0)
        FAIL     DC    X'00020000',A(X'BAD')
        CCWS     CCW   X'02',AREA,X'20',8
        AREA     DS    XL8
        """, ioNewPSW: Self.ioNew)
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .wait, "waits for the operator")
        device.port?.finish(DeviceResult(data: [0xC8, 0xC9]))
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0)
        #expect(rig.bytes(rig.address("AREA"), 2) == [0xC8, 0xC9])
        #expect(rig.csw & 0xFFFF_FFFF == 0x0C00_0006)
    }

    @Test func haltIOEndsAPendingRead() {
        let device = FakeDevice { _ in .pending }
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   X'00E'
                 HIO   X'00E'
                 BC    4,HALTED
                 LPSW  FAIL
        HALTED   LPSW  WAITIO
        IOINT    LPSW  DONE
                 DS    0D
        WAITIO   DC    X'FE020000',A(0)
        DONE     DC    X'00020000',A(0)
        FAIL     DC    X'00020000',A(X'BAD')
        CCWS     CCW   X'02',AREA,X'20',8
        AREA     DS    XL8
        """, ioNewPSW: Self.ioNew)
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0)
        #expect(device.halted == 1)
        #expect((rig.csw >> 24) & 0xFF == 0x0C)
    }

    @Test func attentionFromTheDeviceIsAnInterruption() {
        let device = FakeDevice()
        let rig = ChannelRig("""
        BEGIN    LPSW  WAITIO
        IOINT    LPSW  DONE
                 DS    0D
        WAITIO   DC    X'FE020000',A(0)
        DONE     DC    X'00020000',A(0)
        """, ioNewPSW: Self.ioNew)
        rig.channels.attach(device, at: 0x009)
        #expect(rig.run() == .wait)
        device.port?.signal(.attention)
        #expect(rig.run() == .disabledWait)
        #expect((rig.csw >> 24) & 0xFF == 0x80)
        #expect(rig.word(0x38) & 0xFFFF == 0x0009)
    }

    @Test func programControlledInterruptionComesWhileTheProgramRuns() {
        // Two slow writes; the first CCW has PCI. The program counts interruptions.
        let device = FakeDevice { _ in .finished(DeviceResult(duration: 500)) }
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   X'00E'
        AGAIN    LPSW  WAITIO
        IOINT    L     2,COUNT
                 LA    2,1(2)
                 ST    2,COUNT
                 MVC   SAVE(8),CSW
                 TM    CSW+4,X'04'        device end?
                 BZ    AGAIN
                 LPSW  DONE
                 DS    0D
        WAITIO   DC    X'FE020000',A(0)
        DONE     DC    X'00020000',A(0)
        COUNT    DC    F'0'
        SAVE     DS    D
        CCWS     CCW   X'01',COUNT,X'48',4
                 CCW   X'01',COUNT,0,4
        """, ioNewPSW: Self.ioNew)
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0)
        #expect(rig.word(rig.address("COUNT")) == 2, "a PCI interruption, then the final one")
    }

    @Test func channelFetchesCCWsWhenItReachesThem() {
        // While the first (slow) command runs, the CPU rewrites the second
        // CCW's command code; the device must see the new command.
        let device = FakeDevice { c in .finished(DeviceResult(duration: c.code == 0x03 ? 1000 : 0)) }
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   X'00E'
                 MVI   CCW2,X'05'
                 LPSW  WAITIO
        IOINT    LPSW  DONE
                 DS    0D
        WAITIO   DC    X'FE020000',A(0)
        DONE     DC    X'00020000',A(0)
        CCWS     CCW   X'03',0,X'40',1
        CCW2     CCW   X'01',CCWS,0,8
        """, ioNewPSW: Self.ioNew)
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(device.commands.map(\.code) == [0x03, 0x05])
    }

    @Test func startIOConditionCodes() {
        // No device: 3. Interruption pending for the device: 2. TIO clears it: 1, then 0.
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   X'0FF'
                 IPM   2
                 SIO   X'00E'
                 IPM   3
                 SIO   X'00E'
                 IPM   4
                 TIO   X'00E'
                 IPM   5
                 TIO   X'00E'
                 IPM   6
                 STM   2,6,CODES
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'00020000',A(0)
        CODES    DS    5F
        CCWS     CCW   X'01',CCWS,0,8
        """)
        rig.machine.facilities = [.ext370]
        rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(duration: 0)) }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        let codes = (0..<5).map { (rig.word(rig.address("CODES") + UInt32(4 * $0)) >> 28) & 3 }
        // SIO 0FF: 3; SIO 00E: 0 (started); SIO again while working or with
        // the interruption pending: 2; TIO: 1 (CSW stored); TIO: 0.
        #expect(codes == [3, 0, 2, 1, 0])
    }

    @Test func sameProgramSameInterleaving() {
        func runOnce() -> UInt64 {
            let rig = ChannelRig(Self.sioAndWait("         CCW   X'01',CCWS,0,8"), ioNewPSW: Self.ioNew)
            rig.channels.attach(FakeDevice { _ in .finished(DeviceResult(duration: 300)) }, at: 0x00E)
            rig.run()
            return rig.machine.state.instructionCount
        }
        #expect(runOnce() == runOnce())
    }
}

/// EBCDIC for the digits the tests use.
func ebcdic(_ ascii: UInt8) -> UInt8 {
    switch ascii {
    case 0x30...0x39: return ascii + 0xC0
    case 0x20: return 0x40
    default: return ascii
    }
}
