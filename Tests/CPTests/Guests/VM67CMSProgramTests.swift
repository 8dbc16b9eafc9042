import Assembler
import CP
import Foundation
import Testing

/// Programs in the vm67 CMS: object decks made by vm67's assembler, put on
/// the A-disk as TEXT files (F 80), loaded with LOAD/INCLUDE, run with
/// START, saved with GENMOD and run by name; the OS SVCs (WTO, GETMAIN,
/// TIME, ABEND, EXIT) and the CMS functions (TYPLIN, WAITRD, FSWRITE,
/// FSREAD, FSSTATE ...) they call.
@Suite("vm67 CMS programs", .serialized)
struct VM67CMSProgramTests {
    typealias Disk = VM67CMSDiskTests.Disk

    /// The object deck of an assembly (80-byte EBCDIC cards).
    static func deck(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let assembly = Assembler.assemble(source: source)
        try #require(assembly.succeeded, "\(assembly.errors)", sourceLocation: sourceLocation)
        return assembly.objectDeck()
    }

    /// A 191 made by mkcmsdisk with these TEXT decks (fn, deck) as F 80
    /// files, and text files (fn, ft, lines).
    static func disk(_ decks: [(String, [UInt8])], texts: [(String, String, String)] = []) throws -> Disk? {
        guard VM67CMSImage.build() != nil else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cmsprog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var arguments = [scratch.appendingPathComponent("PRG191.ckd").path, "2", "PRG191",
                         VM67CMSImage.directory.appendingPathComponent("build/boot.bin").path, VM67CMSImage.nss.path]
        for (fn, deck) in decks {
            let file = scratch.appendingPathComponent("\(fn).text")
            try Data(deck).write(to: file)
            arguments += ["--fixed", "80", fn, "TEXT", "A1", file.path]
        }
        for (fn, ft, lines) in texts {
            let file = scratch.appendingPathComponent("\(fn).\(ft)")
            try lines.write(to: file, atomically: true, encoding: .isoLatin1)
            arguments += [fn, ft, "A1", file.path]
        }
        let tool = VM67CMSImage.directory.appendingPathComponent("build/host/mkcmsdisk").path
        let (status, output) = VM67CMSImage.run(tool, arguments)
        try #require(status == 0, "mkcmsdisk: \(output)")
        return Disk(file: URL(fileURLWithPath: arguments[0]), volser: "PRG191", address: "191", cylinders: 2)
    }

    /// CMS IPLed with those decks on its A-disk.
    static func booted(_ decks: [(String, String)]) throws -> Session? {
        let objects = try decks.map { ($0.0, try deck($0.1)) }
        guard let disk = try disk(objects), let (_, user) = try VM67CMSDiskTests.booted([disk]) else { return nil }
        return user
    }

    static func command(_ user: Session, _ line: String) -> [String] { VM67CMSTests.command(user, line) }

    /// The lines a command typed, without the Ready line.
    static func output(_ lines: [String]) -> [String] {
        lines.filter { !VM67CMSTests.isReady($0) }
    }

    static func ready(_ lines: [String]) -> String { lines.last(where: VM67CMSTests.isReady) ?? "" }

    // MARK: - Programs

    /// Types with TYPLIN (SVC 202) and WTO (SVC 35); returns 7.
    static let hello = """
    HELLO    CSECT
             STM   14,12,12(13)
             BALR  12,0
             USING *,12
             LA    1,TYPPL
             SVC   202
             DC    AL4(1)
             LA    1,WTOL
             SVC   35
             LM    14,12,12(13)
             LA    15,7
             BR    14
    TYPPL    DC    CL8'TYPLIN'
             DC    AL1(1),AL3(MSG)
             DC    C'B',AL3(L'MSG)
    MSG      DC    C'HELLO FROM TYPLIN'
    WTOL     DC    AL2(4+L'WMSG),AL2(0)
    WMSG     DC    C'HELLO FROM WTO'
             END   HELLO
    """

