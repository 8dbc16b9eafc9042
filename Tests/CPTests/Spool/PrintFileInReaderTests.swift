@testable import CP
import Channel
import Foundation
import Media
import Testing

/// A printer spooled TO a user: the file in the reader keeps each line's CCW
/// command byte (carriage control), as VM/370 keeps it, so a reader READ
/// gets it first and DIAGNOSE X'14' rebuilds the line's CCW from it.
@Suite("Print files in a reader")
struct PrintFileInReaderTests {
    @Test func carriageControlSurvivesTheWayToTheReader() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-prtrdr-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = SpoolSystem(directory: directory)
        let printer = VirtualSpoolWriter(type: 0x1403, queue: .printer, spool: spool, userid: "ALICE", spoolClass: "A")
        printer.target = "BOB"
        let line = CodePage.cp037.ebcdic("PAGE ONE")
        _ = printer.start(DeviceCommand(code: 0x89, count: line.count, data: line))   // write, skip to channel 1
        _ = printer.start(DeviceCommand(code: 0x09, count: 3, data: CodePage.cp037.ebcdic("TWO")))
        let file = try #require(printer.close(distribution: "ALICE"))
        #expect(file.queue == .reader && file.owner == "BOB" && file.origin == .printer)
        #expect(file.records == [[0x89] + line, [0x09] + CodePage.cp037.ebcdic("TWO")])

        // The spool buffer DIAGNOSE X'14' gives: each line's own CCW, then its data.
        let stored = SpoolPages.stored(file.records[0], print: SpoolPages(file).isPrint)
        #expect(stored.command == 0x89 && Array(stored.data) == line)
    }
}
