import Testing
@testable import Assembler

@Suite("Macros and conditional assembly")
struct MacroTests {
    /// A macro definition followed by statements, inside TEST CSECT.
    func run(_ macro: [String], _ body: [String], files: [String: String] = [:], maclibs: [String] = []) -> Assembly {
        assemble((macro + ["TEST     CSECT"] + body + ["         END"]).joined(separator: "\n") + "\n",
                 files: files, maclibs: maclibs)
    }

    let move = [op("MACRO"), stmt("&L", "MOVE", "&TO,&FROM,&LEN=1"), stmt("&L", "MVC", "&TO.(&LEN),&FROM"), op("MEND")]

    @Test func positionalAndKeywordParameters() {
        let assembly = run(move, [op("USING", "TEST,12"), stmt("HERE", "MOVE", "A,B"), op("MOVE", "B,A,LEN=8"),
                                  stmt("A", "DS", "F"), stmt("B", "DS", "F")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(Array(assembly.coreImage.prefix(12))) == "D200C00CC010" + "D207C010C00C")
        #expect(assembly.symbol("HERE")?.value == 0)
    }

    @Test func undefinedKeywordIsAnError() {
        let assembly = run(move, [op("MOVE", "A,B,SIZE=3")])
        #expect(assembly.errors.first?.message.contains("SIZE") == true)
        #expect(assembly.errors.first?.position.line == 6)
    }

    @Test func sysndxSyslistAndNumberAttribute() {
        let macro = [op("MACRO"), op("LIST", "&A"), stmt("&N", "SETA", "N'&SYSLIST"), stmt("&M", "SETA", "N'&A"),
                     stmt("L&SYSNDX", "DC", "AL1(&N,&M)"), op("DC", "C'&SYSLIST(2)'"), op("DC", "C'&A(2)'"), op("MEND")]
        let assembly = run(macro, [op("LIST", "(X,Y,Z),Q"), op("LIST", "(1,2)")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "0203" + "D8" + "E8" + "0102" + "40" + "F2")
        #expect(assembly.symbol("L0001") != nil)
        #expect(assembly.symbol("L0002") != nil)
    }

    @Test func loopsWithAifAgoAndSeta() {
        let macro = [op("MACRO"), op("TABLE", "&N"), op("LCLA", "&I"), stmt("&I", "SETA", "1"),
                     stmt(".LOOP", "AIF", "(&I GT &N).DONE"), op("DC", "AL1(&I*&I)"), stmt("&I", "SETA", "&I+1"),
                     op("AGO", ".LOOP"), stmt(".DONE", "MEND")]
        let assembly = run(macro, [op("TABLE", "4")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "0104090F".replacingOccurrences(of: "0F", with: "10"))
    }

    @Test func characterAndBinarySetSymbols() {
        let macro = [op("MACRO"), op("TEXT", "&S"), op("LCLC", "&C"), op("LCLB", "&B"),
                     stmt("&C", "SETC", "'&S'(2,3).'-'.'&S'(1,1)"), stmt("&B", "SETB", "('&S' EQ 'ABCDE')"),
                     stmt("&K", "SETA", "K'&S"), op("DC", "C'&C',AL1(&B,&K)"), op("MEND")]
        let assembly = run(macro, [op("TEXT", "ABCDE"), op("TEXT", "XY")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        // "BCD-A", 1, 5 ; "Y-X" (substring past the end is shortened), 0, 2
        #expect(hexString(assembly.coreImage) == "C2C3C460C1" + "0105" + "E860E7" + "0002")
    }

    @Test func typeAttributeAndOmittedOperands() {
        let macro = [op("MACRO"), op("KIND", "&P"), op("AIF", "(T'&P EQ 'O').NONE"), op("AIF", "(T'&P EQ 'N').NUM"),
                     op("DC", "C'&P'"), op("MEXIT"), stmt(".NUM", "DC", "AL1(&P)"), op("MEXIT"),
                     stmt(".NONE", "DC", "C'-'"), op("MEND")]
        let assembly = run(macro, [op("KIND"), op("KIND", "7"), op("KIND", "A")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "60" + "07" + "C1")
    }

    @Test func globalAndLocalSymbols() {
        let macro = [op("MACRO"), op("COUNT"), op("GBLA", "&TOTAL"), op("LCLA", "&MINE"),
                     stmt("&TOTAL", "SETA", "&TOTAL+1"), stmt("&MINE", "SETA", "&MINE+1"),
                     op("DC", "AL1(&TOTAL,&MINE)"), op("MEND")]
        let assembly = run(macro, [op("COUNT"), op("COUNT"), op("GBLA", "&TOTAL"), op("DC", "AL1(&TOTAL)")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "0101" + "0201" + "02")
    }

    @Test func arrays() {
        let body = [op("LCLA", "&V(5)"), stmt("&V(2)", "SETA", "20,30"), stmt("&N", "SETA", "N'&V"),
                    op("DC", "AL1(&V(1),&V(2),&V(3),&N)")]
        let assembly = run([], body)
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "00141E03")
    }

    @Test func openCodeConditionalAssembly() {
        let body = [stmt("&X", "SETA", "3"), op("AIF", "(&X LT 2).SKIP"), op("DC", "X'01'"),
                    stmt(".SKIP", "ANOP"), op("AIF", "(&X EQ 3 AND NOT (&X EQ 4)).LAST"), op("DC", "X'02'"),
                    stmt(".LAST", "DC", "X'03'")]
        let assembly = run([], body)
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "0103")
    }

    @Test func expressionsInConditionalAssembly() {
        let body = [stmt("&A", "SETA", "(2+3)*4-10/3"), stmt("&B", "SETA", "X'10'+B'11'+C'A'"),
                    stmt("&C", "SETC", "(3)'AB'"), stmt("&D", "SETB", "('ABC' LT 'ABD' OR 0)"),
                    stmt("&E", "SETA", "-&A"), stmt("SEVEN", "EQU", "7"), stmt("&F", "SETA", "SEVEN*2"),
                    op("DC", "AL1(&A,&B),C'&C',AL1(&D),FL1'&E',AL1(&F)")]
        let assembly = run([], body)
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "11D4" + "C1C2C1C2C1C2" + "01" + "EF" + "0E")
    }

    @Test func mnoteSeverityDecidesTheOutcome() {
        let macro = [op("MACRO"), op("CHECK", "&LEVEL"), op("MNOTE", "&LEVEL,'level &LEVEL'"), op("MEND")]
        let ok = run(macro, [op("CHECK", "0"), op("CHECK", "4")])
        #expect(ok.succeeded)
        #expect(ok.warnings.first?.message.contains("level 4") == true)
        #expect(ok.warnings.first?.position.line == 7)
        let bad = run(macro, [op("CHECK", "8")])
        #expect(!bad.succeeded)
        #expect(bad.errors.first?.message.contains("MNOTE 8") == true)
        let comment = run([], [op("MNOTE", "*,'just a note'")])
        #expect(comment.succeeded && comment.diagnostics.isEmpty)
    }

    @Test func nestedMacroCalls() {
        let inner = [op("MACRO"), op("INNER", "&V"), op("DC", "AL1(&V)"), op("MEND")]
        let outer = [op("MACRO"), op("OUTER", "&V"), op("INNER", "&V"), op("INNER", "&V+1"), op("MEND")]
        #expect(hexString(run(inner + outer, [op("OUTER", "5")]).coreImage) == "0506")
    }

    @Test func libraryMacrosAndCopyMembers() {
        let library = [op("MACRO"), stmt("&N", "LIBMAC"), stmt("&N", "DC", "X'AB'"), op("COPY", "PART"), op("MEND")].joined(separator: "\n")
        let files = ["lib/LIBMAC.mac": library, "lib/PART.copy": op("DC", "X'CD'")]
        let assembly = run([], [stmt("X", "LIBMAC")], files: files, maclibs: ["lib"])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "ABCD")
        #expect(assembly.symbol("X") != nil)
        let missing = run([], [op("NOSUCHMAC")], maclibs: ["lib"])
        #expect(missing.errors.first?.message.contains("NOSUCHMAC") == true)
    }

    @Test func endlessLoopsStopAtActr() {
        let macro = [op("MACRO"), op("FOREVER"), op("ACTR", "20"), stmt(".TOP", "AGO", ".TOP"), op("MEND")]
        let assembly = run(macro, [op("FOREVER")])
        #expect(assembly.errors.first?.message.contains("ACTR") == true)
    }

    @Test func macroErrorsPointAtTheCall() {
        let macro = [op("MACRO"), op("BAD"), op("LR", "99,1"), op("MEND")]
        let assembly = run(macro, ["", op("BAD")])
        #expect(assembly.errors.first?.position.line == 7)
        #expect(assembly.errors.first?.position.column == 10)
        #expect(assembly.errors.first?.message.contains("BAD") == true)
    }

    @Test func undefinedVariableSymbol() {
        let assembly = run([], [op("DC", "C'&NOPE'")])
        #expect(assembly.errors.first?.message.contains("&NOPE") == true)
    }

    @Test func missingMendIsReported() {
        let assembly = assemble([op("MACRO"), op("OPEN"), op("DC", "X'01'")].joined(separator: "\n"))
        #expect(assembly.errors.contains { $0.message.contains("MEND") })
    }

    @Test func generatedStatementsAreListedWithAPlus() {
        let assembly = run(move, [op("USING", "TEST,12"), op("MOVE", "A,B"), stmt("A", "DS", "F"), stmt("B", "DS", "F")])
        let listing = assembly.listing()
        #expect(listing.contains("+         MVC   A(1),B"))
        #expect(listing.contains("D200 C008 C00C"))
    }
}
