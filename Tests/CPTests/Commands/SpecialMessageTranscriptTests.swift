import CP
import Foundation
import Media
import Testing

/// SMSG, SET SMSG and QUERY SET; CLOSE and PURGE of spool files.
@Suite("SMSG and spool commands")
struct SpecialMessageTranscriptTests {
    @Test func setSmsgShowsInQuerySet() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("q set").last == "IMSG ON , SMSG OFF, AFFINITY NONE")
        #expect(alice.type("set smsg on") == [])
        #expect(alice.type("q set").last == "IMSG ON , SMSG ON , AFFINITY NONE")
        #expect(alice.type("set smsg off") == [])
        #expect(alice.type("q set").last == "IMSG ON , SMSG OFF, AFFINITY NONE")
        #expect(alice.type("set smsg maybe") == ["OPERAND MISSING OR INVALID"])
    }

    @Test func smsgNeedsAReceiverThatTakesIt() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        #expect(alice.type("smsg") == ["USERID MISSING OR INVALID"])
        #expect(alice.type("smsg carol hello") == ["CAROL NOT LOGGED ON"])
        #expect(alice.type("smsg bob hello") == ["BOB NOT RECEIVING; SMSG OFF"])
        #expect(bob.type("set smsg on") == [])
        // SMSG ON but no VMCF AUTHORIZE in BOB's machine: nobody takes it.
        #expect(alice.type("sm bob hello") == ["BOB NOT RECEIVING; NOT AUTHORIZED"])
        #expect(alice.type("smsg * hello") == ["ALICE NOT RECEIVING; SMSG OFF"])
        alice.type("set emsg on")
        #expect(alice.type("smsg bob hello") == ["DMKMSG057W BOB NOT RECEIVING; NOT AUTHORIZED"])
        #expect(alice.type("smsg carol hello") == ["DMKMSG045E CAROL NOT LOGGED ON"])
        // Nothing shows at the receiver's terminal: SMSG is for programs.
        #expect(!bob.terminal.lines.contains { $0.contains("hello") })
    }

    @Test func closeAndPurgeReaderFiles() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        for name in ["ONE", "TWO", "THREE"] {
            system.cp.spool.sendToReader(of: "alice", from: "bob", cards: [CodePage.cp037.ebcdic(name)], name: name, type: "DATA")
        }
        #expect(alice.type("q rdr all").count == 4)
        let ids = system.cp.spool.readerFiles(of: "alice").map(\.id)
        #expect(alice.type("purge rdr \(ids[0])") == ["0001 FILE PURGED"])
        #expect(alice.type("purge rdr 9000") == ["NO FILES PURGED"])
        #expect(alice.type("purge rdr frob") == ["INVALID OPTION - FROB"])
        #expect(alice.type("close 00c hold") == [])
        #expect(alice.type("close 00c sideways") == ["INVALID OPTION - SIDEWAYS"])
        #expect(alice.type("close 01f") == ["DEV 01F DOES NOT EXIST"])
        #expect(alice.type("close") == ["VADDR MISSING OR INVALID"])
        #expect(alice.type("pur rdr all") == ["0002 FILES PURGED"])
        #expect(alice.type("q rdr all") == ["NO RDR FILES"])
    }
}
