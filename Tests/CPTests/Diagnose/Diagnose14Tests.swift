import CP
import Foundation
import Media
import Testing

/// DIAGNOSE X'14' against reader files: a guest closes its IPL deck, reads
/// the next file's spool buffer, lists its SFBLOK and descriptor, and
/// purges it with CLOSE; and the condition codes and program checks of
/// requests that go wrong.
@Suite("DIAGNOSE X'14'")
struct Diagnose14Tests {
    static let cards = ["FIRST CARD", "SECOND CARD OF THE DECK", "LAST"]

    /// Queues a three-card file from BOB named TEST DATA behind the deck.
    static func queueDeck(_ system: TestSystem) {
        system.cp.spool.sendToReader(of: "alice", from: "bob", cards: cards.map { CodePage.cp037.ebcdic($0) },
                                     name: "TEST", type: "DATA", spoolClass: "A")
    }

    /// Closes the IPL deck on 00C (CP CLOSE through DIAGNOSE X'08').
    static let closeDeck = """
             LA    2,CLOSE
             LA    4,L'CLOSE
             DIAG  2,4,X'0008'
    """

    @Test func readsAFileBufferByBuffer() throws {
        let r = try DiagnoseTests.run(Self.closeDeck + "\n" + """
                 L     2,BUFA
                 LA    6,X'00C'
                 SR    7,7
                 DIAG  2,6,X'0014'          the first (only) buffer: CC 0
                 BALR  1,0
                 ST    1,CCS
                 DIAG  2,6,X'0014'          end of file: CC 1
                 BALR  1,0
                 ST    1,CCS+4
                 LA    2,SFB
                 LA    7,8
                 DIAG  2,6,X'0014'          the card file's SFBLOK: CC 0
                 BALR  1,0
                 ST    1,CCS+8
                 DIAG  2,6,X'0014'          no more card files: CC 1
                 BALR  1,0
                 ST    1,CCS+12
                 LA    2,DESC
                 SR    6,6
                 LA    7,X'FFF'
                 DIAG  2,6,X'0014'          the first reader file's descriptor
                 BALR  1,0
                 ST    1,CCS+16
                 LH    6,DESC+X'1E'
                 DIAG  2,6,X'0014'          the file after it: none, CC 1
                 BALR  1,0
                 ST    1,CCS+20
                 L     2,BUFA
                 LA    6,X'00C'
                 LA    7,X'14'
                 DIAG  2,6,X'0014'          restart: the first buffer again
                 BALR  1,0
                 ST    1,CCS+24
                 LA    2,CLOSE
                 LA    4,L'CLOSE
                 DIAG  2,4,X'0008'          CLOSE purges the file
                 L     2,BUFA
                 LA    6,X'00C'
                 SR    7,7
                 DIAG  2,6,X'0014'          nothing left: CC 2
        """, data: """
        CLOSE    DC    C'CLOSE 00C'
        BUFA     DC    A(X'3000')
        CCS      DC    7F'-1'
                 DS    0D
        SFB      DC    XL104'00'
        DESC     DC    XL252'00'
        """, prepare: Self.queueDeck)
        let storage = r.machine.storage
        #expect(r.words("CCS", 7).map { ($0 >> 28) & 3 } == [0, 1, 0, 1, 0, 1, 0])
        #expect(r.cc == 2, "the file is gone after CLOSE")

        // The spool buffer: no links, three records, each CCW + TIC + data.
        #expect(storage.load32(0x3000) == 0 && storage.load32(0x3004) == 0)
        #expect(storage.load32(0x300C) == 3)
        var at: UInt32 = 0x3010
        for card in Self.cards {
            let ccw = storage.read(at, count: 8)
            #expect(ccw[0] == 0x01 && ccw[4] == 0x60)
            #expect(UInt32(ccw[1]) << 16 | UInt32(ccw[2]) << 8 | UInt32(ccw[3]) == at + 16, "data address")
            #expect(Int(ccw[6]) << 8 | Int(ccw[7]) == card.count, "trailing blanks left out")
            #expect(storage.read(at + 8, count: 1) == [0x08], "TIC")
            #expect(r.text(at + 16, card.count) == card)
            at += 16 + UInt32((card.count + 7) / 8 * 8)
        }

        // The SFBLOK of the active file.
        let sfb = r.address("SFB")
        #expect(r.text(sfb + 8, 8) == "ALICE   " && r.text(sfb + 0x10, 8) == "BOB     ")
        #expect(storage.load32(sfb + 0x18) == 3, "records")
        #expect(storage.read(sfb + 0x1C, count: 2) == [0, 80], "record size")
        #expect(storage.read(sfb + 0x20, count: 2) == [0xC0, 0x82], "in use, complete; a card file")
        #expect(r.text(sfb + 0x28, 12) == "TEST        " && r.text(sfb + 0x34, 12) == "DATA        ")
        #expect(r.text(sfb + 0x56, 1) == "A", "class")

        // The descriptor: the same SFBLOK, then the first record's CCW and data.
        let desc = r.address("DESC")
        #expect(storage.read(desc, count: 104) == storage.read(sfb, count: 104))
        #expect(storage.read(desc + 104, count: 1) == [0x01])
        #expect(r.text(desc + 112, 10) == "FIRST CARD")
    }

