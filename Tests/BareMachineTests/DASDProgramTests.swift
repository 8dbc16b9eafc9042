import Assembler
import BareMachine
import Devices
import Foundation
import Media
import S370Core
import Testing

/// Real channel programs on real volumes: a stand-alone program reads the
/// label of the CMS 191 minidisk, another formats and rewrites records on a
/// fresh 3330, and a machine IPLs from a disk.
@Suite("DASD programs", .serialized)
struct DASDProgramTests {
    /// Assembles `body` (which starts at BEGIN and ends in LPSW GOOD or
    /// LPSW BAD) with the common low-core layout and an I/O subroutine, and
    /// returns the assembly (its IPL deck loads it from cards).
    static func assemble(_ body: String) throws -> Assembly {
        let source = """
        PROG     START X'1000'
                 USING PROG,12
        BEGIN    BALR  12,0
                 BCTR  12,0
                 BCTR  12,0
                 USING BEGIN,12
        \(body)
        * Start the channel program at CAW address R1 on device R2, wait for
        * its interruption (enabled wait), and check for channel end and
        * device end alone; R15 = 0 if so.
        DOIO     ST    1,X'48'
                 MVC   X'78'(8),IONEW
                 SIO   0(2)
                 BC    8,IOWAIT
                 BC    4,IOSTAT
                 B     IOBAD
        IOWAIT   LPSW  WAITPSW
        IODONE   CH    2,X'3A'
                 BNE   IOWAIT
        IOSTAT   CLC   X'44'(2),=X'0C00'
                 BNE   IOBAD
                 SR    15,15
                 BR    14
        IOBAD    LA    15,1
                 BR    14
                 DS    0D
        WAITPSW  DC    X'FE020000',A(0)
        IONEW    DC    X'00000000',A(IODONE)
                 DS    0D
        GOOD     DC    X'0002000000000000'
        BAD      DC    X'0002000000000BAD'
                 LTORG
                 END   BEGIN
        """
        let assembly = Assembler.assemble(source: source, name: "dasd.asm")
        guard assembly.succeeded else {
            throw DeviceConfigurationError("test program does not assemble: \(assembly.errors.map { "\($0)" }.joined(separator: "; "))")
        }
        return assembly
    }

    static func machine(_ config: String, directory: String) throws -> (BareMachine, RecordingConsole) {
        let configuration = try MachineConfiguration.parse(config, file: "dasd.cnf", baseDirectory: directory)
        let recorder = RecordingConsole()
        let machine = try BareMachine(configuration: configuration, context: DeviceContext(console: { _ in recorder }),
                                      message: { _ in })
        machine.powerOn()
        return (machine, recorder)
    }

    static func runToStop(_ m: BareMachine, ipl device: String) -> UInt64? {
        let response = m.command("ipl \(device)")
        guard response.first?.contains("complete") == true else {
            Issue.record("IPL failed: \(response)")
            return nil
        }
        guard StandaloneProgramTests.eventually(30, { !m.perform { $0.isStarted } }) else {
            Issue.record("the program did not stop")
            return nil
        }
        return StandaloneProgramTests.waitAddress(m)
    }

    /// The 191 label through Seek, Search ID Equal with TIC, Read Data — the
    /// channel program of the CMS README — on the real CMS volume, read-only.
    @Test func standAloneProgramReadsTheCMS191Label() throws {
        guard let volume = SharedFiles.require("guests/cms-r6/cmsuser_191.cckd") else { return }
        let dir = try ScratchDirectory()
        let program = try Self.assemble("""
                 LA    1,CCWS
                 LA    2,X'191'
                 BAL   14,DOIO
                 LTR   15,15
                 BNZ   FAIL
                 CLC   DATA(10),=C'CMS=CMS191'
                 BNE   FAIL
                 LPSW  GOOD
        FAIL     LPSW  BAD
                 DS    0D
        CCWS     CCW   X'07',SEEK,X'40',6
        SEARCH   CCW   X'31',ID,X'40',5
                 CCW   X'08',SEARCH,0,1
                 CCW   X'06',DATA,X'20',800
        SEEK     DC    XL6'000000000000'
        ID       DC    XL5'0000000003'
        DATA     DS    CL800
        """)
        try Data(program.iplDeck()).write(to: dir.url.appendingPathComponent("read191.ipl"))
        let (m, _) = try Self.machine("001F 3215\n000C 3505 read191.ipl ebcdic\n0191 3350 \(volume.path) ro", directory: dir.url.path)
        defer { m.powerOff() }
        #expect(Self.runToStop(m, ipl: "00C") == 0, "the program found CMS=CMS191")
    }

