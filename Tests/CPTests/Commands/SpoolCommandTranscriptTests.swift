import Channel
import Foundation
import Media
import Testing
@testable import CP

/// SPOOL, CLOSE, CHANGE, TRANSFER, PURGE, ORDER, TAG and QUERY
/// READER/PRINTER/PUNCH/FILES, as a user types them.
@Suite("Spool commands")
struct SpoolCommandTranscriptTests {
    static let directory = SpoolExchangeTests.directory + """

    USER CAROL NOLOG
    """

    /// Writes `cards` on `vm`'s punch or printer at `address`, as a guest
    /// channel program would (the VM sits in CP READ meanwhile).
    static func write(_ session: Session, at address: UInt16, _ lines: [String]) {
        let device = session.vm.io.channels.device(at: address)!
        for line in lines {
            let data = CodePage.cp037.ebcdic(line)
            _ = device.start(DeviceCommand(code: 0x09, count: data.count, data: data))
        }
    }

    static func queue(_ system: TestSystem, _ names: [String], to userid: String = "alice", spoolClass: Character = "A") -> [Int] {
        names.map {
            system.cp.spool.sendToReader(of: userid, from: "bob", cards: [CodePage.cp037.ebcdic($0)],
                                         name: $0, type: "DATA", spoolClass: spoolClass)
        }
    }

