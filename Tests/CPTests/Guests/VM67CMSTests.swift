import CP
import Foundation
import Testing

/// The vm67 CMS (guest/cms) IPLed as the named saved system CMS: greeting,
/// Ready, CP pass-through, QUERY/SET, and recovery from program checks.
@Suite("vm67 CMS", .serialized)
struct VM67CMSTests {
    static func system() throws -> TestSystem? {
        guard let nss = VM67CMSImage.build() else { return nil }
        let directory = """
        USER CMSUSER CMSUSER 2M 16M G
         CONSOLE 009 3215
         SPOOL 00C 2540 READ *
        """
        return try TestSystem(directory: directory, configuration: "SAVESYS CMS 0 \(nss.path)")
    }

    static func isReady(_ line: String) -> Bool {
        line.hasPrefix("Ready") || line.hasPrefix("R;") || line.hasPrefix("R(")
    }

    /// Logs on and IPLs CMS; the session sits in VM READ after `Ready;`.
    static func boot(_ system: TestSystem) throws -> Session {
        let user = try system.logon("cmsuser")
        user.type("ipl cms", until: { $0.contains(where: isReady) })
        #expect(user.waitForStatus(.vmRead, timeout: 10), "CMS does not read the console")
        return user
    }

    /// Types a CMS command and returns its output up to its Ready message.
    static func command(_ user: Session, _ line: String) -> [String] {
        user.type(line, until: { $0.contains(where: isReady) })
    }

    @Test func iplGreetsAndIsReady() throws {
        guard let system = try Self.system() else { return }
        let user = try Self.boot(system)
        let lines = user.terminal.lines
        #expect(lines.contains { $0.hasPrefix("VM67 CMS RELEASE ") }, "\(lines)")
        let ready = lines.first(where: Self.isReady) ?? ""
        #expect(ready.wholeMatch(of: /Ready; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d/) != nil, "\(lines)")
        // Boot is cheap: well under 100 ms of guest execution. Counted in
        // instructions (at vm67's 100+ MIPS, 200,000 are about 2 ms), never
        // timed: a test must not depend on how loaded the host is.
        let instructions = user.vm.machine.state.instructionCount
        #expect(instructions < 200_000, "IPL to Ready took \(instructions) instructions")
    }

    @Test func cpPassThroughAndImpliedCP() throws {
        guard let system = try Self.system() else { return }
        let user = try Self.boot(system)
        let explicit = Self.command(user, "cp query users")
        #expect(explicit.contains { $0.contains("USERS,") }, "\(explicit)")
        #expect(explicit.last.map(Self.isReady) == true && explicit.last?.hasPrefix("Ready;") == true, "\(explicit)")
        let implied = Self.command(user, "q users")
        #expect(implied.contains { $0.contains("USERS,") }, "\(implied)")
        // CP's errors come back as the return code.
        let bad = Self.command(user, "cp query nonsense")
        #expect(bad.contains { $0.contains("NONSENSE NOT LOGGED ON") }, "\(bad)")
        #expect(bad.last?.hasPrefix("Ready(00045);") == true, "\(bad)")
        let unknown = Self.command(user, "cp frobnicate")
        #expect(unknown.last?.hasPrefix("Ready(00001);") == true, "\(unknown)")
        // QUERY and SET operands CMS does not have go to CP.
        let names = Self.command(user, "query users")
        #expect(names.contains { $0.contains("USERS,") }, "\(names)")
    }

    @Test func unknownCommand() throws {
        guard let system = try Self.system() else { return }
        let user = try Self.boot(system)
        let lines = Self.command(user, "frobnicate now")
        #expect(lines.contains("Unknown CP/CMS command"), "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("DMKCFC") }, "CP's own message is not shown: \(lines)")
        #expect(lines.last?.hasPrefix("Ready(-0003);") == true, "\(lines)")
        Self.command(user, "set impcp off")
        #expect(Self.command(user, "query impcp").contains("IMPCP = OFF"))
        let unknown = Self.command(user, "frobnicate")
        #expect(unknown.contains("Unknown CMS command"), "\(unknown)")
    }

