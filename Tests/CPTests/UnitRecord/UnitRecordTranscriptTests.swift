import Channel
import Foundation
import Media
import Testing
@testable import CP

/// The spooling operator (class D) and the real printer, punch and reader:
/// START, DRAIN, FLUSH, REPEAT, HOLD, FREE, QUERY HOLD/UR, and the files
/// the devices write in their directories.
@Suite("Real unit record")
struct UnitRecordTranscriptTests {
    static let directory = SpoolExchangeTests.directory + """

    USER OPER OPERPW 1M 16M ABCDEFG
     CONSOLE 009 3215
    USER SPOOLOP SPOOLPW 1M 16M DG
     CONSOLE 009 3215
    USER CAROL NOLOG
    """

    static let configuration = """
    PRINTER 00E printer CLASS A
    PUNCH   00D punch
    READER  00C cards
    """

    static func system() throws -> TestSystem {
        try TestSystem(directory: directory, configuration: configuration)
    }

    /// A command's own reply: the device's messages about files it writes
    /// may arrive while the command runs, and are left out.
    static func reply(_ session: Session, _ command: String) -> [String] {
        session.type(command).filter { !$0.contains(" OUTPUT OF ") && !$0.contains(" INPUT FOR ") }
    }

    /// Waits (polling) until `condition` holds.
    static func eventually(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    static func files(_ system: TestSystem, _ sub: String) -> [String] {
        let path = system.stateDirectory.appendingPathComponent(sub).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func text(_ system: TestSystem, _ sub: String, _ name: String) -> String {
        let url = system.stateDirectory.appendingPathComponent(sub).appendingPathComponent(name)
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// ALICE prints two lines and a page eject on 00E and closes the file.
    static func printFile(_ alice: Session, name: String = "report listing") {
        let printer = alice.vm.io.channels.device(at: 0x00E)!
        for (code, line) in [(UInt8(0x09), "FIRST LINE"), (0x11, "SECOND LINE"), (0x89, "LAST LINE")] {
            let data = CodePage.cp037.ebcdic(line)
            _ = printer.start(DeviceCommand(code: code, count: data.count, data: data))
        }
        _ = alice.type("close 00e name \(name)")
    }

    @Test func startPrintsAUsersFileAsText() throws {
        let system = try Self.system()
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        Self.printFile(alice)
        let queued = try #require(system.cp.spool.outputFiles(of: "alice", queue: .printer).first)
        #expect(oper.type("q prt 00e") == ["PRT 00E DRAINED CLASS A"])
        #expect(Self.reply(oper, "start 00e") == ["PRT 00E STARTED"])
        let message = "PRT 00E OUTPUT OF ALICE FILE \(SpoolNotices.id(queued.id)) RECDS 0003 COPY 01 A PRT"
        #expect(oper.waitFor(message))
        #expect(Self.eventually { Self.files(system, "printer").count == 1 })
        let name = try #require(Self.files(system, "printer").first)
        #expect(name == "ALICE.\(SpoolNotices.id(queued.id)).REPORT.LISTING.txt")
        let text = Self.text(system, "printer", name)
        // The separator page, a form feed, then the file with its carriage control.
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        #expect(pages.count == 3, "\(text)")
        #expect(pages[0].contains("USERID   ALICE      SPOOLID \(SpoolNotices.id(queued.id))"), "\(pages[0])")
        #expect(pages[0].contains("NAME     REPORT     TYPE    LISTING    DIST ALICE"), "\(pages[0])")
        #expect(pages[1] == "FIRST LINE\nSECOND LINE\n\nLAST LINE\n")
        // The file has left the spool.
        #expect(Self.eventually { system.cp.spool.outputFiles(of: "alice", queue: .printer).isEmpty })
        #expect(oper.type("q prt 00e") == ["PRT 00E STARTED CLASS A"])
    }

    @Test func drainStopsTheDevice() throws {
        let system = try Self.system()
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        #expect(Self.reply(oper, "start 00e") == ["PRT 00E STARTED"])
        #expect(oper.type("drain 00e") == ["PRT 00E DRAINED"])
        Self.printFile(alice)
        usleep(1_500_000) // three polls of the queue
        #expect(Self.files(system, "printer").isEmpty)
        #expect(system.cp.spool.outputFiles(of: "alice", queue: .printer).count == 1)
        #expect(Self.reply(oper, "start 00e") == ["PRT 00E STARTED"])
        #expect(Self.eventually { Self.files(system, "printer").count == 1 })
        #expect(oper.type("drain all") == ["PRT 00E DRAINED", "PUN 00D DRAINED", "RDR 00C DRAINED"])
    }

    @Test func holdKeepsAUsersFilesUntilFree() throws {
        let system = try Self.system()
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        #expect(oper.type("q hold") == ["NO USERS HELD"])
        #expect(oper.type("hold alice") == [])
        #expect(oper.type("q hold") == ["ALICE    HELD"])
        Self.printFile(alice)
        #expect(Self.reply(oper, "start 00e") == ["PRT 00E STARTED"])
        usleep(1_500_000)
        #expect(Self.files(system, "printer").isEmpty)
        #expect(system.cp.spool.outputFiles(of: "alice", queue: .printer).count == 1)
        #expect(Self.reply(oper, "free alice") == [])
        #expect(Self.eventually { Self.files(system, "printer").count == 1 })
        #expect(Self.reply(oper, "free alice") == ["ALICE NOT HELD"])
        #expect(oper.type("q hold") == ["NO USERS HELD"])
        oper.type("set emsg on")
        #expect(oper.type("hold zed") == ["DMKLOG053E ZED NOT IN CP DIRECTORY"])
        #expect(oper.type("hold") == ["DMKCFC026E OPERAND MISSING OR INVALID"])
    }

    @Test func repeatWritesTheLastFileAgain() throws {
        let system = try Self.system()
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        #expect(oper.type("repeat 00e") == ["PRT 00E NOT ACTIVE"])
        #expect(oper.type("flush 00e") == ["PRT 00E NOT ACTIVE"])
        Self.printFile(alice)
        oper.type("start 00e")
        #expect(Self.eventually { Self.files(system, "printer").count == 1 })
        #expect(Self.reply(oper, "repeat 00e 2") == [])
        #expect(oper.waitFor("COPY 01 A PRT REPEATED"))
        #expect(oper.waitFor("COPY 02 A PRT REPEATED"))
        // Both repeated copies make one more output file, a separator before each.
        #expect(Self.eventually { Self.files(system, "printer").count == 2 })
        let again = try #require(Self.files(system, "printer").first { $0.hasSuffix("-2.txt") })
        #expect(Self.text(system, "printer", again).components(separatedBy: "COPY 0").count == 3)
    }

    @Test func punchWritesEBCDICCardImages() throws {
        let system = try Self.system()
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        SpoolCommandTranscriptTests.write(alice, at: 0x00D, ["CARD ONE", "CARD TWO"])
        _ = alice.type("close 00d name deck data")
        #expect(Self.reply(oper, "start 00d class a") == ["PUN 00D STARTED"])
        #expect(oper.waitFor("PUN 00D OUTPUT OF ALICE FILE"))
        #expect(Self.eventually { Self.files(system, "punch").count == 1 })
        let name = try #require(Self.files(system, "punch").first)
        #expect(name.hasSuffix(".DECK.DATA.pun"))
        let deck = try CardDeck.load(path: system.stateDirectory.appendingPathComponent("punch/" + name).path, format: .ebcdic)
        #expect(deck.cards.map { CodePage.cp037.string($0).trimmingCharacters(in: .whitespaces) } == ["CARD ONE", "CARD TWO"])
    }

    @Test func operatorCommandErrors() throws {
        let system = try Self.system()
        let oper = try system.logon("spoolop")
        oper.type("set emsg on")
        #expect(oper.type("start") == ["DMKCSO021E RADDR MISSING OR INVALID"])
        #expect(oper.type("start 01f") == ["DMKCSO040E DEV 01F DOES NOT EXIST"])
        #expect(oper.type("start 00e sideways") == ["DMKCFC003E INVALID OPTION - SIDEWAYS"])
        #expect(oper.type("start 00e class") == ["DMKCSP028E CLASS MISSING OR INVALID"])
        #expect(oper.type("flush 00c") == ["DMKCSO006E INVALID DEVICE TYPE - 00C"])
        #expect(oper.type("repeat 00e 100") == ["DMKCFC003E INVALID OPTION - 100"])
        #expect(oper.type("q ur") == ["PRT 00E DRAINED CLASS A", "PUN 00D DRAINED CLASS A", "RDR 00C STARTED"])
        #expect(oper.type("q rdr 00c") == ["RDR 00C STARTED"])
        // A class G user does not have these commands at all.
        let alice = try system.logon("alice")
        alice.type("set emsg on")
        for command in ["start 00e", "drain 00e", "flush 00e", "repeat 00e", "hold bob", "free bob"] {
            let verb = command.split(separator: " ")[0].uppercased()
            #expect(alice.type(command) == ["DMKCFC001E ?CP: \(verb)"])
        }
        #expect(alice.type("q hold") == ["DMKCQG045E HOLD NOT LOGGED ON"])
    }
}
