import BareMachine
import Devices
import Foundation
import Media
import S370Core
import Terminal
import Testing

/// Real stand-alone programs from ../shared/guests/standalone, IPLed on a
/// bare machine exactly as their READMEs describe, with the expected
/// console output from those READMEs.
@Suite("Stand-alone programs", .serialized)
struct StandaloneProgramTests {
    static let folder = "guests/standalone"

    /// Builds a machine from configuration text (file names relative to the folder).
    static func machine(_ config: String, folder: String,
                        display: RecordingDisplay? = nil) throws -> (BareMachine, RecordingConsole)? {
        guard let dir = SharedFiles.require("\(Self.folder)/\(folder)") else { return nil }
        let configuration = try MachineConfiguration.parse(config, file: "test.cnf", baseDirectory: dir.path)
        let recorder = RecordingConsole()
        let machine = try BareMachine(configuration: configuration,
                                      context: DeviceContext(console: { _ in recorder }, display: { _ in display }),
                                      message: { _ in })
        machine.powerOn()
        return (machine, recorder)
    }

    /// Waits (up to `seconds`) for `condition`.
    static func eventually(_ seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }

    /// Types each input when the program has a read pending, then waits for the stop.
    static func converse(_ machine: BareMachine, _ console: RecordingConsole, inputs: [String]) -> Bool {
        for input in inputs {
            guard eventually(20, { console.isReading }) else { return false }
            machine.perform { $0.defaultConsole?.enter(input) }
            _ = eventually { !console.isReading }
        }
        return eventually { !machine.perform { $0.isStarted } }
    }

    static func waitAddress(_ machine: BareMachine) -> UInt64 { machine.perform { $0.machine.psw } & 0xFF_FFFF }

    @Test func hello() throws {
        guard let (m, console) = try Self.machine("001F 3215\n000C 3505 hello.deck ebcdic", folder: "simh-tests") else { return }
        defer { m.powerOff() }
        #expect(m.command("ipl 00C").first?.contains("complete") == true)
        #expect(Self.eventually { !m.perform { $0.isStarted } })
        #expect(console.transcript == ["Hello Bare-Metal World!"])
        #expect(Self.waitAddress(m) == 0)
    }

    @Test(arguments: ["echo.deck", "echo_sli.deck"])
    func echo(deck: String) throws {
        guard let (m, console) = try Self.machine("001F 3215\n000C 3505 \(deck) ebcdic", folder: "simh-tests") else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 00C")
        #expect(Self.converse(m, console, inputs: ["hello there", "ECHO 123", "quit"]))
        #expect(console.transcript == ["ENTER: hello there", "ENTER: ECHO 123", "ENTER: "])
        #expect(Self.waitAddress(m) == 0)
    }

    /// The interrupt key (an external interruption) makes echo halt its
    /// read and wait for ATTN; CANCEL (unit exception on the read) too.
    @Test func echoHandlesInterruptKeyCancelAndAttention() throws {
        guard let (m, console) = try Self.machine("001F 3215\n000C 3505 echo.deck ebcdic", folder: "simh-tests") else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 00C")
        #expect(Self.eventually { console.isReading })
        m.machine.requestInterruptKey()
        #expect(Self.eventually { console.transcript.contains { $0.contains("** INTRP KEY **") } })
        _ = m.command("attn 01F")
        #expect(Self.eventually { console.transcript.contains { $0.contains("** ATTN **") } })
        #expect(Self.eventually { console.isReading })
        _ = m.command("cancel 01F")
        #expect(Self.eventually { console.transcript.contains { $0.contains("** CANCEL **") } })
        _ = m.command("attn 01F")
        #expect(Self.converse(m, console, inputs: ["quit"]))
        #expect(Self.waitAddress(m) == 0)
    }

    @Test func cardToConsole() throws {
        guard let (m, console) = try Self.machine("001F 3215\n010C 3505 crd2consl.ipl ebcdic", folder: "simh-tests") else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 10C")
        #expect(Self.eventually { !m.perform { $0.isStarted } })
        #expect(console.transcript.first?.hasPrefix("HAPPY TESTING FROM AN IPL CARD") == true)
        #expect(Self.waitAddress(m) == 0)
    }

    @Test func menuOnThe009Console() throws {
        guard let (m, console) = try Self.machine("0009 3215\n000C 3505 t3215.deck ebcdic", folder: "sattape") else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 00C")
        #expect(Self.converse(m, console, inputs: ["1", "2", "3", "9", "4"]))
        let menu = ["MENU", "----------------", "1: DISPLAY PSW", "2: DISPLAY CSW", "3: DISPLAY LOW CORE", "4: QUIT"]
        let lines = console.transcript.map { $0.trimmingCharacters(in: .whitespaces) }
        let said = lines.filter { $0.hasPrefix("YOU SAID:") }
        #expect(Array(lines.prefix(6)) == menu)
        #expect(said == ["YOU SAID: 1: DISPLAY PSW", "YOU SAID: 2: DISPLAY CSW", "YOU SAID: 3: DISPLAY LOW CORE", "YOU SAID:"])
        #expect(lines.last == "ALL DONE")
        #expect(Self.waitAddress(m) == 0x99FACE)
    }

