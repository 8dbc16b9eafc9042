import Devices
import Foundation

/// Script mode: operator commands from a file, one per line, plus waits
/// that make a script reliable without timing guesses:
///
///     wait console TEXT [SECONDS]   until a console line contains TEXT
///     wait read [SECONDS]           until a console read is pending
///     wait stopped [SECONDS]        until the CPU stops (disabled wait)
///     sleep SECONDS
///     expect psw HEX                the PSW address (low 24 bits) must be HEX
///     # comments and blank lines are skipped
///
/// Output (command responses, failures) goes to `say`. Returns false when
/// a wait timed out or an expectation failed.
public struct MachineScript {
    let machine: BareMachine
    let recorder: RecordingConsole?
    let say: (String) -> Void

    public init(machine: BareMachine, recorder: RecordingConsole?, say: @escaping (String) -> Void) {
        self.machine = machine
        self.recorder = recorder
        self.say = say
    }

    public func run(lines: [String], file: String) -> Bool {
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ").map(String.init)
            let where_ = "\(file):\(index + 1)"
            switch words[0].lowercased() {
            case "wait":
                guard words.count >= 2 else { say("\(where_): wait needs console, read or stopped"); return false }
                var seconds = 30.0
                var text = ""
                switch words[1].lowercased() {
                case "console":
                    var rest = Array(words.dropFirst(2))
                    if let last = rest.last, let s = Double(last), rest.count > 1 { seconds = s; rest.removeLast() }
                    text = rest.joined(separator: " ")
                    if !poll(seconds, { recorder?.transcript.contains { $0.contains(text) } ?? false }) {
                        say("\(where_): no console line containing '\(text)' within \(seconds) s")
                        return false
                    }
                case "read":
                    if words.count > 2, let s = Double(words[2]) { seconds = s }
                    if !poll(seconds, { machine.perform { $0.defaultConsole?.isReading ?? false } }) {
                        say("\(where_): no console read within \(seconds) s")
                        return false
                    }
                case "stopped":
                    if words.count > 2, let s = Double(words[2]) { seconds = s }
                    if !poll(seconds, { !machine.perform { $0.isStarted } }) {
                        say("\(where_): the CPU did not stop within \(seconds) s")
                        return false
                    }
                default:
                    say("\(where_): unknown wait '\(words[1])'")
                    return false
                }
            case "sleep":
                usleep(UInt32((Double(words.count > 1 ? words[1] : "1") ?? 1) * 1_000_000))
            case "expect":
                guard words.count == 3, words[1].lowercased() == "psw", let want = UInt64(words[2], radix: 16) else {
                    say("\(where_): usage: expect psw HEX")
                    return false
                }
                let psw = machine.perform { $0.machine.psw }
                if psw & 0x00FF_FFFF != want {
                    say("\(where_): PSW \(hex16(psw)), expected address \(words[2])")
                    return false
                }
            default:
                for response in machine.command(line) { say(response) }
            }
        }
        return true
    }

    private func poll(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }
}
