import Assembler
import CP
import Foundation
import Media
import Terminal
import Testing

/// DIAGNOSE X'58' full screen (CCW X'29' write, X'2A' read) and DIAGNOSE
/// X'54', driven by small assembled guests on a transcript terminal whose
/// 3270 screen the test reads and types on.
@Suite("DIAGNOSE X'58' full screen")
struct FullScreenTests {
    static let directory = """
    USER ALICE SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    """

    /// What every guest below shares: the I/O new PSW goes to IOINT, which
    /// keeps the CSW and returns through R11; WAITIO waits enabled for the
    /// console's next interruption. R3 holds the console address.
    static func program(_ body: String, data: String = "") -> String {
        """
                 START X'0'
                 ORG   X'58'
                 DC    X'00000000',A(EXTINT)   external new PSW
                 ORG   X'78'
                 DC    X'00000000',A(IOINT)    I/O new PSW
                 ORG   X'200'
        BEGIN    BALR  12,0
                 USING *,12
                 LA    3,X'009'
        \(body)
                 LPSW  DONE
        FAIL     LPSW  FAILED
        WAITIO   LPSW  WAITPSW            enabled for I/O only
        IOINT    MVC   CSW(8),X'40'
                 BR    11
        EXTINT   MVC   EXTCODE(2),X'1A'   BC mode: code in old PSW
                 CLC   EXTCODE(2),KEYCODE
                 BE    GOTKEY
                 MVC   X'50'(4),BIGTIME   push the interval timer away
                 LPSW  EXTWAIT
        GOTKEY   LPSW  DONE
                 DS    0D
        DONE     DC    X'0002000000000FFF'
        FAILED   DC    X'000200000000DEAD'
        WAITPSW  DC    X'FE020000',A(0)
        EXTWAIT  DC    X'01020000',A(0)
        CSW      DC    XL8'00'
        STATUS   EQU   CSW+4
        RESID    EQU   CSW+6
        EXTCODE  DC    XL2'00'
        KEYCODE  DC    X'0040'
        BIGTIME  DC    X'7FFFFF00'
        ST1      DC    X'00'
        ST2      DC    X'00'
        ATTNS    DC    F'0'
                 DS    0D
        EWFORM   DC    X'29',AL3(FORM),X'20',X'80',AL2(FORMEND-FORM)
        WFORM    DC    X'29',AL3(FORM),X'20',X'00',AL2(FORMEND-FORM)
        FORM     DC    X'03'                   WCC: keyboard, MDT reset
                 DC    X'110000',X'1D60'       row 1: a protected prompt
                 DC    C'NAME:'
                 DC    X'1D40',X'13'           the input field, cursor in it
                 DC    X'11001E',X'1D60'       a protected field ends it
        FORMEND  EQU   *
        \(data)
                 END   BEGIN
        """
    }

    struct Run {
        let session: Session
        let assembly: Assembly
        func address(_ symbol: String) -> UInt32 { UInt32(assembly.symbol(symbol)!.value) }
        func byte(_ symbol: String) -> UInt8 { session.vm.machine.storage.read(address(symbol), count: 1)[0] }
        func word(_ symbol: String) -> UInt32 { session.vm.machine.storage.load32(address(symbol)) }
        var stopped: Bool { session.terminal.lines.contains { $0.contains("DISABLED WAIT PSW") } }
        var succeeded: Bool { session.terminal.lines.contains("CP ENTERED; DISABLED WAIT PSW '00020000 00000FFF'") }

