import Channel
import S370Core
import Testing

/// A device that signals channel end first and device end later can send
/// more status with the device end (a 1403 senses carriage channel 12 as
/// the paper moves after the line is printed: unit exception comes with
/// device end, never with channel end).
@Suite("Late device end")
struct LateDeviceEndTests {
    @Test func unitExceptionComesWithTheDeviceEndNotTheChannelEnd() {
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   X'00E'
                 IPM   2
                 ST    2,CODE
        FIRST    TIO   X'00E'
                 BC    2,FIRST
                 MVC   CHEND(2),CSW+4
        SECOND   TIO   X'00E'
                 MVC   DEVEND(2),CSW+4
                 CLI   CSW+4,X'10'
                 BE    SECOND
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'00020000',A(0)
        CODE     DS    F
        CHEND    DS    H
        DEVEND   DS    H
        CCWS     CCW   X'09',LINE,X'20',4
        LINE     DC    C'LINE'
        """)
        rig.machine.facilities = [.ext370]
        rig.channels.attach(FakeDevice { _ in
            .finished(DeviceResult(deviceEndAfter: 300, withDeviceEnd: .unitException))
        }, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0)
        #expect((rig.word(rig.address("CODE")) >> 28) & 3 == 0, "a write starts (CC 0)")
        #expect(rig.machine.storage.load16(rig.address("CHEND")) == 0x0800, "channel end alone")
        #expect(rig.machine.storage.load16(rig.address("DEVEND")) == 0x0500, "device end with unit exception")
    }

    @Test func commandChainingWaitsForTheDeviceEndAndSeesItsStatus() {
        // Chained: the late status ends the chain, as unit exception does.
        let device = FakeDevice { command in
            command.code == 0x09 ? .finished(DeviceResult(deviceEndAfter: 300, withDeviceEnd: .unitException))
                                 : .finished(DeviceResult())
        }
        let rig = ChannelRig(ChannelProgramTests.sioAndWait("""
                 CCW   X'09',CCWS,X'60',4
                 CCW   X'0B',0,X'20',1
        """), ioNewPSW: ChannelProgramTests.ioNew)
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0)
        #expect(device.commands.count == 1, "unit exception suppresses the chain")
        #expect(rig.csw >> 16 & 0xFFFF == 0x0D00, "CE, DE and unit exception together")
    }
}
