/// A format-0 channel command word (S/370): command, 24-bit data address,
/// flags, count.
struct CCW {
    let command: UInt8
    let dataAddress: UInt32
    let flags: UInt8
    let count: Int

    static let chainData: UInt8 = 0x80
    static let chainCommand: UInt8 = 0x40
    static let suppressLength: UInt8 = 0x20
    static let skip: UInt8 = 0x10
    static let programControlledInterruption: UInt8 = 0x08
    static let indirectData: UInt8 = 0x04
    /// Flag bits 38–39 must be zero.
    static let reservedFlags: UInt8 = 0x03

    init(_ doubleword: UInt64) {
        command = UInt8(doubleword >> 56)
        dataAddress = UInt32((doubleword >> 32) & 0x00FF_FFFF)
        flags = UInt8((doubleword >> 24) & 0xFF)
        count = Int(doubleword & 0xFFFF)
    }

    var isTransferInChannel: Bool { command & 0x0F == 0x08 }
    var chainsData: Bool { flags & CCW.chainData != 0 }
    var chainsCommand: Bool { flags & CCW.chainCommand != 0 }
    var suppressesLength: Bool { flags & CCW.suppressLength != 0 }
    var skips: Bool { flags & CCW.skip != 0 }
    var wantsPCI: Bool { flags & CCW.programControlledInterruption != 0 }
    var indirect: Bool { flags & CCW.indirectData != 0 }
}

/// One data area of a (possibly data-chained) command: the CCW that
/// designates it and how to reach its bytes.
struct DataSegment {
    let ccwAddress: UInt32
    let ccw: CCW
    var count: Int { ccw.count }
}
