import Assembler
import CP
import Foundation
import Media
import Testing

/// Two users at once: ALICE's guest punches a deck to BOB (SPOOL PUNCH TO
/// BOB, CLOSE through DIAGNOSE X'08'); BOB's guest reads it back through
/// his virtual reader, card by card, to the end-of-file unit exception.
@Suite("Spool exchange between users", .serialized)
struct SpoolExchangeTests {
    static let directory = """
    USER ALICE ALICE 1M 2M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
     SPOOL 00D 2540 PUNCH A
     SPOOL 00E 1403 A
    USER BOB BOB 1M 2M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
     SPOOL 00D 2540 PUNCH A
    """

    static let cards = ["FIRST CARD OF THE DECK", "SECOND CARD, WITH 'QUOTES' AND DIGITS 0123456789",
                        "THIRD AND LAST CARD"]

    /// Punches the three cards on 00D in one chain, then CLOSE 00D.
    static let puncher = """
             START X'200'
    BEGIN    BALR  12,0
             USING *,12
             MVC   X'48'(4),CAW
             SIO   X'00D'
             BC    7,*-4
    WAITIO   TIO   X'00D'
             BC    7,WAITIO
             LA    2,CMD
             LA    4,L'CMD
             DIAG  2,4,X'0008'
             LPSW  DONE
             DS    0D
    DONE     DC    X'0002000000000FFF'
    CAW      DC    A(CCWS)
             DS    0D
    CCWS     DC    X'01',AL3(CARD1),X'40',X'00',AL2(80)
             DC    X'01',AL3(CARD2),X'40',X'00',AL2(80)
             DC    X'01',AL3(CARD3),X'00',X'00',AL2(80)
    CMD      DC    C'CLOSE 00D'
    CARD1    DC    CL80'\(cards[0])'
    CARD2    DC    CL80'\(cards[1].replacingOccurrences(of: "'", with: "''"))'
    CARD3    DC    CL80'\(cards[2])'
             END   BEGIN
    """

    /// Closes the IPL deck, then reads cards into AREA until unit
    /// exception (COUNT = cards read) or unit check (FLAG = X'FF').
    static let reader = """
             START X'200'
    BEGIN    BALR  12,0
             USING *,12
             LA    2,CMD
             LA    4,L'CMD
             DIAG  2,4,X'0008'
             LA    5,AREA
             SR    6,6
    READ     ST    5,CCW
             MVI   CCW,X'02'
             MVC   X'48'(4),CAW
    START    SIO   X'00C'
             BC    4,STATUS           status at once (end of file): CSW stored
             BC    6,START            busy: again
    WAIT     TIO   X'00C'
             BC    4,STATUS
             BC    8,NEXT
             B     WAIT
    STATUS   TM    X'44',X'01'
             BO    EOF
             TM    X'44',X'02'
             BO    ERR
    NEXT     LA    5,80(5)
             LA    6,1(6)
             B     READ
    ERR      MVI   FLAG,X'FF'
    EOF      ST    6,COUNT
             LPSW  DONE
             DS    0D
    DONE     DC    X'0002000000000FFF'
    CAW      DC    A(CCW)
             DS    0D
    CCW      DC    X'02',AL3(0),X'20',X'00',AL2(80)
    CMD      DC    C'CLOSE 00C'
    COUNT    DC    F'-1'
    FLAG     DC    X'00'
             DS    0D
    AREA     DC    XL400'00'
             END   BEGIN
    """

    @Test func aDeckPunchedToAnotherUserIsReadBackIntact() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        let readerAssembly = Assembler.assemble(source: Self.reader)
        try #require(readerAssembly.succeeded, "\(readerAssembly.errors)")
        // BOB's program deck is first in his reader; ALICE's file comes after it.
        system.cp.spool.sendToReader(of: "bob", from: "bob", cards: try GuestPrograms.deck(Self.reader))
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(Self.puncher))

        #expect(alice.type("spool pun to bob") == [])
        #expect(alice.type("q 00d") == ["PUN  00D CL A  NOCONT NOHOLD COPY 01    READY", "     00D TO BOB DIST ALICE"])
        alice.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        #expect(alice.waitFor("PUN FILE"))
        let sent = try #require(alice.terminal.lines.first { $0.hasPrefix("PUN FILE") })
        #expect(sent.wholeMatch(of: #/PUN FILE \d{4} TO BOB COPY 01 NOHOLD/#) != nil, "\(sent)")
        #expect(bob.waitFor("RDR FILE"))
        let notice = try #require(bob.terminal.lines.first { $0.hasPrefix("RDR FILE") })
        #expect(notice.wholeMatch(of: #/RDR FILE \d{4} FROM ALICE PUN COPY 01 NOHOLD/#) != nil, "\(notice)")
        let listing = bob.type("q rdr all")
        #expect(listing.count == 3, "\(listing)")
        #expect(listing.last?.hasPrefix("ALICE    ") == true && listing.last?.contains(" A PUN 00003 001 NONE ") == true,
                "\(listing)")

        bob.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        let area = UInt32(readerAssembly.symbol("AREA")!.value)
        let count = bob.vm.machine.storage.load32(UInt32(readerAssembly.symbol("COUNT")!.value))
        #expect(count == 3)
        for (i, card) in Self.cards.enumerated() {
            let bytes = bob.vm.machine.storage.read(area + UInt32(80 * i), count: 80)
            #expect(bytes == CodePage.cp037.ebcdic(card.padding(toLength: 80, withPad: " ", startingAt: 0)))
        }
        // NOHOLD: the file is gone once read.
        #expect(bob.type("q rdr") == ["NO RDR FILES"])
    }
}
