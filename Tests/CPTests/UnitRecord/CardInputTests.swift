import Assembler
import Foundation
import Media
import Testing
@testable import CP

/// Card decks dropped into the real reader's directory.
@Suite("Real card reader")
struct CardInputTests {
    static func drop(_ system: TestSystem, _ name: String, _ text: String) throws {
        let directory = system.stateDirectory.appendingPathComponent("cards")
        // Written under a dot name and renamed, as the README asks.
        let hidden = directory.appendingPathComponent("." + name)
        try Data(text.utf8).write(to: hidden)
        try FileManager.default.moveItem(at: hidden, to: directory.appendingPathComponent(name))
    }

    @Test func aDeckReachesTheReaderOfTheUserOnItsIDCard() throws {
        let system = try UnitRecordTranscriptTests.system()
        let oper = try system.logon("oper")
        let bob = try system.logon("bob")
        try Self.drop(system, "payroll.data", "ID BOB\nFIRST CARD\nSECOND CARD\n")
        #expect(oper.waitFor("RDR 00C INPUT FOR BOB FILE"))
        #expect(bob.waitFor("RDR FILE"))
        let file = try #require(system.cp.spool.readerFiles(of: "bob").first)
        #expect(file.name == "PAYROLL" && file.type == "DATA" && file.origin == .reader)
        #expect(file.records.map { CodePage.cp037.string($0).trimmingCharacters(in: .whitespaces) } == ["FIRST CARD", "SECOND CARD"])
        #expect(UnitRecordTranscriptTests.files(system, "cards") == ["done"])
        #expect(UnitRecordTranscriptTests.files(system, "cards/done") == ["payroll.data"])
        // NOLOG users and users not logged on get theirs too.
        try Self.drop(system, "carol.txt", "USERID CAROL CLASS B\nHELLO CAROL\n")
        #expect(UnitRecordTranscriptTests.eventually { system.cp.spool.readerFiles(of: "carol").count == 1 })
        #expect(system.cp.spool.readerFiles(of: "carol").first?.spoolClass == "B")
    }

    @Test func aDeckWithoutAnIDCardGoesToError() throws {
        let system = try UnitRecordTranscriptTests.system()
        let oper = try system.logon("oper")
        try Self.drop(system, "stray.txt", "JUST A CARD\n")
        #expect(oper.waitFor("RDR 00C DECK stray.txt REJECTED"))
        #expect(UnitRecordTranscriptTests.files(system, "cards/error") == ["stray.txt", "stray.txt.reason"])
        let reason = UnitRecordTranscriptTests.text(system, "cards/error", "stray.txt.reason")
        #expect(reason == "the first card is not an ID card (ID userid or USERID userid)\n")
        try Self.drop(system, "nobody.txt", "ID ZED\nCARD\n")
        #expect(UnitRecordTranscriptTests.eventually {
            UnitRecordTranscriptTests.text(system, "cards/error", "nobody.txt.reason") == "ZED is not in the CP directory\n"
        })
        // A drained reader leaves decks where they are.
        #expect(oper.type("drain 00c") == ["RDR 00C DRAINED"])
        try Self.drop(system, "later.txt", "ID BOB\nCARD\n")
        usleep(1_200_000)
        #expect(UnitRecordTranscriptTests.files(system, "cards").contains("later.txt"))
        #expect(UnitRecordTranscriptTests.reply(oper, "start 00c") == ["RDR 00C STARTED"])
        #expect(UnitRecordTranscriptTests.eventually { system.cp.spool.readerFiles(of: "bob").count == 1 })
    }

    /// BOB's guest reads the dropped deck through his virtual reader.
    @Test func aGuestReadsTheDroppedDeck() throws {
        let system = try UnitRecordTranscriptTests.system()
        let bob = try system.logon("bob")
        let assembly = Assembler.assemble(source: SpoolExchangeTests.reader)
        try #require(assembly.succeeded, "\(assembly.errors)")
        system.cp.spool.sendToReader(of: "bob", from: "bob", cards: try GuestPrograms.deck(SpoolExchangeTests.reader))
        try Self.drop(system, "cards.txt", "ID BOB\n" + SpoolExchangeTests.cards.joined(separator: "\n") + "\n")
        #expect(UnitRecordTranscriptTests.eventually { system.cp.spool.readerFiles(of: "bob").count == 2 })
        // The notice comes after the reader was told of the file: the IPL is
        // then queued behind that, and the reader's status is settled.
        #expect(bob.waitFor("RDR FILE"))
        bob.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        let area = UInt32(assembly.symbol("AREA")!.value)
        #expect(bob.vm.machine.storage.load32(UInt32(assembly.symbol("COUNT")!.value)) == 3)
        for (i, card) in SpoolExchangeTests.cards.enumerated() {
            let bytes = bob.vm.machine.storage.read(area + UInt32(80 * i), count: 80)
            #expect(bytes == CodePage.cp037.ebcdic(card.padding(toLength: 80, withPad: " ", startingAt: 0)))
        }
    }
}
