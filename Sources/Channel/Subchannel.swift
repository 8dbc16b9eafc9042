/// The channel's view of one device: whether a channel program runs on it,
/// and the interruption conditions waiting to be presented.
final class Subchannel {
    let address: UInt16
    let device: ChannelDevice
    let port: DevicePort

    /// The channel program in progress (the subchannel is working).
    var program: ChannelProgram?
    /// Status at the end of a channel program, waiting for an I/O
    /// interruption or TEST I/O (interruption pending in the subchannel).
    var pendingCSW: CSW?
    /// A program-controlled interruption waiting to be presented while the program runs on.
    var pendingPCI: CSW?
    /// Status the device raised on its own (attention, a late device end),
    /// pending in the device.
    var deviceStatus: UnitStatus = []
    /// The device sent channel end and owes a device end (it is busy).
    var awaitingDeviceEnd = false
    /// Bumped when an operation is halted, so its late completion is ignored.
    var generation: UInt64 = 0

    init(address: UInt16, device: ChannelDevice, port: DevicePort) {
        self.address = address
        self.device = device
        self.port = port
    }

    var channel: Int { Int(address >> 8) }

    var hasInterruption: Bool { pendingCSW != nil || pendingPCI != nil || !deviceStatus.isEmpty }
}
