import BareMachine
import Devices
import Foundation
import Testing

/// OS/VS1 Release 6.0 (../shared/guests/osvs1): IPL from the restored
/// DLIBA1 through NIP, the operator's replies and JES to `PARTITION
/// WAITING FOR WORK`, then the README's HELLO job from the reader to the
/// 1403. The bare machine's TOD clock starts not set, so NIP asks for the
/// date and time (as under simh); the replies give 76.001 00.00.00.
///
/// Time (debug build, two cores shared with other builds): the restore,
/// run once and shared with TapeIPLTests, takes about 95 s; this test about
/// 95 s more (NIP to PARTITION WAITING FOR WORK, then the job). A release
/// `vm67 machine` runs the whole chain in about 8 s of CPU.
@Suite("OS/VS1 on the bare machine", .serialized)
struct OSVS1Tests {
    static let iplMessages = [
        "IEA760A SPECIFY VIRTUAL STORAGE SIZE",
        "IEA101A SPECIFY SYSTEM AND/OR SET PARAMETERS FOR RELEASE 06.0E OS/VS1",
        "IEA210I  SYS1.PAGE ALLOCATED ON DLIBA1",
        "IEE140I SYSTEM CONSOLES",
        "IEE048I INITIALIZATION COMPLETED",
        "IEF005I PARTITION WAITING FOR WORK  P00",
    ]

    @Test func iplToPartitionWaitingForWorkAndTheHelloJob() throws {
        guard let restore = StarterSystem.restored(),
              let osvs1 = SharedFiles.require("guests/osvs1") else { return }
        let scratch = try StarterSystem.scratchDirectory("vs1-ipl")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let volume = scratch.appendingPathComponent("dliba1.3330").path
        try FileManager.default.copyItem(atPath: restore.volume, toPath: volume)
        let printer = scratch.appendingPathComponent("prt00e.txt")
        let (m, console) = try TapeIPLTests.machine("""
            ARCHMODE S/370
            MAINSIZE 8
            001F 3215
            000C 3505
            000E 1403 prt00e.txt crlf
            0150 3330 \(volume)
            """, baseDirectory: scratch.path)
        defer { m.powerOff() }
        let operator_ = ConsoleOperator(machine: m, console: console)

        #expect(m.command("ipl 150").first?.contains("complete") == true)
        // NIP's questions: it reads the console after each.
        try operator_.answer("IEA760A", "")
        try operator_.answer("IEA101A", "r 00,'auto=starter,page=(v=dliba1,blk=4096),q=(,f)'")
        try operator_.answer("IEE058A", "r 00,'date=76.001,clock=00.00.00,gmt'")
        try operator_.answer("IEE055A", "r 00,'date=76.001,clock=00.00.00'")
        try operator_.answer("IEA135A", "")
        // The master scheduler's replies: typed with the request key.
        try operator_.reply("IEF068A  VOLUME DLIBA1 REQUIRES FORMATTING", "r 00,'formatv'")
        try operator_.reply("IEC107D E 150,DLIBA1,MASTER,SCHEDULR,SYS1.SYSPOOL", "r 01,u")
        try operator_.reply("IEC107D E 150,DLIBA1,MASTER,SCHEDULR,SYS1.SYSWADS", "r 02,u")
        try operator_.waitFor("IEF005I PARTITION WAITING FOR WORK")
        #expect(operator_.inOrder(Self.iplMessages), "\(operator_.lines.suffix(30))")

        // The writer, then the HELLO job on the reader.
        try operator_.reply("IEF005I PARTITION WAITING FOR WORK", "startf ,00e")
        try operator_.waitFor("IEF868I 00E WTR WAITING FOR WORK")
        let jcl = osvs1.appendingPathComponent("cards/hello.jcl").path
        #expect(m.command("attach 00c 3505 \(jcl) ascii eof").first?.contains("attached") == true)
        try operator_.reply("IEF868I 00E WTR WAITING FOR WORK", "startf ,00c")
        try operator_.waitFor("IEF404I HELLO    ENDED", seconds: 900)
        try operator_.waitFor("IEF049I HELLO    ON DEVICE 00E")
        #expect(operator_.inOrder(["IEF039I 00C RDR WAITING FOR WORK", "IEF403I HELLO    STARTED",
                                   "IEF404I HELLO    ENDED", "IEF049I HELLO    ON DEVICE 00E"]))

        // The printer file is Hercules' line for line: NIP's nucleus map, then
        // the job (its output holds no dates).
        let expected = try Self.printed(String(contentsOf: osvs1.appendingPathComponent("expected/prt00e.txt"), encoding: .isoLatin1))
        var printed: [String] = []
        _ = TapeIPLTests.eventually(120) {
            printed = Self.printed((try? String(contentsOf: printer, encoding: .isoLatin1)) ?? "")
            return printed.count >= expected.count
        }
        let job = printed.drop { !$0.contains("//HELLO    JOB") }
        #expect(job.filter { $0.contains("IEF142I - STEP WAS EXECUTED - COND CODE 0000") }.count == 2)
        #expect(job.contains { $0.hasSuffix("HELLO FROM OS/VS1 RELEASE 6 STARTER SYSTEM") })
        #expect(job.contains { $0.hasPrefix("IEF285I   SYS1.PARMLIB") && $0.hasSuffix("KEPT") })
        #expect(printed.first?.hasPrefix("IEAAIH00  000000    IEAIOS00  000B80") == true, "the nucleus map")
        #expect(printed == expected)
    }

    /// A printer file's lines, carriage returns dropped.
    static func printed(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
    }
}
