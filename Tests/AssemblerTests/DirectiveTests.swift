import Testing
@testable import Assembler

@Suite("Directives")
struct DirectiveTests {
    @Test func startSetsTheFirstAddress() {
        let assembly = assemble([stmt("PROG", "START", "X'2000'"), op("DC", "X'AA'"), op("END", "PROG")].joined(separator: "\n"))
        #expect(assembly.errors.isEmpty)
        #expect(assembly.coreImage.count == 0x2001)
        #expect(assembly.coreImage[0x2000] == 0xAA)
        #expect(assembly.symbol("PROG")?.value == 0x2000)
        #expect(assembly.entryPoint == 0x2000)
    }

    @Test func startAfterCodeIsAnError() {
        let assembly = assemble([op("DC", "X'AA'"), stmt("P", "START", "0"), op("END")].joined(separator: "\n"))
        #expect(assembly.errors.first?.position.line == 2)
    }

    @Test func controlSectionsFollowEachOtherOnDoublewords() {
        let assembly = assemble([stmt("A", "CSECT"), op("DC", "X'01'"), stmt("B", "CSECT"), op("DC", "X'02'"),
                                 stmt("A", "CSECT"), op("DC", "X'03'"), op("END")].joined(separator: "\n"))
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage) == "0103000000000000" + "02")
        #expect(assembly.symbol("B")?.value == 8)
    }

    @Test func dummySectionsDescribeStorage() {
        let assembly = assembleBody([op("USING", "AREA,5"), op("L", "1,FIELD2"), op("MVC", "FIELD1,FIELD2"),
                                     stmt("AREA", "DSECT"), stmt("FIELD1", "DS", "F"), stmt("FIELD2", "DS", "F"),
                                     stmt("TEST", "CSECT"), op("DC", "X'FF'")])
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage) == "58105004" + "D20350005004" + "FF")
        #expect(assembly.symbol("FIELD2")?.value == 4)
        #expect(assembly.symbol("FIELD2")?.isRelocatable == true)
    }

    @Test func orgMovesTheLocationCounter() {
        let assembly = assembleBody([op("DC", "X'01'"), op("ORG", "TEST+8"), op("DC", "X'02'"), op("ORG", "TEST+2"),
                                     op("DC", "X'03'"), op("ORG"), op("DC", "X'04'"), op("ORG", "*+1,4")])
        // ORG *+1,4 moves to X'0C', which ends the section.
        #expect(hexString(assembly.coreImage) == "0100030000000000" + "02040000")
        #expect(assembly.errors.isEmpty)
    }

    @Test func orgBelowTheSectionIsAnError() {
        let assembly = assembleBody([op("ORG", "TEST-1")])
        #expect(assembly.errors.count == 1)
    }

    @Test func laterBytesOverwriteEarlierOnesAfterOrg() {
        #expect(imageHex([op("DC", "X'0102'"), op("ORG", "TEST"), op("DC", "X'FF'")]) == "FF02")
    }

    @Test func equDefinesValueLengthAndType() {
        let assembly = assembleBody([stmt("F", "DC", "F'1'"), stmt("A", "EQU", "F+2,2,C'X'"), stmt("B", "EQU", "F"),
                                     stmt("C", "EQU", "42"), stmt("D", "EQU", "LATER-F"), stmt("LATER", "DS", "H")])
        #expect(assembly.errors.isEmpty)
        #expect(assembly.symbol("A")?.value == 2)
        #expect(assembly.symbol("A")?.length == 2)
        #expect(assembly.symbol("A")?.type == "X")
        #expect(assembly.symbol("B")?.length == 4)
        #expect(assembly.symbol("C")?.value == 42)
        #expect(assembly.symbol("C")?.isRelocatable == false)
        #expect(assembly.symbol("D")?.value == 4)
    }

    @Test func equWithAnUndefinedSymbolIsAnError() {
        let assembly = assembleBody([stmt("A", "EQU", "NOWHERE+1")])
        #expect(assembly.errors.first?.message.contains("NOWHERE") == true)
    }

    @Test func endNamesTheEntryPoint() {
        let assembly = assemble([stmt("P", "START", "0"), op("DC", "X'00'"), stmt("GO", "DC", "X'01'"), op("END", "GO")].joined(separator: "\n"))
        #expect(assembly.entryPoint == 1)
    }

    @Test func statementsAfterEndAreIgnored() {
        let assembly = assemble([stmt("P", "CSECT"), op("DC", "X'01'"), op("END"), op("DC", "X'02'")].joined(separator: "\n"))
        #expect(hexString(assembly.coreImage) == "01")
    }

    @Test func missingEndIsAWarning() {
        let assembly = assemble([stmt("P", "CSECT"), op("DC", "X'01'")].joined(separator: "\n"))
        #expect(assembly.succeeded)
        #expect(assembly.warnings.contains { $0.message.contains("END") })
    }

    @Test func cnopAlignsWithNoOperations() {
        #expect(imageHex([op("DC", "X'0102'"), op("CNOP", "0,8"), op("DC", "X'FF'")]) == "0102070007000700FF")
        #expect(imageHex([op("CNOP", "6,8"), op("DC", "X'FF'")]) == "070007000700FF")
        #expect(imageHex([op("DC", "X'01'"), op("CNOP", "2,4"), op("DC", "X'FF'")]) == "0100FF")
        #expect(!assembleBody([op("CNOP", "3,4")]).succeeded)
    }

    @Test func usingDropAndBaseSelection() {
        let assembly = assembleBody([
            op("USING", "TEST,12"), op("USING", "TEST+8,11"),
            op("L", "1,HERE"),          // R11 gives the smaller displacement
            op("DROP", "11"),
            op("L", "1,HERE"),          // only R12 left
            op("USING", "TEST+16,10"), op("USING", "TEST+16,9"),
            op("L", "1,THERE"),         // tie: the higher register (10)
            stmt("HERE", "DC", "F'0'"), stmt("THERE", "DC", "F'0'"),
        ])
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage).hasPrefix("5810B004" + "5810C00C" + "5810A000"))
    }

    @Test func usingWithSeveralRegistersCoversConsecutive4KBlocks() {
        let assembly = assembleBody([op("USING", "TEST,12,11"), op("L", "1,FAR"), op("DS", "5000X"), stmt("FAR", "DC", "F'0'")])
        #expect(assembly.errors.isEmpty)
        // FAR is at 5004 = 4096 + 908: register 11, displacement X'38C'.
        #expect(hexString(Array(assembly.coreImage.prefix(4))) == "5810B38C")
    }

    @Test func dependentUsingResolvesThroughAnotherBase() {
        let assembly = assembleBody([op("USING", "TEST,12"), op("USING", "MAP,WORK"), op("L", "1,MAPF2"),
                                     stmt("WORK", "DS", "2F"),
                                     stmt("MAP", "DSECT"), stmt("MAPF1", "DS", "F"), stmt("MAPF2", "DS", "F")])
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        #expect(hexString(Array(assembly.coreImage.prefix(4))) == "5810C008")
    }

    @Test func dropOfAnUnusedRegisterWarns() {
        let assembly = assembleBody([op("DROP", "7")])
        #expect(assembly.succeeded)
        #expect(assembly.warnings.count == 1)
    }

    @Test func pushAndPopUsing() {
        let assembly = assembleBody([op("USING", "TEST,12"), op("PUSH", "USING"), op("DROP", "12"), op("POP", "USING"),
                                     op("L", "1,X"), stmt("X", "DC", "F'0'")])
        #expect(assembly.errors.isEmpty)
        #expect(hexString(Array(assembly.coreImage.prefix(4))) == "5810C004")
    }

    @Test func externalSymbolsAndEntries() {
        let assembly = assembleBody([op("EXTRN", "OTHER"), op("WXTRN", "WEAK"), op("ENTRY", "HERE"),
                                     stmt("HERE", "DC", "A(OTHER+4)"), op("DC", "V(TEST)")])
        #expect(assembly.errors.isEmpty)
        // External symbols are 0 in a flat image; V(TEST) resolves in this assembly.
        #expect(hexString(assembly.coreImage) == "00000004" + "00000000")
    }

    @Test func entryOfAnUndefinedSymbolIsAnError() {
        #expect(!assembleBody([op("ENTRY", "NOWHERE")]).succeeded)
    }

    @Test func opsynRenamesOperations() {
        #expect(imageHex([stmt("MOVE", "OPSYN", "MVC"), op("MOVE", "0(1,1),0(2)")]) == "D20010002000")
        let deleted = assembleBody([stmt("MVC", "OPSYN"), op("MVC", "0(1,1),0(2)")])
        #expect(!deleted.succeeded)
    }

    @Test func channelCommandWords() {
        #expect(imageHex([stmt("X", "CCW", "X'02',X,X'60',80")]) == "0200000060000050")
        #expect(imageHex([op("CCW0", "1,X'123456',0,1")]) == "0112345600000001")
        #expect(imageHex([op("CCW1", "X'02',X'123456',X'20',80")]) == "0220005000123456")
    }

    @Test func listingOnlyDirectivesAreAccepted() {
        let assembly = assembleBody([op("TITLE", "'A TITLE'"), op("EJECT"), op("SPACE", "2"), op("PRINT", "NOGEN,DATA"),
                                     op("AMODE", "24"), op("RMODE", "24"), op("ICTL", "1,71,16"), op("ISEQ", "73,80"),
                                     op("DC", "X'01'")])
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage) == "01")
        let listing = assembly.listing()
        #expect(listing.contains("A TITLE"))
        #expect(listing.contains("\u{0C}"))
    }

    @Test func psWDirectivesOfTheAsmaDialect() {
        let lines = [op("PSW", "0,0,2,0,X'008'"), op("PSWBC", "X'FF',1,2,3,X'123456'"), op("PSWEC", "0,0,0,0,X'100',31")]
        #expect(imageHex(lines, dialect: .asma) == "000A000000000008" + "FF12000003123456" + "0008000080000100")
        #expect(!assembleBody([op("PSW", "0,0,2,0,0")]).succeeded, "PSW is ASMA's, not HLASM's")
    }

    @Test func copyReadsAMember() {
        let assembly = assembleBody([op("COPY", "DEFS"), op("DC", "AL1(SEVEN)")], files: ["DEFS.copy": stmt("SEVEN", "EQU", "7")])
        #expect(assembly.errors.isEmpty)
        #expect(hexString(assembly.coreImage) == "07")
        let missing = assembleBody([op("COPY", "NOSUCH")])
        #expect(missing.errors.first?.message.contains("NOSUCH") == true)
    }

    @Test func theLocationCounterStopsAt16MB() {
        let assembly = assembleBody([op("DS", "2147483647X"), op("DC", "X'01'")])
        #expect(assembly.errors.count == 1)
        #expect(assembly.errors.first?.message.contains("16 MB") == true)
        #expect(!assembleBody([op("ORG", "TEST+X'1000001'")]).succeeded)
        #expect(!assembleBody([op("L", "1,=100000000X'00'")]).succeeded)
    }

    @Test func registerZeroBasesAddressZero() {
        #expect(assembleBody([op("USING", "TEST,0")]).succeeded)
        #expect(!assembleBody([op("DC", "X'00'"), op("USING", "*,0")]).succeeded)
    }
}
