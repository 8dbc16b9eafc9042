import Channel
import Devices
import S370Core
import Testing

/// One CCW of a test channel program.
struct TestCCW {
    var command: UInt8
    var address: UInt32
    var flags: UInt8 = 0
    var count: UInt16

    static let chainData: UInt8 = 0x80
    static let chainCommand: UInt8 = 0x40
    static let suppressLength: UInt8 = 0x20

    var doubleword: UInt64 {
        UInt64(command) << 56 | UInt64(address & 0xFF_FFFF) << 32 | UInt64(flags) << 24 | UInt64(count)
    }
}

/// A real channel subsystem with one device, driven without a CPU: START
/// I/O, let virtual time run until the device is done, TEST I/O for the
/// CSW. Channel programs go at X'1000', data where the test puts it.
final class ChannelBench {
    let machine = Machine(model: .s370, storageSize: 1 << 20)
    let channels: ChannelSubsystem
    let address: UInt16
    static let programAddress: UInt32 = 0x1000

    init(_ device: ChannelDevice, at address: UInt16 = 0x00E) {
        channels = ChannelSubsystem(machine: machine)
        self.address = address
        channels.attach(device, at: address)
    }

    func store(_ address: UInt32, _ bytes: [UInt8]) { machine.storage.write(address, bytes) }
    func bytes(_ address: UInt32, _ count: Int) -> [UInt8] { machine.storage.read(address, count: count) }

    struct Ending {
        /// START I/O's condition code.
        let startCC: UInt8
        /// The CSW that ended the program (stored by START I/O or TEST I/O).
        let csw: UInt64
        var unitStatus: UInt8 { UInt8((csw >> 24) & 0xFF) }
        var channelStatus: UInt8 { UInt8((csw >> 16) & 0xFF) }
        var count: UInt16 { UInt16(csw & 0xFFFF) }
        /// Unit and channel status and count, as Hercules tests compare them.
        var statusWord: UInt32 { UInt32(csw & 0xFFFF_FFFF) }
    }

    /// Runs a channel program to its end.
    @discardableResult
    func run(_ ccws: [TestCCW]) -> Ending {
        for (i, ccw) in ccws.enumerated() {
            machine.storage.store64(Self.programAddress + UInt32(8 * i), ccw.doubleword)
        }
        machine.storage.store32(0x48, Self.programAddress)
        let cc = channels.execute(.startIO, address: UInt32(address))
        if cc != 0 { return Ending(startCC: cc, csw: machine.storage.load64(0x40)) }
        settle()
        var tio = channels.execute(.testIO, address: UInt32(address))
        var tries = 0
        while tio == 2 && tries < 100 {
            settle()
            tio = channels.execute(.testIO, address: UInt32(address))
            tries += 1
        }
        if tio == 2 { Issue.record("the channel program never ended") }
        return Ending(startCC: 0, csw: machine.storage.load64(0x40))
    }

    /// Runs one command.
    @discardableResult
    func run(_ command: UInt8, data: [UInt8] = [], count: Int? = nil, flags: UInt8 = TestCCW.suppressLength,
             dataAddress: UInt32 = 0x2000) -> Ending {
        store(dataAddress, data)
        return run([TestCCW(command: command, address: dataAddress, flags: flags, count: UInt16(count ?? max(1, data.count)))])
    }

    /// Lets virtual time run until nothing is scheduled and nothing posted.
    func settle() {
        channels.advance(to: channels.now)
        while let next = channels.nextEventTime {
            channels.advance(to: max(next, channels.now))
        }
        channels.advance(to: channels.now)
    }

    /// Unit status of a pending interruption (attention, say), taken with
    /// TEST I/O; nil when none is pending.
    func pendingStatus() -> UInt8? {
        settle()
        guard channels.execute(.testIO, address: UInt32(address)) == 1 else { return nil }
        return UInt8((machine.storage.load64(0x40) >> 24) & 0xFF)
    }

    /// SENSE, one byte.
    func sense() -> UInt8 {
        run(0x04, count: 1, dataAddress: 0x3000)
        return bytes(0x3000, 1)[0]
    }
}

/// Runs a command on a device directly (no channel) and returns its result.
@discardableResult
func direct(_ device: ChannelDevice, _ code: UInt8, _ data: [UInt8] = [], count: Int? = nil,
            chained: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> DeviceResult {
    let response = device.start(DeviceCommand(code: code, count: count ?? max(1, data.count), data: data, chained: chained))
    guard case .finished(let result) = response else {
        Issue.record("command X'\(String(code, radix: 16))' did not finish at once", sourceLocation: sourceLocation)
        return DeviceResult()
    }
    return result
}
