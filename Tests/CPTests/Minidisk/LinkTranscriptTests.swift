import Foundation
import Testing
@testable import CP

/// The LINK command: passwords per mode (and ALL, LNKNOPAS, your own
/// disks), the prompt for a missing password, the mode rules between
/// users, DETACH of a link and QUERY LINKS.
@Suite("LINK", .serialized)
struct LinkTranscriptTests {
    static let configuration = MinidiskTranscriptTests.configuration

    static let directory = """
    USER ALICE ALICE 1M 2M G
     CONSOLE 009 3215
     MDISK 191 3350 001 010 VM67U0 MR RPASS WPASS MPASS
     MDISK 192 3350 011 005 VM67U0 RR ALL
     MDISK 193 3350 016 005 VM67U0 R
    USER BOB BOB 1M 2M G
     CONSOLE 009 3215
    USER MAINT MAINT 1M 2M G
     CONSOLE 009 3215
     OPTION LNKNOPAS
    """

    @Test func passwordsPerModeAndTheirErrors() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        _ = try system.logon("alice")
        let bob = try system.logon("bob")
        bob.type("set emsg on")
        #expect(bob.type("link alice 191 291 rr rpass") == [])
        #expect(bob.type("q 291") == ["DASD 291 3350 VM67U0 R/O     10 CYL"])
        #expect(bob.type("link to alice 191 as 292 rr pass=wrong") == ["DMKLNK116E PASSWORD INCORRECT"])
        #expect(bob.type("link alice 192 293 rr") == [], "ALL: no password")
        #expect(bob.type("link alice 193 294") == ["DMKLNK113E ALICE 193 NOT LINKED; NO READ PASSWORD"])
        #expect(bob.type("link alice 192 295 w") == ["DMKLNK114E ALICE 192 NOT LINKED; NO WRITE PASSWORD"])
        #expect(bob.type("link alice 199 296 rr x") == ["DMKLNK107E ALICE 199 NOT LINKED; NOT IN CP DIRECTORY"])
        #expect(bob.type("link zed 191 296") == ["DMKLNK053E ZED NOT IN CP DIRECTORY"])
        #expect(bob.type("link alice 191 291 rr rpass") == ["DMKLNK110E ALICE 191 NOT LINKED; DASD 291 ALREADY DEFINED"])
        #expect(bob.type("link alice 191") == ["DMKLNK022E VADDR MISSING OR INVALID"])
        #expect(bob.type("link") == ["DMKLNK020E USERID MISSING OR INVALID"])
        #expect(bob.type("link alice 191 297 rr rpass extra") == ["DMKCFC003E INVALID OPTION - EXTRA"])
        // LNKNOPAS: no password, no prompt.
        let maint = try system.logon("maint")
        #expect(maint.type("link alice 191 191 rr") == [])
        #expect(maint.type("q 191") == ["DASD 191 3350 VM67U0 R/O     10 CYL"])
    }

    @Test func aMissingPasswordIsAskedForUnseen() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        _ = try system.logon("alice")
        let bob = try system.logon("bob")
        #expect(bob.type("link alice 191 291 rr") == ["ENTER READ PASSWORD:"])
        #expect(bob.terminal.masks == 1)
        #expect(bob.type("rpass") == [])
        #expect(bob.type("q 291") == ["DASD 291 3350 VM67U0 R/O     10 CYL"])
        #expect(bob.type("link alice 191 391 mw") == ["ENTER MULT PASSWORD:"])
        #expect(bob.type("wpass") == ["PASSWORD INCORRECT"])
        #expect(bob.vm.deviceInfo[0x391] == nil)
        // After the answer, lines are commands again.
        #expect(bob.type("q 291") == ["DASD 291 3350 VM67U0 R/O     10 CYL"])
        // A command from outside a session cannot be prompted.
        #expect(bob.vm.execute(command: "link alice 191 392 rr", source: .remote).rc == 116)
    }

    @Test func modesBetweenUsersDetachAndQueryLinks() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        bob.type("set emsg on")
        // ALICE has 191 R/W (MR at logon).
        #expect(bob.type("link alice 191 391 w wpass") == ["DMKLNK105E ALICE 191 NOT LINKED; R/W BY ALICE"])
        #expect(bob.type("link alice 191 391 r rpass") == ["DMKLNK105E ALICE 191 NOT LINKED; R/W BY ALICE"])
        #expect(bob.type("link alice 191 391 mr mpass") == ["DMKLNK102W DASD 391 FORCED R/O; R/W BY ALICE"])
        #expect(bob.type("q 391") == ["DASD 391 3350 VM67U0 R/O     10 CYL"])
        #expect(bob.type("link alice 191 392 wr wpass") == ["DMKLNK102W DASD 392 FORCED R/O; R/W BY ALICE"])
        #expect(bob.type("link alice 191 393 mw mpass") == [])
        #expect(bob.type("q 393") == ["DASD 393 3350 VM67U0 R/W     10 CYL"])
        #expect(bob.type("link alice 191 394 rr rpass") == [])
        #expect(alice.type("q links 191") == ["ALICE    191 R/W, BOB      391 R/O, BOB      392 R/O, BOB      393 R/W",
                                              "BOB      394 R/O"])
        #expect(bob.type("detach 393") == ["DASD 393 DETACHED"])
        #expect(bob.type("detach 392") == ["DASD 392 DETACHED"])
        #expect(alice.type("q links 191") == ["ALICE    191 R/W, BOB      391 R/O, BOB      394 R/O"])
        // M: readers may stay, but ALICE still writes.
        #expect(bob.type("link alice 191 395 m mpass") == ["DMKLNK105E ALICE 191 NOT LINKED; R/W BY ALICE"])
        #expect(alice.type("detach 191") == ["DASD 191 DETACHED"])
        #expect(bob.type("link alice 191 395 m mpass") == [])
        #expect(bob.type("link alice 191 396 w wpass") == ["DMKLNK105E ALICE 191 NOT LINKED; R/W BY BOB"])
        // Her own disks: no password, the directory mode by default.
        #expect(alice.type("link * 192 292") == [])
        #expect(alice.type("q 292") == ["DASD 292 3350 VM67U0 R/O      5 CYL"])
        #expect(alice.type("link alice 191 191") == ["DASD 191 FORCED R/O; R/W BY BOB"])
        #expect(alice.type("q links 0c") == ["DEV 00C DOES NOT EXIST"])
    }
}