    /// Calls SUB through a V-type constant; SUB finds MAIN's text through
    /// an A-type constant of MAIN's entry MAINTEXT and types it; the return
    /// code is SUB's R15 plus 5.
    static let main = """
    MAIN     CSECT
             ENTRY MAINTEXT
             STM   14,12,12(13)
             BALR  12,0
             USING *,12
             LR    2,13
             LA    13,SAVE
             L     15,=V(SUB)
             BALR  14,15
             LR    13,2
             LA    15,5(15)
             L     14,12(13)
             LM    0,12,20(13)
             BR    14
    SAVE     DS    18F
    MAINTEXT DC    CL20'TEXT OF MAIN'
             LTORG
             END   MAIN
    """

    static let sub = """
    SUB      CSECT
             EXTRN MAINTEXT
             STM   14,12,12(13)
             BALR  12,0
             USING *,12
             L     3,=A(MAINTEXT)
             ST    3,TYPPL+8
             MVI   TYPPL+8,1
             LA    1,TYPPL
             SVC   202
             DC    AL4(1)
             LM    14,12,12(13)
             LA    15,30
             BR    14
    TYPPL    DC    CL8'TYPLIN',AL1(1),AL3(0),C'B',AL3(12)
             LTORG
             END
    """

    /// Refers to a name no file defines.
    static let lonely = """
    LONELY   CSECT
             EXTRN NOWHERE
             BALR  12,0
             USING *,12
             L     15,=V(NOWHERE)
             SR    15,15
             BR    14
             LTORG
             END   LONELY
    """

    /// Writes three F 80 records to OUTPUT DATA A1 with FSWRITE, closes it,
    /// reads them back with FSREAD and types them, checks FSSTATE; returns
    /// FSREAD's end-of-file code (12).
    static let writer = """
    WRITER   CSECT
             STM   14,12,12(13)
             BALR  12,0
             USING *,12
             LA    4,1
    NEXT     STC   4,REC+7
             OI    REC+7,X'F0'
             LA    1,WFSCB
             SVC   202
             DC    AL4(1)
             LTR   15,15
             BNZ   OUT
             LA    4,1(4)
             CH    4,=H'3'
             BNH   NEXT
             LA    1,CLOSE
             SVC   202
             DC    AL4(1)
             LA    1,STATE
             SVC   202
             DC    AL4(1)
             LTR   15,15
             BNZ   OUT
    READ     LA    1,RFSCB
             SVC   202
             DC    AL4(1)
             LTR   15,15
             BNZ   OUT
             LA    1,TYPPL
             SVC   202
             DC    AL4(1)
             B     READ
    OUT      L     14,12(13)
             LM    0,12,20(13)
             BR    14
    WFSCB    DC    CL8'FSWRITE',CL8'OUTPUT',CL8'DATA',CL2'A1',H'0'
             DC    A(REC),F'80',CL2'F',H'1',F'0'
    RFSCB    DC    CL8'FSREAD',CL8'OUTPUT',CL8'DATA',CL2'A1',H'0'
             DC    A(INPUT),F'80',CL2'F',H'1',F'0'
    CLOSE    DC    CL8'FSCLOSE',CL8'OUTPUT',CL8'DATA',CL2'A1'
    STATE    DC    CL8'FSSTATE',CL8'OUTPUT',CL8'DATA',CL2'A1'
    TYPPL    DC    CL8'TYPLIN',AL1(1),AL3(INPUT),C'B',AL3(27)
    REC      DC    CL80'RECORD N WRITTEN BY FSWRITE'
    INPUT    DS    CL80
             LTORG
             END   WRITER
    """