        /// Waits for `condition` (the guest runs on a worker).
        @discardableResult
        func wait(timeout: Double = 20, _ condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if condition() { return true }
                usleep(2_000)
            }
            return condition()
        }
    }

    static func boot(_ body: String, data: String = "", display: Bool = true, system: TestSystem? = nil) throws -> Run {
        let source = program(body, data: data)
        let assembly = Assembler.assemble(source: source)
        if !assembly.succeeded { throw TestFailure("\(assembly.errors)") }
        let system = try system ?? TestSystem(directory: directory)
        let alice = try system.logon("alice", display: display)
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(source))
        alice.type("ipl 00c", until: { out in
            alice.terminal.status != .cpRead || out.contains { $0.hasPrefix("CP ENTERED") }
        })
        return Run(session: alice, assembly: assembly)
    }

    /// Erase/write of the form, waiting for its device end.
    static let writeForm = """
             LA    2,EWFORM
             DIAG  2,3,X'0058'
             BC    7,FAIL
             BAL   11,WAITIO
             CLI   STATUS,X'0C'          CE+DE
             BNE   FAIL
    """

    @Test func aGuestReadsTheFieldTheUserTypedAndWritesItBack() throws {
        let r = try Self.boot(Self.writeForm + """

                 BAL   11,WAITIO             the user presses ENTER
                 CLI   STATUS,X'80'
                 BNE   FAIL
                 LA    2,READ                read modified
                 DIAG  2,3,X'0058'
                 BC    7,FAIL
                 BAL   11,WAITIO
                 TM    STATUS,X'0C'
                 BNO   FAIL
                 LA    5,200
                 SH    5,RESID               the record's length
                 LA    6,6                   AID, cursor, SBA and address
                 SR    5,6
                 BNP   FAIL
                 BCTR  5,0
                 EX    5,MOVEIN
                 LA    5,ECHODATA-ECHO+1(5)
                 STH   5,ECHOCCW+6
                 LA    2,ECHOCCW
                 DIAG  2,3,X'0058'
                 BC    7,FAIL
                 BAL   11,WAITIO
                 CLI   STATUS,X'0C'
                 BNE   FAIL
        """, data: """
        MOVEIN   MVC   ECHODATA(0),BUF+6
                 DS    0D
        READ     DC    X'2A',AL3(BUF),X'20',X'80',AL2(200)
                 DS    0D
        ECHOCCW  DC    X'29',AL3(ECHO),X'20',X'00',AL2(0)
        ECHO     DC    X'03',X'1100A0'         row 3
                 DC    C'YOU TYPED: '
        ECHODATA DC    CL40' '
        BUF      DC    XL200'00'
        """)
        #expect(r.wait { r.session.display.text(row: 0).hasPrefix(" NAME:") })
        #expect(r.session.display.isFullScreen)
        r.session.display.type("VM67", row: 0, column: 7)
        r.session.press(.enter)
        let stopped = r.wait { r.stopped }
        #expect(stopped)
        let ok = r.succeeded, lines = r.session.terminal.lines
        #expect(ok, "\(lines)")
        #expect(r.session.display.text(row: 2).hasPrefix("YOU TYPED: VM67"), "\(r.session.display.text(row: 2))")
        #expect(r.session.display.fullScreenReads == 1)
        // The guest's full screen ends with its system.
        #expect(r.session.display.isFullScreen)
        r.session.type("system reset")
        #expect(!r.session.display.isFullScreen)
    }

    @Test func cpOutputDuringFullScreenEndsTheNextWriteWithX8E() throws {
        let r = try Self.boot(Self.writeForm + """

                 LA    4,CMD                 CP writes a line on the console
                 LA    6,L'CMD
                 DIAG  4,6,X'0008'
                 LA    2,WFORM
                 DIAG  2,3,X'0058'
                 BC    7,FAIL
                 BAL   11,WAITIO
                 MVC   ST1(1),STATUS         X'8E': CP data waiting
                 BAL   11,WAITIO
                 MVC   ST2(1),STATUS         the user gave the screen back
                 LA    2,WFORM               and the guest repaints
                 DIAG  2,3,X'0058'
                 BC    7,FAIL
                 BAL   11,WAITIO
                 CLI   STATUS,X'0C'
                 BNE   FAIL
        """, data: "CMD      DC    C'QUERY STORAGE'")
        #expect(r.wait { r.byte("ST1") != 0 })
        #expect(r.byte("ST1") == 0x8E)
        #expect(r.session.terminal.lines.contains("STORAGE = 01024K"))
        #expect(r.session.display.isInterrupted)
        #expect(r.session.display.fullScreenWrites == 1, "the X'8E' write never reached the screen")
        r.session.releaseScreen()
        let stopped = r.wait { r.stopped }
        #expect(stopped)
        let ok = r.succeeded, lines = r.session.terminal.lines
        #expect(ok, "\(lines)")
        #expect(r.byte("ST2") == 0x80)
        #expect(r.session.display.fullScreenWrites == 2)
    }

    @Test func pa1TwiceWithoutAReadForcesCPRead() throws {
        let r = try Self.boot(Self.writeForm + """

        AGAIN    BAL   11,WAITIO             attentions, never a read
                 L     4,ATTNS
                 LA    4,1(4)
                 ST    4,ATTNS
                 B     AGAIN
        """)
        #expect(r.wait { r.session.display.isFullScreen })
        r.session.press(.pa1)
        #expect(r.wait { r.word("ATTNS") == 1 }, "the first PA1 is the guest's")
        #expect(r.session.terminal.status != .cpRead)
        r.session.press(.pa1)
        #expect(r.session.waitForStatus(.cpRead))
        #expect(!r.session.display.isFullScreen)
        #expect(r.word("ATTNS") == 1)
        // BEGIN: the guest runs on (and may write full screen again).
        r.session.type("begin", until: { _ in r.session.terminal.status != .cpRead })
        #expect(r.session.terminal.status != .cpRead)
    }

    @Test func diagnose54MakesPA2AnExternalInterruption() throws {
        let r = try Self.boot("""
                 LA    2,1
                 DIAG  2,0,X'0054'
                 MVC   X'50'(4),BIGTIME
                 LPSW  EXTWAIT
        """)
        #expect(r.wait { r.session.display.pa2ToHost })
        r.session.pressPA2()
        let stopped = r.wait { r.stopped }
        #expect(stopped)
        let ok = r.succeeded, lines = r.session.terminal.lines
        #expect(ok, "\(lines)")
        #expect(r.session.vm.machine.storage.read(r.address("EXTCODE"), count: 2) == [0x00, 0x40])
    }

    @Test func aLineTerminalRefusesFullScreenWithConditionCode1() throws {
        let r = try Self.boot("""
                 LA    2,EWFORM
                 DIAG  2,3,X'0058'
                 BC    8,FAIL                CC 0 would be wrong
                 MVC   CSW(8),X'40'          CC 1: the CSW is stored
        """, display: false)
        let stopped = r.wait { r.stopped }
        #expect(stopped)
        let ok = r.succeeded, lines = r.session.terminal.lines
        #expect(ok, "\(lines)")
        #expect(r.byte("STATUS") == 0x0E, "CE+DE+unit check")
    }

    @Test func aBadDataStreamEndsWithUnitCheck() throws {
        let r = try Self.boot("""
                 LA    2,BADCCW
                 DIAG  2,3,X'0058'
                 BC    7,FAIL
                 BAL   11,WAITIO
        """, data: """
                 DS    0D
        BADCCW   DC    X'29',AL3(BAD),X'20',X'80',AL2(4)
        BAD      DC    X'03',X'11FFFF',X'00'   an address past the screen
        """)
        let stopped = r.wait { r.stopped }
        #expect(stopped)
        let ok = r.succeeded, lines = r.session.terminal.lines
        #expect(ok, "\(lines)")
        #expect(r.byte("STATUS") == 0x0E, "CE+DE+unit check (operation check)")
    }
}