    @Test func querySet() throws {
        guard let system = try Self.system() else { return }
        let user = try Self.boot(system)
        #expect(Self.command(user, "query impcp").contains("IMPCP = ON"))
        #expect(Self.command(user, "q rdymsg").contains("RDYMSG = LMSG"))
        // 2 MB: the user area from the first 64 KB boundary after the nucleus
        // and its stacks (the link map's __free_start; X'20000' at the least)
        // up to the nucleus's free storage, the top 256 KB.
        let map = try String(contentsOf: VM67CMSImage.directory.appendingPathComponent("build/cms.map"), encoding: .utf8)
        let freeStart = try #require(map.split(separator: "\n").first { $0.contains("__free_start = ") }
            .flatMap { $0.split(separator: " ").first { $0.hasPrefix("0x") } }
            .flatMap { UInt32($0.dropFirst(2), radix: 16) })
        let userStart = max(0x20000, (freeStart + 0xFFFF) & ~0xFFFF)
        let expected = "STORAGE = 2048K, USER AREA " + String(format: "%06X", userStart) + "-1BFFFF"
        #expect(Self.command(user, "q storage").contains(expected), "\(expected)")
        let short = Self.command(user, "set rdymsg smsg")
        #expect(short.last?.hasPrefix("R; T=") == true, "\(short)")
        let bad = Self.command(user, "set rdymsg nonsense")
        #expect(bad.contains("DMSSET026E INVALID PARAMETER 'NONSENSE' FOR 'RDYMSG' FUNCTION"), "\(bad)")
        #expect(bad.last?.hasPrefix("R(00024);") == true, "\(bad)")
        Self.command(user, "set rdymsg lmsg")
        #expect(Self.command(user, "query").contains("DMSQRY047E NO FUNCTION SPECIFIED"))
    }

    @Test func programReturnsItsReturnCode() throws {
        guard let system = try Self.system() else { return }
        let user = try Self.boot(system)
        // LA 15,42 ; BR 14
        Self.command(user, "cp store 60000 41F0002A 07FE")
        let lines = Self.command(user, "start 60000")
        #expect(lines.contains("Execution begins..."), "\(lines)")
        #expect(lines.last?.hasPrefix("Ready(00042);") == true, "\(lines)")
    }

    @Test func programCheckReturnsToReady() throws {
        guard let system = try Self.system() else { return }
        let user = try Self.boot(system)
        Self.command(user, "cp store 60000 00000000")
        let lines = Self.command(user, "start 60000")
        #expect(lines.contains("DMSITP141T OPERATION EXCEPTION OCCURRED AT 060000 IN ROUTINE START"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("DMSABN148T SYSTEM ABEND 0C1") }, "\(lines)")
        #expect(lines.last.map(Self.isReady) == true, "\(lines)")
        // The nucleus still works, and survives it again.
        #expect(Self.command(user, "query impcp").contains("IMPCP = ON"))
        let again = Self.command(user, "start 60000")
        #expect(again.contains { $0.hasPrefix("DMSABN148T") }, "\(again)")
        // An SVC CMS does not provide: SVC 255.
        Self.command(user, "cp store 60000 0AFF07FE")
        let svc = Self.command(user, "start 60000")
        #expect(svc.contains { $0.hasPrefix("DMSITS136T UNSUPPORTED SVC 255") }, "\(svc)")
        #expect(svc.last.map(Self.isReady) == true, "\(svc)")
        #expect(Self.command(user, "q impcp").contains("IMPCP = ON"))
    }

    @Test func programRunsACommandWithSVC202() throws {
        guard let system = try Self.system() else { return }
        let user = try Self.boot(system)
        // LA 1,16(,15) ; SVC 202 ; BR 14 ; at +16 the PLIST QUERY IMPCP and the fence.
        Self.command(user, "cp store 60000 4110F010 0ACA07FE 00000000 00000000")
        Self.command(user, "cp store 60010 D8E4C5D9 E8404040 C9D4D7C3 D7404040 FFFFFFFF FFFFFFFF")
        let lines = Self.command(user, "start 60000")
        #expect(lines.contains("IMPCP = ON"), "\(lines)")
        #expect(lines.last?.hasPrefix("Ready;") == true, "\(lines)")
        // A command neither CMS nor CP knows: its return code comes back in R15.
        Self.command(user, "cp store 60010 C6D9D6C2 40404040 FFFFFFFF FFFFFFFF")
        let unknown = Self.command(user, "start 60000")
        #expect(unknown.contains("Unknown CP/CMS command"), "\(unknown)")
        #expect(unknown.last?.hasPrefix("Ready(-0003);") == true, "\(unknown)")
    }
}