    /// GETMAIN R, stores into the area, FREEMAIN R, GETMAIN R again (the
    /// same area comes back), GETMAIN and FREEMAIN EU (list form, SVC 4 and
    /// 5), TIME (a packed date), then EXIT (SVC 3) with
    /// 0 when all went well, 99 when not.
    static let storage = """
    STORAGE  CSECT
             BALR  12,0
             USING *,12
             L     0,=F'4096'
             BAL   1,*+4
             SVC   10
             ST    1,AREA
             MVC   0(8,1),=CL8'GOTIT'
             L     0,=F'4096'
             SVC   10
             L     0,=F'4096'
             BAL   1,*+4
             SVC   10
             C     1,AREA
             BNE   BAD
             LA    1,GMLIST
             SVC   4
             LTR   15,15
             BNZ   BAD
             L     3,GOT
             MVC   0(8,3),=CL8'LISTFORM'
             LA    1,GMLIST
             SVC   5
             SR    1,1
             SVC   11
             LR    3,1
             N     3,=X'0000000F'
             CH    3,=H'15'
             BNE   BAD
             SR    15,15
             SVC   3
    BAD      LA    15,99
             SVC   3
    AREA     DS    F
    GMLIST   DC    A(256),A(GOT),X'00',X'00'
    GOT      DC    F'0'
             LTORG
             END   STORAGE
    """

    /// ABEND 123 (a user code).
    static let abend = """
    ABENDER  CSECT
             BALR  12,0
             USING *,12
             L     1,=F'123'
             SVC   13
             BR    14
             LTORG
             END   ABENDER
    """

    /// Reads a line with WAITRD (upper case) and types it with TYPLIN.
    static let echo = """
    ECHO     CSECT
             STM   14,12,12(13)
             BALR  12,0
             USING *,12
             LA    1,RDPL
             SVC   202
             DC    AL4(1)
             STH   0,TYPPL+14
             LA    1,TYPPL
             SVC   202
             DC    AL4(1)
             LM    14,12,12(13)
             SR    15,15
             BR    14
    RDPL     DC    CL8'WAITRD',AL1(1),AL3(BUF),C'U',AL3(0)
    TYPPL    DC    CL8'TYPLIN',AL1(1),AL3(BUF),C'B',AL3(0)
    BUF      DS    CL130
             END   ECHO
    """

    /// Asks with WTOR, waits for the ECB to be posted, answers with WTO.
    static let asker = """
    ASKER    CSECT
             STM   14,12,12(13)
             BALR  12,0
             USING *,12
             LA    1,WTORL
             SVC   35
             TM    ECB,X'40'
             BNO   BAD
             LA    1,WTOL
             SVC   35
             LM    14,12,12(13)
             SR    15,15
             BR    14
    BAD      LM    14,12,12(13)
             LA    15,8
             BR    14
    WTORL    DC    AL1(L'REPLY),AL3(REPLY)
             DC    A(ECB)
             DC    AL2(4+L'QUESTION),AL2(0)
    QUESTION DC    C'WHAT IS YOUR NAME?'
    WTOL     DC    AL2(4+6+L'REPLY),AL2(0)
             DC    C'HELLO '
    REPLY    DC    CL8' '
    ECB      DC    F'0'
             END   ASKER
    """

    /// Adds R3 to R2 (the C calling convention), for the C program.
    static let asmadd = """
    ASMADD   CSECT
             AR    2,3
             BR    14
             END
    """

    /// guest/cms/test/cprogram.c compiled by the s390x gcc and made a TEXT
    /// deck by guest/cms/tools/elf2text.py.
    static func cDeck(sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cmsc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let object = scratch.appendingPathComponent("cprogram.o").path
        let text = scratch.appendingPathComponent("cprogram.text").path
        let source = VM67CMSImage.directory.appendingPathComponent("test/cprogram.c").path
        let (cc, ccOutput) = VM67CMSImage.run(VM67CMSImage.crossCompiler, [
            "-m31", "-march=z900", "-mesa", "-msoft-float", "-ffreestanding", "-nostdlib", "-fno-builtin", "-O2",
            "-fno-pic", "-fno-pie", "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-common",
            "-fexec-charset=IBM037", "-c", source, "-o", object])
        try #require(cc == 0, "gcc: \(ccOutput)", sourceLocation: sourceLocation)
        let tool = VM67CMSImage.directory.appendingPathComponent("tools/elf2text.py").path
        let (status, output) = VM67CMSImage.run("/usr/bin/python3", [tool, object, text, "CHELLO", "cmsentry"])
        try #require(status == 0, "elf2text: \(output)", sourceLocation: sourceLocation)
        return Array(try Data(contentsOf: URL(fileURLWithPath: text)))
    }

