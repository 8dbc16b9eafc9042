import CP
import Foundation
import Testing

/// The operator's commands: WARNING, FORCE, AUTOLOG, SET LOGMSG,
/// ENABLE/DISABLE, SET PRIORITY/FAVORED, QUERY ALL/LOGMSG/PRIORITY, SHUTDOWN.
@Suite("CP operator")
struct OperatorTranscriptTests {
    @Test func warningReachesUsersWithMessagesOff() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        alice.type("set msg off")
        #expect(oper.type("w alice system going down") == [])
        #expect(alice.waitFor("WNG FROM OPER    : system going down"))
        alice.type("set wng off")
        #expect(oper.type("w alice again") == ["ALICE NOT RECEIVING; WNG OFF"])
        #expect(oper.type("msgnoh alice plain text") == [])
        #expect(alice.waitFor("plain text"))
        #expect(oper.type("w all to everyone") == [])
    }

    @Test func forceLogsAUserOff() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        let bob = try system.logon("bob")
        #expect(oper.type("force bob") == ["USER DSC LOGOFF AS BOB USERS = 1"])
        #expect(bob.waitFor("FORCED BY OPER"))
        #expect(bob.waitFor("LOGOFF AT"))
        #expect(system.cp.user("bob") == nil)
        #expect(bob.terminal.ended == .forced(by: "OPER"))
        #expect(oper.type("force bob") == ["BOB NOT LOGGED ON"])
        #expect(oper.type("force") == ["OPERAND MISSING OR INVALID"])
    }

    @Test func autologStartsADisconnectedMachine() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        #expect(oper.type("autolog bob") == ["AUTO LOGON  ***   BOB USERS = 2"])
        #expect(oper.type("q bob") == ["BOB      - DSC"])
        #expect(oper.type("autolog bob") == ["ALREADY LOGGED ON LINE BOB"])
        #expect(oper.type("autolog alice wrongpw") == ["PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE"])
        #expect(oper.type("autolog nobody") == ["PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE"])
        // Logging on to a disconnected machine reconnects.
        let bob = try system.logon("bob")
        #expect(bob.waitFor("RECONNECTED AT"))
    }

    @Test func logmsgIsShownAtLogon() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        #expect(oper.type("q logmsg") == ["NO LOGMSG"])
        #expect(oper.type("set logmsg Maintenance at 18:00") == [])
        #expect(oper.type("q logmsg") == ["LOGMSG - Maintenance at 18:00"])
        let alice = try system.logon("alice")
        #expect(alice.waitFor("LOGON AT"))
        #expect(alice.terminal.lines.first == "LOGMSG - Maintenance at 18:00")
        #expect(oper.type("set logmsg off") == [])
        #expect(oper.type("q logmsg") == ["NO LOGMSG"])
        // Class G users cannot change it.
        #expect(alice.type("set logmsg hi") == ["INVALID OPTION - LOGMSG"])
    }

    @Test func disableRefusesNewLogons() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        #expect(oper.type("disable all") == ["LOGONS DISABLED"])
        #expect(throws: TestFailure.self) { _ = try system.logon("alice") }
        #expect(oper.type("enable all") == ["LOGONS ENABLED"])
        _ = try system.logon("alice")
    }

    @Test func priorityAndFavored() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        _ = try system.logon("alice")
        #expect(oper.type("q pri alice") == ["ALICE PRIORITY = 50"])
        #expect(oper.type("set pri alice 10") == [])
        #expect(oper.type("q priority alice") == ["ALICE PRIORITY = 10"])
        #expect(oper.type("set pri alice 100") == ["OPERAND MISSING OR INVALID"])
        #expect(oper.type("set pri carol 10") == ["CAROL NOT LOGGED ON"])
        #expect(oper.type("q pri") == ["OPERAND MISSING OR INVALID"])
        #expect(oper.type("set favored alice") == [])
        #expect(oper.type("set favored alice off") == [])
    }

    @Test func queryAll() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        _ = try system.logon("alice")
        #expect(oper.type("q all") == ["ALICE    - TERM , OPER     - TERM", "    2 USERS,     0 DIALED"])
    }

    @Test func shutdownWarnsAndEndsEverySession() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        #expect(oper.type("shutdown within 1") == ["WNG FROM OPER    : SYSTEM SHUTDOWN IN 1 SECONDS"])
        #expect(alice.waitFor("WNG FROM OPER    : SYSTEM SHUTDOWN IN 1 SECONDS"))
        #expect(throws: TestFailure.self) { _ = try system.logon("bob") }
        #expect(alice.waitFor("LOGOFF AT", timeout: 20))
        let ended = Date().addingTimeInterval(20)
        while (alice.terminal.ended == nil || oper.terminal.ended == nil) && Date() < ended { usleep(10_000) }
        #expect(alice.terminal.ended == .shutdown)
        #expect(oper.terminal.ended == .shutdown)
        let deadline = Date().addingTimeInterval(20)
        while !system.log.all.contains("shutdown complete") && Date() < deadline { usleep(10_000) }
        #expect(system.log.all.contains("shutdown complete"))
    }

    @Test func shutdownOperands() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let oper = try system.logon("oper")
        #expect(oper.type("shutdown later") == ["INVALID OPTION - LATER"])
        #expect(oper.type("shutdown within") == ["OPERAND MISSING OR INVALID"])
    }
}
