import Testing
import Terminal

/// ENTER, PA1, PF keys, NOT ACCEPTED and RETRIEVE in line mode.
@Suite("Line console input")
struct LineInputTests {
    @Test func runningTakesOneLineThenRefusesUntilRead() {
        var c = LineConsole.test()
        c.setHostStatus(.running)
        c.type("hx")
        #expect(c.press(.enter, now: .zero) == [.line("hx")], "saved for the guest, which gets an attention")
        c.type("second")
        #expect(c.press(.enter, now: .zero).isEmpty)
        #expect(c.statusWord == .notAccepted)
        #expect(c.statusText.hasPrefix("NOT ACCEPTED"))
        #expect(c.inputText == "second", "the line stays for another ENTER")
        _ = c.press(.fieldEnd, now: .zero)
        #expect(c.statusWord == .running, "any key ends NOT ACCEPTED")
        c.setHostStatus(.vmRead)   // the guest read the first line
        c.setHostStatus(.running)
        #expect(c.press(.enter, now: .zero) == [.line("second")])
    }

    @Test func vmReadAndCPReadAlwaysAccept() {
        for status in [HostStatus.vmRead, .cpRead] {
            var c = LineConsole.test()
            c.setHostStatus(status)
            c.type("a")
            #expect(c.press(.enter, now: .zero) == [.line("a")])
            c.type("b")
            #expect(c.press(.enter, now: .zero) == [.line("b")])
        }
    }

    @Test func emptyEnterIsALine() {
        var c = LineConsole.test()
        #expect(c.press(.enter, now: .zero) == [.line("")])
    }

    @Test func trailingBlanksAreStripped() {
        var c = LineConsole.test()
        c.type("query   ")
        #expect(c.press(.enter, now: .zero) == [.line("query")])
    }

    @Test func attentionAndPFKeys() {
        var c = LineConsole.test()
        #expect(c.press(.pa(1), now: .zero) == [.attention])
        #expect(c.press(.attention, now: .zero) == [.attention])
        c.type("keep")
        #expect(c.press(.pf(3), now: .zero) == [.programFunction(3)])
        #expect(c.inputText == "keep", "a PF key leaves the input area to CP")
        #expect(c.press(.pa(3), now: .zero).isEmpty)
    }

    @Test func retrieveCyclesBackwards() {
        var c = LineConsole.test()
        for line in ["one", "two", "three"] {
            c.type(line)
            _ = c.press(.enter, now: .zero)
        }
        var seen: [String] = []
        for _ in 0..<4 {
            #expect(c.press(.pf(12), now: .zero).isEmpty, "RETRIEVE stays in the terminal")
            seen.append(c.inputText)
        }
        #expect(seen == ["three", "two", "one", "three"])
        #expect(c.screen.cursor == c.layout.inputStart + 5, "cursor after the retrieved text")
        _ = c.press(.enter, now: .zero)
        _ = c.press(.pf(12), now: .zero)
        #expect(c.inputText == "three", "a new ENTER starts again from the newest")
    }

    @Test func retrieveKeyIsConfigurable() {
        var c = LineConsole.test(.init(retrieveKey: 9))
        c.type("x")
        _ = c.press(.enter, now: .zero)
        #expect(c.press(.pf(12), now: .zero) == [.programFunction(12)])
        _ = c.press(.pf(9), now: .zero)
        #expect(c.inputText == "x")
        var off = LineConsole.test(.init(retrieveKey: nil))
        #expect(off.press(.pf(12), now: .zero) == [.programFunction(12)])
    }

    @Test func editingKeysInTheInputArea() {
        var c = LineConsole.test()
        c.type("helo")
        _ = c.press(.left, now: .zero)
        _ = c.press(.insertToggle, now: .zero)
        c.type("l")
        #expect(c.inputText == "hello")
        _ = c.press(.home, now: .zero)
        _ = c.press(.delete, now: .zero)
        #expect(c.inputText == "ello")
        _ = c.press(.fieldEnd, now: .zero)
        _ = c.press(.backspace, now: .zero)
        #expect(c.inputText == "ell")
        _ = c.press(.home, now: .zero)
        _ = c.press(.right, now: .zero)
        _ = c.press(.eraseEOF, now: .zero)
        #expect(c.inputText == "e")
        _ = c.press(.eraseInput, now: .zero)
        #expect(c.inputText == "")
    }

    @Test func typingIntoTheOutputAreaIsRefused() {
        var c = LineConsole.test()
        c.write(["OUTPUT"], now: .zero)
        for _ in 0..<22 { _ = c.press(.up, now: .zero) }
        c.type("X")
        #expect(c.lines[0].trimmingBlanks == "OUTPUT")
    }
}
