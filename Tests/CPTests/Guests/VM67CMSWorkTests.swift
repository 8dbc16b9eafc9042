import CP
import Foundation
import Media
import Testing

/// The vm67 CMS a user works in: the first logon on a fresh system (an
/// unformatted 191), PROFILE EXEC at IPL, the EXEC language, HELP, and the
/// unit record commands with mail between two users (SENDFILE, RECEIVE,
/// TELL).
@Suite("vm67 CMS work", .serialized)
struct VM67CMSWorkTests {
    typealias Disk = VM67CMSDiskTests.Disk

    /// A CMS disk made on the host by mkcmsdisk with these text files
    /// (fn, ft, lines) on it, as a minidisk at `address`.
    static func disk(_ files: [(String, String, String)], volser: String, address: String = "191",
                     cylinders: Int = 2) throws -> Disk? {
        guard VM67CMSImage.build() != nil else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cmswork-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var arguments = [scratch.appendingPathComponent("\(volser).ckd").path, "\(cylinders)", volser,
                         VM67CMSImage.directory.appendingPathComponent("build/boot.bin").path, VM67CMSImage.nss.path]
        for (i, (fn, ft, text)) in files.enumerated() {
            let file = scratch.appendingPathComponent("file\(i).txt")
            try text.write(to: file, atomically: true, encoding: .isoLatin1)
            arguments += [fn, ft, "A1", file.path]
        }
        let tool = VM67CMSImage.directory.appendingPathComponent("build/host/mkcmsdisk").path
        let (status, output) = VM67CMSImage.run(tool, arguments)
        try #require(status == 0, "mkcmsdisk: \(output)")
        return Disk(file: URL(fileURLWithPath: arguments[0]), volser: volser, address: address, cylinders: cylinders)
    }

    /// A system with the vm67 CMS saved, this directory, and copies of
    /// `disks` (in a scratch directory removed at the end) as volumes.
    static func system(directory: String, disks: [Disk]) throws -> TestSystem? {
        guard let nss = VM67CMSImage.build() else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cmswork-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var config = "SAVESYS CMS 0 \(nss.path)\n"
        for disk in disks {
            let copy = scratch.appendingPathComponent("\(disk.volser).ckd")
            try FileManager.default.copyItem(at: disk.file, to: copy)
            config += "VOLUME \(disk.volser) 3350 \(copy.path)\n"
        }
        let system = try TestSystem(directory: directory, configuration: config)
        system.removeAtEnd(scratch)
        return system
    }

    static func command(_ user: Session, _ line: String) -> [String] { VM67CMSTests.command(user, line) }
    static func isReady(_ line: String) -> Bool { VM67CMSTests.isReady(line) }

    /// Logs on and IPLs CMS (after the directory's own IPL, if any).
    static func boot(_ system: TestSystem, _ userid: String = "cmsuser") throws -> Session {
        let user = try system.logon(userid)
        if !user.terminal.lines.contains(where: { $0.hasPrefix("VM67 CMS") }) {
            user.type("ipl cms", until: { $0.contains(where: isReady) })
        } else {
            _ = user.collect(after: 0, until: { $0.contains(where: isReady) }, timeout: 10)
        }
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        return user
    }

    // MARK: - First logon

