import CP
import Foundation
import Testing

/// IPL, BEGIN, STOP, SYSTEM, DISPLAY, STORE, TRACE, ADSTOP, EXTERNAL,
/// REQUEST, DEFINE, DETACH: transcripts against small assembled guests.
@Suite("CP machine control")
struct MachineControlTranscriptTests {
    static let directory = """
    USER ALICE SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    """

    func session() throws -> (TestSystem, Session) {
        let system = try TestSystem(directory: Self.directory)
        return (system, try system.logon("alice"))
    }

    @Test func iplFromTheReaderRunsTheProgram() throws {
        let (system, alice) = try session()
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(GuestPrograms.hello("HELLO FROM ALICE")))
        #expect(alice.type("q rdr").count == 2)
        let out = alice.type("ipl 00c", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(out == ["HELLO FROM ALICE", "CP ENTERED; DISABLED WAIT PSW '00020000 00000123'"])
        #expect(alice.terminal.status == .cpRead)
        #expect(alice.type("d psw") == ["PSW = 00020000 00000123"])
        #expect(alice.type("q rdr") == ["NO RDR FILES"])
    }

    @Test func iplErrors() throws {
        let (_, alice) = try session()
        #expect(alice.type("ipl") == ["OPERAND MISSING OR INVALID"])
        #expect(alice.type("ipl 123") == ["DEV 123 DOES NOT EXIST"])
        #expect(alice.type("ipl nosuch") == ["SYSTEM NAME NOT FOUND"])
        #expect(alice.type("ipl 00c bogus") == ["INVALID OPTION - BOGUS"])
        // An empty reader: the IPL fails with the reader's unit check.
        #expect(alice.type("ipl 00c").first?.hasPrefix("IPL FAILED ON 00C") == true)
    }

