import Foundation
import Media
import Testing

@Suite("Output files and punched records")
struct OutputFileTests {
    static func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vm67-\(getpid())-\(name)").path
    }

    @Test func createAndAppend() throws {
        let path = Self.scratch("out.txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let f = try OutputFile(path: path)
            try f.write(Array("one\n".utf8))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\n", "each write is flushed")
        }
        let g = try OutputFile(path: path, append: true)
        try g.write(Array("two\n".utf8))
        g.close()
        #expect(throws: MediaError.self) { try g.write([0x41]) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\ntwo\n")
        _ = try OutputFile(path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "", "opening without append empties the file")
    }

    @Test func unwritablePathNamesTheFile() {
        #expect(throws: MediaError.self) { try OutputFile(path: "/nonexistent-directory/file") }
        do {
            _ = try OutputFile(path: "/nonexistent-directory/file")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent-directory/file: cannot open for output"))
        }
    }

    @Test func punchedRecords() {
        let card = CodePage.cp037.ebcdic("HELLO")
        #expect(CardDeck.fileRecord(card, format: .ebcdic).count == 80)
        #expect(CardDeck.fileRecord(card, format: .ascii) == Array("HELLO\n".utf8))
        #expect(CardDeck.fileRecord(card, format: .ascii, lineEnd: [0x0D, 0x0A]) == Array("HELLO\r\n".utf8))
        #expect(CardDeck.fileRecord([0x05, 0xC1], format: .ascii) == Array(" A\n".utf8), "control characters become blanks")
        #expect(CodePage.cp037.printableText([0x4A, 0x40, 0x40]) == Array("¢".utf8))
    }
}
