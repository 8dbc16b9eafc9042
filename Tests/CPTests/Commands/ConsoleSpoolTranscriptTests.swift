import Foundation
import Media
import Testing
@testable import CP

/// SPOOL CONSOLE START/STOP, CLOSE CONSOLE and LOGOFF: what the console
/// shows and the user types becomes a printer spool file.
@Suite("Console spooling")
struct ConsoleSpoolTranscriptTests {
    static let directory = SpoolExchangeTests.directory + """

    USER CAROL CAROL 1M 2M G
     CONSOLE 01F 3215 X
     SPOOL 00C 2540 READ *
    """

    /// A console file's lines as text (print records: the command byte first).
    static func lines(_ file: SpoolFile) -> [String] {
        // Each line's CCW command byte first, in a printer queue or a reader.
        file.records.map { CodePage.cp037.string($0.dropFirst()) }
    }

    @Test func startCloseAndStopShowInTheFileAndInQueryVirtual() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("q v cons") == ["CONS 009 ON TERM   CL T  NOCONT NOHOLD COPY 01    READY",
                                           "     009 TERM   STOP  FOR ALICE DIST ALICE"])
        #expect(alice.type("spool console start") == [])
        #expect(alice.type("q v cons") == ["CONS 009 ON TERM   CL T  NOCONT NOHOLD COPY 01    READY",
                                           "     009 TERM   START FOR ALICE DIST ALICE"])
        // The guest's output goes in too (the virtual 3215's writes).
        alice.vm.console.consoleOutput("HELLO FROM THE GUEST", newline: true)
        #expect(alice.type("q userid") == ["ALICE    AT VM67"])
        // CLOSE CONSOLE: the file joins the printer queue under ALICE, class T; no message.
        #expect(alice.type("close console") == [])
        let files = system.cp.spool.outputFiles(of: "alice", queue: .printer)
        let file = try #require(files.first)
        #expect(files.count == 1)
        #expect(file.origin == .console && file.spoolClass == "T" && file.from == "ALICE")
        #expect(Self.lines(file) == ["q v cons",
                                     "CONS 009 ON TERM   CL T  NOCONT NOHOLD COPY 01    READY",
                                     "     009 TERM   START FOR ALICE DIST ALICE",
                                     "HELLO FROM THE GUEST", "q userid", "ALICE    AT VM67", "close console"])
        #expect(file.records.allSatisfy { $0.first == ConsoleSpool.writeAndSpace })
        // Q PRT ALL lists it as a CON file.
        let listing = alice.type("q prt all")
        #expect(listing.count == 2 && listing[1].contains(" T CON "), "\(listing)")
        // Spooling goes on into a new file; STOP ends it, STOP CLOSE closes it.
        #expect(alice.type("q files") == ["FILES: NO RDR, 0001 PRT, NO PUN"])
        #expect(alice.type("spool cons stop") == [])
        #expect(alice.type("q userid") == ["ALICE    AT VM67"])
        #expect(alice.type("spool cons stop close") == [])
        let second = try #require(system.cp.spool.outputFiles(of: "alice", queue: .printer).last)
        #expect(second.id != file.id)
        // Nothing typed after STOP is in the file.
        #expect(Self.lines(second) == ["q prt all"] + listing + ["q files", "FILES: NO RDR, 0001 PRT, NO PUN", "spool cons stop"])
        #expect(alice.type("q v cons").last == "     009 TERM   STOP  FOR ALICE DIST ALICE")
        // CLOSE with nothing spooled makes no file.
        #expect(alice.type("close 009") == [])
        #expect(system.cp.spool.outputFiles(of: "alice", queue: .printer).count == 2)
    }

    @Test func spooledToAUserGoesToTheirReaderWithVM370sMessages() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        #expect(alice.type("spool cons start to bob") == [])
        #expect(alice.type("q v cons").last == "     009 TERM   START TO BOB DIST ALICE")
        let mark = bob.terminal.lines.count
        let closed = alice.type("sp cons stop close")
        let file = try #require(system.cp.spool.readerFiles(of: "bob").first)
        #expect(closed == ["PRT FILE \(SpoolNotices.id(file.id)) TO BOB COPY 01 NOHOLD"])
        #expect(bob.waitFor("RDR FILE \(SpoolNotices.id(file.id)) FROM ALICE CON COPY 01 NOHOLD"), "\(bob.terminal.lines(after: mark))")
        #expect(file.origin == .console && file.spoolClass == "T")
        #expect(Self.lines(file).first == "q v cons")
        #expect(Self.lines(file).last == "sp cons stop close")
        // In BOB's reader it is a CON file.
        let listing = bob.type("q rdr all")
        #expect(listing.count == 2 && listing[1].hasPrefix("ALICE    \(SpoolNotices.id(file.id)) T CON "), "\(listing)")
    }

    @Test func logoffClosesTheFileWithTheLogoffLinesAndTheDirectoryClass() throws {
        let system = try TestSystem(directory: Self.directory)
        let carol = try system.logon("carol")
        #expect(carol.type("q v cons").first == "CONS 01F ON TERM   CL X  NOCONT NOHOLD COPY 01    READY")
        #expect(carol.type("spool 01f start cont copy 2 hold") == [])
        #expect(carol.type("close cons") == [])   // CONT: the file stays open
        #expect(system.cp.spool.outputFiles(of: "carol", queue: .printer).isEmpty)
        carol.type("logoff", until: { $0.contains { $0.hasPrefix("LOGOFF AT") } })
        let deadline = Date().addingTimeInterval(10)
        while system.cp.spool.outputFiles(of: "carol", queue: .printer).isEmpty && Date() < deadline { usleep(5_000) }
        let file = try #require(system.cp.spool.outputFiles(of: "carol", queue: .printer).first)
        #expect(file.spoolClass == "X" && file.copies == 2 && file.hold)
        let lines = Self.lines(file)
        #expect(lines.first == "close cons")
        #expect(lines.contains("logoff"))
        #expect(lines.last?.hasPrefix("LOGOFF AT ") == true, "\(lines)")
    }

    @Test func notermKeepsTheTerminalQuietAndConsoleOptionsAreConsoleOnly() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        alice.type("set emsg on")
        #expect(alice.type("spool prt start") == ["DMKCFC003E INVALID OPTION - START"])
        #expect(alice.type("spool rdr noterm") == ["DMKCFC003E INVALID OPTION - NOTERM"])
        #expect(alice.type("spool cons eof") == ["DMKCFC003E INVALID OPTION - EOF"])
        #expect(alice.type("spool cons start noterm") == [])
        #expect(alice.type("q userid") == [])
        #expect(alice.type("spool cons term") == [])
        #expect(alice.type("q userid") == ["ALICE    AT VM67"])
        #expect(alice.type("spool cons stop close") == [])
        let file = try #require(system.cp.spool.outputFiles(of: "alice", queue: .printer).first)
        #expect(Self.lines(file) == ["q userid", "ALICE    AT VM67", "spool cons term",
                                     "q userid", "ALICE    AT VM67", "spool cons stop close"])
        // PURGE throws the open file away.
        #expect(alice.type("spool cons start") == [])
        #expect(alice.type("spool cons stop purge") == [])
        #expect(system.cp.spool.outputFiles(of: "alice", queue: .printer).count == 1)
    }

    /// Under vm67 CMS: the guest's lines (its Ready message, CP's answers
    /// CMS shows) are in the console file with the commands typed.
    @Test func aCMSSessionIsSpooled() throws {
        guard let system = try VM67CMSTests.system() else { return }
        let user = try VM67CMSTests.boot(system)
        _ = VM67CMSTests.command(user, "cp spool console start")
        let users = VM67CMSTests.command(user, "q users")
        _ = VM67CMSTests.command(user, "cp spool console stop close")
        let file = try #require(system.cp.spool.outputFiles(of: "cmsuser", queue: .printer).first)
        let lines = Self.lines(file)
        #expect(file.origin == .console && file.spoolClass == "T")
        // What the terminal showed after START, then each command typed and what it answered.
        #expect(lines.first.map(VM67CMSTests.isReady) == true, "\(lines)")
        #expect(Array(lines.dropFirst()) == ["q users"] + users + ["cp spool console stop close"], "\(lines)")
    }
}
