import Foundation
import Media
import Testing
@testable import CP

/// Minidisks on real volumes: the volume made on first use, the link mode
/// rules between users (spec §6), temporary disks from the T-disk space.
@Suite("Minidisks", .serialized)
struct MinidiskTranscriptTests {
    static let configuration = """
    VOLUME VM67U0 3350 volumes/vm67u0.cckd CREATE
    TDISK  VM67U0 100 20
    """

    static let directory = """
    USER ALICE ALICE 1M 2M G
     MDISK 191 3350 001 010 VM67U0 MR
    USER BOB BOB 1M 2M G
     LINK ALICE 191 291 RR
     LINK ALICE 191 391 MR
    USER CAROL CAROL 1M 2M G
     LINK ALICE 191 191 R
     LINK NOBODY 191 192 RR
    USER DAVE DAVE 1M 2M G
     MDISK 191 3350 001 010 NOVOL MR
    USER ERIN ERIN 1M 2M G
     LINK ALICE 191 191 W
     MDISK 1A0 3350 T-DISK 3
    """

    @Test func volumeIsCreatedAndLinkModesFollowTheRules() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        let alice = try system.logon("alice")
        let image = system.stateDirectory.appendingPathComponent("volumes/vm67u0.cckd").path
        #expect(FileManager.default.fileExists(atPath: image))
        #expect(alice.type("query virtual").contains("DASD 191 3350 VM67U0 R/W     10 CYL"))

        // RR always; MR falls back to a read link while ALICE writes.
        let bob = try system.logon("bob")
        #expect(bob.terminal.lines.contains { $0.hasSuffix("DASD 391 FORCED R/O; R/W BY ALICE") }, "\(bob.terminal.lines)")
        let bobDisks = bob.type("query virtual")
        #expect(bobDisks.contains("DASD 291 3350 VM67U0 R/O     10 CYL"))
        #expect(bobDisks.contains("DASD 391 3350 VM67U0 R/O     10 CYL"))

        // R is refused while someone writes; a link to a user who does not exist too.
        let carol = try system.logon("carol")
        #expect(carol.terminal.lines.contains { $0.hasSuffix("ALICE 191 NOT LINKED; R/W BY ALICE") }, "\(carol.terminal.lines)")
        #expect(carol.terminal.lines.contains { $0.hasSuffix("NOBODY 191 NOT LINKED; NOT IN CP DIRECTORY") })

        // A minidisk on a volume the system does not have.
        let dave = try system.logon("dave")
        #expect(dave.terminal.lines.contains { $0.hasSuffix("DAVE 191 NOT LINKED; VOLID NOVOL NOT MOUNTED") }, "\(dave.terminal.lines)")
        #expect(dave.terminal.lines.last?.hasPrefix("LOGON AT") == true)

        // W needs no links at all: refused while BOB reads, granted once
        // ALICE and BOB are gone.
        let erin = try system.logon("erin")
        #expect(erin.terminal.lines.contains { $0.hasSuffix("ALICE 191 NOT LINKED; R/W BY ALICE") }, "\(erin.terminal.lines)")
        erin.type("logoff")
        alice.type("logoff")
        bob.type("logoff")
        carol.type("logoff")
        let erinAgain = try system.logon("erin")
        #expect(!erinAgain.terminal.lines.contains { $0.contains("NOT LINKED") }, "\(erinAgain.terminal.lines)")
        #expect(erinAgain.type("query virtual").contains("DASD 191 3350 VM67U0 R/W     10 CYL"))
    }

    @Test func temporaryDisksComeFromThePoolAndGoBack() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        let erin = try system.logon("erin")
        #expect(erin.type("query virtual").contains("DASD 1A0 3350 (TEMP) R/W      3 CYL"))
        #expect(erin.type("define t3350 as 192 cyl 5") == ["DASD 192 DEFINED"])
        #expect(erin.type("define t3350 193 13").contains { $0.hasSuffix("TEMP SPACE NOT AVAILABLE") })
        #expect(erin.type("define t3350 as 192 cyl 1").contains { $0.hasSuffix("ALREADY DEFINED") })
        #expect(erin.type("detach 192") == ["DASD 192 DETACHED"])
        #expect(erin.type("define t3350 193 12") == ["DASD 193 DEFINED"])
        #expect(erin.type("define t3330 194 1").contains { $0.hasSuffix("TEMP SPACE NOT AVAILABLE") },
                "the pool is on a 3350 volume")
        erin.type("logoff")
        // Everything went back at logoff.
        #expect(system.cp.temporaryDisks.freeCylinders == 20)
    }

    /// What one holder of T-disk space wrote is gone before the next
    /// holder sees it.
    @Test func temporarySpaceIsClearedBeforeReuse() throws {
        let system = try TestSystem(directory: Self.directory, configuration: Self.configuration)
        let erin = try system.logon("erin")
        #expect(erin.type("define t3350 as 192 cyl 2") == ["DASD 192 DEFINED"])
        let info = try #require(erin.vm.deviceInfo[0x192]?.temporaryAllocation)
        let volume = try system.cp.volumes.volume("VM67U0")
        // A record the first holder "wrote" on its first track.
        var track = TrackImage.empty(cylinder: info.firstCylinder, head: 0)
        track.removeLast(8)
        track += [UInt8(info.firstCylinder >> 8), UInt8(info.firstCylinder & 0xFF), 0, 0, 1, 0, 0, 4, 0xC1, 0xC2, 0xC3, 0xC4]
        track += TrackImage.endOfTrack
        try volume.writeTrack(cylinder: info.firstCylinder, head: 0, track)
        #expect(erin.type("detach 192") == ["DASD 192 DETACHED"])
        #expect(erin.type("define t3350 as 195 cyl 2") == ["DASD 195 DEFINED"])
        let reused = try #require(erin.vm.deviceInfo[0x195]?.temporaryAllocation)
        #expect(reused.firstCylinder == info.firstCylinder)
        let cleared = try volume.readTrack(cylinder: info.firstCylinder, head: 0)
        #expect(Array(cleared.prefix(TrackImage.empty(cylinder: info.firstCylinder, head: 0).count))
                == TrackImage.empty(cylinder: info.firstCylinder, head: 0))
    }
}
