import Foundation
import Testing
@testable import Assembler

@Suite("Object deck, IPL deck and listing")
struct OutputTests {
    func cards(_ deck: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: deck.count, by: 80).map { Array(deck[$0..<$0 + 80]) }
    }

    func text(_ card: [UInt8], _ from: Int, _ to: Int) -> String { EBCDIC.decode(Array(card[(from - 1)..<to])) }

    @Test func objectDeckCardLayout() {
        let source = [stmt("MAIN", "START", "X'100'"), op("EXTRN", "EXT"), op("ENTRY", "GO"), op("USING", "MAIN,12"),
                      stmt("GO", "L", "15,=V(EXT)"), op("BALR", "14,15"), stmt("ADDR", "DC", "A(GO,EXT)"), op("DS", "CL100"),
                      op("DC", "X'EE'"), op("END", "GO")].joined(separator: "\n")
        let assembly = assemble(source)
        #expect(assembly.errors.isEmpty)
        let deck = assembly.objectDeck()
        #expect(deck.count % 80 == 0)
        let all = cards(deck)
        #expect(all.allSatisfy { $0[0] == 0x02 })
        #expect(all.map { text($0, 2, 4) } == ["ESD", "TXT", "TXT", "TXT", "TXT", "RLD", "END"])
        // ESD: MAIN (SD, id 1, at X'100', length X'80'), EXT (ER, id 2), GO (LD in section 1).
        let esd = all[0]
        #expect(esd[10] == 0 && esd[11] == 48)
        #expect(esd[14] == 0 && esd[15] == 1)
        #expect(text(esd, 17, 24) == "MAIN    " && esd[24] == 0x00)
        #expect(Array(esd[25..<28]) == [0x00, 0x01, 0x00])
        #expect(Array(esd[29..<32]) == [0x00, 0x00, 0x7C])
        #expect(text(esd, 33, 40) == "EXT     " && esd[40] == 0x02)
        #expect(text(esd, 49, 56) == "GO      " && esd[56] == 0x01 && Array(esd[61..<64]) == [0, 0, 1])
        // TXT: runs of assembled bytes; alignment gaps and DS areas are left out.
        let txt = all[1]
        #expect(Array(txt[5..<8]) == [0x00, 0x01, 0x00] && txt[11] == 6 && txt[15] == 1)
        #expect(hexString(Array(txt[16..<22])) == "58F0C07805EF")
        #expect(hexString(Array(all[2][16..<24])) == "0000010000000000")
        #expect(Array(all[3][5..<8]) == [0x00, 0x01, 0x74] && hexString([all[3][16]]) == "EE")
        #expect(Array(all[4][5..<8]) == [0x00, 0x01, 0x78] && hexString(Array(all[4][16..<20])) == "00000000")
        // RLD: A(GO) relative to MAIN; A(EXT) and =V(EXT) to EXT, sharing ESDIDs.
        let rld = all[5]
        #expect(rld[11] == 20)
        #expect(hexString(Array(rld[16..<36])) == "000100010C000108" + "000200010D00010C" + "1C000178")
        // END: entry GO at X'100' in section 1.
        let end = all[6]
        #expect(Array(end[5..<8]) == [0x00, 0x01, 0x00] && end[15] == 1)
        #expect(text(end, 73, 80) == "MAIN0007")
    }

    /// Five stand-alone programs from the VM-370 bare-metal collection: the
    /// TEXT decks IBM's VM/370 assembler made (shipped after a 5-card loader
    /// in ../shared/guests/standalone/sattape) equal vm67's object decks card
    /// for card in columns 1–32 and all of ESD, TXT and RLD (the END card's
    /// translator identification in 33–52 names IBM's assembler).
    @Test(arguments: ["t3215", "t3215-1", "tswtch", "itimrcl2", "itimrclk"])
    func sattapeDecksMatchIBMsAssembler(_ program: String) throws {
        guard let source = SharedFiles.path("guests/standalone/sattape/src/\(program).assemble"),
              let deckPath = SharedFiles.path("guests/standalone/sattape/\(program).deck"),
              let reference = SharedFiles.bytes(deckPath) else { return }
        let sourceDirectory = URL(fileURLWithPath: source).deletingLastPathComponent().path
        // The tape names the BMLIB macros xtermw.macro …; the macros are @TERMW ….
        struct Renaming: SourceFileReader {
            let directory: String
            func contents(of path: String) -> [UInt8]? {
                if path.hasPrefix("bmlib/@") {
                    let member = path.dropFirst("bmlib/@".count).lowercased()
                    return FileManager.default.contents(atPath: directory + "/x" + member).map { [UInt8]($0) }
                }
                return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            }
        }
        let options = AssemblerOptions(macroLibraries: ["bmlib"], reader: Renaming(directory: sourceDirectory))
        let assembly = Assembler.assemble(file: source, options: options)
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        let ours = cards(assembly.objectDeck())
        let theirs = Array(cards(reference).dropFirst(5))
        #expect(ours.count == theirs.count)
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
            let limit = text(a, 2, 4) == "END" ? 32 : 72
            #expect(a[0..<limit] == b[0..<limit], "\(program) card \(i + 1) (\(text(b, 2, 4))) differs")
        }
    }

    @Test func iplDeckLoadsTheBenchmark() throws {
        guard let path = SharedFiles.path("bench/s370bench.asm") else { return }
        let assembly = Assembler.assemble(file: path)
        let image = assembly.coreImage
        var machine = CardReaderIPL(deck: assembly.iplDeck(), storageSize: 64 * 1024)
        let psw = try machine.ipl()
        #expect(Array(machine.storage[0..<image.count]) == image)
        #expect(psw == Array(image[0..<8]))
    }

    @Test func iplDeckStartsAtTheEntryPointWhenLocationZeroIsFree() throws {
        let source = [stmt("PROG", "START", "X'2000'"), op("DC", "X'01'"), stmt("GO", "BALR", "12,0"),
                      op("DC", "80X'AB'"), op("END", "GO")].joined(separator: "\n")
        let assembly = assemble(source)
        var machine = CardReaderIPL(deck: assembly.iplDeck(), storageSize: 64 * 1024)
        let psw = try machine.ipl()
        #expect(psw == [0, 0, 0, 0, 0, 0x00, 0x20, 0x02])
        #expect(machine.storage[0x2000] == 0x01)
        #expect(machine.storage[0x2002] == 0x05 && machine.storage[0x2003] == 0xC0)
        #expect(machine.storage[0x2004 + 79] == 0xAB)
    }

    @Test func iplDeckForALargeSparseImage() throws {
        guard let path = SharedFiles.path("conformance/hercules-s370/CLCL.asm") else { return }
        let options = AssemblerOptions(dialect: .asma,
                                       macroLibraries: [SharedFiles.fixtures.appendingPathComponent("maclib").path])
        let assembly = Assembler.assemble(file: path, options: options)
        let image = assembly.coreImage
        var machine = CardReaderIPL(deck: assembly.iplDeck(), storageSize: 1024 * 1024)
        let psw = try machine.ipl()
        #expect(Array(machine.storage[0..<image.count]) == image)
        #expect(psw == [0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00])
    }

    @Test func listingShowsLocationsObjectCodeAndErrors() {
        let assembly = assembleBody([op("USING", "TEST,12"), stmt("HERE", "L", "1,WORD"), op("LR", "1,99"),
                                     stmt("WORD", "DC", "F'5'")])
        let listing = assembly.listing()
        #expect(listing.contains("000000  5810 C008"))
        #expect(listing.contains("HERE     L     1,WORD"))
        #expect(listing.contains("000008  00000005"))
        // The error is printed right under its statement, with its location.
        let lines = listing.split(separator: "\n", omittingEmptySubsequences: false)
        if let i = lines.firstIndex(where: { $0.contains("LR    1,99") }) {
            #expect(lines[i + 1].contains("** ERROR test.asm:4:18"))
        } else {
            Issue.record("statement missing from the listing")
        }
        #expect(listing.contains("WORD"))
        #expect(listing.contains("1 ERROR"))
    }
}
