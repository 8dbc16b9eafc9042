import Testing
@testable import Assembler

@Suite("Literals and LTORG")
struct LiteralTests {
    /// LTORG starts the pool on a doubleword boundary; HLASM places
    /// doubleword-multiple literals first, then fullword,
    /// halfword and the rest, each group in order of first use.
    @Test func hlasmPoolOrder() {
        let assembly = assembleBody([
            op("USING", "TEST,12"),
            op("L", "1,=X'01'"), op("L", "1,=F'2'"), op("L", "1,=H'3'"), op("L", "1,=D'0'"),
            op("L", "1,=12X'00'"), op("L", "1,=F'2'"),
            op("LTORG"),
        ])
        #expect(assembly.errors.isEmpty)
        let image = hexString(assembly.coreImage)
        // 6 instructions (24 bytes), pool at X'18': D'0', F'2', 12X'00', H'3', X'01'.
        #expect(image.hasPrefix(["5810C032", "5810C020", "5810C030", "5810C018", "5810C024", "5810C020"].joined()))
        #expect(image.hasSuffix(["0000000000000000", "00000002", "000000000000000000000000", "0003", "01"].joined()))
    }

    /// ASMA groups by the length attribute (exactly 16, 8, 4 or 2); =12X'00'
    /// has length attribute 1 and goes with the single bytes.
    @Test func asmaPoolOrder() {
        let assembly = assembleBody([
            op("USING", "TEST,12"),
            op("CLC", "0(12,1),=12X'00'"), op("L", "1,=F'2'"), op("CLC", "0(1,1),=X'01'"),
            op("LTORG"),
        ], dialect: .asma)
        #expect(assembly.errors.isEmpty)
        // 16 bytes of instructions, pool aligned to 4 at 16: F'2', then 12X'00', X'01'.
        #expect(hexString(assembly.coreImage) == ["D50B1000C014", "5810C010", "D5001000C020", "00000002", String(repeating: "00", count: 12), "01"].joined())
    }

    @Test func literalsWithTheLocationCounterAreNotShared() {
        let assembly = assembleBody([op("USING", "TEST,12"), op("L", "1,=A(*)"), op("L", "1,=A(*)"), op("LTORG")])
        #expect(hexString(assembly.coreImage) == ["5810C008", "5810C00C", "00000000", "00000004"].joined())
    }

    @Test func sameLiteralIsSharedWithinAPool() {
        let assembly = assembleBody([op("USING", "TEST,12"), op("L", "1,=F'7'"), op("L", "2,=F'7'"), op("LTORG")])
        #expect(hexString(assembly.coreImage) == ["5810C008", "5820C008", "00000007"].joined())
    }

    @Test func eachLtorgStartsANewPool() {
        let assembly = assembleBody([op("USING", "TEST,12"), op("L", "1,=F'7'"), op("LTORG"),
                                     op("L", "2,=F'7'"), op("LTORG")])
        #expect(hexString(assembly.coreImage) == ["5810C008", "00000000", "00000007", "5820C010", "00000007"].joined())
    }

    /// Literals still waiting at END go to the end of the first control section.
    @Test func endPlacesTheRemainingLiterals() {
        let source = [stmt("FIRST", "CSECT"), op("USING", "FIRST,12"), op("L", "1,=F'9'"),
                      stmt("SECOND", "CSECT"), op("DC", "X'EE'"), op("END")].joined(separator: "\n")
        let assembly = assemble(source)
        #expect(assembly.errors.isEmpty)
        // FIRST ends at 4; its pool starts on the next doubleword; SECOND follows on a doubleword.
        #expect(hexString(assembly.coreImage) == ["5810C008", "00000000", "00000009", "00000000", "EE"].joined())
        #expect(assembly.symbol("SECOND")?.value == 16)
    }

    @Test func lengthAttributeOfALiteral() {
        #expect(imageHex([op("LA", "1,L'=CL5'A'")]).hasPrefix("41100005"))
    }

    @Test func literalsWorkInEveryOperandPosition() {
        let assembly = assembleBody([op("USING", "TEST,12"), op("MVC", "0(2,1),=C'AB'"), op("CLI", "0(1),C'A'"),
                                     op("AP", "0(4,1),=P'1'"), op("LM", "2,3,=A(1,2)"), op("LTORG")])
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage) == ["D2011000C020", "95C11000", "FA301000C022", "9823C018", "00000000", "00000001", "00000002", "C1C2", "1C"].joined())
    }

    @Test func relativeReferencesToLiteralsAreHalfwordAligned() {
        let assembly = assembleBody([op("USING", "TEST,12"), op("CLI", "0(1),X'00'"), op("L", "1,=X'01'"),
                                     op("LARL", "1,=C'ABC'"), op("LTORG")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        // Pool at X'10': X'01' at X'10', C'ABC' moved to X'12'.
        #expect(hexString(assembly.coreImage) == ["95001000", "5810C010", "C01000000005", "0000", "01", "00", "C1C2C3"].joined())
    }
}
