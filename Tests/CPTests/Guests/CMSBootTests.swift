import CP
import Foundation
import Testing

/// The real VM/370 Release 6 CMS from ../shared/guests/cms-r6 in a virtual
/// machine, with its real minidisks (copies: CMS writes to its A-disk). The
/// expected lines are those the README of that folder records under emx370;
/// with no 190 S-disk, only nucleus-resident commands work.
@Suite("CMS R6", .serialized)
struct CMSBootTests {
    /// A system with CMS and CMSSEG saved, and the four disks as full-pack
    /// 3350 volumes, linked as the README's test machine has them.
    static func system(disks: Bool, extraUsers: String = "") throws -> TestSystem? {
        guard let cms = SharedFiles.require("guests/cms-r6/CMS.segment"),
              let seg = SharedFiles.require("guests/cms-r6/CMSSEG.segment") else { return nil }
        var directory = """
        USER CMSUSER CMSUSER 15M 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
        """
        var config = """
        SAVESYS CMS 0 \(cms.path)
        SAVESYS CMSSEG 3840 \(seg.path)
        """
        var copies: URL? = nil
        if disks {
            let volumes: [(file: String, volser: String, address: String, cylinders: Int, mode: String)] = [
                ("cmsuser_191.cckd", "CMS191", "191", 115, "MR"),
                ("cmsuser_192.cckd", "CMS192", "192", 115, "MR"),
                ("cmsuser_195.cckd", "DSK195", "195", 94, "MR"),
                ("shared_19D.cckd", "MNT19D", "19D", 70, "RR"),
            ]
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cms-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            copies = scratch
            for volume in volumes {
                guard let source = SharedFiles.require("guests/cms-r6/\(volume.file)") else { return nil }
                let copy = scratch.appendingPathComponent(volume.file)
                try FileManager.default.copyItem(at: source, to: copy)
                // The shared originals are read-only; the copies must not be.
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy.path)
                config += "\nVOLUME \(volume.volser) 3350 \(copy.path)"
                directory += "\n MDISK \(volume.address) 3350 000 \(volume.cylinders) \(volume.volser) \(volume.mode)"
            }
        }
        let system = try TestSystem(directory: directory + "\n" + extraUsers, configuration: config)
        if let copies { system.removeAtEnd(copies) }
        return system
    }

    /// `Ready;` or `Ready(nnnnn);` with the CPU times and the time of day.
    static func isReady(_ line: String) -> Bool {
        line.range(of: #"^Ready(\(\d{5}\))?; T=\d+\.\d\d/\d+\.\d\d \d\d:\d\d:\d\d *$"#, options: .regularExpression) != nil
    }

    static func untilReady(_ lines: [String]) -> Bool { lines.contains(where: isReady) }
}

extension Session {
    /// A CMS command typed when CMS reads the console (as a user types at
    /// VM READ), and its response up to the Ready message.
    @discardableResult
    func cms(_ line: String, timeout: Double = 30) -> [String] {
        waitForStatus(.vmRead, timeout: timeout)
        return type(line, until: CMSBootTests.untilReady, timeout: timeout)
    }
}

extension CMSBootTests {

    @Test func iplWithoutDisksReachesTheFirstRead() throws {
        guard let system = try Self.system(disks: false) else { return }
        let user = try system.logon("cmsuser")
        let lines = user.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
        #expect(lines.contains("CMS VERSION 6.0 - 09/30/10 21:03"))
        #expect(user.waitForStatus(.vmRead, timeout: 10))
    }

    @Test func sessionWithRealMinidisks() throws {
        guard let system = try Self.system(disks: true) else { return }
        let user = try system.logon("cmsuser")
        let query = user.type("query virtual")
        #expect(query.contains("DASD 191 3350 CMS191 R/W    115 CYL"))
        #expect(query.contains("DASD 195 3350 DSK195 R/W     94 CYL"))
        #expect(query.contains("DASD 19D 3350 MNT19D R/O     70 CYL"))

        let ipl = user.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
        #expect(ipl.contains("CMS VERSION 6.0 - 09/30/10 21:03"))
        #expect(user.waitForStatus(.vmRead, timeout: 10))

        // The first input runs PROFILE EXEC from the 191: its GLOBAL and
        // ACCESS commands live on the missing S-disk.
        let profile = user.cms("")
        let moduleErrors = profile.filter { $0.hasSuffix("FROM DISK.") }
        #expect(moduleErrors.filter { $0.contains("'GLOBAL MODULE'") }.count == 2, "\(profile)")
        #expect(moduleErrors.filter { $0.contains("'ACCESS MODULE'") }.count == 4, "\(profile)")
        #expect(moduleErrors.allSatisfy { $0.contains("DMSMOD104S ERROR '3' READING FILE") })
        #expect(profile.contains("Error in EXEC file HELP, line 0 - File not found"))
        #expect(profile.last.map(Self.isReady) == true, "\(profile.map { "[\($0)]" })")

        let state = user.cms("state hello text a")
        #expect(state.last == state.first(where: Self.isReady) && state.last?.hasPrefix("Ready;") == true, "\(state)")

        let missing = user.cms("state nothere file a")
        #expect(missing.contains { $0.hasSuffix("File 'NOTHERE FILE A' not found.") }, "\(missing)")
        #expect(missing.last?.hasPrefix("Ready(00028);") == true)

        let erase = user.cms("erase nothere file a")
        #expect(erase.contains { $0.hasSuffix("File 'NOTHERE FILE A' not found.") }, "\(erase)")
        #expect(erase.last?.hasPrefix("Ready(00028);") == true)

        // LOAD reads HELLO TEXT from the 191 and writes LOAD MAP A there.
        let load = user.cms("load hello")
        #expect(load.contains("THE FOLLOWING NAMES ARE UNDEFINED:"), "\(load)")
        #expect(load.contains { $0.contains("@@CRT0") && $0.contains("PRINTF") })
        #expect(load.last?.hasPrefix("Ready(00004);") == true, "\(load)")
        let map = user.cms("state load map a")
        #expect(map.last?.hasPrefix("Ready;") == true, "\(map)")

        // CP commands through DIAGNOSE X'08'.
        let cpQuery = user.cms("cp query virtual")
        #expect(cpQuery.contains("DASD 191 3350 CMS191 R/W    115 CYL"), "\(cpQuery)")
        #expect(cpQuery.last?.hasPrefix("Ready;") == true)

        user.attention()
        let logoff = user.type("logoff", until: { $0.contains { $0.hasPrefix("LOGOFF AT") } })
        #expect(logoff.contains { $0.hasPrefix("LOGOFF AT") })
    }

