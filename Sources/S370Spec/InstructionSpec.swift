/// One row of the instruction table.
public struct InstructionSpec: Sendable, Hashable {
    /// The machine mnemonic, upper case (`MVC`).
    public let mnemonic: String
    /// The opcode as one number; `format.opcodeShape` says how it is split
    /// (`0xD2` for MVC, `0xB205` for STCK, `0xA7A` for AHI, `0xE396` for ML).
    public let opcode: UInt16
    public let format: InstructionFormat
    public let architectures: Architectures
    public let privilege: Privilege
    public let facility: Facility
    /// Other names the assembler accepts for the same instruction (`TMLL` for `TML`).
    public let aliases: [String]
    /// A short description for listings, help and disassembly comments.
    public let title: String

    public init(_ mnemonic: String, _ opcode: UInt16, _ format: InstructionFormat,
                _ architectures: Architectures = .both, _ privilege: Privilege = .none,
                _ facility: Facility = .base, aliases: [String] = [], title: String) {
        self.mnemonic = mnemonic
        self.opcode = opcode
        self.format = format
        self.architectures = architectures
        self.privilege = privilege
        self.facility = facility
        self.aliases = aliases
        self.title = title
    }

    public var length: Int { format.length }

    /// The first byte of the instruction.
    public var firstByte: UInt8 {
        switch format.opcodeShape {
        case .firstByte: return UInt8(opcode)
        case .firstTwoBytes, .firstAndLastByte: return UInt8(opcode >> 8)
        case .firstByteAndLowNibble: return UInt8(opcode >> 4)
        }
    }

    /// The second part of the opcode, if any: byte 1, the low nibble of byte 1, or byte 5.
    public var extendedOpcode: UInt8? {
        switch format.opcodeShape {
        case .firstByte: return nil
        case .firstTwoBytes, .firstAndLastByte: return UInt8(opcode & 0xFF)
        case .firstByteAndLowNibble: return UInt8(opcode & 0xF)
        }
    }

    /// The opcode written the way the Principles of Operation writes it (`D2`, `B205`, `A7A`, `E396`).
    public var opcodeText: String {
        let digits: Int
        switch format.opcodeShape {
        case .firstByte: digits = 2
        case .firstByteAndLowNibble: digits = 3
        case .firstTwoBytes, .firstAndLastByte: digits = 4
        }
        let hex = String(opcode, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - hex.count)) + hex
    }

    /// Whether the instruction exists on the given architecture with the given facilities.
    public func isAvailable(on architecture: Architectures, facilities: Set<Facility>) -> Bool {
        !architectures.isDisjoint(with: architecture)
            && (facility == .base || facilities.contains(facility))
    }
}
