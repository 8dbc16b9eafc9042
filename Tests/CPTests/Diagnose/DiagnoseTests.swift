import Assembler
import CP
import Foundation
import Media
import S370Core
import Testing

/// DIAGNOSE codes issued by small assembled guests; registers, storage and
/// condition codes are checked after the guest stops in a disabled wait.
@Suite("DIAGNOSE")
struct DiagnoseTests {
    static let directory = """
    USER ALICE SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
     SPOOL 00E 1403 A
    """

    struct Run {
        let session: Session
        let assembly: Assembly
        var machine: Machine { session.vm.machine }
        /// The condition code after the body (BALR 1,0 keeps it in R1).
        var cc: UInt32 { (machine.gpr(1) >> 28) & 3 }
        func address(_ symbol: String) -> UInt32 { UInt32(assembly.symbol(symbol)!.value) }
        func words(_ symbol: String, _ count: Int) -> [UInt32] {
            (0..<count).map { machine.storage.load32(address(symbol) + UInt32(4 * $0)) }
        }
        func text(_ address: UInt32, _ count: Int) -> String {
            String(machine.storage.read(address, count: count).map { Character(Unicode.Scalar(CodePage.cp037.toLatin1[Int($0)])) })
        }
    }

    /// Runs `body` (base register 12 set up), keeps the condition code in
    /// R1 and loads a disabled wait PSW at X'FFF'.
    /// `prepare` runs after the program's deck is in the reader (to queue
    /// more reader files behind it, say).
    static func run(display: Bool, body: String, data: String = "") throws -> Run {
        try run(body, data: data, display: display)
    }