    /// A stand-alone program formats cylinder 2 head 3 of a fresh 3330
    /// (Search ID Equal on R0, Write CKD ×2), updates record 2 (Write Data),
    /// reads it back and compares; the volume file holds the records after
    /// the machine is powered off.
    @Test func standAloneProgramFormatsAndUpdatesATrack() throws {
        let dir = try ScratchDirectory()
        let path = dir.path("scratch.cckd")
        try DASDImage.create(path, geometry: DASDGeometry.named("3330")!, cylinders: 4, volser: "SCR001",
                             format: .cckd(compression: .zlib)).close()
        let program = try Self.assemble("""
                 LA    1,FORMAT
                 LA    2,X'150'
                 BAL   14,DOIO
                 LTR   15,15
                 BNZ   FAIL
                 LA    1,UPDATE
                 BAL   14,DOIO
                 LTR   15,15
                 BNZ   FAIL
                 LA    1,READ
                 BAL   14,DOIO
                 LTR   15,15
                 BNZ   FAIL
                 CLC   BACK,NEW
                 BNE   FAIL
                 LPSW  GOOD
        FAIL     LPSW  BAD
                 DS    0D
        FORMAT   CCW   X'07',SEEK,X'40',6
                 CCW   X'1F',MASK,X'40',1
        SRCH0    CCW   X'31',ID0,X'40',5
                 CCW   X'08',SRCH0,0,1
                 CCW   X'1D',REC1,X'40',8+16
                 CCW   X'1D',REC2,0,8+16
        UPDATE   CCW   X'07',SEEK,X'40',6
        SRCH2    CCW   X'31',ID2,X'40',5
                 CCW   X'08',SRCH2,0,1
                 CCW   X'05',NEW,0,16
        READ     CCW   X'07',SEEK,X'40',6
        SRCH2R   CCW   X'31',ID2,X'40',5
                 CCW   X'08',SRCH2R,0,1
                 CCW   X'06',BACK,0,16
        SEEK     DC    XL6'000000020003'
        MASK     DC    X'C0'
        ID0      DC    XL5'0002000300'
        ID2      DC    XL5'0002000302'
        REC1     DC    XL8'0002000301000010',CL16'FIRST RECORD'
        REC2     DC    XL8'0002000302000010',CL16'SECOND RECORD'
        NEW      DC    CL16'UPDATED RECORD'
        BACK     DS    CL16
        """)
        try Data(program.iplDeck()).write(to: dir.url.appendingPathComponent("format.ipl"))
        let (m, _) = try Self.machine("001F 3215\n000C 3505 format.ipl ebcdic\n0150 3330 scratch.cckd", directory: dir.url.path)
        #expect(Self.runToStop(m, ipl: "00C") == 0, "the program read back what it wrote")
        m.powerOff()
        let volume = try DASDImage.open(path, readOnly: true)
        let records = try #require(TrackImage.records(try volume.readTrack(cylinder: 2, head: 3)))
        #expect(records.map(\.record) == [0, 1, 2])
        #expect(CodePage.cp037.string(records[1].data).hasPrefix("FIRST RECORD"))
        #expect(CodePage.cp037.string(records[2].data).hasPrefix("UPDATED RECORD"))
    }