    @Test func errorsAreConditionCodesOrProgramChecks() throws {
        let r = try DiagnoseTests.run("""
                 L     2,BUFA
                 LA    6,X'123'
                 SR    7,7
                 DIAG  2,6,X'0014'          no such device: CC 3, 4
                 BALR  1,0
                 STM   1,7,SAVE
                 LA    6,X'009'
                 SR    7,7
                 DIAG  2,6,X'0014'          the console is not a reader: CC 3, 8
                 BALR  1,0
                 STM   1,7,SAVE+28
                 LA    6,X'00C'
                 SR    7,7
                 DIAG  2,6,X'0014'          the IPL deck is half read: busy, CC 3, 12
                 BALR  1,0
                 STM   1,7,SAVE+56
                 MVC   X'68'(8),PGMNEW
                 LA    7,X'14'
                 DIAG  2,7,X'0014'          Ry odd: specification
        """, data: """
        BUFA     DC    A(X'3000')
        SAVE     DC    21F'0'
                 DS    0D
        PGMNEW   DC    X'00020000',X'00000BAD'
        """)
        let w = r.words("SAVE", 21)
        #expect((w[0] >> 28) & 3 == 3 && w[6] == 4)
        #expect((w[7] >> 28) & 3 == 3 && w[13] == 8)
        #expect((w[14] >> 28) & 3 == 3 && w[20] == 12)
        #expect(r.session.terminal.lines.last == "CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'")
        #expect(r.machine.storage.load32(0x28) & 0xFFFF == 0x0006, "specification")
    }

    @Test func aBufferOutsideStorageIsAnAddressingException() throws {
        let r = try DiagnoseTests.run(Self.closeDeck + "\n" + """
                 MVC   X'68'(8),PGMNEW
                 L     2,FAR
                 LA    6,X'00C'
                 SR    7,7
                 DIAG  2,6,X'0014'
        """, data: """
        CLOSE    DC    C'CLOSE 00C'
        FAR      DC    A(X'FFF000')
                 DS    0D
        PGMNEW   DC    X'00020000',X'00000BAD'
        """, prepare: Self.queueDeck)
        #expect(r.session.terminal.lines.last == "CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'")
        #expect(r.machine.storage.load32(0x28) & 0xFFFF == 0x0005, "addressing")
        // Nothing was read: the file is still in the queue for the next try.
        #expect(r.session.type("q rdr all").contains { $0.contains("TEST") })
    }

    @Test func aLongFileTakesLinkedBuffersAndBackspaces() throws {
        let r = try DiagnoseTests.run(Self.closeDeck + "\n" + """
                 LA    6,X'00C'
                 SR    7,7
                 L     2,BUFA
                 DIAG  2,6,X'0014'          buffer 1 at X'3000'
                 L     2,BUFB
                 DIAG  2,6,X'0014'          buffer 2 at X'4000'
                 L     2,BUFC
                 LA    7,X'18'
                 DIAG  2,6,X'0014'          back one: buffer 1 again at X'5000'
                 BALR  1,0
                 ST    1,CC
        """, data: """
        CLOSE    DC    C'CLOSE 00C'
        BUFA     DC    A(X'3000')
        BUFB     DC    A(X'4000')
        BUFC     DC    A(X'5000')
        CC       DC    F'-1'
        """, prepare: { system in
            let cards = (1...60).map { CodePage.cp037.ebcdic(String(repeating: "X", count: 79) + String($0 % 10)) }
            system.cp.spool.sendToReader(of: "alice", from: "bob", cards: cards)
        })
        let storage = r.machine.storage
        #expect((r.words("CC", 1)[0] >> 28) & 3 == 0)
        // 96 bytes a card: 41 fit the first buffer (it ends at X'FD0' less
        // room for a SENSE CCW), the other 19 the second.
        #expect(storage.load32(0x3000) == 2 && storage.load32(0x3004) == 0 && storage.load32(0x300C) == 41)
        #expect(storage.load32(0x4000) == 0 && storage.load32(0x4004) == 1 && storage.load32(0x400C) == 19)
        #expect(storage.read(0x5000, count: 16) == storage.read(0x3000, count: 16))
        #expect(r.text(0x4010 + 16 + 79, 1) == "2", "card 42 begins the second buffer")
    }
}
