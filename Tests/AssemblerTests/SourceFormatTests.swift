import Testing
@testable import Assembler

@Suite("Source format")
struct SourceFormatTests {
    /// Pads a line to column 71 and puts a continuation mark in column 72.
    func continued(_ text: String) -> String { text.padding(toLength: 71, withPad: " ") + "X" }

    @Test func commentsAndBlankLines() {
        let assembly = assembleBody(["* a comment", ".* a macro comment", "", op("DC", "X'01'", ) + "   remarks here"])
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage) == "01")
    }

    @Test func columnSeventyTwoContinuesTheOperands() {
        let lines = [continued(op("DC", "A(1,")), "               2)",
                     continued(op("DC", "C'" + String(repeating: "A", count: 54))), "               BC'"]
        let assembly = assembleBody(lines)
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "00000001" + "00000002" + String(repeating: "C1", count: 54) + "C2C3")
    }

    @Test func sequenceNumbersInColumns73To80AreIgnored() {
        let line = op("DC", "X'01'").padding(toLength: 72, withPad: " ") + "00010000"
        #expect(imageHex([line]) == "01")
    }

    @Test func continuationLinesMustStartInColumn16() {
        let assembly = assembleBody([continued(op("DC", "A(1,")), "  2)"])
        #expect(!assembly.succeeded)
    }

    @Test func macroCallsMayUseTheAlternateFormat() {
        let macro = [op("MACRO"), op("PAIR", "&A,&B"), op("DC", "AL1(&A,&B)"), op("MEND")]
        let call = [continued(op("PAIR", "1,") + "                 first operand"), "               2    second"]
        let assembly = assemble((macro + ["TEST     CSECT"] + call + ["         END"]).joined(separator: "\n"))
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "0102")
    }

    @Test func asmaAcceptsLongLinesAndBackslashContinuation() {
        let lines = [op("DC", "A(1,2,\\"), "               3)   remark", op("DC", "C'" + String(repeating: "Z", count: 80) + "'")]
        let assembly = assembleBody(lines, dialect: .asma)
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(assembly.coreImage) == "000000010000000200000003" + String(repeating: "E9", count: 80))
    }

    @Test func hlasmReadsAnOverlongLineWholeWithAWarning() {
        let assembly = assembleBody([op("DC", "C'" + String(repeating: "Z", count: 60) + "'")])
        #expect(assembly.succeeded)
        #expect(assembly.warnings.count == 1)
        #expect(assembly.coreImage.count == 60)
    }

    @Test func tabsAreExpanded() {
        #expect(imageHex(["\tDC\tX'07'"]) == "07")
    }
}