    /// A second user links CMSUSER's 191 read-only (a directory LINK) and,
    /// after CMSUSER wrote a file there, IPLs CMS and finds it.
    @Test func readLinkSeesWhatTheOwnerWrote() throws {
        guard let system = try Self.system(disks: true, extraUsers: """
        USER READER READER 15M 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
         LINK CMSUSER 191 191 RR
         LINK CMSUSER 191 291 W
        """) else { return }
        let owner = try system.logon("cmsuser")
        owner.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
        owner.cms("")
        let load = owner.cms("load hello")
        #expect(load.last?.hasPrefix("Ready(00004);") == true, "\(load)")

        let reader = try system.logon("reader")
        // The W link is refused: CMSUSER has the disk R/W.
        #expect(reader.terminal.lines.contains { $0.hasSuffix("CMSUSER 191 NOT LINKED; R/W BY CMSUSER") },
                "\(reader.terminal.lines)")
        let query = reader.type("query virtual")
        #expect(query.contains("DASD 191 3350 CMS191 R/O    115 CYL"), "\(query)")
        reader.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
        reader.cms("")
        let map = reader.cms("state load map a")
        #expect(map.last?.hasPrefix("Ready;") == true, "\(map)")
    }

    /// A first start formats the users' disks on a volume it makes, the way
    /// IBM's CMS FORMAT leaves them: IBM's CMS accesses the new 191 as its
    /// A-disk and writes a file there.
    @Test func firstStartFormatsUsersDisksForCMS() throws {
        guard let cms = SharedFiles.require("guests/cms-r6/CMS.segment"),
              let seg = SharedFiles.require("guests/cms-r6/CMSSEG.segment"),
              let hello = SharedFiles.require("guests/cms-r6/cmsuser_191.cckd") else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-fmt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let old = scratch.appendingPathComponent("old191.cckd")
        try FileManager.default.copyItem(at: hello, to: old)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: old.path)
        let system = try TestSystem(directory: """
        USER CMSUSER CMSUSER 15M 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         MDISK 191 3350 001 010 NEWVOL MR
         MDISK 192 3350 000 115 CMS191 RR
        """, configuration: """
        SAVESYS CMS 0 \(cms.path)
        SAVESYS CMSSEG 3840 \(seg.path)
        VOLUME NEWVOL 3350 volumes/new.cckd CREATE
        VOLUME CMS191 3350 \(old.path)
        """)
        system.removeAtEnd(scratch)
        let report = system.cp.initializeVolumes()
        #expect(report.contains("CMSUSER 191 formatted for CMS, label CMS191"), "\(report)")
        #expect(system.cp.initializeVolumes().isEmpty, "only a volume made now is formatted")

        let user = try system.logon("cmsuser")
        user.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
        user.cms("")
        let missing = user.cms("state nothere file a")
        #expect(missing.last?.hasPrefix("Ready(00028);") == true, "\(missing)")
        // LOAD writes its LOAD MAP on the A-disk even when the TEXT file
        // is missing.
        let load = user.cms("load nothere")
        #expect(load.last.map(Self.isReady) == true, "\(load)")
        let map = user.cms("state load map a")
        #expect(map.last?.hasPrefix("Ready;") == true, "CMS wrote LOAD MAP on the new A-disk: \(map)")
    }

    /// What CMS wrote to its A-disk is on the volume after logoff: a new
    /// logon finds LOAD MAP A again.
    @Test func writesSurviveLogoff() throws {
        guard let system = try Self.system(disks: true) else { return }
        do {
            let user = try system.logon("cmsuser")
            user.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
            user.waitForStatus(.vmRead, timeout: 10)
            user.cms("")
            let before = user.cms("state load map a")
            #expect(before.last?.hasPrefix("Ready(00028);") == true, "the 191 has no LOAD MAP yet: \(before)")
            let load = user.cms("load hello")
            #expect(load.last?.hasPrefix("Ready(00004);") == true, "\(load)")
            user.attention()
            user.type("logoff", until: { $0.contains { $0.hasPrefix("LOGOFF AT") } })
        }
        let again = try system.logon("cmsuser")
        again.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
        again.waitForStatus(.vmRead, timeout: 10)
        again.cms("")
        let map = again.cms("state load map a")
        #expect(map.last?.hasPrefix("Ready;") == true, "\(map)")
    }
}