    static func run(_ body: String, data: String = "", directory: String = directory,
                    configuration: String = "", program: Bool = false, display: Bool = true,
                    prepare: (TestSystem) throws -> Void = { _ in }) throws -> Run {
        let source = """
                 START X'200'
        BEGIN    BALR  12,0
                 USING *,12
                 \(program ? "LPSW  PROBLEM" : "DS    0H")
        GOON     DS    0H
        \(body)
                 BALR  1,0
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'0002000000000FFF'
        PROBLEM  DC    X'00010000',A(GOON)
        \(data)
                 END   BEGIN
        """
        let assembly = Assembler.assemble(source: source)
        if !assembly.succeeded { throw TestFailure("\(assembly.errors)") }
        let system = try TestSystem(directory: directory, configuration: configuration)
        let alice = try system.logon("alice", display: display)
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(source))
        try prepare(system)
        alice.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } || alice.terminal.status == .cpRead })
        _ = alice.waitFor("CP ENTERED", timeout: 5)
        return Run(session: alice, assembly: assembly)
    }

    @Test func diagnose00StoresTheExtendedIdentification() throws {
        let r = try Self.run("""
                 LA    2,AREA
                 LA    3,40
                 DIAG  2,3,X'0000'
        """, data: "AREA     DC    XL40'00'")
        #expect(r.text(r.address("AREA"), 8) == "VM/370  ")
        #expect(r.text(r.address("AREA") + 16, 8) == "ALICE   ")
    }

    @Test func diagnose08RunsACommandIntoABuffer() throws {
        let r = try Self.run("""
                 LA    2,CMD
                 LA    3,BUF
                 L     4,FLAGS
                 LA    5,200
                 DIAG  2,4,X'0008'
        """, data: """
        CMD      DC    C'QUERY STORAGE'
        FLAGS    DC    X'4000000D'
        BUF      DC    XL200'00'
        """)
        #expect(r.session.terminal.lines.last == "CP ENTERED; DISABLED WAIT PSW '00020000 00000FFF'")
        #expect(r.cc == 0)
        #expect(r.machine.gpr(4) == 0, "return code")
        #expect(r.machine.gpr(5) == 17)
        #expect(r.text(r.address("BUF"), 16) == "STORAGE = 01024K")
        #expect(r.machine.storage.read(r.address("BUF") + 16, count: 1) == [0x15])
        // Nothing went to the terminal.
        #expect(!r.session.terminal.lines.contains("STORAGE = 01024K"))
    }

    @Test func diagnose08BufferTooSmall() throws {
        let r = try Self.run("""
                 LA    2,CMD
                 LA    3,BUF
                 L     4,FLAGS
                 LA    5,10
                 DIAG  2,4,X'0008'
        """, data: """
        CMD      DC    C'QUERY STORAGE'
        FLAGS    DC    X'4000000D'
        BUF      DC    XL200'00'
        """)
        #expect(r.cc == 1)
        #expect(r.machine.gpr(5) == 17, "bytes that did not fit")
    }

    @Test func diagnose08ReturnsTheMessageNumberAndShowsTheOutput() throws {
        let r = try Self.run("""
                 LA    2,CMD
                 LA    4,L'CMD
                 DIAG  2,4,X'0008'
        """, data: "CMD      DC    C'QUERY NOSUCH'")
        #expect(r.machine.gpr(4) == 45)
        #expect(r.session.terminal.lines.contains("NOSUCH NOT LOGGED ON"))
    }

    @Test func diagnose08WithLengthZeroEntersCPRead() throws {
        let r = try Self.run("""
                 SR    4,4
                 DIAG  2,4,X'0008'
        """)
        #expect(r.session.waitForStatus(.cpRead))
        #expect(!r.session.terminal.lines.contains { $0.contains("DISABLED WAIT") })
        let out = r.session.type("b", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(out == ["CP ENTERED; DISABLED WAIT PSW '00020000 00000FFF'"])
    }

    @Test func diagnose0CGivesDateTimeAndCPUTimes() throws {
        let r = try Self.run("""
                 LA    2,AREA
                 DIAG  2,0,X'000C'
        """, data: "         DS    0D\nAREA     DC    XL32'00'")
        let date = r.text(r.address("AREA"), 8), time = r.text(r.address("AREA") + 8, 8)
        #expect(date.wholeMatch(of: #/\d\d/\d\d/\d\d/#) != nil, "\(date)")
        #expect(time.wholeMatch(of: #/\d\d:\d\d:\d\d/#) != nil, "\(time)")
    }

    /// On a 3270 the console's real half is a display (so the guest knows
    /// DIAGNOSE X'58' full screen works); on a line terminal a typewriter.
    @Test(arguments: [true, false])
    func diagnose24DescribesDevices(display: Bool) throws {
        let r = try Self.run(display: display, body: """
                 L     2,MINUS1
                 DIAG  2,6,X'0024'          the console
                 ST    2,SAVE
                 STM   6,7,SAVE+4
                 LA    2,X'00C'
                 DIAG  2,6,X'0024'          the reader
                 STM   6,7,SAVE+12
                 LA    2,X'00E'
                 DIAG  2,6,X'0024'          the printer
                 STM   6,7,SAVE+20
                 LA    2,X'123'
                 DIAG  2,6,X'0024'          nothing there: CC 3
        """, data: """
        MINUS1   DC    F'-1'
        SAVE     DC    7F'0'
        """)
        let w = r.words("SAVE", 7)
        #expect(r.cc == 3)
        #expect(w[0] == 0x009)
        #expect(w[1] == 0x8000_0000, "a 3215 console")
        #expect(w[2] == (display ? 0x4004_0250 : 0x8000_0082), "the terminal: 3277 of 80 columns or 130-column typewriter")
        #expect(w[3] == 0x2082_0000 && w[4] == 0x0000_0040, "reader")
        #expect(w[5] == 0x1041_0000 && w[6] == 0x0000_0040, "printer")
    }

    @Test func diagnose5CEditsMessagesAsSetEmsgSays() throws {
        let r = try Self.run("""
                 LA    2,MSG
                 LA    3,L'MSG
                 DIAG  2,3,X'005C'
        """, data: "MSG      DC    C'DMSACC113S DISK NOT ATTACHED'")
        // EMSG TEXT (the default): skip the code and the blank.
        #expect(r.machine.gpr(2) == r.address("MSG") + 11)
        #expect(r.machine.gpr(3) == 17)
    }

    @Test func diagnose60GivesTheStorageSize() throws {
        let r = try Self.run("         DIAG  2,0,X'0060'")
        #expect(r.machine.gpr(2) == 1 << 20)
    }

    @Test func diagnose64FindsLoadsAndPurgesSavedSegments() throws {
        guard let seg = SharedFiles.require("guests/cms-r6/CMSSEG.segment") else { return }
        let r = try Self.run("""
                 LA    2,NAME
                 LA    3,X'C'
                 DIAG  2,3,X'0064'          FINDSYS: not loaded yet (CC 1)
                 BALR  1,0
                 STM   1,3,SAVE
                 LA    2,NAME
                 SR    3,3
                 DIAG  2,3,X'0064'          LOADSYS
                 BALR  1,0
                 STM   1,3,SAVE+12
                 L     5,SEGADDR
                 L     4,0(,5)              the segment is addressable now
                 ST    4,SAVE+24
                 LA    2,NAME
                 LA    3,8
                 DIAG  2,3,X'0064'          PURGESYS
                 BALR  1,0
                 ST    1,SAVE+28
                 LA    2,BADNAME
                 LA    3,X'C'
                 DIAG  2,3,X'0064'          no such segment: CC 2, R3 = 44
                 ST    3,SAVE+32
        """, data: """
        NAME     DC    CL8'CMSSEG'
        BADNAME  DC    CL8'NOSUCH'
        SAVE     DC    9F'0'
        SEGADDR  DC    A(X'F00000')
        """, configuration: "SAVESYS CMSSEG 3840 \(seg.path)")
        let w = r.words("SAVE", 9)
        #expect((w[0] >> 28) & 3 == 1, "FINDSYS before LOADSYS")
        #expect(w[1] == 0xF0_0000 && w[2] == 0xF0_FFFF)
        #expect((w[3] >> 28) & 3 == 0 && w[4] == 0xF0_0000, "LOADSYS")
        #expect(w[6] != 0, "the first word of CMSSEG")
        #expect((w[7] >> 28) & 3 == 0, "PURGESYS")
        #expect(r.cc == 2 && w[8] == 44)
        // Purged: above the machine's own storage is not addressable again.
        #expect(r.machine.storage.size == 1 << 20)
    }

    @Test func unknownDiagnoseIsASpecificationException() throws {
        let r = try Self.run("""
                 MVC   X'68'(8),PGMNEW
                 DIAG  2,3,X'00F0'
                 LPSW  NOTHERE
        """, data: """
        PGMNEW   DC    X'00020000',X'00000BAD'
        NOTHERE  DC    X'00020000',X'00000000'
        """)
        #expect(r.session.terminal.lines.last == "CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'")
        #expect(r.machine.storage.load32(0x28) & 0xFFFF == 0x0006, "program interruption code")
    }

    @Test func problemStateDiagnoseIsAPrivilegedOperation() throws {
        let r = try Self.run("""
                 DIAG  2,3,X'0060'
        """, data: "", program: true)
        _ = r
        let lines = r.session.terminal.lines
        // The program new PSW (zeros) loops on the failing instruction at 0: CP catches the loop.
        #expect(r.machine.storage.load32(0x28) & 0xFFFF == 0x0002 || lines.contains { $0.contains("LOOP") }, "\(lines)")
    }
}
