import CP
import Foundation
import Testing

/// The vm67 CMS utility commands (COMPARE, SORT, DISK DUMP/LOAD, NOTE,
/// RDRLIST, DEBUG) and attention handling: lines typed while CMS runs (HX,
/// HT/RT, HI, and any other line, kept for the next read).
@Suite("vm67 CMS utilities", .serialized)
struct VM67CMSUtilityTests {
    static func command(_ user: Session, _ line: String) -> [String] { VM67CMSTests.command(user, line) }
    static func isReady(_ line: String) -> Bool { VM67CMSTests.isReady(line) }

    static let names = ["SMITH     JOHN      1950", "ADAMS     MARY      1962", "JONES     ALAN      1950",
                        "BROWN     ANNE      1971", "ADAMS     PAUL      1948"]

    static func users(_ files: [(String, String, String)]) throws -> (TestSystem, Session, Session)? {
        try VM67CMSWorkTests.users(files)
    }

    /// The first address of the user area (QUERY STORAGE), in hex.
    static func userArea(_ user: Session) throws -> String {
        let q = Self.command(user, "q storage")
        let line = try #require(q.first { $0.hasPrefix("STORAGE =") }, "\(q)")
        let match = try #require(line.firstMatch(of: /USER AREA ([0-9A-F]{6})-/), "\(line)")
        return String(String(match.1).drop { $0 == "0" })
    }

    static func hex(_ value: Int) -> String { String(value, radix: 16, uppercase: true) }

