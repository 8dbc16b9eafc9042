import Testing
import Terminal

/// The façade end to end: bytes in, events and bytes out, timers, resize.
@Suite("Console session")
struct ConsoleSessionTests {
    @Test func typingAndEnterSendALine() {
        let h = SessionHarness()
        h.session.start()
        #expect(!h.takeBytes().isEmpty)
        h.type("q names\r")
        #expect(h.takeEvents() == [.line("q names")])
        #expect(h.lines[0].hasPrefix("q names"), "echoed")
        let update = RendererTests.printed(h.takeBytes())
        #expect(update.contains("q names"))
        #expect(update.count < 40, "only what changed is redrawn: \(update)")
    }

    @Test func cpSideLinesStatusClear() {
        let h = SessionHarness()
        h.session.start()
        h.session.write(["LOGON AT 10:00:00"])
        h.session.setStatus(.running)
        #expect(h.lines[0].hasPrefix("LOGON AT 10:00:00"))
        #expect(h.lines[23].contains("RUNNING"))
        h.session.clearScreen()
        #expect(h.lines[0].trimmingBlanks.isEmpty)
        h.type("\u{03}")
        #expect(h.takeEvents() == [.attention])
        h.type("\u{1B}[15~")
        #expect(h.takeEvents() == [.programFunction(5)])
    }

    @Test func moreTimerThroughScheduleWakeup() {
        let h = SessionHarness(lineConsole: .init(moreTimeout: .seconds(50)))
        h.session.start()
        h.session.write((1...30).map { "LINE \($0)" })
        #expect(h.lines[23].contains("MORE..."))
        #expect(h.lastWakeup == .some(.seconds(50)))
        h.clock.advance(.seconds(50))
        let requests = h.wakeupCount
        h.session.wakeUp()
        #expect(h.lines[0].hasPrefix("LINE 23"))
        #expect(h.lines[23].contains("CP READ"))
        #expect(h.wakeupCount == requests, "a wake-up is one-shot: nothing left to time, nothing asked")
    }

    @Test func loneEscapeWaitsForThePause() {
        let h = SessionHarness()
        h.session.start()
        h.type("abc")
        h.type("\u{1B}")
        #expect(h.lastWakeup == .some(.milliseconds(100)))
        h.type("[D")   // the rest of Left came in time
        h.type("X\r")
        #expect(h.takeEvents() == [.line("abX")], "overtype, as a 3270 types")
        h.session.setInputMasked(false)
        h.type("\u{14}")   // insert mode on: Esc (RESET) after the pause turns it off
        #expect(h.session.lineConsole.screen.insertMode)
        h.type("\u{1B}")
        h.clock.advance(.milliseconds(100))
        h.session.wakeUp()
        #expect(!h.session.lineConsole.screen.insertMode)
    }

    @Test func helpScreenShowsAndAnyKeyCloses() {
        let h = SessionHarness()
        h.session.start()
        h.type("\u{1B}?")
        #expect(h.lines[0].contains("vm67 console keys"))
        h.type("x")
        #expect(!h.lines[0].contains("vm67 console keys"))
        #expect(h.session.lineConsole.inputText == "", "the closing key is not typed")
    }

    @Test func resizeRedrawsAndRelaysLineMode() {
        let h = SessionHarness(size: ScreenSize(rows: 24, columns: 80), model: .model4)
        h.session.start()
        h.session.write(["HELLO"])
        #expect(h.session.lineConsole.layout.size == .standard, "43 rows do not fit 24")
        _ = h.takeBytes()
        h.session.resize(ScreenSize(rows: 50, columns: 100))
        #expect(h.session.lineConsole.layout.size == ScreenSize(rows: 43, columns: 80))
        let redraw = String(decoding: h.takeBytes(), as: UTF8.self)
        #expect(redraw.contains("\u{1B}[2J"), "drawn again from a cleared screen")
        #expect(h.lines.count == 50)
        #expect(h.lines.contains { $0.contains("HELLO") })
        h.session.resize(ScreenSize(rows: 20, columns: 60))
        #expect(h.lines[0].hasPrefix("Terminal is 60x20."))
    }

    @Test func modelFollowsTheTerminal() {
        #expect(ConsoleSession.model(fitting: .standard) == .model2)
        #expect(ConsoleSession.model(fitting: ScreenSize(rows: 33, columns: 80)) == .model3)
        #expect(ConsoleSession.model(fitting: ScreenSize(rows: 60, columns: 100)) == .model4)
        #expect(ConsoleSession.model(fitting: ScreenSize(rows: 30, columns: 140)) == .model5)
    }

    @Test func stopGivesTheTerminalBack() {
        let h = SessionHarness()
        h.session.start()
        _ = h.takeBytes()
        h.session.stop()
        #expect(String(decoding: h.takeBytes(), as: UTF8.self).contains("\u{1B}[?1049l"))
        h.session.write(["AFTER"])
        #expect(h.takeBytes().isEmpty, "nothing is drawn after stop")
    }
}