    @Test func attentionStopsARunningMachineAndBeginResumes() throws {
        let (system, alice) = try session()
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(GuestPrograms.loop))
        alice.type("ipl 00c", until: { _ in alice.terminal.status == .running })
        #expect(alice.terminal.status == .running)
        alice.attention(until: { _ in alice.terminal.status == .cpRead })
        #expect(alice.terminal.status == .cpRead)
        #expect(alice.type("d psw").first?.hasSuffix("00000202") == true)
        alice.type("b", until: { _ in alice.terminal.status == .running })
        #expect(alice.terminal.status == .running)
        // #CP reaches CP while the guest runs; STOP stops it.
        #expect(alice.type("#cp q stor") == ["STORAGE = 01024K"])
        alice.type("#cp stop", until: { _ in alice.terminal.status == .cpRead })
        #expect(alice.terminal.status == .cpRead)
        #expect(alice.type("stop now") == ["INVALID OPTION - NOW"])
    }

    @Test func beginAtAnAddress() throws {
        let (system, alice) = try session()
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(GuestPrograms.loop))
        alice.type("ipl 00c", until: { _ in alice.terminal.status == .running })
        alice.attention(until: { _ in alice.terminal.status == .cpRead })
        // Put a disabled wait PSW's instruction (LPSW) somewhere and begin there.
        alice.type("st 300 8200 0308 0000 0000 0002 0000 0000 0777")
        let out = alice.type("b 300", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(out == ["CP ENTERED; DISABLED WAIT PSW '00020000 00000777'"])
        #expect(alice.type("b 301") == ["INVALID HEXLOC - 301"])
    }

    @Test func programCheckLoopIsCaught() throws {
        let (system, alice) = try session()
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(GuestPrograms.programCheckLoop))
        let out = alice.type("ipl 00c", until: { $0.contains { $0.contains("LOOP") } })
        #expect(out == ["CP ENTERED; PROGRAM INTERRUPT LOOP"])
        #expect(alice.terminal.status == .cpRead)
    }

    @Test func systemResetClearRestart() throws {
        let (_, alice) = try session()
        alice.type("st 100 11223344")
        alice.type("st g1 5")
        #expect(alice.type("sys reset") == ["SYSTEM RESET"])
        #expect(alice.type("d 100.4") == ["000100  11223344"])
        #expect(alice.type("sys clear") == ["STORAGE CLEARED - SYSTEM RESET"])
        #expect(alice.type("d 100.4") == ["000100  00000000"])
        #expect(alice.type("sys") == ["OPERAND MISSING OR INVALID"])
        // RESTART: the old PSW goes to 8, the new one comes from 0.
        alice.type("st 0 00020000 00000456")
        let out = alice.type("sys restart", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(out == ["CP ENTERED; DISABLED WAIT PSW '00020000 00000456'"])
    }

    @Test func displayAndStore() throws {
        let (_, alice) = try session()
        #expect(alice.type("st 200 47F0C010 00000000") == ["STORE COMPLETE"])
        #expect(alice.type("d 200.8") == ["000200  47F0C010 00000000"])
        #expect(alice.type("d 200-207") == ["000200  47F0C010 00000000"])
        #expect(alice.type("d t200.4") == ["000200  47F0C010                             *.0{.            *"])
        #expect(alice.type("d i200").first?.contains("B ") == true)
        #expect(alice.type("d k200") == ["000000 TO 0007FF KEY = 00"])
        #expect(alice.type("st g15 7fffffff") == ["STORE COMPLETE"])
        #expect(alice.type("d g15") == ["GPR 15 = 7FFFFFFF"])
        #expect(alice.type("d g14-15") == ["GPR 14 = 00000000 7FFFFFFF"])
        #expect(alice.type("st x0 00800000") == ["STORE COMPLETE"])
        #expect(alice.type("d x0") == ["CR   0 = 00800000"])
        #expect(alice.type("st psw 070C0000 00000200") == ["STORE COMPLETE"])
        #expect(alice.type("d psw") == ["PSW = 070C0000 00000200"])
        #expect(alice.type("d caw") == ["CAW = 00000000"])
        #expect(alice.type("d csw") == ["CSW = 00000000 00000000"])
        #expect(alice.type("d y0") == ["FPR 0 = 00000000 00000000"])
        #expect(alice.type("d") == ["OPERAND MISSING OR INVALID"])
        #expect(alice.type("d zz") == ["INVALID HEXLOC - ZZ"])
        #expect(alice.type("d 200000") == ["00200000 EXCEEDS STORAGE"])
        #expect(alice.type("st 200000 00") == ["00200000 EXCEEDS STORAGE"])
        #expect(alice.type("d g16") == ["INVALID OPTION - G16"])
    }

    @Test func traceSVCAndProgramInterruptions() throws {
        let (system, alice) = try session()
        let source = """
                 START X'200'
        GO       BALR  12,0
                 USING *,12
                 SVC   12
                 DC    X'0000'          an operation exception
                 LPSW  DONE
                 DS    0D
        DONE     DC    X'0002000000000ABC'
                 ORG   X'260'
        SVCNEW   DC    X'00000000',A(BACK1)
        PGMNEW   DC    X'00000000',A(BACK2)
        BACK1    LPSW  X'20'             back from the SVC
        BACK2    LPSW  X'28'             back after the program check
                 END   GO
        """
        // The new PSWs at X'60' and X'68' come from the storage the test sets below.
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(source))
        #expect(alice.type("tr svc prog") == [])
        #expect(alice.type("q trace") == ["TRACING SVC PROGRAM RUN TERMINAL"])
        // IPL stops before the first instruction? No: set the new PSWs first.
        alice.type("ipl 00c", until: { $0.contains { $0.contains("DISABLED WAIT") } || $0.contains { $0.contains("LOOP") } })
        let lines = alice.terminal.lines
        #expect(lines.contains { $0.hasPrefix("*** SVC  000C  OLD PSW") }, "\(lines)")
        #expect(alice.type("tr end") == ["TRACE ENDED"])
        #expect(alice.type("tr bogus") == ["INVALID OPTION - BOGUS"])
        #expect(alice.type("tr") == ["OPERAND MISSING OR INVALID"])
    }

    @Test func adstopStopsBeforeTheInstruction() throws {
        let (system, alice) = try session()
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(GuestPrograms.hello("STOPPED?")))
        let first = alice.type("ipl 00c", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(first.first == "STOPPED?")
        // Run it again from the start with an address stop at the SIO (X'208').
        alice.type("st psw 00000000 00000200")
        #expect(alice.type("adstop 208") == [])
        #expect(alice.type("q trace") == ["NO TRACE IN EFFECT", "ADSTOP AT 000208"])
        let out = alice.type("b", until: { $0.contains { $0.contains("ADSTOP") } })
        #expect(out == ["ADSTOP AT 000208"])
        #expect(alice.type("d psw").first?.hasSuffix("00000208") == true)
        let rest = alice.type("b", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(rest == ["STOPPED?", "CP ENTERED; DISABLED WAIT PSW '00020000 00000123'"])
        #expect(alice.type("adstop 201") == ["INVALID HEXLOC - 201"])
        #expect(alice.type("adstop") == ["OPERAND MISSING OR INVALID"])
        #expect(alice.type("adstop off") == [])
    }

    @Test func externalInterruptionReachesTheGuest() throws {
        let (_, alice) = try session()
        // External new PSW: a disabled wait with address 0xE4E4; the VM is enabled for external.
        alice.type("st 58 00020000 0000E4E4")
        alice.type("st 200 47F00200")                 // B *
        alice.type("st psw 01000000 00000200")         // external mask on (BC mode byte 0 bit 7)
        #expect(alice.type("ext 41") == ["INVALID OPTION - 41"])
        let out = alice.type("ext", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(out == ["CP ENTERED; DISABLED WAIT PSW '00020000 0000E4E4'"])
        // The interruption code (X'0040', interrupt key) is in the external old PSW.
        #expect(alice.type("d 18.4") == ["000018  01000040"])
    }

    @Test func defineStorageAndDevices() throws {
        let (_, alice) = try session()
        #expect(alice.type("def stor 2m") == ["STORAGE = 02048K"])
        #expect(alice.type("q stor") == ["STORAGE = 02048K"])
        #expect(alice.type("def stor 512k") == ["STORAGE = 00512K"])
        #expect(alice.type("def stor 5m") == ["STORAGE EXCEEDS ALLOWED MAXIMUM"])
        #expect(alice.type("def stor lots") == ["STORAGE MISSING OR INVALID"])
        #expect(alice.type("def 00c as 00a") == ["RDR 00A DEFINED"])
        #expect(alice.type("q v 00a").first?.hasPrefix("RDR  00A") == true)
        #expect(alice.type("def 00a as 009") == ["DEV 009 ALREADY DEFINED"])
        #expect(alice.type("def rdr 00c") == ["RDR 00C DEFINED"])
        #expect(alice.type("det 00a") == ["RDR 00A DETACHED"])
        #expect(alice.type("det 00a") == ["DEV 00A DOES NOT EXIST"])
        #expect(alice.type("det") == ["VADDR MISSING OR INVALID"])
        #expect(alice.type("def widget 300") == ["INVALID OPTION - WIDGET"])
        #expect(alice.type("def") == ["OPERAND MISSING OR INVALID"])
    }
}
