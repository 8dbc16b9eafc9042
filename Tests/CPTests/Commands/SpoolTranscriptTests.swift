import Channel
import Foundation
import Media
import Testing
@testable import CP

/// SPOOL vaddr|PRT|PUN|RDR TO userid|*|OFF, CLASS c: a punch spooled to a
/// user sends each closed file to that user's reader (SENDFILE in CMS).
@Suite("SPOOL command")
struct SpoolTranscriptTests {
    static let directory = """
    USER ALICE SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
     SPOOL 00D 2540 PUNCH A
     SPOOL 00E 1403 A
    USER BOB BOBPW 2M 16M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    """

    /// Punches cards on ALICE's 00D as a channel program would.
    static func punch(_ alice: Session, _ cards: [String]) throws {
        let writer = try #require(alice.vm.io.channels.device(at: 0x00D) as? VirtualSpoolWriter)
        for card in cards {
            _ = writer.start(DeviceCommand(code: 0x01, count: 80, data: CodePage.cp037.ebcdic(card)))
        }
    }

    @Test func punchToAnotherUsersReader() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        _ = try system.logon("bob")
        #expect(alice.type("spool punch to bob") == [])
        try Self.punch(alice, ["HELLO", "BOB"])
        let closed = alice.type("close 00d")
        let files = system.cp.spool.readerFiles(of: "BOB")
        #expect(closed == ["PUN FILE \(String(format: "%04d", files.first?.id ?? 0)) TO BOB COPY 01 NOHOLD"], "\(closed)")
        #expect(files.count == 1 && files.first?.from == "ALICE" && files.first?.records.count == 2, "\(files)")
        #expect(files.first?.origin == .punch)
        #expect(system.cp.spool.outputFiles(of: "ALICE", queue: .punch).isEmpty)
        // TO * is one's own reader; TO OFF (or OFF) the system queue again.
        #expect(alice.type("spool pun off") == [])
        #expect(alice.type("sp 00d to *") == [])
        try Self.punch(alice, ["MINE"])
        alice.type("close pun")
        #expect(system.cp.spool.readerFiles(of: "ALICE").count == 1)
        #expect(alice.type("spool pun to system class b") == [])
        try Self.punch(alice, ["QUEUED"])
        alice.type("close 00d")
        let queued = system.cp.spool.outputFiles(of: "ALICE", queue: .punch)
        #expect(queued.count == 1 && queued.first?.spoolClass == "B", "\(queued)")
    }

    @Test func spoolErrors() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("spool punch to carol") == ["CAROL NOT IN CP DIRECTORY"])
        #expect(alice.type("spool punch to") == ["USERID MISSING OR INVALID"])
        #expect(alice.type("spool 00d sideways") == ["INVALID OPTION - SIDEWAYS"])
        #expect(alice.type("spool 01f to bob") == ["DEV 01F DOES NOT EXIST"])
        #expect(alice.type("spool") == ["VADDR MISSING OR INVALID"])
        #expect(alice.type("spool rdr to bob") == ["INVALID OPTION - TO"])
        #expect(alice.type("spool rdr class c") == [])
        let reader = alice.vm.io.channels.device(at: 0x00C) as? VirtualReader
        #expect(reader?.spoolClass == "C")
    }
}
