import Testing
import S370Spec
@testable import Assembler

@Suite("Disassembler")
struct DisassemblerTests {
    func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var rest = Substring(hex)
        while !rest.isEmpty { result.append(UInt8(rest.prefix(2), radix: 16)!); rest = rest.dropFirst(2) }
        return result
    }

    func first(_ hex: String, at address: Int = 0x1000, architecture: Architectures = .s370,
               facilities: Set<Facility> = [.ext370]) -> DisassembledInstruction {
        Disassembler.instruction(in: bytes(hex), address: address, architecture: architecture, facilities: facilities)
    }

    @Test(arguments: [
        ("47F0C010", "B", "16(,12)"), ("07FE", "BR", "14"), ("4780C010", "BE", "16(,12)"), ("4770C010", "BNE", "16(,12)"),
        ("47200010", "BH", "16"), ("47E5C010", "BNO", "16(5,12)"), ("4700C010", "NOP", "16(,12)"), ("0700", "NOPR", "0"),
        ("078E", "BER", "14"), ("07F0", "BCR", "15,0"), ("47A0C010", "BC", "10,16(,12)"),
        ("A7F40004", "J", "*+8"), ("A784FFFE", "JE", "*-4"), ("A704FFFE", "JNOP", "*-4"),
        ("C0F400000010", "JLU", "*+32"), ("C07400000010", "JLNE", "*+32"), ("A7540003", "BRC", "5,*+6"),
    ])
    func extendedMnemonics(_ hex: String, _ mnemonic: String, _ operands: String) {
        let line = first(hex)
        #expect(line.mnemonic == mnemonic, "\(hex)")
        #expect(line.operands == operands, "\(hex)")
    }

    @Test(arguments: [
        ("1812", "LR", "1,2"), ("5812C00C", "L", "1,12(2,12)"), ("90ECD00C", "STM", "14,12,12(13)"),
        ("D203C010C020", "MVC", "16(4,12),32(12)"), ("F8775000C008", "ZAP", "0(8,5),8(8,12)"),
        ("92C1C010", "MVI", "16(12),X'C1'"), ("0ACA", "SVC", "202"), ("B2050408", "STCK", "1032"),
        ("B20D0000", "PTLB", ""), ("89600003", "SLL", "6,3"), ("BF16C010", "ICM", "1,6,16(12)"),
        ("A71AFFFE", "AHI", "1,-2"), ("A7108000", "TMH", "1,X'8000'"), ("C01000000004", "LARL", "1,*+8"),
        ("B2220010", "IPM", "1"), ("B9960024", "MLR", "2,4"), ("E32680020096", "ML", "2,2(6,8)"),
        ("EB248002001D", "RLL", "2,4,2(8)"), ("F02780026005", "SRP", "2(3,8),5(6),7"),
        ("8424FFFC", "BRXH", "2,4,*-8"), ("0420", "SPM", "2"),
    ])
    func operandSyntax(_ hex: String, _ mnemonic: String, _ operands: String) {
        let line = first(hex)
        #expect(line.mnemonic == mnemonic, "\(hex)")
        #expect(line.operands == operands, "\(hex)")
        #expect(line.length == hex.count / 2)
    }

    @Test func relativeTargets() {
        #expect(first("A7F40004", at: 0x800).targetAddress == 0x808)
        #expect(first("C0F4FFFFFFFF", at: 0x800).targetAddress == 0x7FE)
        #expect(first("1812").targetAddress == nil)
        #expect(first("A7F40004", at: 0x800).text.contains("-> 000808"))
    }

    @Test func bytesThatAreNoInstruction() {
        let zero = first("0000")
        #expect(zero.mnemonic == "DC" && zero.operands == "X'0000'" && zero.instruction == nil)
        #expect(first("FF00000000001234").operands == "X'FF0000000000'")
        // A 6-byte opcode with only 4 bytes left.
        let short = Disassembler.disassemble(bytes: bytes("D203C010"), address: 0)
        #expect(short.count == 1 && short[0].mnemonic == "DC" && short[0].length == 4)
    }

    @Test func architectureAndFacilitiesDecideWhatExists() {
        #expect(first("B2050408", architecture: .s360_67).mnemonic == "DC")
        #expect(first("B0248002", architecture: .s360_67).mnemonic == "STMC")
        #expect(first("B0248002", architecture: .s370).mnemonic == "DC")
        #expect(first("84C18002", facilities: []).mnemonic == "WRD")
        #expect(first("8424FFFC", facilities: [.ext370]).mnemonic == "BRXH")
        #expect(first("A7F40004", facilities: []).mnemonic == "DC")
    }

    @Test func walksThroughStorage() {
        let lines = Disassembler.disassemble(bytes: bytes("05C0" + "5810C00C" + "D203C010C020" + "07FE"), address: 0x800)
        #expect(lines.map(\.mnemonic) == ["BALR", "L", "MVC", "BR"])
        #expect(lines.map(\.address) == [0x800, 0x802, 0x806, 0x80C])
        #expect(lines[1].text.hasPrefix("000802  5810 C00C"))
    }

    /// The benchmark's code, disassembled and assembled again, gives the same bytes.
    @Test func benchmarkCodeRoundTrips() throws {
        guard let path = SharedFiles.path("bench/s370bench.asm") else { return }
        let assembly = Assembler.assemble(file: path)
        let begin = try #require(assembly.symbol("BEGIN")?.value)
        let end = try #require(assembly.symbol("GOODPSW")?.value)
        let code = Array(assembly.coreImage[begin..<end])
        let lines = Disassembler.disassemble(bytes: code, address: begin)
        var source = ["ROUND    START 0", "         ORG   ROUND+\(begin)"]
        for line in lines { source.append(op(line.mnemonic, line.operands)) }
        source.append("         END")
        let again = assemble(source.joined(separator: "\n"))
        #expect(again.errors.isEmpty, "\(again.errors)")
        #expect(Array(again.coreImage[begin...]) == code)
    }

    /// Any bytes at all disassemble into lines that cover them exactly.
    @Test func arbitraryBytesNeverBreakIt() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let count = Int.random(in: 1...64, using: &generator)
            let data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for (architecture, facilities) in [(Architectures.s370, Set<Facility>()), (.s370, [.ext370]), (.s360_67, [])] {
                let lines = Disassembler.disassemble(bytes: data, address: 0xFFFFF0, architecture: architecture,
                                                     facilities: facilities)
                #expect(lines.reduce(0) { $0 + $1.length } == count, "round \(round)")
                #expect(lines.allSatisfy { !$0.text.isEmpty })
            }
        }
    }
}
