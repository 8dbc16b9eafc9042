import Assembler
import Foundation
import Media
import Testing
@testable import CP

/// Two users on one minidisk: ALICE's guest writes a record on her 191,
/// BOB links it read-only and his guest reads the record back.
@Suite("Shared minidisks", .serialized)
struct SharedMinidiskTests {
    static let directory = """
    USER ALICE ALICE 1M 2M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
     MDISK 191 3350 001 010 VM67U0 MR RPASS WPASS MPASS
    USER BOB BOB 1M 2M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    """

    static let text = "WRITTEN BY ALICE 123"

    /// Runs one channel program on `device`, then a disabled wait.
    static func program(device: String, ccws: String, data: String) -> String {
        """
                 START X'200'
        BEGIN    BALR  12,0
                 USING *,12
                 MVC   X'48'(4),CAW
        START    SIO   X'\(device)'
                 BC    2,START
        WAIT     TIO   X'\(device)'
                 BC    7,WAIT
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'0002000000000FFF'
        CAW      DC    A(CCWS)
                 DS    0D
        CCWS     DC    X'07',AL3(SEEK),X'40',X'00',AL2(6)
        SRCHCCW  DC    X'31',AL3(SRCH),X'40',X'00',AL2(5)
                 DC    X'08',AL3(SRCHCCW),X'00',X'00',AL2(0)
        \(ccws)
        SEEK     DC    X'000000000000'
        \(data)
                 END   BEGIN
        """
    }

    /// Cylinder 0 head 0: after R0, write R1 (no key, 20 bytes).
    static let writer = program(device: "191", ccws: """
             DC    X'1D',AL3(COUNT),X'00',X'00',AL2(28)
    """, data: """
    SRCH     DC    X'0000000000'
    COUNT    DC    X'0000000001000014'
             DC    CL20'\(text)'
    """)

    /// Cylinder 0 head 0: read R1's data.
    static let reader = program(device: "291", ccws: """
             DC    X'06',AL3(DATA),X'20',X'00',AL2(20)
    """, data: """
    SRCH     DC    X'0000000001'
    DATA     DC    XL20'00'
    """)

    @Test func whatTheOwnerWritesAReadLinkReads() throws {
        let system = try TestSystem(directory: Self.directory, configuration: MinidiskTranscriptTests.configuration)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(Self.writer))
        alice.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        #expect(alice.waitFor("CP ENTERED"))

        #expect(bob.type("link alice 191 291 rr rpass") == [])
        let assembly = Assembler.assemble(source: Self.reader)
        try #require(assembly.succeeded)
        system.cp.spool.sendToReader(of: "bob", from: "bob", cards: try GuestPrograms.deck(Self.reader))
        bob.type("ipl 00c", until: { $0.contains { $0.contains("CP ENTERED") } })
        #expect(bob.waitFor("CP ENTERED"))
        let data = bob.vm.machine.storage.read(UInt32(assembly.symbol("DATA")!.value), count: 20)
        #expect(data == CodePage.cp037.ebcdic(Self.text))
    }
}