    // MARK: - Tests

    @Test func loadAndStartHello() throws {
        guard let user = try Self.booted([("HELLO", Self.hello)]) else { return }
        let load = Self.command(user, "load hello")
        #expect(Self.output(load).isEmpty, "\(load)")
        #expect(Self.ready(load).hasPrefix("Ready;"), "\(load)")
        let run = Self.command(user, "start")
        #expect(Self.output(run) == ["Execution begins...", "HELLO FROM TYPLIN", "HELLO FROM WTO"], "\(run)")
        #expect(Self.ready(run).hasPrefix("Ready(00007);"), "\(run)")
        // LOAD (START does both; the map names the section at the user area.
        let both = Self.command(user, "load hello (start")
        #expect(Self.output(both) == ["Execution begins...", "HELLO FROM TYPLIN", "HELLO FROM WTO"], "\(both)")
        let map = Self.output(Self.command(user, "type load map a5"))
        #expect(map.count == 1 && map[0].wholeMatch(of: #/ HELLO    SD [0-9A-F]{6}/#) != nil, "\(map)")
        let state = Self.command(user, "listfile load map a (label")
        #expect(state.contains { $0.hasPrefix("LOAD     MAP      A5 F   100") }, "\(state)")
        // ORIGIN: the program goes where it is told.
        #expect(Self.ready(Self.command(user, "load hello (origin 40000 clear")).hasPrefix("Ready;"))
        #expect(Self.output(Self.command(user, "type load map a")) == [" HELLO    SD 040000"])
        #expect(Self.ready(Self.command(user, "start")).hasPrefix("Ready(00007);"))
        let origin = Self.command(user, "load hello (origin zz")
        #expect(origin.contains("DMSLIO029E INVALID PARAMETER 'ZZ' IN THE OPTION 'ORIGIN' FIELD"), "\(origin)")
        #expect(Self.ready(origin).hasPrefix("Ready(00024);"), "\(origin)")
        // START by the section's name, with arguments.
        #expect(Self.ready(Self.command(user, "start hello arg1 arg2")).hasPrefix("Ready(00007);"))
        // RUN: the TEXT file is loaded and started.
        let run2 = Self.command(user, "run hello")
        #expect(Self.output(run2) == ["Execution begins...", "HELLO FROM TYPLIN", "HELLO FROM WTO"], "\(run2)")
        #expect(Self.ready(run2).hasPrefix("Ready(00007);"), "\(run2)")
        let nowhere = Self.command(user, "run nothere")
        #expect(nowhere.contains("DMSRUN002E FILE 'NOTHERE *' NOT FOUND"), "\(nowhere)")
        #expect(Self.ready(nowhere).hasPrefix("Ready(00028);"), "\(nowhere)")
        let unknown = Self.command(user, "start nothere")
        #expect(unknown.contains("DMSLIO021E ENTRY POINT 'NOTHERE' NOT FOUND"), "\(unknown)")
        #expect(Self.ready(unknown).hasPrefix("Ready(00040);"), "\(unknown)")
    }