    @Test func menuThatDisplaysPSWCSWAndLowCore() throws {
        guard let (m, console) = try Self.machine("0009 3215\n000C 3505 t3215-1.deck ebcdic", folder: "sattape") else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 00C")
        #expect(Self.converse(m, console, inputs: ["1", "2", "3", "4"]))
        let lines = console.transcript.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("RESTART NEW PSW: 0000000000000800"))
        #expect(lines.contains("LAST CCW: 09000BBC00000013"))
        // The low-core display: the IPL CCWs, the CSW the console write left, the CAW.
        guard let start = lines.firstIndex(where: { $0.hasPrefix("FIRST 160 BYTES OF LOW CORE:") }) else {
            Issue.record("no low-core display in \(lines)")
            return
        }
        #expect(lines[start].hasSuffix("0000000000000800"))
        #expect(lines[start + 1] == "0200200060000050")
        #expect(lines[start + 2] == "0800200000000000")
        #expect(lines[start + 8] == "00000B380C000000", "CSW after the console write")
        #expect(lines[start + 9] == "00000B3000000000", "CAW")
        #expect(lines.last == "ALL DONE")
        #expect(Self.waitAddress(m) == 0x99FACE)
    }

    /// Two tasks switched by interval-timer interruptions (1/300 s slices):
    /// lines alternate between the tasks and both counters grow.
    @Test func taskSwitchingOnTheIntervalTimer() throws {
        guard let (m, console) = try Self.machine("0009 3215\n000C 3505 tswtch.deck ebcdic", folder: "sattape") else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 00C")
        #expect(Self.eventually { console.transcript.count >= 40 })
        _ = m.command("stop")
        let lines = console.transcript.filter { $0.hasPrefix("COUNTER VALUE: ") }
        #expect(lines.first?.hasPrefix("COUNTER VALUE: TWO 0000000000000000") == true)
        var lastOne = -1, lastTwo = -1
        for (i, line) in lines.enumerated() {
            let isTwo = line.hasPrefix("COUNTER VALUE: TWO")
            #expect(isTwo == (i % 2 == 0), "lines alternate between the tasks: \(line)")
            let digits = line.dropFirst("COUNTER VALUE: TWO ".count).prefix { $0.isNumber }
            guard let value = Int(digits) else { Issue.record("no counter in \(line)"); continue }
            if isTwo {
                #expect(value % 10 == 0)
                #expect(value >= lastTwo)
                lastTwo = value
            } else {
                #expect(value >= lastOne)
                lastOne = value
            }
        }
        #expect(lastOne > 0 && lastTwo > 0)
    }

    /// The stopwatch: an enabled wait woken by the interval timer, which it
    /// reloads with one second each time. (How soon the second line comes
    /// depends on host speed: while the loader reads the deck the timer at
    /// location 80 runs too, and if it passes zero the interruption is
    /// pending when the program first enables, as on the hardware.)
    @Test func stopwatchOnTheIntervalTimer() throws {
        guard let (m, console) = try Self.machine("0009 3215\n000C 3505 itimrcl2.deck ebcdic", folder: "sattape") else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 00C")
        #expect(Self.eventually(10) { console.transcript.contains { $0.contains("00:00:03") } })
        _ = m.command("stop")
        let ticks = console.transcript.filter { $0.hasPrefix("00:00:") }
        #expect(Array(ticks.prefix(3)) == ["00:00:01", "00:00:02", "00:00:03"])
    }

    /// The same stopwatch on a 3270 at 0C1: its raw Write data streams
    /// (WCC, SBA, RA, SF) go into the screen model, which shows
    /// "ELAPSED TIME:" and a clock that advances.
    @Test func stopwatchOnA3270() throws {
        let shown = RecordingDisplay()
        guard let (m, _) = try Self.machine("0009 3215\n00C1 3270\n000C 3505 itimrclk.deck ebcdic",
                                            folder: "sattape", display: shown) else { return }
        defer { m.powerOff() }
        _ = m.command("ipl 00C")
        guard let display = m.perform({ $0.io.channels.device(at: 0x0C1) as? Display3270 }) else {
            Issue.record("no 3270 at 0C1")
            return
        }
        /// The clock after "ELAPSED TIME:" on the screen, if it shows one.
        func clock() -> String? {
            guard let row = display.lines.first(where: { $0.contains("ELAPSED TIME:") }),
                  let label = row.range(of: "ELAPSED TIME:") else { return nil }
            let text = row[label.upperBound...].trimmingCharacters(in: .whitespaces).prefix(8)
            let digits = text.split(separator: ":")
            return digits.count == 3 && digits.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }) ? String(text) : nil
        }
        #expect(Self.eventually(20) { clock() != nil }, "screen: \(display.lines)")
        guard let first = clock() else { return }
        #expect(Self.eventually(20) { (clock() ?? first) > first }, "the clock advances past \(first)")
        _ = m.command("stop")
        let screen = display.screen
        #expect(screen.fields.count == 2)
        #expect(screen.fields.allSatisfy { $0.attribute.isProtected && $0.attribute.isIntensified })
        #expect(shown.screen == screen, "the endpoint saw the last write")
    }
}
