import Media
import Testing
@testable import CP

/// Print records to text: carriage control as form feeds, blank lines and
/// overprinting.
@Suite("Printer text")
struct PrintTextTests {
    static func line(_ code: UInt8, _ text: String = "") -> [UInt8] { [code] + CodePage.cp037.ebcdic(text) }

    @Test func spacingSkippingAndOverprint() {
        let text = PrintText.render([
            Self.line(0x8B),                 // skip to channel 1 at once: new page
            Self.line(0x09, "ONE"),          // write, space 1
            Self.line(0x11, "TWO"),          // write, space 2: one blank line after
            Self.line(0x1B),                 // space 3 at once: three blank lines
            Self.line(0x01, "OVER"),         // write, no space
            Self.line(0x09, "____"),         // overprints it
            Self.line(0x89, "LAST"),         // write, then skip to channel 1
        ])
        #expect(String(decoding: text, as: UTF8.self) == "\u{0C}ONE\nTWO\n\n\n\n\nOVER\r____\nLAST\n\u{0C}")
    }

    @Test func skipToAChannelBelowIsBlankLines() {
        // Channel 2 is line 7 of the standard carriage tape.
        let text = PrintText.render([Self.line(0x09, "TOP"), Self.line(0x93), Self.line(0x09, "AT SEVEN")])
        #expect(String(decoding: text, as: UTF8.self) == "TOP\n\n\n\n\n\nAT SEVEN\n")
    }

    @Test func aLastLineWithoutSpacingIsEnded() {
        #expect(PrintText.render([Self.line(0x01, "HALF")]) == Array("HALF\n".utf8))
    }
}
