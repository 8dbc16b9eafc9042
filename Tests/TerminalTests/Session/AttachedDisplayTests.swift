import Testing
import Terminal

/// A display device (a dialed virtual 3270) owning the terminal, and
/// messages arriving while the user types.
@Suite("Attached display and interleaving")
struct AttachedDisplayTests {
    @Test func keysGoToTheDeviceAndItsScreenShows() throws {
        let h = SessionHarness()
        h.session.start()
        var device = Screen3270()
        try device.write(.eraseWrite, [0xC3] + Ebcdic.bytes("DIALED SCREEN"))
        h.session.showDisplay(device)
        #expect(h.session.mode == .attachedDisplay)
        #expect(h.lines[0].hasPrefix("DIALED SCREEN"))
        h.type("a\u{1B}[24~")
        let events = h.takeEvents()
        #expect(events == [.displayKey(.character("a")), .displayKey(.pf(12))])
        // What an adapter does with them:
        for case .displayKey(let key) in events {
            if let aid = key.aid { _ = device.enter(aid: aid) } else { device.apply(key, codes: .test) }
        }
        h.session.showDisplay(device)
        #expect(h.lines[0].hasPrefix("aIALED SCREEN"))
        h.session.detachDisplay()
        #expect(h.lines[23].contains("CP READ"))
    }

    @Test func messagesWhileTypingLeaveTheInputAlone() {
        let h = SessionHarness()
        h.session.start()
        h.type("query rea")
        for n in 1...40 { h.session.write(["MSG FROM BOB: HELLO \(n)"]) }
        #expect(h.session.lineConsole.inputText == "query rea")
        #expect(h.session.frame.cursor?.row == 22 && h.session.frame.cursor?.column == 10)
        h.type("der\r")
        #expect(h.takeEvents() == [.line("query reader")])
    }

    @Test func garbageBytesAndStreamsNeverTrap() {
        var rng = SplitMix(seed: 0x5E55)
        let h = SessionHarness(size: ScreenSize(rows: 30, columns: 100))
        h.session.start()
        for i in 0..<400 {
            let chunk = (0..<Int.random(in: 0...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            h.session.receive(chunk)
            if i % 7 == 0 { _ = try? h.session.writeFullScreen(FuzzTests.garbage(&rng, maxLength: 40)) }
            if i % 11 == 0 { h.session.write(["LINE \(i)"]) }
            if i % 13 == 0 { h.session.leaveFullScreen() }
            if i % 17 == 0 {
                h.clock.advance(.seconds(61))
                h.session.wakeUp()
            }
            if i % 29 == 0 { h.session.resize(ScreenSize(rows: Int.random(in: 10...60, using: &rng),
                                                        columns: Int.random(in: 30...200, using: &rng))) }
        }
        _ = h.session.readFullScreen(.readModified)
        #expect(h.session.frame.cells.count == h.session.terminalSize.cellCount)
    }
}