    @Test func twoDecksResolveEachOther() throws {
        guard let user = try Self.booted([("MAIN", Self.main), ("SUB", Self.sub)]) else { return }
        let load = Self.command(user, "load main sub (noauto")
        #expect(Self.ready(load).hasPrefix("Ready;"), "\(load)")
        let run = Self.command(user, "start")
        #expect(Self.output(run) == ["Execution begins...", "TEXT OF MAIN"], "\(run)")
        #expect(Self.ready(run).hasPrefix("Ready(00035);"), "\(run)")
        // AUTO finds SUB TEXT for the undefined SUB; the map lists both
        // sections and the entry.
        let auto = Self.command(user, "load main (start")
        #expect(Self.output(auto) == ["Execution begins...", "TEXT OF MAIN"], "\(auto)")
        let map = Self.output(Self.command(user, "type load map a"))
        #expect(map.count == 3, "\(map)")
        #expect(map.first?.hasPrefix(" MAIN     SD ") == true && map.last?.hasPrefix(" SUB      SD ") == true, "\(map)")
        #expect(map.contains { $0.hasPrefix(" MAINTEXT    ") }, "\(map)")
        // LOAD then INCLUDE does the same.
        #expect(Self.ready(Self.command(user, "load main (noauto")).hasPrefix("Ready(00004);"))
        #expect(Self.ready(Self.command(user, "include sub")).hasPrefix("Ready;"))
        #expect(Self.ready(Self.command(user, "start")).hasPrefix("Ready(00035);"))
        let included = Self.output(Self.command(user, "type load map a"))
        #expect(included.count == 3 && included.last?.hasPrefix(" SUB      SD ") == true, "\(included)")
    }

