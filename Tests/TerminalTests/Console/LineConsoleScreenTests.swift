import Testing
import Terminal

/// Golden screens of the line-mode console: VM/370's format on a 3270.
@Suite("Line console screen")
struct LineConsoleScreenTests {
    @Test func freshConsoleFormat() {
        let c = LineConsole.test()
        let lines = c.lines
        #expect(lines.count == 24)
        #expect(lines[0..<23].allSatisfy { $0.trimmingBlanks.isEmpty })
        // Status word at column 61 (1-based), system name at the right end.
        #expect(lines[23] == String(repeating: " ", count: 60) + "CP READ" + String(repeating: " ", count: 8) + "VM67 ")
        #expect(c.screen.cursor == 22 * 80 + 1, "the cursor waits at the start of the input area")
        #expect(c.layout.inputLength == 138, "row 23 and row 24 up to column 59: 138 characters")
        #expect(c.screen.fields.map(\.attribute.isProtected) == [false, true, true])
    }

    @Test func outputInputAndStatusGolden() {
        var c = LineConsole.test()
        c.write(["LOGON AT 10:00:00 UTC", "", String(repeating: "A", count: 85)], now: .zero)
        c.setHostStatus(.vmRead)
        c.type("query names")
        let golden = padded([
            "LOGON AT 10:00:00 UTC",
            "",
            String(repeating: "A", count: 80),
            "AAAAA",
        ])
        #expect(Array(c.lines[0..<4]) == golden)
        #expect(c.lines[22] == " query names" + String(repeating: " ", count: 68))
        #expect(c.statusText == "VM READ        VM67")
    }

    @Test func enteredLineIsEchoedAndTheInputAreaCleared() {
        var c = LineConsole.test()
        c.type("q n")
        let events = c.press(.enter, now: .zero)
        #expect(events == [.line("q n")])
        #expect(c.lines[0].trimmingBlanks == "q n")
        #expect(c.inputText == "")
        #expect(c.screen.cursor == c.layout.inputStart)
    }

    @Test func longInputWrapsIntoTheSecondInputRow() {
        var c = LineConsole.test()
        let text = String(repeating: "x", count: 100)
        c.type(text)
        #expect(c.inputText == text)
        #expect(c.lines[23].hasPrefix(String(repeating: "x", count: 21) + " "))
    }

    @Test func maskedInputIsNotShownNotEchoedNotRetrieved() {
        var c = LineConsole.test()
        c.write(["ENTER PASSWORD:"], now: .zero)
        c.setInputMasked(true)
        c.type("secret")
        #expect(!c.lines[22].contains("secret"), "a non-display field")
        #expect(c.inputText == "secret")
        let events = c.press(.enter, now: .zero)
        #expect(events == [.line("secret")])
        #expect(!c.lines.joined().contains("secret"), "never echoed")
        #expect(!c.inputMasked, "masking lasts one line")
        _ = c.press(.pf(12), now: .zero)
        #expect(c.inputText == "", "nothing to retrieve")
    }

    @Test func resizeRelaysTheScreen() {
        var c = LineConsole.test()
        c.write((1...5).map { "LINE \($0)" }, now: .zero)
        c.type("half typed")
        c.resize(to: ScreenSize(rows: 43, columns: 80), now: .zero)
        #expect(c.lines.count == 43)
        #expect(c.lines[4].trimmingBlanks == "LINE 5")
        #expect(c.inputText == "half typed")
        #expect(c.layout.outputRows == 41)
        #expect(c.statusText == "CP READ        VM67")
    }
}