    /// A fresh system: 191 has only home addresses and R0. CMS says how to
    /// make it a CMS disk, leaves it unaccessed, and FORMAT makes it A.
    @Test func firstLogonAsksForFormat() throws {
        guard let system = try VM67CMSDiskTests.system([Disk.s190], config: "VOLUME VM67U0 3350 volumes/vm67u0.cckd CREATE",
                                                      minidisks: " MDISK 191 3350 001 002 VM67U0 MR") else { return }
        let user = try Self.boot(system)
        let lines = user.terminal.lines
        #expect(lines.contains("DMSACC112S A(191) IS NOT A CMS FORMATTED DISK"), "\(lines)")
        #expect(lines.contains("DMSINI080I YOUR A-DISK IS NEW: ENTER 'FORMAT 191 A' TO FORMAT IT FOR CMS FILES"), "\(lines)")
        #expect(!lines.contains { $0.contains("DEVICE ERROR") }, "\(lines)")
        // The first command runs the system's PROFILE EXEC (S) first.
        let q = Self.command(user, "q disk a")
        #expect(q.contains("vm67 CMS: HELP lists the commands, HELP name explains one."), "\(q)")
        #expect(q.contains("DMSQRY069E DISK 'A' NOT ACCESSED"), "\(q)")
        user.type("format 191 a", until: { $0.contains { $0.hasPrefix("DMSFOR603R") } })
        user.waitForStatus(.vmRead)
        user.type("yes", until: { $0.contains { $0.hasPrefix("DMSFOR605R") } })
        user.waitForStatus(.vmRead)
        let done = user.type("alice1", until: { $0.contains(where: Self.isReady) }, timeout: 60)
        #expect(done.contains("DMSFOR732I 2 CYLINDERS FORMATTED ON DISK 'A(191)'."), "\(done)")
        #expect(done.last?.hasPrefix("Ready;") == true, "\(done)")
        #expect(Self.command(user, "q search").contains("ALICE1 191 A   R/W"))
        // The next IPL accesses it quietly.
        let again = user.type("ipl cms", until: { $0.contains(where: Self.isReady) })
        #expect(!again.contains { $0.hasPrefix("DMSACC") || $0.hasPrefix("DMSINI") }, "\(again)")
    }

