/// Unit status: what a device reports (CSW byte 4).
public struct UnitStatus: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let attention = UnitStatus(rawValue: 0x80)
    public static let statusModifier = UnitStatus(rawValue: 0x40)
    public static let controlUnitEnd = UnitStatus(rawValue: 0x20)
    public static let busy = UnitStatus(rawValue: 0x10)
    public static let channelEnd = UnitStatus(rawValue: 0x08)
    public static let deviceEnd = UnitStatus(rawValue: 0x04)
    public static let unitCheck = UnitStatus(rawValue: 0x02)
    public static let unitException = UnitStatus(rawValue: 0x01)

    /// The normal end of an operation.
    public static let done: UnitStatus = [.channelEnd, .deviceEnd]

    public var description: String {
        let names: [(UnitStatus, String)] = [(.attention, "ATTN"), (.statusModifier, "SM"), (.controlUnitEnd, "CUE"),
                                             (.busy, "BUSY"), (.channelEnd, "CE"), (.deviceEnd, "DE"),
                                             (.unitCheck, "UC"), (.unitException, "UX")]
        let set = names.filter { contains($0.0) }.map(\.1)
        return set.isEmpty ? "0" : set.joined(separator: "+")
    }
}

/// Channel status: what the channel reports (CSW byte 5).
public struct ChannelStatus: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let programControlledInterruption = ChannelStatus(rawValue: 0x80)
    public static let incorrectLength = ChannelStatus(rawValue: 0x40)
    public static let programCheck = ChannelStatus(rawValue: 0x20)
    public static let protectionCheck = ChannelStatus(rawValue: 0x10)
    public static let channelDataCheck = ChannelStatus(rawValue: 0x08)
    public static let channelControlCheck = ChannelStatus(rawValue: 0x04)
    public static let interfaceControlCheck = ChannelStatus(rawValue: 0x02)
    public static let chainingCheck = ChannelStatus(rawValue: 0x01)

    public var description: String {
        let names: [(ChannelStatus, String)] = [(.programControlledInterruption, "PCI"), (.incorrectLength, "IL"),
                                                (.programCheck, "PROG"), (.protectionCheck, "PROT"),
                                                (.channelDataCheck, "CDC"), (.channelControlCheck, "CCC"),
                                                (.interfaceControlCheck, "ICC"), (.chainingCheck, "CHAIN")]
        let set = names.filter { contains($0.0) }.map(\.1)
        return set.isEmpty ? "0" : set.joined(separator: "+")
    }
}

/// The channel status word stored at real location 64.
public struct CSW: Sendable, Hashable, CustomStringConvertible {
    /// Protection key of the operation (bits 0–3).
    public var key: UInt8 = 0
    /// Deferred condition code (bits 6–7) after START I/O FAST RELEASE.
    public var deferredConditionCode: UInt8 = 0
    /// Address of the last CCW used, plus 8 (bits 8–31).
    public var ccwAddress: UInt32 = 0
    public var unitStatus: UnitStatus = []
    public var channelStatus: ChannelStatus = []
    /// Residual count of the last CCW used.
    public var count: UInt16 = 0

    public init(key: UInt8 = 0, ccwAddress: UInt32 = 0, unitStatus: UnitStatus = [],
                channelStatus: ChannelStatus = [], count: UInt16 = 0) {
        self.key = key
        self.ccwAddress = ccwAddress
        self.unitStatus = unitStatus
        self.channelStatus = channelStatus
        self.count = count
    }

    /// The doubleword as stored.
    public var stored: UInt64 {
        UInt64(key & 0xF) << 60 | UInt64(deferredConditionCode & 3) << 56 | UInt64(ccwAddress & 0x00FF_FFFF) << 32
            | UInt64(unitStatus.rawValue) << 24 | UInt64(channelStatus.rawValue) << 16 | UInt64(count)
    }

    public var description: String {
        hex(stored, 16) + " (\(unitStatus), \(channelStatus))"
    }
}

/// Upper-case hexadecimal, zero-padded to `width` digits.
func hex<T: BinaryInteger>(_ value: T, _ width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
