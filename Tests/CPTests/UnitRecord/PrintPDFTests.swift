import Channel
import Foundation
import Media
import Testing
@testable import CP

/// PRINTER … PDF: printed files as PDF documents, checked by reading the
/// PDF back (cross-reference offsets, page tree, content streams), and by
/// qpdf and pdftotext when the machine has them.
@Suite("Printer PDF output")
struct PrintPDFTests {
    /// What a reader of the PDF finds: the objects the xref table points
    /// at, and each page's content stream, in page order.
    struct Decoded {
        var objects: [Int: String] = [:]
        var pageStreams: [String] = []
        var pageCount = 0
    }

    /// Reads `pdf` as a PDF reader does: trailer → startxref → xref table
    /// → objects; every offset must point at `n 0 obj`; then the page tree.
    static func decode(_ pdf: [UInt8]) throws -> Decoded {
        let text = String(decoding: pdf, as: UTF8.self)
        let bytes = pdf
        #expect(text.hasPrefix("%PDF-1.4\n"))
        #expect(text.hasSuffix("%%EOF\n"))
        // startxref's number is the offset of the xref keyword.
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self)
        let afterStart = try #require(tail.components(separatedBy: "startxref\n").last)
        let xrefOffset = try #require(Int(afterStart.components(separatedBy: "\n")[0]))
        let xref = String(decoding: bytes[xrefOffset...], as: UTF8.self)
        #expect(xref.hasPrefix("xref\n0 "))
        let xrefLines = xref.components(separatedBy: "\n")
        let count = try #require(Int(xrefLines[1].components(separatedBy: " ")[1]))
        #expect(xrefLines[2] == "0000000000 65535 f ")
        var decoded = Decoded()
        for n in 1..<count {
            let entry = xrefLines[2 + n]
            #expect(entry.count == 19 && entry.hasSuffix(" 00000 n "), "xref entry \(n): \(entry)")
            let offset = try #require(Int(entry.prefix(10)))
            let object = String(decoding: bytes[offset...], as: UTF8.self)
            #expect(object.hasPrefix("\(n) 0 obj\n"), "object \(n) at \(offset)")
            decoded.objects[n] = object.components(separatedBy: "\nendobj\n")[0]
        }
        #expect(xref.contains("trailer\n<< /Size \(count) /Root 1 0 R >>"))
        // The page tree: Kids in order, Count matching.
        let pages = try #require(decoded.objects[2])
        let kids = try #require(pages.components(separatedBy: "/Kids [").last?.components(separatedBy: "]").first)
        let kidIDs = kids.components(separatedBy: " 0 R").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        decoded.pageCount = kidIDs.count
        #expect(pages.contains("/Count \(kidIDs.count)"))
        for id in kidIDs {
            let page = try #require(decoded.objects[id])
            #expect(page.contains("/Type /Page "))
            let contentsText = page.components(separatedBy: "/Contents ").last?.components(separatedBy: " ").first ?? ""
            let contentsID = try #require(Int(contentsText))
            let content = try #require(decoded.objects[contentsID])
            // The stream is exactly /Length bytes long.
            let lengthText = content.components(separatedBy: "/Length ").last?.components(separatedBy: " ").first ?? ""
            let length = try #require(Int(lengthText))
            let start = try #require(content.range(of: "stream\n")).upperBound
            let streamBytes = Array(content[start...].utf8)
            #expect(Array(streamBytes.suffix(10)) == Array("\nendstream".utf8))
            #expect(streamBytes.count - 10 == length, "stream length")
            decoded.pageStreams.append(String(decoding: streamBytes.prefix(length), as: UTF8.self))
        }
        return decoded
    }

    /// The texts a content stream shows, with each one's baseline.
    static func shown(_ stream: String) -> [(y: String, text: String)] {
        stream.components(separatedBy: "\n").compactMap { line in
            guard line.hasSuffix(") Tj"), let open = line.firstIndex(of: "(") else { return nil }
            let y = line.components(separatedBy: " ")[5]
            return (y, String(line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -4)]))
        }
    }

    static func record(_ code: UInt8, _ text: String = "") -> [UInt8] { [code] + CodePage.cp037.ebcdic(text) }

    @Test func pagesFollowFormFeedsPageLengthAndOverprints() {
        let text = Array("ONE\nTWO\rTWO__\n\u{0C}THREE\n\n\u{0C}".utf8)
        let pages = PrintPDF.pages(fromText: text, linesPerPage: 66)
        #expect(pages == [[["ONE"], ["TWO", "TWO__"]], [["THREE"], [""]]])
        // Without form feeds the paper runs on: a new page every 66 lines.
        let long = Array((1...70).map { "L\($0)\n" }.joined().utf8)
        let runOn = PrintPDF.pages(fromText: long, linesPerPage: 66)
        #expect(runOn.count == 2 && runOn[0].count == 66 && runOn[1] == [["L67"], ["L68"], ["L69"], ["L70"]])
        #expect(PrintPDF.pages(fromText: [], linesPerPage: 66) == [[]])
    }

    @Test func theDocumentDecodesWithItsTextEscaped() throws {
        let pages: [PrintPDF.Page] = [[["HELLO (WORLD) \\ BACKSLASH"], ["BOLD", "BOLD"], [""], ["PRICE \u{A2}5"]],
                                      [["SECOND PAGE"]]]
        let pdf = PrintPDF.document(pages)
        let decoded = try Self.decode(pdf)
        #expect(decoded.pageCount == 2)
        let first = Self.shown(decoded.pageStreams[0])
        #expect(first.map(\.text) == ["HELLO \\(WORLD\\) \\\\ BACKSLASH", "BOLD", "BOLD", "PRICE \\2425"])
        // The overprint is drawn twice at one baseline; line 4 is three lines lower than line 1.
        #expect(first[1].y == first[2].y && first[0].y != first[1].y)
        #expect(Double(first[0].y)! - Double(first[3].y)! == 36)
        #expect(Self.shown(decoded.pageStreams[1]).map(\.text) == ["SECOND PAGE"])
        #expect(decoded.objects[3]?.contains("/BaseFont /Courier") == true)
        #expect(!decoded.pageStreams[0].contains(" re f"))
        let greenbar = try Self.decode(PrintPDF.document(pages, greenbar: true))
        // 66 lines: eleven green bands of three lines a page.
        #expect(greenbar.pageStreams[0].components(separatedBy: " re f").count - 1 == 11)
        try Self.checkWithTools(pdf, expecting: ["HELLO (WORLD) \\ BACKSLASH", "SECOND PAGE"])
    }

    @Test func configurationTakesPDFAndGreenbar() {
        let (config, errors) = SystemConfiguration.parse("""
        PRINTER 00E printer CLASS A PDF
        PRINTER 00F listings GREENBAR
        PRINTER 010 plain TEXT
        PUNCH   00D punch PDF
        """, file: "t.conf")
        #expect(config.unitRecords.map(\.pdf) == [true, true, false])
        #expect(config.unitRecords.map(\.greenbar) == [false, true, false])
        #expect(errors.count == 1 && errors.first?.description.contains("PDF") == true, "\(errors)")
    }

    @Test func aStartedPDFPrinterWritesOnePDFPerFile() throws {
        let system = try TestSystem(directory: UnitRecordTranscriptTests.directory, configuration: """
        PRINTER 00E printer CLASS A GREENBAR
        """)
        let oper = try system.logon("oper")
        let alice = try system.logon("alice")
        let printer = alice.vm.io.channels.device(at: 0x00E)!
        // A heading underlined by overprinting, a skip to a new page, and
        // 70 lines that run over the page's end.
        var records = [Self.record(0x01, "HEADING"), Self.record(0x09, "_______"), Self.record(0x8B)]
        records += (1...70).map { Self.record(0x09, "LINE \($0)") }
        for r in records {
            _ = printer.start(DeviceCommand(code: r[0], count: r.count - 1, data: Array(r.dropFirst())))
        }
        _ = alice.type("close 00e name big listing")
        let queued = try #require(system.cp.spool.outputFiles(of: "alice", queue: .printer).first)
        #expect(UnitRecordTranscriptTests.reply(oper, "start 00e") == ["PRT 00E STARTED"])
        #expect(UnitRecordTranscriptTests.eventually { UnitRecordTranscriptTests.files(system, "printer").count == 1 })
        let name = try #require(UnitRecordTranscriptTests.files(system, "printer").first)
        #expect(name == "ALICE.\(SpoolNotices.id(queued.id)).BIG.LISTING.pdf")
        let url = system.stateDirectory.appendingPathComponent("printer").appendingPathComponent(name)
        let pdf = [UInt8](try Data(contentsOf: url))
        let decoded = try Self.decode(pdf)
        // The separator page, the heading page, 66 lines, then the last 4.
        #expect(decoded.pageCount == 4)
        #expect(Self.shown(decoded.pageStreams[0]).contains { $0.text.contains("USERID   ALICE") })
        let heading = Self.shown(decoded.pageStreams[1])
        #expect(heading.map(\.text) == ["HEADING", "_______"] && heading[0].y == heading[1].y)
        #expect(Self.shown(decoded.pageStreams[2]).map(\.text) == (1...66).map { "LINE \($0)" })
        #expect(Self.shown(decoded.pageStreams[3]).map(\.text) == (67...70).map { "LINE \($0)" })
        #expect(decoded.pageStreams[2].contains(" re f"))
        try Self.checkWithTools(pdf, expecting: ["HEADING", "LINE 66", "LINE 70"])
    }

    /// qpdf --check and pdftotext, when installed (Debian qpdf, poppler-utils).
    static func checkWithTools(_ pdf: [UInt8], expecting texts: [String]) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        if let qpdf = tool("qpdf") {
            let (status, output) = try run(qpdf, ["--check", file.path])
            #expect(status == 0, "qpdf --check: \(output)")
        }
        if let pdftotext = tool("pdftotext") {
            let (status, output) = try run(pdftotext, ["-layout", file.path, "-"])
            #expect(status == 0)
            for text in texts { #expect(output.contains(text), "pdftotext: \(output)") }
        }
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ path: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
