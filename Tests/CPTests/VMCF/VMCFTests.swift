import Assembler
import CP
import Foundation
import Media
import S370Core
import Testing

/// DIAGNOSE X'68' between two logged-on machines running small assembled
/// guests: a SEND/RECV answered with RECEIVE and REPLY, an SMSG arriving
/// as external interruption X'4001', and the return codes and program
/// checks of requests that go wrong.
@Suite("VMCF")
struct VMCFTests {
    static let directory = """
    USER ALICE SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER BOB SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    """

    /// Enables the machine for VMCF interruptions (CR0 bit 31, as VM/370
    /// asks besides PSW bit 7), points the external new PSW at EXT and
    /// AUTHORIZEs with the 64-byte header buffer HDR; R3 = return code.
    static let prologue = """
             START X'200'
    BEGIN    BALR  12,0
             USING *,12
             MVC   X'58'(8),EXTNEW
             STCTL 0,0,CR0
             OI    CR0+3,X'01'
             LCTL  0,0,CR0
             LA    2,AUTH
             DIAG  2,3,X'0068'
             ST    3,RCAUTH
    """

    /// The data every guest shares: PSWs, the AUTHORIZE list, the header
    /// buffer and return code words.
    static let common = """
             DS    0D
    EXTNEW   DC    X'00000000',A(EXT)
    WAIT     DC    X'0102000000000000'      enabled for external only, wait
    DONE     DC    X'0002000000000FFF'
    AUTH     DC    X'0000',H'0',F'0',CL8' ',A(HDR),F'200',A(0),F'0',XL8'00'
    HDR      DC    XL200'00'
    CR0      DC    F'0'
    CODE     DC    H'0'
    RCAUTH   DC    F'-1'
    """

    /// Puts `source` in `session`'s reader and IPLs it.
    static func boot(_ session: Session, _ source: String) throws -> Assembly {
        let assembly = Assembler.assemble(source: source)
        if !assembly.succeeded { throw TestFailure("\(assembly.errors)") }
        session.system.cp.spool.sendToReader(of: session.vm.userid, from: session.vm.userid,
                                              cards: try GuestPrograms.deck(source))
        session.type("ipl 00c", until: { _ in true })
        return assembly
    }

    static func word(_ s: Session, _ a: Assembly, _ symbol: String, _ offset: UInt32 = 0) -> UInt32 {
        s.vm.machine.storage.load32(UInt32(a.symbol(symbol)!.value) + offset)
    }

    static func text(_ s: Session, _ a: Assembly, _ symbol: String, _ offset: UInt32 = 0, _ count: Int) -> String {
        let bytes = s.vm.machine.storage.read(UInt32(a.symbol(symbol)!.value) + offset, count: count)
        return String(bytes.map { Character(Unicode.Scalar(CodePage.cp037.toLatin1[Int($0)])) })
    }

