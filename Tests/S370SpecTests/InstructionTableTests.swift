import Testing
import S370Spec

@Suite("Instruction table")
struct InstructionTableTests {
    @Test func mnemonicsAndAliasesAreUnique() {
        var seen: [String: String] = [:]
        for row in InstructionTable.all {
            for name in [row.mnemonic] + row.aliases {
                #expect(seen[name] == nil, "\(name) named twice (\(seen[name] ?? "") and \(row.mnemonic))")
                seen[name] = row.mnemonic
            }
        }
    }

    /// The first two bits of an opcode give the instruction length (2, 4, 4, 6).
    @Test func lengthMatchesOpcodeBits() {
        for row in InstructionTable.all {
            let bits = Int(row.firstByte >> 6)
            let expected = [2, 4, 4, 6][bits]
            #expect(row.length == expected, "\(row.mnemonic): format length \(row.length), opcode says \(expected)")
        }
    }

    /// No two rows available on the same machine share an opcode, except a
    /// facility row that replaces a base row (84/85 are WRD/RDD or BRXH/BRXLE).
    @Test func opcodesDoNotCollide() {
        for arch in [Architectures.s370, .s360_67] {
            for facilities in [Set<Facility>(), [.ext370]] {
                var seen: [String: InstructionSpec] = [:]
                for row in InstructionTable.all where row.isAvailable(on: arch, facilities: facilities) {
                    let key = row.opcodeText
                    if let other = seen[key] {
                        #expect(other.facility != row.facility,
                                "\(row.mnemonic) and \(other.mnemonic) share \(key)")
                    }
                    seen[key] = row
                }
            }
        }
    }

    @Test func decodeFindsEachRow() {
        for row in InstructionTable.all {
            var bytes = [UInt8](repeating: 0, count: 6)
            bytes[0] = row.firstByte
            switch row.format.opcodeShape {
            case .firstByte: break
            case .firstTwoBytes: bytes[1] = row.extendedOpcode!
            case .firstByteAndLowNibble: bytes[1] = row.extendedOpcode!
            case .firstAndLastByte: bytes[5] = row.extendedOpcode!
            }
            let arch: Architectures = row.architectures.contains(.s370) ? .s370 : .s360_67
            let found = InstructionTable.decode(bytes, architecture: arch, facilities: [row.facility])
            #expect(found?.mnemonic == row.mnemonic, "\(row.mnemonic) decodes as \(found?.mnemonic ?? "nothing")")
        }
    }

    @Test func facilityRowsAreS370Only() {
        for row in InstructionTable.all where row.facility == .ext370 {
            #expect(row.architectures == .s370, "\(row.mnemonic)")
        }
    }
}
