import Testing
import S370Spec
@testable import Assembler

@Suite("Instruction operands")
struct InstructionOperandTests {
    /// Extended mnemonics as HLASM defines them, with the mask each stands for.
    @Test(arguments: [
        ("B", 15), ("NOP", 0), ("BH", 2), ("BL", 4), ("BE", 8), ("BNH", 13), ("BNL", 11), ("BNE", 7),
        ("BP", 2), ("BM", 4), ("BZ", 8), ("BNP", 13), ("BNM", 11), ("BNZ", 7), ("BO", 1), ("BNO", 14),
    ])
    func branchOnCondition(_ name: String, _ mask: Int) {
        // In an RX operand D(R) the register is the index register.
        let expected = "47" + hex(mask, digits: 1) + "1" + "0008"
        #expect(imageHex([op(name, "8(1)")]) == expected, "\(name)")
        let register = ["B": "BR", "NOP": "NOPR"][name] ?? name + "R"
        #expect(imageHex([op(register, "14")]) == "07" + hex(mask, digits: 1) + "E", "\(register)")
    }

    @Test(arguments: [
        ("J", 15), ("BRU", 15), ("JNOP", 0), ("JH", 2), ("JL", 4), ("JE", 8), ("JNH", 13), ("JNL", 11),
        ("JNE", 7), ("JP", 2), ("JM", 4), ("JZ", 8), ("JNP", 13), ("JNM", 11), ("JNZ", 7), ("JO", 1), ("JNO", 14),
        ("BRH", 2), ("BRL", 4), ("BRE", 8), ("BRNH", 13), ("BRNL", 11), ("BRNE", 7), ("BRP", 2), ("BRM", 4),
        ("BRZ", 8), ("BRNP", 13), ("BRNM", 11), ("BRNZ", 7), ("BRO", 1), ("BRNO", 14),
    ])
    func relativeBranches(_ name: String, _ mask: Int) {
        // Branch forward 8 bytes: 4 halfwords.
        #expect(imageHex([op(name, "*+8")]) == "A7" + hex(mask, digits: 1) + "40004", "\(name)")
    }

    @Test(arguments: [
        ("JLU", 15), ("BRUL", 15), ("JLNOP", 0), ("JLH", 2), ("JLL", 4), ("JLE", 8), ("JLNH", 13), ("JLNL", 11),
        ("JLNE", 7), ("JLP", 2), ("JLM", 4), ("JLZ", 8), ("JLNP", 13), ("JLNM", 11), ("JLNZ", 7), ("JLO", 1),
        ("JLNO", 14), ("BRHL", 2), ("BRLL", 4), ("BREL", 8), ("BRNEL", 7), ("BROL", 1),
    ])
    func relativeLongBranches(_ name: String, _ mask: Int) {
        #expect(imageHex([op(name, "*-4")]) == "C0" + hex(mask, digits: 1) + "4FFFFFFFE", "\(name)")
    }

    @Test func relativeOffsetsAreHalfwordsFromTheInstruction() {
        let lines = [stmt("BACK", "DC", "H'0'"), op("BRAS", "14,AHEAD"), op("BRCT", "3,BACK"), op("JAS", "14,BACK"),
                     op("LARL", "1,AHEAD"), op("BRXH", "2,4,BACK"), op("JC", "6,AHEAD"), stmt("AHEAD", "DC", "H'0'")]
        #expect(imageHex(lines) == ["0000", "A7E5000D", "A736FFFD", "A7E5FFFB", "C01000000007", "8424FFF6", "A7640002", "0000"].joined())
        let odd = assembleBody([op("J", "*+3")])
        #expect(odd.errors.first?.message.contains("even") == true)
    }

