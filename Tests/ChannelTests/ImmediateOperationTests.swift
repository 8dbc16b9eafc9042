import Channel
import S370Core
import Testing

/// Immediate operations (a control command that moves no data, without
/// command chaining): START I/O stores channel end with condition code 1;
/// when the device end comes later, the device stays busy until then and
/// START I/O meanwhile stores busy, then busy with device end, which
/// clears the condition (PoO, START I/O, and the condition-code table).
/// OS/VS1's NIP prints its nucleus map this way, disabled, with no TEST I/O.
@Suite("Immediate operations")
struct ImmediateOperationTests {
    @Test func startIOEndsAtOnceAndTheDeviceEndComesLater() {
        let rig = ChannelRig("""
        BEGIN    LA    1,CCWS
                 ST    1,CAW
                 SIO   X'00E'
                 IPM   2
                 MVC   FIRST(8),CSW
                 SIO   X'00E'
                 IPM   3
                 MVC   SECOND(2),CSW+4
        RETRY    SIO   X'00E'
                 IPM   4
                 MVC   LAST(2),CSW+4
                 CLI   CSW+4,X'10'
                 BE    RETRY
                 SIO   X'00E'
                 IPM   5
                 MVC   AGAIN(2),CSW+4
                 STM   2,5,CODES
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'00020000',A(0)
        FIRST    DS    D
        CODES    DS    4F
        SECOND   DS    H
        LAST     DS    H
        AGAIN    DS    H
        CCWS     CCW   X'8B',0,X'20',1
        """)
        rig.machine.facilities = [.ext370]
        let device = FakeDevice { _ in .finished(DeviceResult(deviceEndAfter: 500)) }
        rig.channels.attach(device, at: 0x00E)
        #expect(rig.run() == .disabledWait)
        #expect(rig.waitAddress == 0)
        let codes = (0..<4).map { (rig.word(rig.address("CODES") + UInt32(4 * $0)) >> 28) & 3 }
        #expect(codes == [1, 1, 1, 1], "every START I/O stores a CSW")
        let first = rig.machine.storage.load64(rig.address("FIRST"))
        #expect(first >> 32 == UInt64(rig.address("CCWS") + 8), "CCW address")
        #expect(first >> 16 & 0xFFFF == 0x0800, "channel end alone")
        #expect(rig.machine.storage.load16(rig.address("SECOND")) == 0x1000, "busy until device end")
        #expect(rig.machine.storage.load16(rig.address("LAST")) == 0x1400, "busy with the device end, which it clears")
        #expect(rig.machine.storage.load16(rig.address("AGAIN")) == 0x0800, "then the device takes the next command")
        #expect(device.commands.count == 2)
    }
}
