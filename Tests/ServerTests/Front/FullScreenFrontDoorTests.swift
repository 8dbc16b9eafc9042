import Assembler
import Foundation
import Testing

/// A full-screen guest (DIAGNOSE X'58') on the SSH console, through the
/// real OpenSSH client in a pty: the guest's form shows in the terminal,
/// the user types into its field and presses ENTER, and the guest's answer
/// shows.
extension FrontDoorTests {
    /// Erase/writes a form with one input field, waits for the attention,
    /// reads modified, writes "YOU TYPED: " and the field on row 3, then
    /// stops in a disabled wait (X'FFF'; X'DEAD' when something failed).
    static let formGuest = """
             START X'0'
             ORG   X'78'
             DC    X'00000000',A(IOINT)
             ORG   X'200'
    BEGIN    BALR  12,0
             USING *,12
             LA    3,X'009'
             LA    2,EWFORM
             BAL   11,DIAG58
             BAL   11,WAITIO             the user presses ENTER
             CLI   CSW+4,X'80'
             BNE   FAIL
             LA    2,READ
             BAL   11,DIAG58
             LA    5,200
             SH    5,CSW+6               the record's length
             SH    5,SIX                 less AID, cursor, SBA, address
             BNP   FAIL
             BCTR  5,0
             EX    5,MOVEIN
             LA    5,ECHODATA-ECHO+1(5)
             STH   5,ECHOCCW+6
             LA    2,ECHOCCW
             BAL   11,DIAG58
             LPSW  DONE
    FAIL     LPSW  FAILED
    DIAG58   ST    11,SAVE11             start the I/O, wait for its end
             DIAG  2,3,X'0058'
             BC    7,FAIL
             BAL   11,WAITIO
             TM    CSW+4,X'0C'
             BNO   FAIL
             L     11,SAVE11
             BR    11
    WAITIO   LPSW  WAITPSW
    IOINT    MVC   CSW(8),X'40'
             BR    11
    MOVEIN   MVC   ECHODATA(0),BUF+6
             DS    0D
    DONE     DC    X'0002000000000FFF'
    FAILED   DC    X'000200000000DEAD'
    WAITPSW  DC    X'FE020000',A(0)
    CSW      DC    XL8'00'
    SAVE11   DC    F'0'
    SIX      DC    H'6'
             DS    0D                    CCWs on doublewords
    EWFORM   DC    X'29',AL3(FORM),X'20',X'80',AL2(FORMEND-FORM)
    READ     DC    X'2A',AL3(BUF),X'20',X'80',AL2(200)
    ECHOCCW  DC    X'29',AL3(ECHO),X'20',X'00',AL2(0)
    FORM     DC    X'03',X'110000',X'1D60'
             DC    C'NAME:'
             DC    X'1D40',X'13',X'11001E',X'1D60'
    FORMEND  EQU   *
    ECHO     DC    X'03',X'1100A0'
             DC    C'YOU TYPED: '
    ECHODATA DC    CL40' '
    BUF      DC    XL200'00'
             END   BEGIN
    """

    @Test func aFullScreenGuestOnTheSSHConsole() throws {
        let assembly = Assembler.assemble(source: Self.formGuest)
        try #require(assembly.succeeded, "\(assembly.errors)")
        let deck = assembly.iplDeck()
        let cards = stride(from: 0, to: deck.count, by: 80).map { Array(deck[$0..<min($0 + 80, deck.count)]) }
        cp.spool.sendToReader(of: "alice", from: "alice", cards: cards)

        let alice = try console("alice")
        #expect(waitFor(alice, "CP READ"), "\(alice.output)")
        alice.type("ipl 00c\r")
        #expect(waitFor(alice, "NAME:"), "\(alice.output)")
        alice.type("VM67\r")
        #expect(waitFor(alice, "YOU TYPED: VM67"), "\(alice.output)")
        #expect(waitFor(alice, "DISABLED WAIT PSW '00020000 00000FFF'"), "\(alice.output)")
        alice.type("logoff\r")
        #expect(alice.waitForExit() == 0)
    }

    /// Erase/writes a form, then takes attentions forever without reading.
    static let attentionLoopGuest = """
             START X'0'
             ORG   X'78'
             DC    X'00000000',A(IOINT)
             ORG   X'200'
    BEGIN    BALR  12,0
             USING *,12
             LA    3,X'009'
             LA    2,EWFORM
             DIAG  2,3,X'0058'
    WAIT     LPSW  WAITPSW
    IOINT    B     WAIT
             DS    0D
    WAITPSW  DC    X'FE020000',A(0)
    EWFORM   DC    X'29',AL3(FORM),X'20',X'80',AL2(FORMEND-FORM)
    FORM     DC    X'03',X'110000',X'1D60'
             DC    C'PRESS PA1 TWICE'
    FORMEND  EQU   *
             END   BEGIN
    """

    @Test func pa1TwiceOnTheSSHConsoleGivesCPTheScreen() throws {
        let assembly = Assembler.assemble(source: Self.attentionLoopGuest)
        try #require(assembly.succeeded, "\(assembly.errors)")
        let deck = assembly.iplDeck()
        let cards = stride(from: 0, to: deck.count, by: 80).map { Array(deck[$0..<min($0 + 80, deck.count)]) }
        cp.spool.sendToReader(of: "alice", from: "alice", cards: cards)

        let alice = try console("alice")
        #expect(waitFor(alice, "CP READ"), "\(alice.output)")
        alice.type("ipl 00c\r")
        #expect(waitFor(alice, "PRESS PA1 TWICE"), "\(alice.output)")
        let mark = alice.output.count
        alice.type("\u{03}")                       // PA1: the guest's attention
        usleep(200_000)
        alice.type("\u{03}")                       // again, no read between: CP's
        #expect(TestServer.eventually { alice.output.dropFirst(mark).contains("CP READ") }, "\(alice.output)")
        #expect(TestServer.eventually { self.cp.user("ALICE")?.runState == .cpRead })
        alice.type("logoff\r")
        #expect(alice.waitForExit() == 0)
    }
}