    /// The shipped configuration (config/vm67.conf and config/user.direct,
    /// with the paths made absolute), started as `vm67 serve` starts it (the
    /// users' minidisks formatted on the volume made now): ALICE logs on and
    /// lands in CMS with her A-disk and the system's PROFILE EXEC run (IPL
    /// CMS PARM AUTOCR); she sends BOB a file; BOB, added to the directory
    /// after the first start, has an unformatted 191 and is told to FORMAT.
    @Test func shippedSystemFirstLogon() throws {
        guard VM67CMSImage.build() != nil else { return }
        let root = SharedFiles.repositoryRoot
        let build = VM67CMSImage.directory.appendingPathComponent("build").path
        let conf = try String(contentsOf: root.appendingPathComponent("config/vm67.conf"), encoding: .utf8)
            .replacingOccurrences(of: "../guest/cms/build", with: build)
            .split(separator: "\n").filter { !$0.hasPrefix("LISTEN") && !$0.hasPrefix("AUTOLOG") }.joined(separator: "\n")
        let direct = try String(contentsOf: root.appendingPathComponent("config/user.direct"), encoding: .utf8)
        // BOB's 191 moves to cylinders the first start does not format.
        let late = direct.replacingOccurrences(of: "MDISK 191 3350 036 020 VM67U0 MR", with: "MDISK 191 3350 200 005 VM67U0 MR")
        try #require(late != direct, "BOB's 191 in config/user.direct")
        let system = try TestSystem(directory: direct, configuration: conf)
        let report = system.cp.initializeVolumes()
        #expect(report.contains("ALICE 191 formatted for CMS, label ALI191"), "\(report)")
        let alice = try system.logon("alice")
        let first = alice.collect(after: 0, until: { $0.contains(where: Self.isReady) }, timeout: 20)
        #expect(!first.contains { $0.hasPrefix("DMSACC") || $0.hasPrefix("DMSINI") }, "\(first)")
        #expect(first.contains("vm67 CMS: HELP lists the commands, HELP name explains one."), "\(first)")
        #expect(first.last?.hasPrefix("Ready;") == true, "\(first)")
        alice.waitForStatus(.vmRead)
        let search = Self.command(alice, "q search")
        #expect(search.contains("ALI191 191 A   R/W"), "\(search)")
        #expect(search.contains("VM67TL 19E Y/S R/O"), "\(search)")
        // The shared tools disk: its EXECs run from Y for everyone.
        let tools = Self.command(alice, "tools")
        #expect(tools.contains("The tools disk (19E, mode Y) holds:"), "\(tools)")
        #expect(tools.contains { $0.hasPrefix("WHO      EXEC     Y2") }, "\(tools)")
        #expect(Self.command(alice, "who").contains { $0.contains("ALICE") }, "WHO EXEC shows the users")
        #expect(Self.command(alice, "copyfile profile exec s = = a").last?.hasPrefix("Ready;") == true)

        // A user added later: the directory changes, the 191 was never formatted.
        let errors = system.cp.reloadDirectory(late, file: "user.direct")
        try #require(errors.isEmpty, "\(errors)")
        let bob = try system.logon("bob")
        let hint = bob.collect(after: 0, until: { $0.contains(where: Self.isReady) }, timeout: 20)
        #expect(hint.contains("DMSACC112S A(191) IS NOT A CMS FORMATTED DISK"), "\(hint)")
        #expect(hint.contains("DMSINI080I YOUR A-DISK IS NEW: ENTER 'FORMAT 191 A' TO FORMAT IT FOR CMS FILES"), "\(hint)")
        bob.waitForStatus(.vmRead)
        #expect(Self.command(alice, "sendfile profile exec a bob").contains("DMSSND711I FILE 'PROFILE EXEC A2' SENT TO BOB"))
        // RECEIVE cannot write yet; the file stays in the reader.
        let cannot = Self.command(bob, "receive")
        #expect(cannot.contains("DMSRCV069E DISK 'A' NOT ACCESSED"), "\(cannot)")
        #expect(system.cp.spool.readerFiles(of: "BOB").count == 1)
        bob.type("format 191 a", until: { $0.contains { $0.hasPrefix("DMSFOR603R") } })
        bob.waitForStatus(.vmRead)
        bob.type("yes", until: { $0.contains { $0.hasPrefix("DMSFOR605R") } })
        bob.waitForStatus(.vmRead)
        let done = bob.type("bob191", until: { $0.contains(where: Self.isReady) }, timeout: 120)
        #expect(done.contains("DMSFOR732I 5 CYLINDERS FORMATTED ON DISK 'A(191)'."), "\(done)")
        #expect(Self.command(bob, "receive").contains("DMSRCV712I FILE 'PROFILE EXEC A2' RECEIVED"))
    }

    // MARK: - PROFILE EXEC

    @Test func profileRunsAtIPLWithAutoCR() throws {
        guard let a191 = try Self.disk([("PROFILE", "EXEC", "&CONTROL OFF\n&TYPE PROFILE RAN FOR &0 WITH &INDEX ARGS\nSET RDYMSG SMSG\n")],
                                       volser: "PRF191"),
              let system = try Self.system(directory: """
        USER AUTO AUTO 2M 16M G
         IPL CMS PARM AUTOCR
         CONSOLE 009 3215
         MDISK 191 3350 000 002 PRF191 MR
        USER HAND HAND 2M 16M G
         CONSOLE 009 3215
         LINK AUTO 191 191 RR
        """, disks: [a191]) else { return }
        let auto = try system.logon("auto")
        let first = auto.collect(after: 0, until: { $0.contains(where: Self.isReady) }, timeout: 10)
        let ran = first.firstIndex(of: "PROFILE RAN FOR PROFILE WITH 0 ARGS")
        let ready = first.firstIndex(where: Self.isReady)
        #expect(ran != nil && ready != nil && ran! < ready!, "\(first)")
        #expect(first.last?.hasPrefix("R; T=") == true, "the profile's SET RDYMSG SMSG: \(first)")
        // Without AUTOCR: ENTER runs it; so does the first command.
        let hand = try Self.boot(system, "hand")
        #expect(!hand.terminal.lines.contains { $0.hasPrefix("PROFILE RAN") })
        let enter = Self.command(hand, "")
        #expect(enter.contains("PROFILE RAN FOR PROFILE WITH 0 ARGS"), "\(enter)")
        #expect(enter.last?.hasPrefix("R; T=") == true, "\(enter)")
        #expect(!Self.command(hand, "q impex").contains { $0.hasPrefix("PROFILE RAN") }, "only once")
        // ACCESS (NOPROF as the first command skips it.
        hand.type("ipl cms", until: { $0.contains(where: Self.isReady) })
        hand.waitForStatus(.vmRead)
        let noprof = Self.command(hand, "access (noprof")
        #expect(!noprof.contains { $0.hasPrefix("PROFILE RAN") }, "\(noprof)")
        #expect(noprof.last?.hasPrefix("Ready;") == true, "\(noprof)")
    }

