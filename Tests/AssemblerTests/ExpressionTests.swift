import Testing
@testable import Assembler

@Suite("Expressions")
struct ExpressionTests {
    /// The value of an absolute expression, via EQU.
    func value(_ expression: String, extra: [String] = []) -> Int? {
        let assembly = assembleBody(extra + [stmt("V", "EQU", expression)])
        guard assembly.errors.isEmpty else { return nil }
        return assembly.symbol("V")?.value
    }

    @Test(arguments: [
        ("12", 12), ("X'1F'", 31), ("B'1010'", 10), ("C'A'", 0xC1), ("C'AB'", 0xC1C2), ("C''''", 0x7D),
        ("X'FFFFFFFF'", -1), ("2+3*4", 14), ("(2+3)*4", 20), ("-5+2", -3), ("7/2", 3), ("-7/2", -3),
        ("7/0", 0), ("+4", 4), ("2*-3", -6), ("C'&&'", 0x50), ("B'11'*X'10'", 48), ("((1))", 1),
        ("2147483647", 2147483647),
    ])
    func absoluteValues(_ expression: String, _ expected: Int) {
        #expect(value(expression) == expected, "\(expression)")
    }

    @Test func relocatableArithmetic() {
        let assembly = assembleBody([stmt("A", "DC", "F'0'"), stmt("B", "DC", "F'0'"), stmt("D", "EQU", "B-A"),
                                     stmt("R", "EQU", "A+8"), stmt("S", "EQU", "8+B-4"), stmt("LA", "EQU", "L'A*2")])
        #expect(assembly.errors.isEmpty)
        #expect(assembly.symbol("D")?.value == 4)
        #expect(assembly.symbol("D")?.isRelocatable == false)
        #expect(assembly.symbol("R")?.value == 8)
        #expect(assembly.symbol("R")?.isRelocatable == true)
        #expect(assembly.symbol("S")?.value == 8)
        #expect(assembly.symbol("LA")?.value == 8)
    }

    @Test(arguments: ["A*2", "A/2", "2*A", "-A+0*1+A*1"])
    func relocatableTermsCannotBeMultiplied(_ expression: String) {
        let assembly = assembleBody([stmt("A", "DC", "F'0'"), stmt("V", "EQU", expression)])
        #expect(assembly.errors.first?.message.contains("multiplied or divided") == true, "\(expression)")
    }

    @Test func complexRelocatableValuesOnlyInAddressConstants() {
        let ok = assembleBody([stmt("A", "DC", "F'0'"), op("DC", "A(A+A-A)")])
        #expect(ok.succeeded)
        let bad = assembleBody([stmt("A", "DC", "F'0'"), op("USING", "TEST,12"), op("L", "1,A+A")])
        #expect(bad.errors.first?.message.contains("complex") == true)
        let twice = assembleBody([stmt("A", "DC", "F'0'"), op("DC", "A(A+A)")])
        #expect(twice.errors.first?.message.contains("at most once") == true)
    }

    @Test func syntaxErrorsAreLocated() {
        // The operand starts in column 16.
        let cases: [(String, Int)] = [("1+", 18), ("(1", 16), ("1)", 17), ("X'1G'", 16), ("C'ABCDE'", 16),
                                      ("*", 0), ("12345678901", 16), ("B'102'", 16), ("1+(2*", 21)]
        for (expression, column) in cases {
            let assembly = assembleBody([stmt("V", "EQU", expression)])
            if column == 0 {
                #expect(assembly.succeeded, "\(expression)")
                continue
            }
            #expect(assembly.errors.first?.position.column == column, "\(expression): \(assembly.errors)")
        }
    }

    @Test func locationCounterAndLengthAttribute() {
        let assembly = assembleBody([op("DC", "X'00'"), stmt("HERE", "EQU", "*"), stmt("F", "DC", "CL12' '"),
                                     stmt("LEN", "EQU", "L'F"), stmt("AFTER", "EQU", "*-HERE")])
        #expect(assembly.symbol("HERE")?.value == 1)
        #expect(assembly.symbol("LEN")?.value == 12)
        #expect(assembly.symbol("AFTER")?.value == 12)
    }

    @Test func forwardReferencesInEquResolve() {
        let assembly = assembleBody([stmt("A", "EQU", "B+1"), stmt("B", "EQU", "C*2"), stmt("C", "EQU", "3")])
        #expect(assembly.symbol("A")?.value == 7)
    }

    @Test func circularEquIsAnError() {
        let assembly = assembleBody([stmt("A", "EQU", "B"), stmt("B", "EQU", "A")])
        #expect(!assembly.succeeded)
    }
}