    @Test func implicitAndExplicitAddresses() {
        let lines = [op("USING", "TEST,12"),
                     op("L", "1,WORD"), op("L", "1,WORD(5)"), op("L", "1,8(5,6)"), op("L", "1,8(,6)"), op("L", "1,8"),
                     op("LA", "1,4095"), op("STM", "14,12,12(13)"), op("SLL", "1,3"),
                     op("MVC", "WORD,WORD2"), op("MVC", "WORD(2),WORD2"), op("MVC", "0(3,5),1(6)"), op("MVC", "4(,5),WORD"),
                     op("PACK", "WORD,WORD2(3)"), op("MVI", "WORD,255"), op("TM", "WORD,B'1001'"), op("CLI", "0(5),C'A'"),
                     op("SRP", "WORD(3),1(0),5"), op("ICM", "1,B'0110',WORD"),
                     stmt("WORD", "DC", "F'0'"), stmt("WORD2", "DC", "H'0'")]
        // WORD is at X'54', WORD2 at X'58'. MVC 4(,5),WORD takes its length
        // from the term 4, whose length attribute is 1.
        let expected = ["5810C054", "5815C054", "58156008", "58106008", "58100008",
                        "41100FFF", "90ECD00C", "89100003",
                        "D203C054C058", "D201C054C058", "D20250006001", "D2005004C054",
                        "F232C054C058", "92FFC054", "9109C054", "95C15000",
                        "F025C0540001", "BF16C054",
                        "00000000", "0000"].joined()
        #expect(imageHex(lines) == expected)
    }

    @Test func lengthAttributeOfTheLocationCounterIsTheInstructionLength() {
        #expect(imageHex([op("LA", "1,L'*"), op("MVC", "0(L'*,1),0(2)")]) == "41100004" + "D20510002000")
    }

    @Test func operandErrorsAreLocated() {
        let cases: [(String, String, String)] = [
            ("LR", "16,1", "register"), ("LR", "1", "expected 2 operands"), ("L", "1,5000", "4095"),
            ("MVC", "0(257,1),0(2)", "length"), ("SVC", "256", "immediate"), ("AHI", "1,70000", "halfword"),
            ("L", "1,2(3,4,5)", "at most two"), ("SLL", "1,2(3,4)", "no index"), ("PACK", "0(17,1),0(1,2)", "length"),
            ("L", "1,=F'1", "quote"), ("LR", "1,,", "operand"),
        ]
        for (operation, operands, word) in cases {
            let assembly = assembleBody([op(operation, operands)])
            let error = assembly.errors.first
            #expect(error != nil, "\(operation) \(operands) should fail")
            #expect(error?.position.line == 2, "\(operation) \(operands)")
            #expect(error?.position.column ?? 0 >= 16, "\(operation) \(operands): \(error?.description ?? "")")
            #expect(error?.message.lowercased().contains(word.lowercased()) == true, "\(operation) \(operands): \(error?.message ?? "")")
        }
    }

    @Test func addressesNeedAUsing() {
        let assembly = assembleBody([op("L", "1,X"), stmt("X", "DC", "F'0'")])
        let error = assembly.errors.first
        #expect(error?.message.contains("not addressable") == true)
        #expect(error?.position.column == 18)
    }

    /// Formats no row of the table uses yet, checked with rows defined here.
    @Test func formatsWithoutTableRows() {
        let rows: [InstructionSpec] = [
            .init("MVCK", 0xD9, .ssR, .s370, title: "Move with Key"),
            .init("TPROT", 0xE501, .sse, .s370, title: "Test Protection"),
            .init("UPT", 0x0102, .e, .s370, title: "Update Tree"),
        ]
        let source = ["TEST     CSECT", op("MVCK", "2(3,8),5(6),7"), op("TPROT", "2(8),5(6)"), op("UPT"), op("END")]
        let options = AssemblerOptions(instructions: InstructionTable.all + rows,
                                       reader: InMemoryReader(["t.asm": source.joined(separator: "\n")]))
        let assembly = Assembler.assemble(file: "t.asm", options: options)
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage) == "D93780026005" + "E50180026005" + "0102")
    }

    @Test func lowerCaseIsAccepted() {
        #expect(imageHex(["         using test,0", "x        dc    c'ab'", "         la    1,x", "         mvc   0(l'x,1),x"])
                == "8182" + "41100000" + "D20110000000")
    }
}
