import CP
import Foundation
import Testing

/// The real VM/370 Release 6 CMS from ../shared/guests/cms-r6 in a virtual machine.
@Suite("CMS R6", .serialized)
struct CMSBootTests {
    static func system(disks: Bool) throws -> TestSystem? {
        guard let cms = SharedFiles.require("guests/cms-r6/CMS.segment"),
              let seg = SharedFiles.require("guests/cms-r6/CMSSEG.segment") else { return nil }
        let directory = """
        USER CMSUSER CMSUSER 15M 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
        """
        let config = """
        SAVESYS CMS 0 \(cms.path)
        SAVESYS CMSSEG 3840 \(seg.path)
        """
        return try TestSystem(directory: directory, configuration: config)
    }

    @Test func iplWithoutDisks() throws {
        guard let system = try Self.system(disks: false) else { return }
        let user = try system.logon("cmsuser")
        user.type("ipl cms", until: { $0.contains { $0.contains("CMS VERSION") } })
        user.waitForStatus(.vmRead, timeout: 5)
        print(user.terminal.lines, user.terminal.status)
        print(user.type("", timeout: 5))
        print(user.type("q disk", timeout: 5))
    }
}
