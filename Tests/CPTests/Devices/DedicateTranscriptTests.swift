import Foundation
import Testing
@testable import CP

/// Real devices and volumes given to one user: DEDICATE at logon, the
/// operator's ATTACH, DETACH giving them back.
@Suite("Dedicated devices", .serialized)
struct DedicateTranscriptTests {
    static let configuration = """
    DEVICE 180 3420 scratch.aws create
    VOLUME PACK01 3350 volumes/pack01.cckd CREATE
    """

    static let directory = """
    USER OPER OPER 1M 2M ABG
     CONSOLE 009 3215
    USER ALICE ALICE 1M 2M G
     CONSOLE 009 3215
     DEDICATE 181 180
     DEDICATE 250 PACK01
    USER BOB BOB 1M 2M G
     CONSOLE 009 3215
     DEDICATE 181 180
    """

    @Test func dedicateAtLogonIsExclusiveUntilLogoff() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        let alice = try system.logon("alice")
        let devices = alice.type("query virtual")
        #expect(devices.contains { $0.hasPrefix("TAPE 181") }, "\(devices)")
        #expect(devices.contains { $0.hasPrefix("DASD 250 3350 PACK01 R/W") }, "\(devices)")

        let bob = try system.logon("bob")
        #expect(bob.terminal.lines.contains { $0.hasSuffix("DEV 180 ATTACHED TO ALICE") }, "\(bob.terminal.lines)")
        #expect(!bob.type("query virtual").contains { $0.hasPrefix("TAPE") })

        #expect(alice.type("detach 181") == ["TAPE 181 DETACHED"])
        bob.type("logoff")
        let again = try system.logon("bob")
        #expect(again.type("query virtual").contains { $0.hasPrefix("TAPE 181") }, "free again after ALICE's DETACH")
    }

    @Test func operatorAttachesARealDevice() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        let oper = try system.logon("oper")
        let bob = try system.logon("bob", noIPL: true)
        // BOB's DEDICATE took the drive at logon; give it back, then ATTACH.
        #expect(bob.type("detach 181") == ["TAPE 181 DETACHED"])
        oper.type("attach 180 to bob as 282")
        #expect(oper.waitFor("TAPE 180 ATTACHED TO BOB 282"), "\(oper.terminal.lines)")
        #expect(bob.waitFor("TAPE 282 ATTACHED"))
        #expect(bob.type("query virtual").contains { $0.hasPrefix("TAPE 282") })
        #expect(system.cp.realDevices.owner("180") == "BOB")
        // ALICE cannot have it now.
        let alice = try system.logon("alice")
        #expect(alice.terminal.lines.contains { $0.hasSuffix("DEV 180 ATTACHED TO BOB") })
        // Not for class G.
        #expect(alice.type("attach 180 to alice as 183").contains { $0.contains("?CP: ATTACH") })
        bob.type("logoff")
        #expect(TestSystemWait.until { system.cp.realDevices.owner("180") == nil }, "LOGOFF gives it back")
    }
}

enum TestSystemWait {
    static func until(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }
}
