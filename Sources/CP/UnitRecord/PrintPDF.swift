import Foundation

/// A printed file as a PDF (PRINTER … PDF): one landscape page per sheet
/// of continuous forms, the lines set in Courier as a 1403 prints them.
///
/// The pages come from the text `PrintText` makes, so the PDF shows
/// exactly what the text output says: a form feed (a skip to channel 1)
/// ends a page, a carriage return overprints the next text on the same
/// line (drawn at the same baseline), and a page with no form feed ends
/// after the forms' page length, as the paper runs on at the perforation.
///
/// The sheet is a 14⅞ × 11 inch greenbar form: 132 print positions at 10
/// characters an inch (Courier 12 point is 7.2 points wide) and 66 lines
/// at 6 lines an inch. A longer FCB page packs its lines into the same 11
/// inches. GREENBAR shades every other band of three lines, as the paper is.
/// The PDF is written by hand: a catalog, a page tree, the Courier font,
/// each page with its content stream, and the cross-reference table with
/// each object's byte offset.
enum PrintPDF {
    /// A page: its lines, top to bottom; each line is the text written
    /// there, one string per overprint (most lines have one).
    typealias Page = [[String]]

    static let pageWidth = 1071.0    // 14⅞ inches
    static let pageHeight = 792.0    // 11 inches
    static let columns = 132
    static let characterWidth = 7.2  // 10 characters an inch

    // MARK: Pages from printed text

    /// Cuts `PrintText`'s bytes into pages of at most `linesPerPage` lines.
    /// A form feed at the very end (a file that skips to a new page last)
    /// makes no empty page after it.
    static func pages(fromText bytes: [UInt8], linesPerPage: Int) -> [Page] {
        var pages: [Page] = []
        var page: Page = []
        var line: [String] = []
        var text: [UInt8] = []
        var lineOpen = false
        func endLayer() {
            line.append(String(decoding: text, as: UTF8.self))
            text = []
        }
        func endLine() {
            endLayer()
            page.append(line)
            line = []
            lineOpen = false
            if page.count == linesPerPage { endPage() }
        }
        func endPage() {
            pages.append(page)
            page = []
        }
        for byte in bytes {
            switch byte {
            case 0x0A: endLine()
            case 0x0D: endLayer(); lineOpen = true
            case 0x0C:
                if lineOpen || !text.isEmpty { endLine() }
                endPage()
            default:
                text.append(byte)
                lineOpen = true
            }
        }
        if lineOpen || !text.isEmpty { endLine() }
        if !page.isEmpty || pages.isEmpty { pages.append(page) }
        return pages
    }

    // MARK: The document

    /// The PDF file for `pages`.
    static func document(_ pages: [Page], linesPerPage: Int = 66, greenbar: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        var offsets: [Int] = []   // offset of object n at index n - 1
        func emit(_ text: String) { out += Array(text.utf8) }
        func object(_ body: [UInt8]) {
            offsets.append(out.count)
            emit("\(offsets.count) 0 obj\n")
            out += body
            emit("\nendobj\n")
        }
        // Binary comment: tools treat the file as binary, as its streams may be.
        emit("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n")
        // Objects 1–3: catalog, page tree, font; then a page and its
        // content stream for each page (4 + 2i and 5 + 2i).
        let pageIDs = pages.indices.map { 4 + 2 * $0 }
        object(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(Array("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>".utf8))
        object(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>".utf8))
        for (i, page) in pages.enumerated() {
            object(Array(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(number(pageWidth)) \(number(pageHeight))] "
                + "/Resources << /Font << /F1 3 0 R >> >> /Contents \(pageIDs[i] + 1) 0 R >>").utf8))
            let content = contentStream(page, linesPerPage: linesPerPage, greenbar: greenbar)
            object(Array("<< /Length \(content.count) >>\nstream\n".utf8) + content + Array("\nendstream".utf8))
        }
        let xref = out.count
        emit("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n")
        for offset in offsets { emit(String(format: "%010d 00000 n \n", offset)) }
        emit("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
        return out
    }

    /// Drawing one page: the green bands, then each line's text (every
    /// overprint at the line's own baseline).
    static func contentStream(_ page: Page, linesPerPage: Int, greenbar: Bool) -> [UInt8] {
        let pitch = pageHeight / Double(max(1, linesPerPage))
        let fontSize = min(12.0, pitch)
        let left = (pageWidth - Double(columns) * characterWidth) / 2
        // Courier's width is 0.6 of its size: squeeze it back to 10 an inch when smaller.
        let scale = characterWidth / (0.6 * fontSize) * 100
        var s = ""
        if greenbar {
            s += "0.86 0.94 0.86 rg\n"
            var band = 0
            while band * 3 < linesPerPage {
                let top = pageHeight - Double(band * 3) * pitch
                let lines = min(3, linesPerPage - band * 3)
                s += "\(number(left - 18)) \(number(top - Double(lines) * pitch)) "
                    + "\(number(Double(columns) * characterWidth + 36)) \(number(Double(lines) * pitch)) re f\n"
                band += 2
            }
            s += "0 g\n"
        }
        s += "BT\n/F1 \(number(fontSize)) Tf\n\(number(scale)) Tz\n"
        for (index, line) in page.enumerated() {
            // The baseline sits a quarter of the line above the line's foot.
            let baseline = pageHeight - Double(index + 1) * pitch + pitch / 4
            for layer in line {
                let text = trimmed(layer)
                if text.isEmpty { continue }
                s += "1 0 0 1 \(number(left)) \(number(baseline)) Tm (\(escaped(text))) Tj\n"
            }
        }
        s += "ET"
        return Array(s.utf8)
    }

    /// A PDF literal string's text: backslash and parentheses escaped,
    /// Latin-1 letters (WinAnsiEncoding has them at the same codes) as
    /// octal escapes; anything else cannot be printed and is a blank.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x5C, 0x28, 0x29: out += "\\" + String(scalar)
            case 0x20...0x7E: out += String(scalar)
            case 0xA0...0xFF: out += "\\" + String(format: "%03o", scalar.value)
            default: out += " "
            }
        }
        return out
    }

    private static func trimmed(_ text: String) -> String {
        var t = Substring(text)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    /// A number as PDF writes it: at most two decimals, no exponent.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }
}