    @Test func sendReceiveReplyRoundTrip() throws {
        let system = try TestSystem(directory: Self.directory)
        let bob = try system.logon("bob")
        let alice = try system.logon("alice")

        // BOB, the sink: authorizes, says READY, waits; on the SEND
        // interruption RECEIVEs the data and REPLYs.
        let sink = try Self.boot(bob, Self.prologue + "\n" + """
                 LA    2,CMD
                 LA    4,L'CMD
                 DIAG  2,4,X'0008'
                 LPSW  WAIT
        EXT      MVC   CODE(2),X'1A'            BC mode: the code in the old PSW
                 MVC   RECV+4(12),HDR+4       message id and source userid
                 LA    2,RECV
                 DIAG  2,3,X'0068'
                 ST    3,RCRECV
                 MVC   REPLY+4(12),HDR+4
                 LA    2,REPLY
                 DIAG  2,3,X'0068'
                 ST    3,RCREPLY
                 LPSW  DONE
        \(Self.common)
                 DS    0D
        RECV     DC    X'0000',H'5',F'0',CL8' ',A(RBUF),F'80',A(0),F'0',XL8'00'
        REPLY    DC    X'0000',H'7',F'0',CL8' ',A(ANSWER),F'13',A(0),F'0',C'BOBWORD1'
        RCRECV   DC    F'-1'
        RCREPLY  DC    F'-1'
        CMD      DC    C'MSG * READY'
        RBUF     DC    CL80' '
        ANSWER   DC    C'PONG FROM BOB'
                 END   BEGIN
        """)
        #expect(bob.waitFor("READY"), "\(bob.terminal.lines)")

        // ALICE, the source: SEND/RECV to BOB, then waits for the RESPONSE.
        let source = try Self.boot(alice, Self.prologue + "\n" + """
                 LA    2,SEND
                 DIAG  2,3,X'0068'
                 ST    3,RCSEND
                 LPSW  WAIT
        EXT      MVC   CODE(2),X'1A'            BC mode: the code in the old PSW
                 LPSW  DONE
        \(Self.common)
                 DS    0D
        SEND     DC    X'0000',H'3',F'4711',CL8'BOB',A(PING),F'15',A(RBUF),F'80',C'ALICEUSE'
        RCSEND   DC    F'-1'
        PING     DC    C'PING FROM ALICE'
        RBUF     DC    CL80' '
                 END   BEGIN
        """)
        #expect(alice.waitFor("DISABLED WAIT PSW '00020000 00000FFF'"))
        #expect(bob.waitFor("DISABLED WAIT PSW '00020000 00000FFF'"))

        // The sink saw the SEND interruption and took the data.
        #expect(Self.word(bob, sink, "RCAUTH") == 0)
        #expect(Self.word(bob, sink, "CODE") >> 16 == 0x4001)
        #expect(Self.word(bob, sink, "HDR") == 0x0000_0003, "not final, SEND/RECV")
        #expect(Self.word(bob, sink, "HDR", 4) == 4711)
        #expect(Self.text(bob, sink, "HDR", 8, 8) == "ALICE   ")
        #expect(Self.word(bob, sink, "HDR", 20) == 15, "SEND data length")
        #expect(Self.word(bob, sink, "HDR", 28) == 80, "REPLY buffer length")
        #expect(Self.text(bob, sink, "HDR", 32, 8) == "ALICEUSE")
        #expect(Self.word(bob, sink, "RCRECV") == 0)
        #expect(Self.word(bob, sink, "RCREPLY") == 0)
        #expect(Self.text(bob, sink, "RBUF", 0, 15) == "PING FROM ALICE")

        // The source got the final RESPONSE with the reply in its buffer.
        #expect(Self.word(alice, source, "RCSEND") == 0)
        #expect(Self.word(alice, source, "CODE") >> 16 == 0x4001)
        #expect(Self.word(alice, source, "HDR") == 0x8000_0003, "response, no error")
        #expect(Self.text(alice, source, "HDR", 8, 8) == "BOB     ")
        #expect(Self.word(alice, source, "HDR", 20) == 0, "all SEND data received")
        #expect(Self.word(alice, source, "HDR", 28) == 67, "REPLY buffer residual")
        #expect(Self.text(alice, source, "HDR", 32, 8) == "BOBWORD1")
        #expect(Self.text(alice, source, "RBUF", 0, 13) == "PONG FROM BOB")
    }

    /// Logs each VMCF interruption's first 64 bytes of HDR in LOG and
    /// counts them; after `count` of them the guest stops.
    static func logger(count: Int, then: String = "") -> String {
        """
        EXT      LH    5,COUNT
                 SLL   5,6
                 LA    5,LOG(5)
                 MVC   0(64,5),HDR
                 LH    5,COUNT
                 LA    5,1(5)
                 STH   5,COUNT
        \(then)
                 CLI   COUNT+1,\(count)
                 BL    AGAIN
                 LPSW  DONE
        AGAIN    LPSW  WAIT
        """
    }