    @Test func genmodAndRunByName() throws {
        guard let user = try Self.booted([("HELLO", Self.hello)]) else { return }
        let nothing = Self.command(user, "genmod hello")
        #expect(nothing.contains("DMSMOD040E NO FILES LOADED"), "\(nothing)")
        #expect(Self.ready(Self.command(user, "load hello")).hasPrefix("Ready;"))
        #expect(Self.ready(Self.command(user, "genmod hello")).hasPrefix("Ready;"))
        let list = Self.command(user, "listfile hello * a (label")
        #expect(list.contains { $0.hasPrefix("HELLO    MODULE   A1 V") }, "\(list)")
        // A new IPL: nothing in storage, the MODULE runs by its name.
        user.type("ipl cms", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        let run = Self.command(user, "hello")
        #expect(Self.output(run) == ["HELLO FROM TYPLIN", "HELLO FROM WTO"], "\(run)")
        #expect(Self.ready(run).hasPrefix("Ready(00007);"), "\(run)")
        // RUN finds the MODULE before the TEXT file.
        let byRun = Self.command(user, "run hello")
        #expect(Self.output(byRun) == ["HELLO FROM TYPLIN", "HELLO FROM WTO"], "\(byRun)")
        // LOADMOD then START; a missing module.
        #expect(Self.ready(Self.command(user, "loadmod hello")).hasPrefix("Ready;"))
        let start = Self.command(user, "start hello")
        #expect(Self.output(start) == ["Execution begins...", "HELLO FROM TYPLIN", "HELLO FROM WTO"], "\(start)")
        // GENMOD's own errors, as CMS R6 gives them.
        let option = Self.command(user, "genmod hello (fast")
        #expect(option.contains("DMSMOD003E INVALID OPTION FAST"), "\(option)")
        #expect(Self.ready(option).hasPrefix("Ready(00024);"), "\(option)")
        let filetype = Self.command(user, "genmod hello text")
        #expect(filetype.contains("DMSMOD032E INVALID FILETYPE TEXT"), "\(filetype)")
        let from = Self.command(user, "genmod hello (from nothere")
        #expect(from.contains("DMSMOD021E ENTRY POINT NOTHERE NOT FOUND"), "\(from)")
        #expect(Self.ready(from).hasPrefix("Ready(00040);"), "\(from)")
        #expect(Self.ready(Self.command(user, "genmod hello module b")).hasPrefix("Ready(00036);"))
        let missing = Self.command(user, "loadmod nothere")
        #expect(missing.contains("DMSMOD002E FILE NOTHERE MODULE NOT FOUND"), "\(missing)")
        #expect(Self.ready(missing).hasPrefix("Ready(00028);"), "\(missing)")
    }

    @Test func loadErrors() throws {
        // A card that says it is an object card (X'02' in column 1) of a kind there is not.
        var bad: [UInt8] = [0x02, 0xE7, 0xE8, 0xE9] + Array(repeating: 0x40, count: 76)
        bad += try Self.deck(Self.lonely).suffix(80)
        guard let disk = try Self.disk([("LONELY", try Self.deck(Self.lonely)), ("BAD", bad)]),
              let (_, user) = try VM67CMSDiskTests.booted([disk]) else { return }
        let invalid = Self.command(user, "load bad")
        #expect(invalid.contains("DMSLIO056E FILE 'BAD TEXT A1' CONTAINS INVALID RECORD FORMATS"), "\(invalid)")
        #expect(Self.ready(invalid).hasPrefix("Ready(00032);"), "\(invalid)")
        let none = Self.command(user, "load")
        #expect(none.contains("DMSLIO001E NO FILENAME SPECIFIED"), "\(none)")
        #expect(Self.ready(none).hasPrefix("Ready(00024);"), "\(none)")
        // A file no disk holds is a name to resolve, as in CMS R6.
        let missing = Self.command(user, "load nosuch")
        #expect(Self.output(missing) == ["DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:", " NOSUCH"], "\(missing)")
        #expect(Self.ready(missing).hasPrefix("Ready(00004);"), "\(missing)")
        // Nothing loaded, nothing to start (as R6 says it).
        let none2 = Self.command(user, "load nosuch (start")
        #expect(Self.output(none2) == ["DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:", " NOSUCH",
                                       "DMSLIO055E NO ENTRY POINT DEFINED"], "\(none2)")
        #expect(Self.ready(none2).hasPrefix("Ready(00040);"), "\(none2)")
        let option = Self.command(user, "load lonely (fast")
        #expect(option.contains("DMSLIO003E INVALID OPTION 'FAST'"), "\(option)")
        let undefined = Self.command(user, "load lonely")
        #expect(Self.output(undefined) == ["DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:", " NOWHERE"], "\(undefined)")
        #expect(Self.ready(undefined).hasPrefix("Ready(00004);"), "\(undefined)")
        let twice = Self.command(user, "load lonely lonely")
        #expect(twice.contains("DMSLIO202W DUPLICATE IDENTIFIER 'LONELY'"), "\(twice)")
        #expect(Self.ready(twice).hasPrefix("Ready(00004);"), "\(twice)")
        // It still runs: the V-type constant stays 0.
        #expect(Self.ready(Self.command(user, "start")).hasPrefix("Ready;"))
        // START with nothing loaded after a new IPL.
        user.type("ipl cms", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        let nothing = Self.command(user, "start")
        #expect(nothing.contains("DMSLIO055E NO ENTRY POINT DEFINED"), "\(nothing)")
        #expect(Self.ready(nothing).hasPrefix("Ready(00040);"), "\(nothing)")
    }

    @Test func fswriteThenType() throws {
        guard let user = try Self.booted([("WRITER", Self.writer)]) else { return }
        let run = Self.command(user, "load writer (start")
        let expected = ["RECORD 1 WRITTEN BY FSWRITE", "RECORD 2 WRITTEN BY FSWRITE", "RECORD 3 WRITTEN BY FSWRITE"]
        #expect(Self.output(run) == ["Execution begins..."] + expected, "\(run)")
        #expect(Self.ready(run).hasPrefix("Ready(00012);"), "\(run)")
        #expect(Self.output(Self.command(user, "type output data a")) == expected)
        let list = Self.command(user, "listfile output data a (label")
        #expect(list.contains { $0.hasPrefix("OUTPUT   DATA     A1 F    80      3") }, "\(list)")
        // Again: the file is written anew from item 0 = after the old records.
        _ = Self.command(user, "start")
        #expect(Self.output(Self.command(user, "type output data a")) == expected + expected)
    }

