import Foundation
import Testing
import CP

/// The vm67 CMS on CMS disks through DIAGNOSE X'18': copies of the real
/// VM/370 R6 disks and the system disk guest/cms builds, as full-pack
/// minidisks on 3350 volumes; ACCESS, QUERY DISK/SEARCH, LISTFILE, STATE,
/// TYPE, COPYFILE, RENAME and ERASE; IPL 190; one disk shared both ways with
/// IBM's CMS.
@Suite("vm67 CMS disks", .serialized)
struct VM67CMSDiskTests {
    /// A full-pack minidisk: a copy of an image file as a 3350 volume.
    struct Disk {
        let file: URL
        let volser: String
        let address: String
        let cylinders: Int
        var mode = "MR"

        /// One of the real CMS R6 disks of ../shared/guests/cms-r6.
        static func shared(_ name: String, _ volser: String, _ address: String, _ cylinders: Int,
                           mode: String = "MR") -> Disk? {
            guard let file = SharedFiles.require("guests/cms-r6/\(name).cckd") else { return nil }
            return Disk(file: file, volser: volser, address: address, cylinders: cylinders, mode: mode)
        }
        static var a191: Disk? { shared("cmsuser_191", "CMS191", "191", 115) }
        static var a192: Disk? { shared("cmsuser_192", "CMS192", "192", 115) }
        static var d19D: Disk? { shared("shared_19D", "MNT19D", "19D", 70, mode: "RR") }
        /// The system disk guest/cms builds.
        static var s190: Disk { Disk(file: VM67CMSImage.systemDisk, volser: "VM67SY", address: "190", cylinders: 5, mode: "RR") }
    }

    /// A system with the vm67 CMS saved (plus `config`), CMSUSER owning
    /// copies of `disks` as minidisks.
    static func system(_ disks: [Disk?], storage: String = "2M", config extra: String = "",
                       minidisks: String = "") throws -> TestSystem? {
        guard let nss = VM67CMSImage.build() else { return nil }
        var directory = """
        USER CMSUSER CMSUSER \(storage) 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
        """
        var config = "SAVESYS CMS 0 \(nss.path)\n" + extra
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cmsdisks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        for disk in disks {
            guard let disk else { return nil }
            let copy = scratch.appendingPathComponent("\(disk.volser)-\(disk.file.lastPathComponent)")
            try FileManager.default.copyItem(at: disk.file, to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy.path)
            config += "\nVOLUME \(disk.volser) 3350 \(copy.path)"
            directory += "\n MDISK \(disk.address) 3350 000 \(disk.cylinders) \(disk.volser) \(disk.mode)"
        }
        let system = try TestSystem(directory: directory + "\n" + minidisks, configuration: config)
        system.removeAtEnd(scratch)
        return system
    }