    @Test func identifySendXAndARejectedSend() throws {
        let system = try TestSystem(directory: Self.directory)
        let bob = try system.logon("bob")
        let alice = try system.logon("alice")
        let sink = try Self.boot(bob, Self.prologue + "\n" + """
                 LA    2,CMD
                 LA    4,L'CMD
                 DIAG  2,4,X'0008'
                 LPSW  WAIT
        \(Self.logger(count: 3, then: """
                 CLI   HDR+3,X'02'            a SEND: REJECT it
                 BNE   NOREJ
                 MVC   REJ+4(12),HDR+4
                 LA    2,REJ
                 DIAG  2,3,X'0068'
                 ST    3,RCREJ
        NOREJ    DS    0H
        """))
        \(Self.common)
                 DS    0D
        REJ      DC    X'0000',H'11',F'0',CL8' ',A(0),F'0',A(0),F'0',C'REJECTED'
        RCREJ    DC    F'-1'
        COUNT    DC    H'0'
        CMD      DC    C'MSG * READY'
                 DS    0D
        LOG      DC    XL256'00'
                 END   BEGIN
        """)
        #expect(bob.waitFor("READY"))
        let source = try Self.boot(alice, Self.prologue + "\n" + """
                 LA    2,IDENT
                 DIAG  2,3,X'0068'
                 ST    3,RCS
                 LA    2,SENDX
                 DIAG  2,3,X'0068'
                 ST    3,RCS+4
                 LA    2,SEND
                 DIAG  2,3,X'0068'
                 ST    3,RCS+8
                 LPSW  WAIT
        \(Self.logger(count: 2))
        \(Self.common)
                 DS    0D
        IDENT    DC    X'0000',H'10',F'1',CL8'BOB',A(0),F'0',A(0),F'0',XL8'00'
        SENDX    DC    X'0000',H'4',F'2',CL8'BOB',A(XDATA),F'5',A(0),F'0',XL8'00'
        SEND     DC    X'0000',H'2',F'3',CL8'BOB',A(XDATA),F'5',A(0),F'0',XL8'00'
        RCS      DC    3F'-1'
        COUNT    DC    H'0'
        XDATA    DC    C'XDATA'
                 DS    0D
        LOG      DC    XL256'00'
                 END   BEGIN
        """)
        #expect(alice.waitFor("DISABLED WAIT PSW '00020000 00000FFF'"))
        #expect(bob.waitFor("DISABLED WAIT PSW '00020000 00000FFF'"))
        #expect([0, 4, 8].map { Self.word(alice, source, "RCS", $0) } == [0, 0, 0])
        // BOB: the IDENTIFY (final at once), the SENDX with its data after the header, the SEND.
        #expect(Self.word(bob, sink, "LOG") == 0x8000_000A)
        #expect(Self.text(bob, sink, "LOG", 8, 8) == "ALICE   ")
        #expect(Self.word(bob, sink, "LOG", 64) == 0x0000_0004)
        #expect(Self.word(bob, sink, "LOG", 64 + 20) == 5)
        #expect(Self.text(bob, sink, "LOG", 64 + 40, 5) == "XDATA")
        #expect(Self.word(bob, sink, "LOG", 128) == 0x0000_0002)
        #expect(Self.word(bob, sink, "LOG", 128 + 4) == 3)
        #expect(Self.word(bob, sink, "RCREJ") == 0)
        // ALICE: the SENDX response, then the SEND's, rejected, with BOB's user word.
        #expect(Self.word(alice, source, "LOG") == 0x8000_0004)
        #expect(Self.text(alice, source, "LOG", 8, 8) == "BOB     ")
        #expect(Self.word(alice, source, "LOG", 64) == 0xC000_0002)
        #expect(Self.word(alice, source, "LOG", 64 + 4) == 3)
        #expect(Self.text(alice, source, "LOG", 64 + 32, 8) == "REJECTED")
    }

