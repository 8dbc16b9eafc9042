import Testing
@testable import Assembler

/// DC and DS for every constant type, with expected bytes worked out from
/// the constant formats in the Principles of Operation and the HLASM rules
/// for padding, truncation and alignment.
@Suite("DC and DS constants")
struct ConstantTests {
    @Test(arguments: [
        // Character (EBCDIC): padded on the right with blanks, truncated on the right.
        ("C'AB'", "C1C2"), ("CL4'AB'", "C1C24040"), ("CL1'AB'", "C1"), ("2C'A'", "C1C1"),
        ("C'A''B'", "C17DC2"), ("C'&&'", "50"), ("C'ab'", "8182"), ("C'A,B'", "C16BC2"), ("CA'AB'", "4142"),
        // Hexadecimal: padded and truncated on the left.
        ("X'1F'", "1F"), ("X'123'", "0123"), ("XL3'1'", "000001"), ("XL1'1234'", "34"),
        ("X'01,02'", "0102"), ("3X'AB'", "ABABAB"), ("X'C3 08'", "C308"),
        // Binary.
        ("B'1'", "01"), ("B'100000001'", "0101"), ("BL1'11110000'", "F0"), ("B'1,10'", "0102"),
        // Fixed point.
        ("F'1'", "00000001"), ("F'-1'", "FFFFFFFF"), ("FL2'300'", "012C"), ("F'1,2'", "0000000100000002"),
        ("FS4'1.5'", "00000018"), ("F'2E2'", "000000C8"), ("FE1'2'", "00000014"), ("FL1'-1'", "FF"),
        ("H'-2'", "FFFE"), ("H'32767'", "7FFF"), ("HS2'2.25'", "0009"), ("FD'-2'", "FFFFFFFFFFFFFFFE"),
        ("F'2147483647'", "7FFFFFFF"), ("H'1,-1'", "0001FFFF"),
        // Packed and zoned decimal.
        ("P'+12'", "012C"), ("P'-1'", "1D"), ("PL3'123'", "00123C"), ("P'1.25'", "125C"), ("P'1,-2'", "1C2D"),
        ("P'0'", "0C"), ("Z'12'", "F1C2"), ("ZL3'-5'", "F0F0D5"), ("Z'1,2'", "C1C2"),
        // Hexadecimal floating point: short, long, extended.
        ("E'1'", "41100000"), ("E'-0.5'", "C0800000"), ("E'0'", "00000000"), ("E'100'", "42640000"),
        ("E'0.1'", "4019999A"), ("E'1E-1'", "4019999A"), ("EE1'1'", "41A00000"),
        ("D'1'", "4110000000000000"), ("D'0.1'", "401999999999999A"), ("D'-2.5'", "C128000000000000"),
        ("DL4'1'", "41100000"), ("EH'1'", "41100000"),
        ("L'1'", "41100000000000003300000000000000"), ("L'-1'", "C110000000000000B300000000000000"),
        // Address constants.
        ("A(1)", "00000001"), ("AL1(255)", "FF"), ("A(X'100'+1)", "00000101"), ("Y(258)", "0102"),
        ("AL3(-1)", "FFFFFF"), ("AD(5)", "0000000000000005"), ("A(1,2)", "0000000100000002"),
        ("S(8(12))", "C008"), ("S(100)", "0064"), ("VD(TEST)", "0000000000000000"), ("V(TEST)", "00000000"),
    ])
    func constant(_ operand: String, _ expected: String) {
        #expect(imageHex([op("DC", operand)]) == expected, "DC \(operand)")
    }

    @Test func fullwordsAlignUnlessALengthIsGiven() {
        #expect(imageHex([op("DC", "X'FF'"), op("DC", "F'1'")]) == "FF00000000000001")
        #expect(imageHex([op("DC", "X'FF'"), op("DC", "FL4'1'")]) == "FF00000001")
        #expect(imageHex([op("DC", "X'FF'"), op("DC", "H'1'")]) == "FF000001")
        #expect(imageHex([op("DC", "X'FF'"), op("DC", "D'0'"), op("DC", "X'EE'")]) == "FF00000000000000" + "0000000000000000EE")
        #expect(imageHex([op("DC", "X'FF'"), op("DC", "0F'0'"), op("DC", "X'EE'")]) == "FF000000EE")
        #expect(imageHex([op("DC", "C'A',X'B',F'1'")]) == "C10B000000000001")
    }

    @Test func addressConstantsHoldFinalAddresses() {
        let lines = [op("DC", "X'FF'"), stmt("HERE", "DC", "A(HERE,*)"), op("DC", "AL2(HERE-TEST)")]
        #expect(imageHex(lines) == "FF000000" + "00000004" + "00000008" + "0004")
    }

    @Test func storageIsReservedButNotFilled() {
        let assembly = assembleBody([op("DC", "X'01'"), op("DS", "F"), stmt("AFTER", "DS", "CL3"), op("DS", "3H"),
                                     op("DS", "0D"), stmt("END8", "DC", "X'02'")])
        #expect(assembly.errors.isEmpty)
        #expect(assembly.symbol("AFTER")?.value == 8)
        #expect(assembly.symbol("AFTER")?.length == 3)
        #expect(assembly.symbol("END8")?.value == 24)
        #expect(hexString(assembly.coreImage) == "01" + String(repeating: "00", count: 23) + "02")
        #expect(assembly.coreImageWritten.filter { $0 }.count == 2)
    }

    @Test func labelsTakeTheFirstOperandsAttributes() {
        let assembly = assembleBody([stmt("C1", "DC", "CL7'X',F'1'"), stmt("P1", "DC", "PL3'1'"),
                                     stmt("F1", "DS", "2F"), stmt("X1", "DC", "X'0102'")])
        #expect(assembly.symbol("C1")?.length == 7)
        #expect(assembly.symbol("C1")?.type == "C")
        #expect(assembly.symbol("P1")?.type == "P")
        #expect(assembly.symbol("F1")?.length == 4)
        #expect(assembly.symbol("X1")?.length == 2)
    }

    @Test func duplicationFactorsMayBeExpressions() {
        #expect(imageHex([stmt("N", "EQU", "3"), op("DC", "(N*2)X'AA'")]) == "AAAAAAAAAAAA")
    }

    @Test func badConstantsAreReported() {
        let cases = ["F'ABC'", "X'XY'", "B'12'", "P'1A'", "FL9'1'", "H'70000'", "Q'1'", "C'OPEN", "A'1'"]
        for operand in cases {
            let assembly = assembleBody([op("DC", operand)])
            #expect(!assembly.errors.isEmpty, "DC \(operand) should be an error")
            #expect(assembly.errors.first?.position.line == 2, "DC \(operand)")
        }
    }

    @Test func dcWithoutAValueIsAnError() {
        let assembly = assembleBody([op("DC", "F")])
        #expect(assembly.errors.first?.message.contains("DC needs a value") == true)
    }
}