    /// DEBUG answers each subcommand and then types a blank line.
    static func debug(_ user: Session, _ line: String, lines: Int = 2) -> [String] {
        user.waitForStatus(.vmRead)
        return user.type(line, until: { $0.count >= lines }).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    // MARK: - COMPARE

    @Test func compareFiles() throws {
        let changed = Self.names.enumerated().map { $0.offset == 2 ? "JONES     ALAN      1951" : $0.element }
        guard let (_, alice, _) = try Self.users([("NAMES", "DATA", Self.names.joined(separator: "\n") + "\n"),
                                                  ("SAME", "DATA", Self.names.joined(separator: "\n") + "\n"),
                                                  ("OTHER", "DATA", changed.joined(separator: "\n") + "\n"),
                                                  ("SHORT", "DATA", Self.names.prefix(3).joined(separator: "\n") + "\n")])
        else { return }
        let same = Self.command(alice, "compare names data a same data a")
        #expect(same.first == "DMSCMP179I COMPARING 'NAMES DATA A1' WITH 'SAME DATA A1'", "\(same)")
        #expect(same.count == 2 && same.last?.hasPrefix("Ready;") == true, "\(same)")
        // The differing records, the first file's and then the second's; = repeats fileid1's field.
        let differ = Self.command(alice, "compare names data a other = =")
        #expect(Array(differ.dropLast()) == ["DMSCMP179I COMPARING 'NAMES DATA A1' WITH 'OTHER DATA A1'",
                                             "JONES     ALAN      1950", "JONES     ALAN      1951",
                                             "DMSCMP209W FILES DO NOT COMPARE"], "\(differ)")
        #expect(differ.last?.hasPrefix("Ready(00004);") == true, "\(differ)")
        // Only columns 1-20: the same.
        let columns = Self.command(alice, "com names data a other data a (col 1-20")
        #expect(columns.count == 2 && columns.last?.hasPrefix("Ready;") == true, "\(columns)")
        #expect(Self.command(alice, "compare names data a other data a (col 21-24").contains("DMSCMP209W FILES DO NOT COMPARE"))
        let short = Self.command(alice, "compare names data a short data a")
        #expect(short.contains("DMSCMP211E FILE 'SHORT DATA A1' HAS ONLY 3 RECORDS"), "\(short)")
        #expect(short.last?.hasPrefix("Ready(00004);") == true, "\(short)")
        // Errors.
        let incomplete = Self.command(alice, "compare names data a same data")
        #expect(incomplete.contains("DMSCMP054E INCOMPLETE FILEID SPECIFIED"), "\(incomplete)")
        #expect(incomplete.last?.hasPrefix("Ready(00024);") == true)
        #expect(Self.command(alice, "compare names data a = = =").contains("DMSCMP019E IDENTICAL FILEIDS"))
        let missing = Self.command(alice, "compare names data a none data a")
        #expect(missing.contains("DMSCMP002E FILE 'NONE DATA A' NOT FOUND"), "\(missing)")
        #expect(missing.last?.hasPrefix("Ready(00028);") == true)
        #expect(Self.command(alice, "compare names data a same data a (frob").contains("DMSCMP003E INVALID OPTION 'FROB'"))
    }

    // MARK: - SORT

    @Test func sortFile() throws {
        guard let (_, alice, _) = try Self.users([("NAMES", "DATA", Self.names.joined(separator: "\n") + "\n")]) else { return }
        // SORT takes fixed-length records: a V file is refused.
        let variable = Self.command(alice, "sort names data a sorted data a")
        #expect(variable.contains("DMSSRT034E FILE 'NAMES DATA A' IS NOT FIXED LENGTH"), "\(variable)")
        Self.command(alice, "copyfile names data a fixed data a (recfm f lrecl 24")
        let ask = alice.type("sort fixed data a sorted data a", until: { $0.contains("DMSSRT604R ENTER SORT FIELDS:") })
        #expect(ask == ["DMSSRT604R ENTER SORT FIELDS:"], "\(ask)")
        #expect(alice.waitForStatus(.vmRead))
        // By year, then by last name; equal keys keep their order.
        let done = Self.command(alice, "21 24 1 10")
        #expect(done.last?.hasPrefix("Ready;") == true, "\(done)")
        #expect(Array(Self.command(alice, "type sorted data a").dropLast()) == [
            "ADAMS     PAUL      1948", "JONES     ALAN      1950", "SMITH     JOHN      1950",
            "ADAMS     MARY      1962", "BROWN     ANNE      1971"])
        #expect(Self.command(alice, "listfile sorted data a (date").first?.hasPrefix("SORTED   DATA     A1 F    24      5") == true)
        // A bad field list, the same file twice, a missing file.
        alice.type("sort fixed data a sorted data a", until: { $0.contains("DMSSRT604R ENTER SORT FIELDS:") })
        alice.waitForStatus(.vmRead)
        let bad = Self.command(alice, "10 1")
        #expect(bad.contains("DMSSRT605E INVALID SORT FIELD PAIR DEFINED"), "\(bad)")
        #expect(bad.last?.hasPrefix("Ready(00024);") == true, "\(bad)")
        #expect(Self.command(alice, "sort fixed data a fixed data a").contains("DMSSRT019E IDENTICAL FILEIDS"))
        #expect(Self.command(alice, "sort none data a x data a").contains("DMSSRT002E FILE 'NONE DATA A' NOT FOUND"))
        #expect(Self.command(alice, "sort fixed data a").contains("DMSSRT054E INCOMPLETE FILEID SPECIFIED"))
    }

    // MARK: - DISK DUMP and DISK LOAD

    @Test func diskDumpAndLoad() throws {
        let wide = String(repeating: "0123456789", count: 20) + "\ntrailing   \nshort\n"
        guard let (system, alice, bob) = try Self.users([("WIDE", "DATA", wide)]) else { return }
        #expect(Self.command(alice, "cp spool punch to bob").last?.hasPrefix("Ready;") == true)
        let dumped = Self.command(alice, "disk dump wide data a")
        #expect(dumped.contains { $0.wholeMatch(of: /PUN FILE \d{4} TO BOB COPY 01 NOHOLD/) != nil }, "\(dumped)")
        #expect(dumped.last?.hasPrefix("Ready;") == true, "\(dumped)")
        // The deck: X'02' CMS on every card, 50 bytes a card, the last card 'N'.
        let deck = try #require(system.cp.spool.readerFiles(of: "BOB").first?.records)
        #expect(deck.count == 6, "222 bytes (lengths and data) in 5 cards and the last: \(deck.count)")
        #expect(deck.allSatisfy { Array($0.prefix(4)) == [0x02, 0xC3, 0xD4, 0xE2] })
        #expect(deck.last?[4] == 0xD5)
        let loaded = Self.command(bob, "disk load")
        #expect(loaded.contains("WIDE DATA A1"), "\(loaded)")
        #expect(loaded.last?.hasPrefix("Ready;") == true, "\(loaded)")
        #expect(Self.command(bob, "listfile wide data a (date").first?.hasPrefix("WIDE     DATA     A1 V   200      3") == true)
        let original = Self.command(alice, "type wide data a")
        #expect(Self.command(bob, "type wide data a").dropLast() == original.dropLast())
        #expect(Self.command(bob, "type wide data a 2 2").first == "trailing   ")
        // Errors: nothing to load, a deck that is not a disk dump, bad operands.
        let empty = Self.command(bob, "disk load")
        #expect(empty.contains("DMSDSK205W READER EMPTY OR NOT READY"), "\(empty)")
        #expect(empty.last?.hasPrefix("Ready(00008);") == true)
        Self.command(alice, "punch wide data a")
        let invalid = Self.command(bob, "disk load")
        #expect(invalid.contains("DMSDSK078E INVALID CARD IN READER FILE"), "\(invalid)")
        #expect(invalid.last?.hasPrefix("Ready(00032);") == true)
        #expect(Self.command(bob, "disk frob").contains("DMSDSK014E INVALID FUNCTION 'FROB'"))
        #expect(Self.command(bob, "disk").contains("DMSDSK047E NO FUNCTION SPECIFIED"))
        #expect(Self.command(alice, "disk dump none data a").contains("DMSDSK002E FILE 'NONE DATA A' NOT FOUND"))
    }

    // MARK: - NOTE and RDRLIST

    @Test func noteAndReaderList() throws {
        guard let (system, alice, bob) = try Self.users([("SHORT", "TEXT", "one\ntwo\n")]) else { return }
        let ask = alice.type("note bob", until: { $0.contains { $0.hasPrefix("DMSNOT602R") } })
        #expect(ask == ["DMSNOT602R ENTER THE NOTE; A NULL LINE OR '.' ENDS IT:"], "\(ask)")
        alice.waitForStatus(.vmRead)
        alice.type("Hello Bob,", until: { _ in false }, timeout: 0.3)
        alice.waitForStatus(.vmRead)
        alice.type("the report is ready.", until: { _ in false }, timeout: 0.3)
        alice.waitForStatus(.vmRead)
        let sent = Self.command(alice, ".")
        #expect(sent.contains("DMSNOT711I NOTE 'ALICE NOTE' SENT TO BOB"), "\(sent)")
        #expect(sent.last?.hasPrefix("Ready;") == true, "\(sent)")
        #expect(Self.command(alice, "note").contains("DMSNOT045E NO USERID SPECIFIED"))
        #expect(Self.command(alice, "sendfile short text a bob").last?.hasPrefix("Ready;") == true)
        #expect(system.cp.spool.readerFiles(of: "BOB").count == 2)

        // RDRLIST: a line a file, then line commands.
        let list = bob.type("rdrlist", until: { $0.contains { $0.hasPrefix("DMSRDL601R") } })
        #expect(list.first == "  N SPOOLID ORIGIN   CLASS RECORDS FILENAME FILETYPE DATE  TIME", "\(list)")
        #expect(list.filter { $0.wholeMatch(of: /\ \ [12] \d{4}    ALICE    A PUN \d{5} .*/) != nil }.count == 2, "\(list)")
        bob.waitForStatus(.vmRead)
        let peek = bob.type("1 peek", until: { $0.contains("the report is ready.") })
        #expect(peek.contains { $0.hasPrefix(":READ  ALICE    NOTE     A1 V") }, "\(peek)")
        #expect(peek.contains("From: ALICE    at VM67") && peek.contains("To:   BOB      at VM67"), "\(peek)")
        #expect(peek.contains { $0.wholeMatch(of: /Date: \d\d [A-Z][a-z][a-z] \d\d  \d\d:\d\d:\d\d/) != nil }, "\(peek)")
        bob.waitForStatus(.vmRead)
        #expect(system.cp.spool.readerFiles(of: "BOB").count == 2, "PEEK keeps the file")
        let received = bob.type("1 receive", until: { $0.contains { $0.hasPrefix("DMSRCV") } })
        #expect(received.contains("DMSRCV712I FILE 'ALICE NOTE A1' RECEIVED"), "\(received)")
        bob.waitForStatus(.vmRead)
        bob.type("2 discard", until: { _ in false }, timeout: 1)
        bob.waitForStatus(.vmRead)
        let end = Self.command(bob, "")
        #expect(end.last?.hasPrefix("Ready;") == true, "\(end)")
        #expect(system.cp.spool.readerFiles(of: "BOB").isEmpty, "one received, one discarded")
        let note = Self.command(bob, "type alice note a")
        #expect(note.prefix(3).map { String($0.prefix(5)) } == ["Date:", "From:", "To:  "], "\(note)")
        #expect(Array(note.dropLast().suffix(2)) == ["Hello Bob,", "the report is ready."], "\(note)")
        let none = Self.command(bob, "rdrlist")
        #expect(none.contains("DMSRDL042E NO FILES IN YOUR READER"), "\(none)")
        #expect(none.last?.hasPrefix("Ready(00028);") == true)
    }

    // MARK: - DEBUG

    @Test func debugEnvironmentAndBreakpoint() throws {
        guard let system = try VM67CMSTests.system() else { return }
        let user = try VM67CMSTests.boot(system)
        let base = Int(try Self.userArea(user), radix: 16)!
        // LA 1,1 / LA 1,2 / LA 15,7 / BR 14
        Self.command(user, "cp store \(Self.hex(base)) 41100001 41100002 41F00007 07FE")
        #expect(Self.debug(user, "debug") == ["DMSDBG728I DEBUG ENTERED.", ""])
        #expect(Self.debug(user, "x \(Self.hex(base)) 6") == ["411000014110", ""])
        #expect(Self.debug(user, "frob") == ["INVALID DEBUG REQUEST", ""])
        #expect(Self.debug(user, "gpr") == ["MISSING OPERAND", ""])
        #expect(Self.debug(user, "go") == ["INCORRECT DEBUG EXIT", ""])
        #expect(Self.debug(user, "store \(Self.hex(base + 12)) 07FE", lines: 1) == [""])
        // An odd number of digits gets a leading zero, as in R6.
        #expect(Self.debug(user, "store \(Self.hex(base + 16)) 012", lines: 1) == [""])
        #expect(Self.debug(user, "x \(Self.hex(base + 16)) 2") == ["0012", ""])
        #expect(Self.debug(user, "x \(Self.hex(base)) 57") == ["INVALID OPERAND", ""])
        #expect(Self.debug(user, "break 1 \(Self.hex(base + 3))") == ["INVALID STORAGE ADDRESS", ""])
        #expect(Self.debug(user, "break 16 \(Self.hex(base + 4))") == ["INVALID OPERAND", ""])
        #expect(Self.debug(user, "break 3 \(Self.hex(base + 4))", lines: 1) == [""])
        #expect(Self.debug(user, "x \(Self.hex(base + 4)) 2") == ["0003", ""], "the overlay")
        user.waitForStatus(.vmRead)
        #expect(Self.command(user, "return").last?.hasPrefix("Ready;") == true)
        // The program stops at the breakpoint with its registers; the halfword is back.
        let stopped = user.type("start \(Self.hex(base))", until: { $0.contains { $0.hasPrefix("BREAKPOINT") } })
        #expect(stopped.contains("DMSDBG728I DEBUG ENTERED."), "\(stopped)")
        #expect(stopped.contains("BREAKPOINT 03 AT \(String(format: "%06X", base + 4))"), "\(stopped)")
        #expect(Self.debug(user, "gpr 1") == ["00000001", ""])
        // SET GPR replaces the register's bytes from the left.
        #expect(Self.debug(user, "set gpr 1 99", lines: 1) == [""])
        #expect(Self.debug(user, "gpr 1") == ["99000001", ""])
        let psw = Self.debug(user, "psw")
        #expect(psw.first?.hasSuffix(String(format: "%06X", base + 4)) == true, "\(psw)")
        #expect(Self.debug(user, "x \(Self.hex(base + 4)) 4") == ["41100002", ""])
        #expect(Self.debug(user, "return") == ["INCORRECT DEBUG EXIT", ""])
        // GO resumes it: the rest runs and R15 = 7 is its return code.
        user.waitForStatus(.vmRead)
        let resumed = Self.command(user, "go")
        #expect(resumed.last?.hasPrefix("Ready(00007);") == true, "\(resumed)")
        // HX leaves DEBUG too, saying CMS.
        _ = Self.debug(user, "debug")
        user.waitForStatus(.vmRead)
        let left = Self.command(user, "hx")
        #expect(left.first == "CMS" && left.last?.hasPrefix("Ready;") == true, "\(left)")
        // A breakpoint and HX: the program ends, CMS is ready.
        _ = Self.debug(user, "debug")
        _ = Self.debug(user, "break 0 \(Self.hex(base + 8))", lines: 1)
        user.waitForStatus(.vmRead)
        Self.command(user, "return")
        user.type("start \(Self.hex(base))", until: { $0.contains { $0.hasPrefix("BREAKPOINT 00") } })
        user.waitForStatus(.vmRead)
        let halted = Self.command(user, "hx")
        #expect(halted.contains("CMS") && halted.last?.hasPrefix("Ready;") == true, "\(halted)")
    }

    // MARK: - Attention: lines typed while CMS runs

    @Test func haltExecutionOfALoop() throws {
        guard let system = try VM67CMSTests.system() else { return }
        let user = try VM67CMSTests.boot(system)
        let base = try Self.userArea(user)
        Self.command(user, "cp store \(base) 0DC047F0 C0000000")     // BASR 12,0; B 0(12): a loop
        let started = user.type("start \(base)", until: { $0.contains("Execution begins...") })
        #expect(started == ["Execution begins..."], "\(started)")
        #expect(user.waitForStatus(.running))
        // SO is taken (nothing is traced); a line that is no immediate
        // command is kept for the next read.
        user.type("so", until: { _ in false }, timeout: 0.5)
        user.type("q blip", until: { _ in false }, timeout: 0.5)
        #expect(user.terminal.status == .running, "still looping")
        let halted = user.type("hx", until: { $0.contains("BLIP = OFF") && $0.filter(Self.isReady).count >= 2 })
        #expect(halted.first == "CMS" && halted.count > 1 && halted[1].hasPrefix("Ready;"), "\(halted)")
        #expect(halted.contains("BLIP = OFF"), "the stacked line ran next: \(halted)")
        #expect(!halted.contains { $0.contains("Unknown") }, "\(halted)")
        #expect(user.waitForStatus(.vmRead))
        #expect(Self.command(user, "q impcp").contains("IMPCP = ON"), "CMS goes on")
    }

    /// An EXEC that types LINE 1, LINE 2, ... slowly (a counting loop between
    /// lines) until HI ends it.
    static let slowExec = """
    &CONTROL OFF
    &I = 0
    -NEXT &I = &I + 1
    &J = 0
    -WAIT &J = &J + 1
    &IF &J LT 10 &GOTO -WAIT
    &TYPE LINE &I
    &IF &I LT 99999 &GOTO -NEXT
    """

    @Test func haltAndResumeTyping() throws {
        let lines = (1...3000).map { "Record \($0) of a long file" }
        guard let (_, alice, _) = try Self.users([("BIG", "DATA", lines.joined(separator: "\n") + "\n"),
                                                  ("SLOW", "EXEC", Self.slowExec)]) else { return }
        // HT: the rest of the TYPE is not typed; Ready is.
        let mark = alice.terminal.lines.count
        alice.type("type big data a", until: { $0.count >= 20 })
        let after = alice.type("ht", until: { $0.contains(where: Self.isReady) }, timeout: 60)
        let typed = alice.terminal.lines(after: mark)
        #expect(after.last?.hasPrefix("Ready;") == true, "\(after.suffix(3))")
        #expect(typed.count < 2000 && !typed.contains("Record 3000 of a long file"), "\(typed.count) lines")
        alice.waitForStatus(.vmRead)
        #expect(Self.command(alice, "q blip").first == "BLIP = OFF", "typing is back after Ready")
        // HT then RT: typing stops, then goes on; the EXEC runs until HI
        // ends it, so it cannot end on its own before RT is typed (however
        // fast the build).
        let second = alice.terminal.lines.count
        alice.type("slow", until: { $0.contains("LINE 2") })
        alice.type("ht", until: { _ in false }, timeout: 1)
        let halted = Self.lineNumbers(alice.terminal.lines(after: second))
        let resumed = alice.type("rt", until: { Self.lineNumbers($0).count >= 2 }, timeout: 60)
        #expect(Self.lineNumbers(resumed).count >= 2, "typing goes on after RT: \(resumed)")
        let ended = alice.type("hi", until: { $0.contains(where: Self.isReady) }, timeout: 60)
        #expect(ended.last.map(Self.isReady) == true, "HI ends the EXEC: \(ended.suffix(3))")
        let numbers = Self.lineNumbers(alice.terminal.lines(after: second))
        let gaps = zip(numbers, numbers.dropFirst()).filter { $1 != $0 + 1 }
        #expect(!gaps.isEmpty, "lines made during HT were not typed: \(numbers) (\(halted) before RT)")
    }

    /// The numbers of the slow EXEC's `LINE n` lines.
    static func lineNumbers(_ lines: [String]) -> [Int] {
        lines.compactMap { $0.hasPrefix("LINE ") ? Int($0.dropFirst(5)) : nil }
    }

    /// HX while a nucleus command types: the rest is not typed, CMS says
    /// CMS and is ready; the command gives back its storage, so it can be
    /// done again and again.
    @Test func haltExecutionOfACommand() throws {
        let lines = (1...3000).map { "Record \($0) of a long file" }
        guard let (_, alice, _) = try Self.users([("BIG", "DATA", lines.joined(separator: "\n") + "\n")]) else { return }
        for _ in 1...4 {
            let mark = alice.terminal.lines.count
            alice.type("type big data a", until: { $0.count >= 20 })
            let after = alice.type("hx", until: { $0.contains(where: Self.isReady) }, timeout: 60)
            let typed = alice.terminal.lines(after: mark)
            #expect(after.suffix(2).first == "CMS" && after.last?.hasPrefix("Ready;") == true, "\(after.prefix(2)) ... \(after.suffix(4))")
            #expect(!typed.contains("Record 3000 of a long file"), "\(typed.count) lines")
            alice.waitForStatus(.vmRead)
        }
        #expect(Array(Self.command(alice, "type big data a 2999 3000").dropLast()) ==
                ["Record 2999 of a long file", "Record 3000 of a long file"])
    }

    @Test func haltInterpretationOfAnExec() throws {
        guard let (_, alice, _) = try Self.users([("LOOP", "EXEC", "&CONTROL OFF\n&TYPE LOOPING\n-AGAIN\n&GOTO -AGAIN\n&TYPE NEVER\n")])
        else { return }
        alice.type("loop", until: { $0.contains("LOOPING") })
        #expect(alice.waitForStatus(.running))
        let halted = alice.type("hi", until: { $0.contains(where: Self.isReady) })
        #expect(halted.last?.hasPrefix("Ready;") == true && !halted.contains("NEVER"), "\(halted)")
        alice.waitForStatus(.vmRead)
        #expect(Self.command(alice, "q blip").first == "BLIP = OFF")
    }
}