    @Test func quiesceResumeAndCancel() throws {
        // ALICE sends to herself: she is the sink too, but never enabled
        // for the interruption, so the message stays pending.
        let r = try DiagnoseTests.run("""
                 LA    2,AUTH
                 DIAG  2,3,X'0068'
                 LA    2,QUIESCE
                 DIAG  2,3,X'0068'
                 ST    3,RCS
                 LA    2,SEND
                 DIAG  2,3,X'0068'          quiesced: 9
                 ST    3,RCS+4
                 LA    2,RESUME
                 DIAG  2,3,X'0068'
                 ST    3,RCS+8
                 LA    2,SEND
                 DIAG  2,3,X'0068'
                 ST    3,RCS+12
                 LA    2,SEND
                 DIAG  2,3,X'0068'          the same message id again: 8
                 ST    3,RCS+16
                 LA    2,CANCEL
                 DIAG  2,3,X'0068'
                 ST    3,RCS+20
                 LA    2,CANCEL
                 DIAG  2,3,X'0068'          gone: 12
                 ST    3,RCS+24
        """, data: """
                 DS    0D
        AUTH     DC    X'0000',H'0',F'0',CL8' ',A(HDR),F'64',A(0),F'0',XL8'00'
        QUIESCE  DC    X'0000',H'8',F'0',CL8' ',A(0),F'0',A(0),F'0',XL8'00'
        RESUME   DC    X'0000',H'9',F'0',CL8' ',A(0),F'0',A(0),F'0',XL8'00'
        SEND     DC    X'0000',H'2',F'7',CL8'ALICE',A(HDR),F'8',A(0),F'0',XL8'00'
        CANCEL   DC    X'0000',H'6',F'7',CL8'ALICE',A(0),F'0',A(0),F'0',XL8'00'
        HDR      DC    XL64'00'
        RCS      DC    7F'-1'
        """, directory: Self.directory)
        #expect(r.words("RCS", 7) == [0, 9, 0, 0, 8, 0, 12])
    }

    @Test func specialMessageArrivesAsASendXInterruption() throws {
        let system = try TestSystem(directory: Self.directory)
        let bob = try system.logon("bob")
        let alice = try system.logon("alice")
        #expect(bob.type("set smsg on").isEmpty)
        let sink = try Self.boot(bob, Self.prologue + "\n" + """
                 LA    2,CMD
                 LA    4,L'CMD
                 DIAG  2,4,X'0008'
                 LPSW  WAIT
        EXT      MVC   CODE(2),X'1A'            BC mode: the code in the old PSW
                 LPSW  DONE
        \(Self.common)
        CMD      DC    C'MSG * READY'
                 END   BEGIN
        """)
        #expect(bob.waitFor("READY"))
        #expect(alice.type("smsg bob hello there").isEmpty)
        #expect(bob.waitFor("DISABLED WAIT PSW '00020000 00000FFF'"))
        #expect(Self.word(bob, sink, "CODE") >> 16 == 0x4001)
        #expect(Self.word(bob, sink, "HDR") == 0x0000_0004, "SENDX")
        #expect(Self.text(bob, sink, "HDR", 8, 8) == "SYSTEM  ")
        #expect(Self.word(bob, sink, "HDR", 20) == 11, "text length")
        #expect(Self.text(bob, sink, "HDR", 32, 8) == "ALICE   ", "the sender")
        #expect(Self.text(bob, sink, "HDR", 40, 11) == "hello there")
    }

    @Test func specialMessageToAMachineNotAuthorized() throws {
        let system = try TestSystem(directory: Self.directory)
        let bob = try system.logon("bob")
        let alice = try system.logon("alice")
        #expect(alice.type("smsg bob hi") == ["BOB NOT RECEIVING; SMSG OFF"])
        bob.type("set smsg on")
        #expect(alice.type("smsg bob hi") == ["BOB NOT RECEIVING; NOT AUTHORIZED"])
        #expect(alice.type("smsg carol hi") == ["CAROL NOT LOGGED ON"])
        alice.type("set emsg on")
        #expect(alice.type("smsg bob hi") == ["DMKMSG057W BOB NOT RECEIVING; NOT AUTHORIZED"])
    }

