import Assembler
import BareMachine
import Devices
import Foundation
import Media
import Testing

/// The disk half of the DDR scenario (../shared/guests/standalone/ddr): a
/// stand-alone program copies cylinder 0 of the CMS 191 volume to a fresh
/// 3350 made by Hercules' dasdinit, with the CCWs DDR uses on its disks —
/// Seek, Read Home Address, Read R0, multitrack Read Count and Read Key and
/// Data on the input; Seek, Set File Mask, Search ID Equal with TIC and
/// Write CKD on the output — and all 570 records of the copy must match
/// the source: count, key and data. (DDR itself needs the tape drive.)
@Suite("DASD cylinder copy (DDR's disk CCWs)", .serialized)
struct DASDCylinderCopyTests {
    static let records = 19
    static let recordSize = 8 + 800

    static func program() -> String {
        var read = [
            "READ     CCW   X'07',SEEK,X'40',6",
            "         CCW   X'1A',HA,X'40',5",
            "         CCW   X'16',R0BUF,X'40',16",
        ]
        var write = [
            "WRITE    CCW   X'07',SEEK,X'40',6",
            "         CCW   X'1F',MASK,X'40',1",
            "SRCH     CCW   X'31',SRCHID,X'40',5",
            "         CCW   X'08',SRCH,0,1",
        ]
        for r in 0..<records {
            let last = r == records - 1
            read.append("         CCW   X'92',BUF+\(r * recordSize),X'40',8")
            read.append("         CCW   X'8E',BUF+\(r * recordSize + 8),X'\(last ? "00" : "40")',800")
            write.append("         CCW   X'1D',BUF+\(r * recordSize),X'\(last ? "00" : "40")',\(recordSize)")
        }
        return """
                 SR    5,5
        LOOP     STH   5,SEEKH
                 STH   5,SRCHH
                 LA    1,READ
                 LA    2,X'191'
                 BAL   14,DOIO
                 LTR   15,15
                 BNZ   FAIL
                 CLC   HA+1(4),SEEK+2
                 BNE   FAIL
                 LA    1,WRITE
                 LA    2,X'202'
                 BAL   14,DOIO
                 LTR   15,15
                 BNZ   FAIL
                 LA    5,1(5)
                 C     5,=F'30'
                 BL    LOOP
                 LPSW  GOOD
        FAIL     LPSW  BAD
                 DS    0D
        \(read.joined(separator: "\n"))
        \(write.joined(separator: "\n"))
        SEEK     DC    XL4'00000000'
        SEEKH    DC    XL2'0000'
        SRCHID   DC    XL2'0000'
        SRCHH    DC    XL2'0000',XL1'00'
        MASK     DC    X'C0'
        HA       DS    XL5
        R0BUF    DS    XL16
        * The track buffer lies outside the program (CCWs address it directly).
        BUF      EQU   X'10000'
        """
    }

    @Test func copyCylinderZeroOfCMS191() throws {
        guard let source = SharedFiles.require("guests/cms-r6/cmsuser_191.cckd") else { return }
        let dir = try ScratchDirectory()
        let target = dir.path("new202.cckd")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dasdinit") {
            // As the DDR README makes it: dasdinit new202 3350 NEW202 1.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/dasdinit")
            process.arguments = ["-z", target, "3350", "NEW202", "1"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        } else {
            print("dasdinit (Debian package hercules) is not installed: the target volume is made by vm67 instead")
            try DASDImage.create(target, geometry: DASDGeometry.named("3350")!, cylinders: 1, volser: "NEW202",
                                 format: .cckd(compression: .zlib)).close()
        }
        let assembly = try DASDProgramTests.assemble(Self.program())
        try Data(assembly.iplDeck()).write(to: dir.url.appendingPathComponent("copy.ipl"))
        let (m, _) = try DASDProgramTests.machine(
            "001F 3215\n000C 3505 copy.ipl ebcdic\n0191 3350 \(source.path) ro\n0202 3350 new202.cckd", directory: dir.url.path)
        #expect(DASDProgramTests.runToStop(m, ipl: "00C") == 0, "the copy program ran to its good wait")
        m.powerOff()

        let from = try DASDImage.open(source.path, readOnly: true)
        let to = try DASDImage.open(target, readOnly: true)
        var matched = 0
        for head in 0..<30 {
            let a = try #require(TrackImage.records(try from.readTrack(cylinder: 0, head: head)))
            let b = try #require(TrackImage.records(try to.readTrack(cylinder: 0, head: head)))
            #expect(a.count == 20 && b.count == 20, "R0 and 19 records on head \(head)")
            for (x, y) in zip(a.dropFirst(), b.dropFirst()) where x == y { matched += 1 }
        }
        #expect(matched == 570, "all 570 records of cylinder 0 match the source")
        let label = try #require(TrackImage.records(try to.readTrack(cylinder: 0, head: 0))?[3])
        #expect(CodePage.cp037.string(label.data.prefix(10)) == "CMS=CMS191")
        // Hercules' checker finds the volume vm67 wrote clean, to the last track image.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/cckdcdsk") {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/cckdcdsk")
            check.arguments = ["-ro", "-3", target]
            let pipe = Pipe()
            check.standardOutput = pipe
            check.standardError = pipe
            try check.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            check.waitUntilExit()
            #expect(output.isEmpty && check.terminationStatus == 0, "cckdcdsk -3: \(output)")
        }
    }
}
