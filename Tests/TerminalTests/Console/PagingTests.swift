import Testing
import Terminal

/// MORE... and HOLDING with a fake clock [spec §3 Timers].
@Suite("Line console paging")
struct PagingTests {
    static func numbered(_ range: ClosedRange<Int>) -> [String] { range.map { "LINE \($0)" } }

    @Test func fullAreaWithoutMoreOutputIsNotMore() {
        var c = LineConsole.test()
        c.write(Self.numbered(1...22), now: .zero)
        #expect(c.statusWord == .cpRead)
        #expect(c.deadline == nil)
        #expect(c.lines[21].trimmingBlanks == "LINE 22")
    }

    @Test func moreThenTimeoutClearsAndContinues() {
        var c = LineConsole.test()
        c.write(Self.numbered(1...30), now: .seconds(5))
        #expect(c.statusWord == .more)
        #expect(c.statusText.hasPrefix("MORE..."))
        #expect(c.deadline == .seconds(65))
        c.tick(now: .seconds(64))
        #expect(c.statusWord == .more, "not yet")
        c.tick(now: .seconds(65))
        #expect(c.statusWord == .cpRead)
        #expect(c.lines[0].trimmingBlanks == "LINE 23")
        #expect(c.lines[7].trimmingBlanks == "LINE 30")
        #expect(c.lines[8].trimmingBlanks == "")
    }

    @Test func configurableTimeout() {
        var c = LineConsole.test(.init(moreTimeout: .seconds(10)))
        c.write(Self.numbered(1...23), now: .zero)
        #expect(c.deadline == .seconds(10))
    }

    @Test func secondScreenfulStartsANewMore() {
        var c = LineConsole.test()
        c.write(Self.numbered(1...50), now: .zero)
        c.tick(now: .seconds(60))
        #expect(c.statusWord == .more)
        #expect(c.deadline == .seconds(120))
        #expect(c.lines[0].trimmingBlanks == "LINE 23")
    }

    @Test func clearAndPA2ReleaseAtOnce() {
        for key in [Key.clear, .pa(2)] {
            var c = LineConsole.test()
            c.write(Self.numbered(1...30), now: .zero)
            let events = c.press(key, now: .seconds(1))
            #expect(events.isEmpty)
            #expect(c.statusWord == .cpRead)
            #expect(c.lines[0].trimmingBlanks == "LINE 23")
        }
    }

    @Test func emptyEnterHoldsUntilClear() {
        var c = LineConsole.test()
        c.write(Self.numbered(1...30), now: .zero)
        #expect(c.press(.enter, now: .seconds(1)).isEmpty, "an empty ENTER in MORE... is not input")
        #expect(c.statusWord == .holding)
        #expect(c.deadline == nil)
        c.tick(now: .seconds(3600))
        #expect(c.statusWord == .holding, "HOLDING never times out")
        #expect(c.press(.enter, now: .seconds(3601)).isEmpty)
        #expect(c.statusWord == .holding, "only CLEAR or PA2 release it")
        c.write(["LINE 31"], now: .seconds(3602))
        #expect(c.statusWord == .holding)
        _ = c.press(.clear, now: .seconds(3603))
        #expect(c.statusWord == .cpRead)
        #expect(c.lines[0].trimmingBlanks == "LINE 23")
        #expect(c.lines[8].trimmingBlanks == "LINE 31")
    }

    @Test func enterWithTextDuringMoreIsInput() {
        var c = LineConsole.test()
        c.write(Self.numbered(1...30), now: .zero)
        c.type("cp q t")
        #expect(c.press(.enter, now: .seconds(1)) == [.line("cp q t")])
        #expect(c.statusWord == .more, "the echo waits behind MORE...")
        _ = c.press(.clear, now: .seconds(2))
        #expect(c.lines[8].trimmingBlanks == "cp q t")
    }

    @Test func pa2ToHostDoesNotClear() {
        var c = LineConsole.test()
        c.pa2ToHost = true
        c.write(Self.numbered(1...30), now: .zero)
        #expect(c.press(.pa(2), now: .zero) == [.pa2Interrupt])
        #expect(c.statusWord == .more)
    }

    @Test func hostClearShowsWhatWaits() {
        var c = LineConsole.test()
        c.write(Self.numbered(1...30), now: .zero)
        c.clearOutput(now: .seconds(2))
        #expect(c.statusWord == .cpRead)
        #expect(c.lines[0].trimmingBlanks == "LINE 23")
    }
}

extension PagingTests {
    @Test func waitingOutputIsBounded() {
        var c = LineConsole.test(.init(maximumQueuedRows: 100))
        c.write(Self.numbered(1...1000), now: .zero)
        #expect(c.queuedRows == 100)
        _ = c.press(.clear, now: .zero)
        #expect(c.lines[0].trimmingBlanks == "LINE 901", "the oldest waiting rows went")
    }
}