    /// One machine's requests that fail, each return code stored in a word of RCS.
    @Test func returnCodesOfFailingRequests() throws {
        let r = try DiagnoseTests.run("""
                 LA    2,SEND
                 DIAG  2,3,X'0068'          not authorized yet: 4
                 ST    3,RCS
                 LA    2,BADAUTH
                 DIAG  2,3,X'0068'          buffer not on a doubleword: 1
                 ST    3,RCS+4
                 LA    2,AUTH
                 DIAG  2,3,X'0068'
                 ST    3,RCS+8
                 LA    2,SEND
                 DIAG  2,3,X'0068'          BOB is not logged on: 5
                 ST    3,RCS+12
                 LA    2,BADFUNC
                 DIAG  2,3,X'0068'          subfunction X'0C': 2
                 ST    3,RCS+16
                 LA    2,RECV
                 DIAG  2,3,X'0068'          no such message: 12
                 ST    3,RCS+20
                 LA    2,BIGBUF
                 DIAG  2,3,X'0068'          SEND data beyond storage: 1
                 ST    3,RCS+24
                 LA    2,UNAUTH
                 DIAG  2,3,X'0068'
                 ST    3,RCS+28
                 LA    2,UNAUTH
                 DIAG  2,3,X'0068'          not authorized any more: 4
                 ST    3,RCS+32
        """, data: """
                 DS    0D
        AUTH     DC    X'0000',H'0',F'0',CL8' ',A(HDR),F'64',A(0),F'0',XL8'00'
        BADAUTH  DC    X'0000',H'0',F'0',CL8' ',A(HDR+4),F'64',A(0),F'0',XL8'00'
        SEND     DC    X'0000',H'2',F'1',CL8'BOB',A(HDR),F'8',A(0),F'0',XL8'00'
        BADFUNC  DC    X'0000',H'12',F'0',CL8' ',A(0),F'0',A(0),F'0',XL8'00'
        RECV     DC    X'0000',H'5',F'99',CL8'BOB',A(HDR),F'8',A(0),F'0',XL8'00'
        BIGBUF   DC    X'0000',H'2',F'2',CL8'ALICE',A(X'FFF00'),F'512',A(0),F'0',XL8'00'
        UNAUTH   DC    X'0000',H'1',F'0',CL8' ',A(0),F'0',A(0),F'0',XL8'00'
        HDR      DC    XL64'00'
        RCS      DC    9F'-1'
        """, directory: Self.directory)
        #expect(r.words("RCS", 9) == [4, 1, 0, 5, 2, 12, 1, 0, 4])
    }

    @Test func misplacedParameterListsAreProgramChecks() throws {
        let misaligned = try DiagnoseTests.run("""
                 MVC   X'68'(8),PGMNEW
                 LA    2,AUTH+4
                 DIAG  2,3,X'0068'
                 LPSW  NOTHERE
        """, data: """
                 DS    0D
        PGMNEW   DC    X'00020000',X'00000BAD'
        NOTHERE  DC    X'00020000',X'00000000'
        AUTH     DC    XL48'00'
        """, directory: Self.directory)
        #expect(misaligned.session.terminal.lines.last == "CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'")
        #expect(misaligned.machine.storage.load32(0x28) & 0xFFFF == 0x0006, "specification")

        let outside = try DiagnoseTests.run("""
                 MVC   X'68'(8),PGMNEW
                 L     2,FAR
                 DIAG  2,3,X'0068'
                 LPSW  NOTHERE
        """, data: """
                 DS    0D
        PGMNEW   DC    X'00020000',X'00000BAD'
        NOTHERE  DC    X'00020000',X'00000000'
        FAR      DC    A(X'FFFFF0')
        """, directory: Self.directory)
        #expect(outside.session.terminal.lines.last == "CP ENTERED; DISABLED WAIT PSW '00020000 00000BAD'")
        #expect(outside.machine.storage.load32(0x28) & 0xFFFF == 0x0005, "addressing")
    }
}