    /// A volume whose record 1 on cylinder 0 head 0 is an IPL record (PSW
    /// and a Read Data CCW for record 2) and whose record 2 is a program
    /// that writes to the console: IPL from the disk runs it.
    static func makeIPLVolume(_ path: String) throws {
        let program = try Self.assemble("""
                 LA    1,WRITE
                 LA    2,X'01F'
                 BAL   14,DOIO
                 LPSW  GOOD
                 DS    0D
        WRITE    CCW   X'09',TEXT,0,16
        TEXT     DC    CL16'IPL FROM DASD OK'
        """)
        let image = program.coreImage
        let start = 0x1000
        let code = Array(image[start..<image.count])
        // IPL1: a BC-mode PSW (disabled) at the program's entry, then Read
        // Data of record 2 into X'1000' (suppress length; no chaining).
        let psw: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00]
        let read: [UInt8] = [0x06, 0x00, 0x10, 0x00, 0x20, 0x00, UInt8(code.count >> 8), UInt8(code.count & 0xFF)]
        let ipl = psw + read + [UInt8](repeating: 0, count: 8)
        let volume = try DASDImage.create(path, geometry: DASDGeometry.named("3330")!, cylinders: 2, volser: "IPL001", format: .ckd)
        try volume.writeTrack(cylinder: 0, head: 0, TrackImage.build(cylinder: 0, head: 0, records: [
            TrackImage.Record(cylinder: 0, head: 0, record: 0, data: [UInt8](repeating: 0, count: 8)),
            TrackImage.Record(cylinder: 0, head: 0, record: 1, key: CodePage.cp037.ebcdic("IPL1"), data: ipl),
            TrackImage.Record(cylinder: 0, head: 0, record: 2, key: CodePage.cp037.ebcdic("IPL2"), data: code),
            TrackImage.Record(cylinder: 0, head: 0, record: 3, key: CodePage.cp037.ebcdic("VOL1"),
                              data: (try VolumeLabel(volser: "IPL001")).vol1),
        ]))
        try volume.close()
    }

    @Test func iplFromDisk() throws {
        let dir = try ScratchDirectory()
        try Self.makeIPLVolume(dir.path("ipl.3330"))
        let (m, console) = try Self.machine("001F 3215\n0150 3330 ipl.3330 ro", directory: dir.url.path)
        defer { m.powerOff() }
        #expect(Self.runToStop(m, ipl: "150") == 0)
        #expect(console.transcript == ["IPL FROM DASD OK"])
        #expect(m.machine.storage.load16(2) == 0x150, "the IPL stored the device address at location 2")
    }

    /// An empty volume made by vm67 IPLs to the disabled wait its IPL1 record holds.
    @Test func iplFromAnEmptyVolumeStopsInTheLabelsWait() throws {
        let dir = try ScratchDirectory()
        try DASDImage.create(dir.path("empty.3350"), geometry: DASDGeometry.named("3350")!, cylinders: 1, volser: "EMPTY", format: .ckd).close()
        let (m, _) = try Self.machine("001F 3215\n0150 3350 empty.3350 ro", directory: dir.url.path)
        defer { m.powerOff() }
        #expect(Self.runToStop(m, ipl: "150") == 0x0F)
    }

    /// The same IPL through `vm67 machine CONFIG --script`.
    @Test func iplFromDiskWithTheMachineCommand() throws {
        let dir = try ScratchDirectory()
        try Self.makeIPLVolume(dir.path("ipl.3330"))
        try "001F 3215\n0150 3330 ipl.3330\n".write(to: dir.url.appendingPathComponent("ipl.cnf"), atomically: true, encoding: .utf8)
        try "ipl 150\nwait console IPL FROM DASD OK 20\nwait stopped 20\nexpect psw 0\n"
            .write(to: dir.url.appendingPathComponent("ipl.script"), atomically: true, encoding: .utf8)
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vm67"),
                          SharedFiles.repositoryRoot.appendingPathComponent(".build/debug/vm67")]
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("vm67 executable not found next to the tests (build the package first)")
            return
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["machine", "ipl.cnf", "--script", "ipl.script"]
        process.currentDirectoryURL = dir.url
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("IPL FROM DASD OK"))
    }
}

/// A scratch directory removed at the end of the test.
final class ScratchDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-dasdprog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
