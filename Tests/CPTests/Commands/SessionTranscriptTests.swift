import CP
import Foundation
import Testing

/// Transcripts of user sessions: logon, logoff, disconnect and reconnect,
/// QUERY, and the errors each command gives.
@Suite("CP sessions")
struct SessionTranscriptTests {
    static let directory = """
    USER ALICE SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER BOB BOBPW 2M 16M G
     CONSOLE 009 3215
    USER OPER OPERPW 1M 16M ABCDEFG
     CONSOLE 009 3215
    USER NOBODY NOLOG
    """

    nonisolated(unsafe) static let stamp = #/\d\d:\d\d:\d\d \w+ (SUNDAY|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY) \d\d/\d\d/\d\d/#

    @Test func logonShowsTheTimeAndCPRead() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.waitForStatus(.cpRead))
        let first = try #require(alice.terminal.lines.first)
        #expect(first.hasPrefix("LOGON AT "))
        #expect(first.dropFirst(9).wholeMatch(of: Self.stamp) != nil, "\(first)")
    }

    @Test func logoffReportsTimesAndEndsTheSession() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        let out = alice.type("logoff")
        #expect(out.count == 2)
        #expect(out.first?.wholeMatch(of: #/CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d\d\d:\d\d\.\d\d TOTCPU= \d\d\d:\d\d\.\d\d/#) != nil, "\(out)")
        #expect(out.last?.hasPrefix("LOGOFF AT ") == true)
        #expect(alice.terminal.ended == .loggedOff)
        #expect(system.cp.user("alice") == nil)
    }

    @Test func logoffAbbreviationsAndOperands() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("logoff now") == ["INVALID OPTION - NOW"])
        #expect(alice.type("log").last?.hasPrefix("LOGOFF AT ") == true)
    }

    @Test func disconnectKeepsTheMachineAndLogonReconnects() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        alice.type("st g5 00C0FFEE")
        let out = alice.type("disc")
        #expect(out.first?.hasPrefix("DISCONNECT AT ") == true)
        #expect(alice.terminal.ended == .disconnected)
        let oper = try system.logon("oper")
        #expect(oper.type("q alice") == ["ALICE    - DSC"])
        let again = try system.logon("alice")
        #expect(again.waitFor("RECONNECTED AT"))
        #expect(again.type("d g5") == ["GPR  5 = 00C0FFEE"])
        #expect(oper.type("q alice") == ["ALICE    - TERM"])
    }

    @Test func aSecondLogonToAConnectedUserIsRefused() throws {
        let system = try TestSystem(directory: Self.directory)
        _ = try system.logon("alice")
        #expect(throws: TestFailure.self) { _ = try system.logon("alice") }
        #expect(throws: TestFailure.self) { _ = try system.logon("nobody") }
        #expect(throws: TestFailure.self) { _ = try system.logon("stranger") }
    }

    @Test func logonWhileLoggedOnIsAnError() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("logon bob") == ["ALREADY LOGGED ON"])
    }

    @Test func queryTimeNamesUsersUserid() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        _ = try system.logon("bob")
        let time = alice.type("q time")
        #expect(time.count == 2)
        #expect(time[0].hasPrefix("TIME IS ") && time[0].dropFirst(8).wholeMatch(of: Self.stamp) != nil, "\(time)")
        #expect(time[1].hasPrefix("CONNECT= "))
        #expect(alice.type("q names") == ["ALICE    - TERM , BOB      - TERM"])
        #expect(alice.type("q users") == ["    2 USERS,     0 DIALED"])
        #expect(alice.type("q bob") == ["BOB      - TERM"])
        #expect(alice.type("q carol") == ["CAROL NOT LOGGED ON"])
        #expect(alice.type("q userid") == ["ALICE    AT VM67"])
        #expect(alice.type("q cplevel") == ["VM67 CP LEVEL 1.0, COMPATIBLE WITH VM/370 RELEASE 6"])
        #expect(alice.type("q cpuid").first?.hasPrefix("CPUID = FF") == true)
        #expect(alice.type("q") == ["OPERAND MISSING OR INVALID"])
    }

    @Test func queryVirtualAndStorage() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("q v") == ["STORAGE = 01024K", "CONS 009 ON TERM   CL T  NOCONT NOHOLD COPY 01    READY", "     009 TERM   STOP  FOR ALICE DIST ALICE",
                                      "RDR  00C CL *  NOCONT NOHOLD EOF      READY"])
        #expect(alice.type("q v cons") == ["CONS 009 ON TERM   CL T  NOCONT NOHOLD COPY 01    READY", "     009 TERM   STOP  FOR ALICE DIST ALICE"])
        #expect(alice.type("q v ur") == ["RDR  00C CL *  NOCONT NOHOLD EOF      READY"])
        #expect(alice.type("q v dasd") == [])
        #expect(alice.type("q v 00c") == ["RDR  00C CL *  NOCONT NOHOLD EOF      READY"])
        #expect(alice.type("q v 123") == ["DEV 123 DOES NOT EXIST"])
        #expect(alice.type("q v junk") == ["INVALID OPTION - JUNK"])
        #expect(alice.type("q stor") == ["STORAGE = 01024K"])
        #expect(alice.type("q 00c") == ["RDR  00C CL *  NOCONT NOHOLD EOF      READY"])
    }

    @Test func querySetTerminalPFAndFiles() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("q set") == ["MSG ON , WNG ON , EMSG TEXT, ACNT OFF, RUN OFF",
                                        "LINEDIT ON , TIMER ON, ISAM OFF, ECMODE OFF",
                                        "ASSIST OFF , PAGEX OFF, AUTOPOLL OFF",
                                        "IMSG ON , SMSG OFF, AFFINITY NONE"])
        #expect(alice.type("q term") == ["LINEND #, LINEDEL ¢, CHARDEL @, ESCAPE \"",
                                         "LINESIZE 130, ATTN ON, MODE CP"])
        #expect(alice.type("q pf") == ["PF KEYS UNDEFINED"])
        #expect(alice.type("q pf3") == ["PF03 UNDEFINED"])
        #expect(alice.type("q pf99") == ["INVALID OPTION - PF99"])
        #expect(alice.type("q files") == ["FILES: NO RDR, NO PRT, NO PUN"])
        #expect(alice.type("q rdr") == ["NO RDR FILES"])
        #expect(alice.type("q trace") == ["NO TRACE IN EFFECT"])
    }

    @Test func unknownAndUnauthorizedCommands() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("xyzzy") == ["?CP: XYZZY"])
        // A class G user does not see class A commands at all.
        #expect(alice.type("force bob") == ["?CP: FORCE"])
        #expect(alice.type("shutdown") == ["?CP: SHUTDOWN"])
        #expect(alice.type("* just a comment") == [])
        #expect(alice.type("") == [])
    }
}