    static func booted(_ disks: [Disk?]) throws -> (TestSystem, Session)? {
        guard let system = try Self.system(disks) else { return nil }
        let user = try system.logon("cmsuser")
        user.type("ipl cms", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        return (system, user)
    }

    static func command(_ user: Session, _ line: String) -> [String] { VM67CMSTests.command(user, line) }

    @Test func accessListAndType() throws {
        guard let (_, user) = try Self.booted([Disk.a191, Disk.d19D]) else { return }
        let disk = Self.command(user, "query disk a")
        #expect(disk.contains("A (191): 9 FILES; 41 REC IN USE, 65490 LEFT (of 65531), 0% FULL (115 CYL), 3350, R/W"), "\(disk)")
        let access = Self.command(user, "access 19d d")
        #expect(access.contains("DMSACC723I D (19D) R/O"), "\(access)")
        let search = Self.command(user, "q search")
        #expect(search.contains("CMS191 191 A   R/W") && search.contains("MNT19D 19D D   R/O"), "\(search)")
        let list = Self.command(user, "listfile * * a")
        #expect(list.contains("PROFILE  EXEC     A1") && list.contains("WORKLEN  TESTFILE A1"), "\(list)")
        #expect(list.filter { $0.hasSuffix(" A1") }.count == 9, "\(list)")
        let labels = Self.command(user, "listfile hello * a (label")
        #expect(labels.contains { $0.hasPrefix("HELLO    C        A1 V    40      4      1 07/14/10 21:46") && $0.hasSuffix("CMS191") }, "\(labels)")
        let type = Self.command(user, "type hello c")
        #expect(type.first == "#include <stdio.h>", "\(type)")
        #expect(type.contains { $0.contains("Good morning... from HELLO!") }, "\(type)")
        #expect(Self.command(user, "state hello c a").last?.hasPrefix("Ready;") == true)
        let missing = Self.command(user, "state nothere file a")
        #expect(missing.contains("DMSSTT002E FILE 'NOTHERE FILE A' NOT FOUND"), "\(missing)")
        #expect(missing.last?.hasPrefix("Ready(00028);") == true, "\(missing)")
        let help = Self.command(user, "listfile * helpcmd d")
        #expect(help.count > 50, "\(help.count) HELPCMD files on 19D")
        let ro = Self.command(user, "erase fsctl helpcmd d")
        #expect(ro.contains("DMSERS037E DISK 'D' IS READ/ONLY"), "\(ro)")
    }

    @Test func copyRenameErase() throws {
        guard let (_, user) = try Self.booted([Disk.a191]) else { return }
        let copy = Self.command(user, "copyfile testcmd c a test2 c a")
        #expect(copy.last?.hasPrefix("Ready;") == true, "\(copy)")
        let original = Self.command(user, "type testcmd c a")
        let copied = Self.command(user, "type test2 c a")
        #expect(original.count > 60 && copied.dropLast() == original.dropLast(), "\(copied.prefix(3))")
        let again = Self.command(user, "copyfile testcmd c a test2 c a")
        #expect(again.contains("DMSCPY024E FILE 'TEST2 C A' ALREADY EXISTS -- SPECIFY 'REPLACE'"), "\(again)")
        #expect(Self.command(user, "copyfile hello c a test2 c a (replace").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(user, "type test2 c").first == "#include <stdio.h>")
        let rename = Self.command(user, "rename test2 c a test3 = =")
        #expect(rename.last?.hasPrefix("Ready;") == true, "\(rename)")
        #expect(Self.command(user, "state test2 c a").last?.hasPrefix("Ready(00028);") == true)
        let exists = Self.command(user, "rename test3 c a hello c a")
        #expect(exists.contains("DMSRNM024E FILE 'HELLO C A' ALREADY EXISTS"), "\(exists)")
        #expect(Self.command(user, "erase test3 c a").last?.hasPrefix("Ready;") == true)
        let gone = Self.command(user, "erase test3 c a")
        #expect(gone.contains("DMSERS002E FILE 'TEST3 C A' NOT FOUND"), "\(gone)")
        // Back where it started: the same blocks in use.
        let disk = Self.command(user, "q disk")
        #expect(disk.contains { $0.hasPrefix("A (191): 9 FILES; 41 REC IN USE") }, "\(disk)")
        // A copy in F 80 of V records, and many files by pattern.
        #expect(Self.command(user, "copyfile profile exec a profile fixed a (recfm f lrecl 80").last?.hasPrefix("Ready;") == true)
        let fixed = Self.command(user, "listfile profile fixed a (date")
        #expect(fixed.contains { $0.hasPrefix("PROFILE  FIXED    A1 F    80     13      2 ") }, "\(fixed)")
        #expect(Self.command(user, "copyfile * exec a = execcopy a").last?.hasPrefix("Ready;") == true)
        let copies = Self.command(user, "listfile * execcopy a")
        #expect(copies.filter { $0.hasSuffix("EXECCOPY A1") }.count == 3, "\(copies)")
        // Several sources onto one name: the second finds the first there.
        let clash = Self.command(user, "copyfile testcmd * a = samename a")
        #expect(clash.contains("DMSCPY024E FILE 'TESTCMD SAMENAME A' ALREADY EXISTS -- SPECIFY 'REPLACE'"), "\(clash)")
        #expect(Self.command(user, "erase * execcopy").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(user, "listfile * execcopy a").contains("DMSLST002E FILE NOT FOUND"))
    }

    @Test func unformattedAndMissingDisks() throws {
        guard let (_, user) = try Self.booted([Disk.a192]) else { return }
        #expect(user.terminal.lines.contains("DMSACC113S A(191) NOT ATTACHED") == false)
        let missing = Self.command(user, "access 193 b")
        #expect(missing.contains("DMSACC113S B(193) NOT ATTACHED"), "\(missing)")
        #expect(missing.last?.hasPrefix("Ready(00100);") == true, "\(missing)")
        let b = Self.command(user, "access 192 b")
        #expect(b.last?.hasPrefix("Ready;") == true, "\(b)")
        let q = Self.command(user, "q disk b")
        #expect(q.contains { $0.hasPrefix("B (192): 129 FILES;") }, "\(q)")
        #expect(Self.command(user, "release b").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(user, "q disk b").contains("DMSQRY069E DISK 'B' NOT ACCESSED"))
    }

    /// Both ways with IBM's CMS: vm67 CMS copies, renames and erases on a
    /// copy of the real 191; VM/370 R6 CMS (CMS.segment) then finds exactly
    /// those files and erases one itself; vm67 CMS sees that.
    @Test func realCMSAndVM67CMSShareADisk() throws {
        guard let real = SharedFiles.require("guests/cms-r6/CMS.segment"),
              let segment = SharedFiles.require("guests/cms-r6/CMSSEG.segment"),
              let system = try Self.system([Disk.a191], storage: "15M", config: """
              SAVESYS CMSR6 0 \(real.path)
              SAVESYS CMSSEG 3840 \(segment.path)
              """) else { return }
        let user = try system.logon("cmsuser")
        user.type("ipl cms", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(Self.command(user, "copyfile cms exec a vm67 exec a (recfm v").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(user, "erase hello text a").last?.hasPrefix("Ready;") == true)
        #expect(Self.command(user, "rename testblks exec a testblks newname a").last?.hasPrefix("Ready;") == true)

        user.type("cp ipl cmsr6", until: { $0.contains { $0.contains("CMS VERSION 6.0") } })
        user.waitForStatus(.vmRead, timeout: 10)
        // IBM's CMS writes its Ready without a carrier return, so a command's
        // output is checked in the whole transcript.
        let mark = user.terminal.lines.count
        for line in ["", "state vm67 exec a", "state testblks newname a", "state hello text a", "erase worklen testfile a"] {
            user.type(line, timeout: 20)
            user.waitForStatus(.vmRead, timeout: 10)
        }
        let ibm = user.terminal.lines(after: mark)
        // ENTER ran the PROFILE EXEC (its modules are missing: no S-disk).
        #expect(ibm.contains { $0.hasPrefix("Error in EXEC file HELP") }, "\(ibm)")
        #expect(ibm.contains("File 'HELLO TEXT A' not found."), "\(ibm)")
        #expect(!ibm.contains { $0.hasPrefix("File 'VM67") || $0.hasPrefix("File 'TESTBLKS") || $0.hasPrefix("File 'WORKLEN") }, "\(ibm)")
        #expect(!ibm.contains { $0.hasPrefix("DMS") && !$0.hasPrefix("DMSMOD104S") }, "\(ibm)")
        user.type("cp ipl cms", until: { $0.contains { $0.hasPrefix("VM67 CMS") } })
        user.waitForStatus(.vmRead, timeout: 10)
        let list = Self.command(user, "listfile * * a")
        #expect(list.filter { $0.hasSuffix(" A1") }.count == 8, "\(list)")
        #expect(!list.contains { $0.hasPrefix("WORKLEN") } && list.contains("VM67     EXEC     A1"), "\(list)")
        let type = Self.command(user, "type vm67 exec a 1 1")
        #expect(type.first?.contains("WORKLEN  TESTFILE  A1  F    80") == true, "\(type)")
        // The blocks IBM's CMS freed are free: the totals add up.
        let disk = Self.command(user, "q disk a")
        #expect(disk.contains { $0.hasPrefix("A (191): 8 FILES; ") }, "\(disk)")
        #expect(Self.command(user, "copyfile testcmd text a big text a").last?.hasPrefix("Ready;") == true)
    }

    /// The system disk guest/cms builds: IPL 190 boots the nucleus from the
    /// file CMSNUC NUCLEUS through the bootstrap in blocks 1–2, and the disk
    /// is then the S-disk.
    @Test func iplFromTheSystemDisk() throws {
        guard VM67CMSImage.build() != nil, let system = try Self.system([Disk.s190]) else { return }
        let user = try system.logon("cmsuser")
        user.type("ipl 190", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(user.terminal.lines.contains { $0.hasPrefix("VM67 CMS RELEASE") }, "\(user.terminal.lines)")
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        let disk = Self.command(user, "q disk s")
        // The nucleus, the system's PROFILE EXEC and a HELPCMD file for every command.
        #expect(disk.contains { $0.hasPrefix("S (190): ") && $0.hasSuffix("(5 CYL), 3350, R/O") }, "\(disk)")
        #expect(Self.command(user, "listfile * helpcmd s").count > 20)
        #expect(Self.command(user, "state profile exec s").last?.hasPrefix("Ready;") == true)
        let list = Self.command(user, "listfile * * s (date")
        #expect(list.contains { $0.hasPrefix("CMSNUC   NUCLEUS  S2 F   800") }, "\(list)")
        #expect(Self.command(user, "q search").contains("VM67SY 190 S   R/O"))
    }

    /// FORMAT on a minidisk of a volume CP creates: prompts, the 800-byte
    /// records on every track, an empty CMS disk accessed; then files.
    @Test func formatANewMinidisk() throws {
        guard let system = try Self.system([Disk.s190], config: "VOLUME VM67U0 3350 volumes/vm67u0.cckd CREATE",
                                           minidisks: " MDISK 191 3350 001 003 VM67U0 MR") else { return }
        let user = try system.logon("cmsuser")
        user.type("ipl 190", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(user.terminal.lines.contains("DMSACC112S A(191) IS NOT A CMS FORMATTED DISK"), "\(user.terminal.lines)")
        user.waitForStatus(.vmRead)
        let ask = user.type("format 191 a", until: { $0.contains { $0.hasPrefix("DMSFOR603R") } })
        #expect(ask.contains("DMSFOR603R FORMAT WILL ERASE ALL FILES ON DISK 'A(191)'. DO YOU WISH TO CONTINUE? (YES|NO):"), "\(ask)")
        user.waitForStatus(.vmRead)
        #expect(user.type("yes", until: { $0.contains { $0.hasPrefix("DMSFOR605R") } }).contains("DMSFOR605R ENTER DISK LABEL:"))
        user.waitForStatus(.vmRead)
        let done = user.type("new191", until: { $0.contains(where: VM67CMSTests.isReady) }, timeout: 60)
        #expect(done.contains("DMSFOR733I FORMATTING DISK 'A'."), "\(done)")
        #expect(done.contains("DMSFOR732I 3 CYLINDERS FORMATTED ON DISK 'A(191)'."), "\(done)")
        #expect(done.last?.hasPrefix("Ready;") == true, "\(done)")
        let disk = Self.command(user, "q disk a")
        #expect(disk.contains("A (191): 0 FILES; 5 REC IN USE, 1705 LEFT (of 1710), 0% FULL (3 CYL), 3350, R/W"), "\(disk)")
        #expect(Self.command(user, "q search").contains("NEW191 191 A   R/W"))
        #expect(Self.command(user, "copyfile cmsnuc nucleus s = = a").last?.hasPrefix("Ready;") == true)
        let list = Self.command(user, "listfile * * a")
        #expect(list.contains("CMSNUC   NUCLEUS  A2"), "\(list)")
        // Answering NO leaves the disk alone; LABEL only relabels.
        user.type("format 191 a", until: { $0.contains { $0.hasPrefix("DMSFOR603R") } })
        user.waitForStatus(.vmRead)
        #expect(user.type("no", until: { $0.contains(where: VM67CMSTests.isReady) }).last?.hasPrefix("Ready;") == true)
        user.type("format 191 a (label", until: { $0.contains { $0.hasPrefix("DMSFOR605R") } })
        user.waitForStatus(.vmRead)
        user.type("mine", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(Self.command(user, "q search").contains("MINE   191 A   R/W"))
        #expect(Self.command(user, "listfile * * a").contains("CMSNUC   NUCLEUS  A2"))
    }
}