    @Test func spoolSetsTheDeviceOptions() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("q 00c") == ["RDR  00C CL *  NOCONT NOHOLD EOF      READY"])
        #expect(alice.type("spool rdr class b cont hold noeof") == [])
        #expect(alice.type("q 00c") == ["RDR  00C CL B  CONT   HOLD   NOEOF    READY"])
        #expect(alice.type("sp 00c cl * nocont nohold eof") == [])
        #expect(alice.type("q 00c") == ["RDR  00C CL *  NOCONT NOHOLD EOF      READY"])
        #expect(alice.type("spool printer copy 3 hold class x") == [])
        #expect(alice.type("q 00e") == ["PRT  00E CL X  NOCONT HOLD   COPY 03    READY", "     00E FOR ALICE DIST ALICE"])
        #expect(alice.type("spool prt for bob") == [])
        #expect(alice.type("q 00e").last == "     00E FOR BOB DIST ALICE")
        #expect(alice.type("spool prt off") == [])
        #expect(alice.type("q 00e").last == "     00E FOR ALICE DIST ALICE")
        #expect(alice.type("spool pun to *") == [])
        #expect(alice.type("q 00d").last == "     00D TO ALICE DIST ALICE")
        // Errors, with VM/370's numbers.
        alice.type("set emsg on")
        #expect(alice.type("spool pun to zed") == ["DMKCSP053E ZED NOT IN CP DIRECTORY"])
        #expect(alice.type("spool pun to") == ["DMKCSP020E USERID MISSING OR INVALID"])
        #expect(alice.type("spool pun class") == ["DMKCSP028E CLASS MISSING OR INVALID"])
        #expect(alice.type("spool pun class *") == ["DMKCSP028E CLASS MISSING OR INVALID"])
        #expect(alice.type("spool pun copy 100") == ["DMKCFC026E OPERAND MISSING OR INVALID"])
        #expect(alice.type("spool pun eof") == ["DMKCFC003E INVALID OPTION - EOF"])
        #expect(alice.type("spool rdr to bob") == ["DMKCFC003E INVALID OPTION - TO"])
        #expect(alice.type("spool 01f cont") == ["DMKCSP040E DEV 01F DOES NOT EXIST"])
        #expect(alice.type("spool pun sideways") == ["DMKCFC003E INVALID OPTION - SIDEWAYS"])
    }

    @Test func closeSendsAFileToAReaderWithItsNameAndDistribution() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        // NOLOG users receive files too.
        #expect(alice.type("spool pun to carol") == [])
        Self.write(alice, at: 0x00D, ["ONE", "TWO"])
        let closed = alice.type("close pun name profile exec dist room12")
        #expect(closed.count == 1 && closed[0].hasSuffix("TO CAROL COPY 01 NOHOLD"), "\(closed)")
        let file = try #require(system.cp.spool.readerFiles(of: "carol").first)
        #expect(file.name == "PROFILE" && file.type == "EXEC" && file.distribution == "ROOM12" && file.records.count == 2)
        // TO on CLOSE: this one file goes to BOB, who is told.
        #expect(alice.type("spool pun off") == [])
        Self.write(alice, at: 0x00D, ["THREE"])
        let sent = alice.type("close 00d hold to bob")
        #expect(sent.count == 1 && sent[0].hasSuffix("TO BOB COPY 01 HOLD"), "\(sent)")
        #expect(bob.waitFor("FROM ALICE PUN COPY 01 HOLD"))
        // Without TO the file joins the system punch queue, silently.
        Self.write(alice, at: 0x00D, ["FOUR"])
        #expect(alice.type("close pun") == [])
        let listing = alice.type("q pun")
        #expect(listing.first == "ORIGINID FILE CLASS RECDS  CPY HOLD")
        #expect(listing.count == 2 && listing[1].hasPrefix("ALICE    ") && listing[1].hasSuffix(" A PUN 00001 001 NONE"), "\(listing)")
        // PURGE throws the open file away; nothing is written.
        Self.write(alice, at: 0x00E, ["LINE"])
        #expect(alice.type("close prt purge") == [])
        #expect(alice.type("q prt") == ["NO PRT FILES"])
        #expect(alice.type("q files") == ["FILES: NO RDR, NO PRT, 0001 PUN"])
        // SET IMSG OFF: no notice for BOB.
        bob.type("set imsg off")
        let before = bob.terminal.lines.count
        #expect(alice.type("spool pun to bob") == [])
        Self.write(alice, at: 0x00D, ["FIVE"])
        #expect(alice.type("close 00d").count == 1)
        usleep(100_000)
        #expect(!bob.terminal.lines(after: before).contains { $0.hasPrefix("RDR FILE") })
    }

    @Test func continuousPunchKeepsOneFileAcrossCloses() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("spool pun cont") == [])
        Self.write(alice, at: 0x00D, ["ONE"])
        #expect(alice.type("close pun") == [])
        Self.write(alice, at: 0x00D, ["TWO"])
        #expect(alice.type("spool pun nocont close") == [])
        let files = system.cp.spool.outputFiles(of: "alice", queue: .punch)
        #expect(files.count == 1 && files.first?.records.count == 2)
    }

    @Test func changeOrderAndQueryReaderFiles() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        let ids = Self.queue(system, ["ONE", "TWO", "THREE"])
        let all = alice.type("q rdr all")
        #expect(all.first == "ORIGINID FILE CLASS RECDS  CPY HOLD DATE  TIME     NAME      TYPE      DIST")
        #expect(all.count == 4)
        #expect(all[1].hasPrefix("BOB      \(SpoolNotices.id(ids[0])) A PUN 00001 001 NONE "))
        #expect(all[1].hasSuffix(" ONE       DATA      ALICE"), "\(all[1])")
        #expect(alice.type("q rdr").first == "ORIGINID FILE CLASS RECDS  CPY HOLD")
        #expect(alice.type("q rdr \(ids[1])").count == 2)
        #expect(alice.type("change rdr \(ids[1]) class b copy 2 hold name new list dist x1") == ["0001 FILE CHANGED"])
        let changed = try #require(system.cp.spool.file(ids[1]))
        #expect(changed.spoolClass == "B" && changed.copies == 2 && changed.hold && changed.name == "NEW"
                && changed.type == "LIST" && changed.distribution == "X1")
        #expect(alice.type("ch rdr class b nohold") == ["0001 FILE CHANGED"])
        #expect(alice.type("ch rdr all copy 5") == ["0003 FILES CHANGED"])
        #expect(alice.type("ch rdr 9000 copy 5") == ["NO FILES CHANGED"])
        #expect(alice.type("ch rdr all") == ["OPERAND MISSING OR INVALID"])
        #expect(alice.type("order rdr \(ids[2]) \(ids[1])") == ["0002 FILES ORDERED"])
        #expect(system.cp.spool.readerFiles(of: "alice").map(\.id) == [ids[2], ids[1], ids[0]])
        #expect(alice.type("ord rdr class a") == ["0002 FILES ORDERED"])
        #expect(system.cp.spool.readerFiles(of: "alice").map(\.id) == [ids[2], ids[0], ids[1]])
        #expect(alice.type("ord rdr 9000") == ["NO FILES ORDERED"])
        #expect(alice.type("pur rdr class b") == ["0001 FILE PURGED"])
        #expect(alice.type("purge all") == ["0002 FILES PURGED"])
        #expect(alice.type("q files") == ["FILES: NO RDR, NO PRT, NO PUN"])
    }

    @Test func transferMovesReaderFilesAndTellsTheReceiver() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        let ids = Self.queue(system, ["ONE", "TWO"])
        #expect(alice.type("transfer rdr \(ids[0]) to bob") == ["0001 FILE TRANSFERRED"])
        #expect(bob.waitFor("RDR FILE \(SpoolNotices.id(ids[0])) FROM ALICE PUN COPY 01 NOHOLD"))
        #expect(system.cp.spool.readerFiles(of: "bob").map(\.id) == [ids[0]])
        // The file keeps its originator.
        #expect(system.cp.spool.readerFiles(of: "bob").first?.from == "BOB")
        #expect(alice.type("tran all carol") == ["0001 FILE TRANSFERRED"])
        #expect(alice.type("tran all carol") == ["NO FILES TRANSFERRED"])
        alice.type("set emsg on")
        #expect(alice.type("tran all to zed") == ["DMKCSP053E ZED NOT IN CP DIRECTORY"])
        #expect(alice.type("tran pun all to bob") == ["DMKCFC003E INVALID OPTION - PUN"])
    }

    @Test func tagsOfDevicesAndFiles() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("tag dev 00e Node1 Bob") == [])
        #expect(alice.type("tag query dev prt") == ["Node1 Bob"])
        #expect(alice.type("q tag dev 00e") == ["Node1 Bob"])
        Self.write(alice, at: 0x00E, ["A LINE"])
        #expect(alice.type("close 00e") == [])
        let file = try #require(system.cp.spool.outputFiles(of: "alice", queue: .printer).first)
        #expect(file.tag == "Node1 Bob")
        #expect(alice.type("tag file \(file.id) other text") == [])
        #expect(alice.type("tag q file \(file.id)") == ["other text"])
        #expect(alice.type("tag file 9000 x") == ["SPOOLID 9000 DOES NOT EXIST"])
        #expect(alice.type("tag dev 00c x") == ["VADDR MISSING OR INVALID"])
    }
}