    @Test func storageTimeExitAndAbend() throws {
        guard let user = try Self.booted([("STORAGE", Self.storage), ("ABENDER", Self.abend)]) else { return }
        let run = Self.command(user, "load storage (start")
        #expect(Self.ready(run).hasPrefix("Ready;"), "\(run)")
        let abend = Self.command(user, "load abender (start")
        #expect(abend.contains { $0.hasPrefix("DMSABN155T USER ABEND 0123 CALLED FROM ") }, "\(abend)")
        #expect(Self.ready(abend).hasPrefix("Ready(00123);"), "\(abend)")
        // CMS goes on.
        #expect(Self.ready(Self.command(user, "load storage (start")).hasPrefix("Ready;"))
    }

    @Test func cProgram() throws {
        guard VM67CMSImage.build() != nil else { return }
        let decks = [("CHELLO", try Self.cDeck()), ("ASMADD", try Self.deck(Self.asmadd))]
        guard let disk = try Self.disk(decks), let (_, user) = try VM67CMSDiskTests.booted([disk]) else { return }
        // ASMADD comes by AUTO; the C program counts its PLIST's tokens.
        let run = Self.command(user, "load chello (start")
        #expect(Self.output(run) == ["Execution begins...", "C SAYS 10! = 3628800", "ONE"], "\(run)")
        #expect(Self.ready(run).hasPrefix("Ready(00042);"), "\(run)")
        let again = Self.command(user, "start * two three")
        #expect(Self.output(again) == ["Execution begins...", "C SAYS 10! = 3628800", "THREE"], "\(again)")
    }

    @Test func terminalReadWithWaitrdAndWtor() throws {
        guard let user = try Self.booted([("ECHO", Self.echo), ("ASKER", Self.asker)]) else { return }
        let start = user.type("load echo (start", until: { $0.contains("Execution begins...") })
        #expect(start.contains("Execution begins..."), "\(start)")
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        let echo = Self.command(user, "hello there")
        #expect(echo.contains("HELLO THERE"), "\(echo)")
        #expect(Self.ready(echo).hasPrefix("Ready;"), "\(echo)")
        let ask = user.type("load asker (start", until: { $0.contains("WHAT IS YOUR NAME?") })
        #expect(ask.contains("WHAT IS YOUR NAME?"), "\(ask)")
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        let answer = Self.command(user, "alice")
        #expect(answer.contains("HELLO ALICE   "), "\(answer)")     // the reply area is 8 bytes
        #expect(Self.ready(answer).hasPrefix("Ready;"), "\(answer)")
    }

    /// The command search: an EXEC of the name comes before the MODULE; in
    /// an EXEC the name finds the MODULE.
    @Test func execBeforeModule() throws {
        guard VM67CMSImage.build() != nil else { return }
        let texts = [("HELLO", "EXEC", "&CONTROL OFF\n&TYPE THE EXEC RAN\n"),
                     ("RUNIT", "EXEC", "&CONTROL OFF\nHELLO\n&TYPE HELLO GAVE &RETCODE\n")]
        guard let disk = try Self.disk([("HELLO", try Self.deck(Self.hello))], texts: texts),
              let (_, user) = try VM67CMSDiskTests.booted([disk]) else { return }
        #expect(Self.ready(Self.command(user, "load hello")).hasPrefix("Ready;"))
        #expect(Self.ready(Self.command(user, "genmod hello")).hasPrefix("Ready;"))
        #expect(Self.output(Self.command(user, "hello")) == ["THE EXEC RAN"])
        let inside = Self.command(user, "runit")
        #expect(Self.output(inside) == ["HELLO FROM TYPLIN", "HELLO FROM WTO", "HELLO GAVE 7"], "\(inside)")
    }
}
