/// What kind of transfer a CCW command asks for, from its low-order bits.
public enum CommandKind: Sendable, Equatable {
    /// xxxx xx01: data from storage to the device.
    case write
    /// xxxx xx10: data from the device to storage.
    case read
    /// xxxx 1100: data from the device, stored from the end of the area backwards (tape).
    case readBackward
    /// xxxx xx11: a control order; data, if any, goes to the device.
    case control
    /// xxxx 0100: sense information from the device to storage.
    case sense
    /// xxxx 1000: transfer in channel (handled by the channel, never sent to a device).
    case transferInChannel
    /// xxxx 0000: invalid command code.
    case invalid

    public init(code: UInt8) {
        switch code & 0x0F {
        case 0x00: self = .invalid
        case 0x04: self = .sense
        case 0x08: self = .transferInChannel
        case 0x0C: self = .readBackward
        default:
            switch code & 0x03 {
            case 0x01: self = .write
            case 0x02: self = .read
            case 0x03: self = .control
            default: self = .invalid
            }
        }
    }

    /// Whether data flows from storage to the device.
    public var isOutput: Bool { self == .write || self == .control }
}

/// One command as a device sees it: after data chaining the channel hands
/// over one buffer (output) or takes one (input), so a device never deals
/// with CCWs, storage, keys or IDAWs.
public struct DeviceCommand: Sendable {
    public let code: UInt8
    public let kind: CommandKind
    /// Bytes the program offers (output) or has room for (input), over the whole data chain.
    public let count: Int
    /// Output data, `count` bytes (empty for input).
    public let data: [UInt8]
    /// The command was reached by command chaining from the previous one
    /// (CKD devices need this: a search keeps its orientation for a read).
    public let chained: Bool

    public init(code: UInt8, count: Int, data: [UInt8] = [], chained: Bool = false) {
        self.code = code
        self.kind = CommandKind(code: code)
        self.count = count
        self.data = data
        self.chained = chained
    }
}

/// How a device answers a command it finished.
public struct DeviceResult: Sendable {
    public var status: UnitStatus
    /// Input for storage (read, read backward, sense). May be longer or
    /// shorter than the count; the channel signals incorrect length.
    public var data: [UInt8]
    /// Output bytes the device took; nil means all that were offered.
    public var accepted: Int?
    /// Virtual time the operation took, in microseconds.
    public var duration: Int
    /// When set, channel end comes now and device end this many
    /// microseconds later as a separate interruption (rewind, say).
    public var deviceEndAfter: Int?
    /// Status that comes with that late device end rather than with channel
    /// end (a 1403's unit exception: channel 12 is sensed as the carriage moves).
    public var withDeviceEnd: UnitStatus

    public init(status: UnitStatus = .done, data: [UInt8] = [], accepted: Int? = nil,
                duration: Int = 0, deviceEndAfter: Int? = nil, withDeviceEnd: UnitStatus = []) {
        self.status = status
        self.data = data
        self.accepted = accepted
        self.duration = duration
        self.deviceEndAfter = deviceEndAfter
        self.withDeviceEnd = withDeviceEnd
    }

    /// Command reject or another error: unit check (the device keeps its sense bytes).
    public static func unitCheck(duration: Int = 0) -> DeviceResult {
        DeviceResult(status: [.channelEnd, .deviceEnd, .unitCheck], duration: duration)
    }
}

public enum DeviceResponse: Sendable {
    case finished(DeviceResult)
    /// The device finishes later through `DevicePort.finish` (a console read
    /// waiting for the operator, for instance).
    case pending
}

/// A device on a channel. Each device type is one class in the Devices
/// target. The channel owns storage: devices see buffers only.
public protocol ChannelDevice: AnyObject {
    /// Device type for logs and SENSE ID (0x3215, 0x3330, …).
    var deviceType: UInt16 { get }
    /// Gives the device the port it uses for asynchronous events.
    func attach(_ port: DevicePort)
    /// Runs one command.
    func start(_ command: DeviceCommand) -> DeviceResponse
    /// HALT I/O, HALT DEVICE or CLEAR I/O ends the current operation, if any.
    func halt()
    /// System reset (and IPL): cancel what is in progress, clear pending status.
    func reset()
}

extension ChannelDevice {
    public func halt() {}
    public func reset() {}
}
