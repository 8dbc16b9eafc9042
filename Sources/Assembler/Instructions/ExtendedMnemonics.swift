/// Extended branch mnemonics: a conditional branch with its mask built in.
struct ExtendedMnemonic: Sendable {
    /// The instruction it stands for (BC, BCR, BRC or BRCL).
    var base: String
    var mask: UInt8
}

enum ExtendedMnemonics {
    /// Condition suffixes and their masks, as HLASM names them.
    private static let conditions: [(String, UInt8)] = [
        ("H", 2), ("L", 4), ("E", 8), ("NH", 13), ("NL", 11), ("NE", 7),
        ("P", 2), ("M", 4), ("Z", 8), ("NP", 13), ("NM", 11), ("NZ", 7),
        ("O", 1), ("NO", 14),
    ]

    static let all: [String: ExtendedMnemonic] = {
        var map: [String: ExtendedMnemonic] = [:]
        // BC and BCR.
        map["B"] = .init(base: "BC", mask: 15)
        map["BR"] = .init(base: "BCR", mask: 15)
        map["NOP"] = .init(base: "BC", mask: 0)
        map["NOPR"] = .init(base: "BCR", mask: 0)
        // BRC (relative): J…, BR… forms.
        map["J"] = .init(base: "BRC", mask: 15)
        map["BRU"] = .init(base: "BRC", mask: 15)
        map["JNOP"] = .init(base: "BRC", mask: 0)
        map["JC"] = .init(base: "BRC", mask: 0xFF)     // mask given as the first operand
        // BRCL (relative long).
        map["JLU"] = .init(base: "BRCL", mask: 15)
        map["BRUL"] = .init(base: "BRCL", mask: 15)
        map["JLNOP"] = .init(base: "BRCL", mask: 0)
        map["JLC"] = .init(base: "BRCL", mask: 0xFF)
        for (suffix, mask) in conditions {
            map["B" + suffix] = .init(base: "BC", mask: mask)
            map["B" + suffix + "R"] = .init(base: "BCR", mask: mask)
            map["J" + suffix] = .init(base: "BRC", mask: mask)
            map["BR" + suffix] = .init(base: "BRC", mask: mask)
            map["JL" + suffix] = .init(base: "BRCL", mask: mask)
            map["BR" + suffix + "L"] = .init(base: "BRCL", mask: mask)
        }
        return map
    }()

    /// The preferred extended mnemonic for a mask, for the disassembler
    /// (`BE`, `BNER`, `J`, `JLNE`…); nil when the plain form reads better.
    static func name(for base: String, mask: UInt8) -> String? {
        let suffix: String?
        switch mask {
        case 15: suffix = ""
        case 0: suffix = "NOP"
        case 2: suffix = "H"
        case 4: suffix = "L"
        case 8: suffix = "E"
        case 13: suffix = "NH"
        case 11: suffix = "NL"
        case 7: suffix = "NE"
        case 1: suffix = "O"
        case 14: suffix = "NO"
        default: suffix = nil
        }
        guard let suffix else { return nil }
        switch base {
        case "BC": return suffix == "" ? "B" : (suffix == "NOP" ? "NOP" : "B" + suffix)
        case "BCR": return suffix == "" ? "BR" : (suffix == "NOP" ? "NOPR" : "B" + suffix + "R")
        case "BRC": return suffix == "" ? "J" : (suffix == "NOP" ? "JNOP" : "J" + suffix)
        case "BRCL": return suffix == "" ? "JLU" : (suffix == "NOP" ? "JLNOP" : "JL" + suffix)
        default: return nil
        }
    }
}
