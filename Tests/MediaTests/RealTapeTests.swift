import Foundation
import Media
import Testing

/// The real tapes in ../shared/guests open and read as their READMEs describe.
@Suite("Real tape images")
struct RealTapeTests {
    @Test func ddrTape() throws {
        guard let url = SharedFiles.require("guests/standalone/ddr/dmkddr.aws") else { return }
        let tape = try TapeMedium(path: url.path, readOnly: true)
        #expect(tape.entryCount == 372)
        let items = try tape.readAll()
        #expect(items.count == 372 && items.last == .mark)
        guard case .block(let ipl) = items[0] else { Issue.record("no IPL card"); return }
        // PSW 00040000 00009E00, then CCWs 02009E00 60000050 and 02009E48 20000050.
        #expect(Array(ipl.prefix(24)) == [0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x9E, 0x00,
                                          0x02, 0x00, 0x9E, 0x00, 0x60, 0x00, 0x00, 0x50,
                                          0x02, 0x00, 0x9E, 0x48, 0x20, 0x00, 0x00, 0x50])
        #expect(items.dropLast().allSatisfy { if case .block(let b) = $0 { b.count == 80 } else { false } })
    }

    @Test func sattapeHasTwoTapeMarks() throws {
        guard let url = SharedFiles.require("guests/standalone/sattape/SATTAPE.AWS") else { return }
        let tape = try TapeMedium(path: url.path, readOnly: true)
        let items = try tape.readAll()
        #expect(items.filter { $0 == .mark }.count == 2)
        #expect(items.count == 176)
    }
}