    // MARK: - EXEC

    static let testExec = """
    * A test of the EXEC language
    &CONTROL OFF
    &IF &INDEX LT 2 &GOTO -USAGE
    &TYPE ARGS: &1 &2 (&INDEX)
    &SUM = 0
    &I = 1
    &LOOP -ADD &I GT &1
    &SUM = &SUM + &I
    -ADD &I = &I + 1
    &TYPE SUM 1..&1 = &SUM
    &LOOP 1 3
    &TYPE THRICE
    &W = &CONCAT &2 - TAIL
    &L = &LENGTH &W
    &S = &SUBSTR &W 2 3
    &TYPE &W &L &S
    &IF .&3 EQ . &TYPE NO THIRD ARGUMENT
    STATE NOTHERE FILE A
    &TYPE STATE GAVE &RETCODE
    &STACK FIFO RED GREEN
    &READ VARS &A &B
    &TYPE READ &B THEN &A
    &ARGS X Y Z
    &TYPE NOW &INDEX: &$
    &GOTO -END
    &TYPE NOT SHOWN
    -USAGE &TYPE USAGE: TEST n word
    &EXIT 4
    -END
    &EXIT &SUM
    """

    @Test func execLanguage() throws {
        guard let a191 = try Self.disk([("TEST", "EXEC", Self.testExec),
                                        ("BAD", "EXEC", "&CONTROL OFF\n&TYPE BEFORE\n&FROBNICATE\n&TYPE AFTER\n"),
                                        ("ASK", "EXEC", "&CONTROL OFF\n&BEGTYPE\nWhat is your name?\n  (two words)\n&END\n&READ ARGS\n&TYPE HELLO &2, &1 (&READFLAG)\n&EXIT &INDEX\n"),
                                        ("SHOW", "EXEC", "&CONTROL CMS\nQUERY IMPEX\nEXEC TEST 2 B\n&EXIT &RETCODE\n")],
                                       volser: "EXE191"),
              let (_, user) = try VM67CMSDiskTests.booted([a191]) else { return }
        let out = Self.command(user, "exec test 4 word")
        #expect(Array(out.dropLast()) == [
            "ARGS: 4 word (2)",
            "SUM 1..4 = 10",
            "THRICE", "THRICE", "THRICE",
            "word-TAIL 9 ord",
            "NO THIRD ARGUMENT",
            "DMSSTT002E FILE 'NOTHERE FILE A' NOT FOUND",
            "STATE GAVE 28",
            "READ GREEN THEN RED",
            "NOW 3: X Y Z",
        ], "\(out)")
        #expect(out.last?.hasPrefix("Ready(00010);") == true, "\(out)")
        // Implied EXEC: the name alone; too few arguments go to -USAGE.
        let usage = Self.command(user, "test 1")
        #expect(usage.first == "USAGE: TEST n word", "\(usage)")
        #expect(usage.last?.hasPrefix("Ready(00004);") == true, "\(usage)")
        // &CONTROL CMS shows commands; a nested EXEC's return code.
        let show = Self.command(user, "show")
        #expect(show.prefix(2) == ["QUERY IMPEX", "IMPEX = ON"], "\(show)")
        #expect(show.contains("EXEC TEST 2 B") && show.contains("SUM 1..2 = 3"), "\(show)")
        #expect(show.contains("+++ R(00003) +++"), "the execution summary has TEST's return code: \(show)")
        #expect(show.last?.hasPrefix("Ready(00003);") == true, "\(show)")
        let bad = Self.command(user, "bad")
        #expect(bad.contains("BEFORE") && !bad.contains("AFTER"), "\(bad)")
        #expect(bad.contains("DMSEXT072E ERROR IN EXEC FILE BAD, LINE 0003 - INVALID CONTROL WORD &FROBNICATE"), "\(bad)")
        #expect(bad.last?.hasPrefix("Ready(00008);") == true, "\(bad)")
        // &BEGTYPE shows lines as they are; &READ waits for the terminal.
        let ask = user.type("ask", until: { $0.contains("  (two words)") })
        #expect(ask == ["What is your name?", "  (two words)"], "\(ask)")
        user.waitForStatus(.vmRead)
        let answer = Self.command(user, "Ada Lovelace")
        #expect(answer.first == "HELLO Lovelace, Ada (CONSOLE)", "\(answer)")
        #expect(answer.last?.hasPrefix("Ready(00002);") == true, "\(answer)")
        let missing = Self.command(user, "exec nothere")
        #expect(missing.contains("DMSEXC002E FILE 'NOTHERE EXEC' NOT FOUND"), "\(missing)")
        #expect(missing.last?.hasPrefix("Ready(00028);") == true, "\(missing)")
        // SET IMPEX OFF: the name is no longer a command (and then goes to CP).
        Self.command(user, "set impex off")
        #expect(Self.command(user, "test 4 word").contains("Unknown CP/CMS command"))
    }

    // MARK: - HELP

    /// A script types ahead (ssh -T with its lines all at once): every line
    /// is kept, in order, for CMS's reads, even those typed while CMS was
    /// still being IPLed (the IPL's reset keeps the keyboard's lines).
    @Test func linesTypedAheadAreAllReadInOrder() throws {
        guard let system = try VM67CMSTests.system() else { return }
        let user = try system.logon("cmsuser")
        for line in ["ipl cms", "q impcp", "q rdymsg", "q blip"] { user.vm.console.submit(.line(line)) }
        let lines = user.collect(after: 0, until: { $0.contains("BLIP = OFF") }, timeout: 30)
        let answers = lines.filter { $0.hasPrefix("IMPCP") || $0.hasPrefix("RDYMSG") || $0.hasPrefix("BLIP") }
        #expect(answers == ["IMPCP = ON", "RDYMSG = LMSG", "BLIP = OFF"], "\(lines)")
    }

    @Test func helpForEveryCommand() throws {
        guard let (_, user) = try VM67CMSDiskTests.booted([Disk.s190]) else { return }
        // ENTER first: the system's PROFILE EXEC.
        #expect(Self.command(user, "").contains("vm67 CMS: HELP lists the commands, HELP name explains one."))
        let list = Self.command(user, "help")
        #expect(list.first?.hasPrefix("vm67 CMS commands") == true, "\(list)")
        #expect(list.contains { $0.hasPrefix("  SENDfile") }, "\(list)")
        let copy = Self.command(user, "help copy")
        #expect(copy.first?.hasPrefix("COPYFILE fn ft fm") == true, "\(copy)")
        #expect(copy.last?.hasPrefix("Ready;") == true, "\(copy)")
        let none = Self.command(user, "help nothing")
        #expect(none.contains("DMSHLP002E NO HELP AVAILABLE FOR 'NOTHING'"), "\(none)")
        #expect(none.last?.hasPrefix("Ready(00028);") == true, "\(none)")
        // Every command in the nucleus's table has its help file on the S-disk.
        let table = try String(contentsOf: VM67CMSImage.directory.appendingPathComponent("src/command_table.c"), encoding: .utf8)
        let names = table.matches(of: /\{ "([A-Z]+)", \d+, cmd_/).map { String($0.1) }
        #expect(names.count >= 20, "\(names)")
        let files = Self.command(user, "listfile * helpcmd s")
        for name in names {
            #expect(files.contains { $0.hasPrefix(name.padding(toLength: 9, withPad: " ", startingAt: 0) + "HELPCMD") },
                    "no help file for \(name): \(files)")
            let text = Self.command(user, "help \(name)")
            #expect(text.first?.hasPrefix(name) == true && text.last?.hasPrefix("Ready;") == true, "\(text)")
        }
    }

    // MARK: - Unit record and mail

    static func twoUsers() throws -> (TestSystem, Session, Session)? {
        let notes = (1...30).map { "Line \($0) of the notes, for Bob" }.joined(separator: "\n") + "\n"
        let wide = String(repeating: "0123456789", count: 20) + "\ntrailing   \nshort\n"
        return try users([("NOTES", "DATA", notes), ("SHORT", "TEXT", "one\ntwo\n"), ("WIDE", "DATA", wide)])
    }

    /// ALICE (with these files on her 191) and BOB (an empty 191), both with
    /// a reader, punch and printer, in CMS.
    static func users(_ files: [(String, String, String)]) throws -> (TestSystem, Session, Session)? {
        guard let alice191 = try Self.disk(files, volser: "ALI191"),
              let bob191 = try Self.disk([], volser: "BOB191"),
              let system = try Self.system(directory: """
        USER ALICE ALICE 2M 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         MDISK 191 3350 000 002 ALI191 MR
        USER BOB BOB 2M 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         MDISK 191 3350 000 002 BOB191 MR
        """, disks: [alice191, bob191]) else { return nil }
        return (system, try Self.boot(system, "alice"), try Self.boot(system, "bob"))
    }

    @Test func sendfileAndReceive() throws {
        guard let (system, alice, bob) = try Self.twoUsers() else { return }
        let original = Self.command(alice, "type notes data a")
        #expect(original.count == 31, "\(original)")
        let sent = Self.command(alice, "sendfile notes data a to bob")
        #expect(sent.contains("DMSSND711I FILE 'NOTES DATA A1' SENT TO BOB"), "\(sent)")
        #expect(sent.contains { $0.wholeMatch(of: /PUN FILE \d{4} TO BOB COPY 01 NOHOLD/) != nil }, "\(sent)")
        #expect(sent.last?.hasPrefix("Ready;") == true, "\(sent)")
        #expect(system.cp.spool.readerFiles(of: "BOB").count == 1)
        #expect(system.cp.spool.outputFiles(of: "ALICE", queue: .punch).isEmpty, "SENDFILE puts SPOOL PUNCH back")
        let got = Self.command(bob, "receive")
        #expect(got.contains("DMSRCV712I FILE 'NOTES DATA A1' RECEIVED"), "\(got)")
        #expect(Self.command(bob, "type notes data a").dropLast() == original.dropLast())
        let list = Self.command(bob, "listfile notes data a (date")
        #expect(list.contains { $0.hasPrefix("NOTES    DATA     A1 V    29     30") }, "\(list)")
        // Nothing more; a second copy is not written over the first.
        let empty = Self.command(bob, "receive")
        #expect(empty.contains("DMSRCV205W READER EMPTY OR NOT READY"), "\(empty)")
        #expect(empty.last?.hasPrefix("Ready(00008);") == true, "\(empty)")
        Self.command(alice, "sendfile notes data bob")
        let exists = Self.command(bob, "receive")
        #expect(exists.contains("DMSRCV024E FILE 'NOTES DATA A' ALREADY EXISTS -- SPECIFY 'REPLACE'"), "\(exists)")
        #expect(system.cp.spool.readerFiles(of: "BOB").count == 1, "the file stays in the reader")
        let other = Self.command(bob, "receive copy data a")
        #expect(other.contains("DMSRCV712I FILE 'COPY DATA A1' RECEIVED"), "\(other)")
        #expect(Self.command(bob, "type copy data a").dropLast() == original.dropLast())
        // Records longer than a card, and trailing blanks, arrive as they were.
        Self.command(alice, "sendfile wide data a to bob")
        #expect(Self.command(bob, "receive").contains("DMSRCV712I FILE 'WIDE DATA A1' RECEIVED"))
        let wide = Self.command(alice, "type wide data a")
        #expect(wide.count == 5 && Self.command(bob, "type wide data a").dropLast() == wide.dropLast(), "\(wide)")
        #expect(Self.command(bob, "listfile wide data a (date").first?.hasPrefix("WIDE     DATA     A1 V   200      3") == true)
        #expect(Self.command(bob, "type wide data a 2 2").first == "trailing   ")
        // Errors.
        let nobody = Self.command(alice, "sendfile notes data a to nobody")
        #expect(nobody.contains("NOBODY NOT IN CP DIRECTORY"), "\(nobody)")
        #expect(Self.command(alice, "sendfile notes data a").contains("DMSSND045E NO USERID SPECIFIED"))
        #expect(Self.command(alice, "sendfile none data a to bob").contains("DMSSND002E FILE 'NONE DATA A' NOT FOUND"))
        // TELL.
        #expect(Self.command(alice, "tell bob the notes are in your reader").last?.hasPrefix("Ready;") == true)
        #expect(bob.waitFor("MSG FROM ALICE   : the notes are in your reader"), "\(bob.terminal.lines.suffix(3))")
        let away = Self.command(alice, "tell carol hello")
        #expect(away.contains("CAROL NOT LOGGED ON"), "\(away)")
    }

    @Test func printPunchAndReadcard() throws {
        guard let (system, alice, _) = try Self.twoUsers() else { return }
        #expect(Self.command(alice, "print short text a").last?.hasPrefix("Ready;") == true)
        let printed = system.cp.spool.outputFiles(of: "ALICE", queue: .printer)
        #expect(printed.count == 1 && printed.first?.records.count == 2, "\(printed)")
        #expect(Self.command(alice, "print none text a").contains("DMSPRT002E FILE 'NONE TEXT A' NOT FOUND"))
        // Punched to ALICE's own reader, and read back: with the :READ card
        // (the default) READCARD * takes the name from it.
        #expect(Self.command(alice, "cp spool punch to *").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(alice, "punch short text a").last?.hasPrefix("Ready;") == true)
        let header = try #require(system.cp.spool.readerFiles(of: "ALICE").first?.records.first)
        #expect(String(decoding: header.map { Media.CodePage.cp037.toLatin1[Int($0)] }, as: UTF8.self).hasPrefix(":READ  SHORT    TEXT     A1 V"))
        #expect(Self.command(alice, "erase short text a").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(alice, "readcard *").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(alice, "type short text a").prefix(2) == ["one", "two"])
        // Without the header: cards as F 80 records under the name given.
        Self.command(alice, "punch short text a (noheader")
        #expect(Self.command(alice, "readcard cards data a").last?.hasPrefix("Ready;") == true)
        let cards = Self.command(alice, "listfile cards data a (date")
        #expect(cards.contains { $0.hasPrefix("CARDS    DATA     A1 F    80      2") }, "\(cards)")
        let empty = Self.command(alice, "readcard more data a")
        #expect(empty.contains("DMSRDC205W READER EMPTY OR NOT READY"), "\(empty)")
        #expect(Self.command(alice, "punch short text a (frob").contains("DMSPUN003E INVALID OPTION 'FROB'"))
    }
}
