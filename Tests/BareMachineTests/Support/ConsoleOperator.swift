import BareMachine
import Devices
import Foundation

/// The operator at a console (OS/VS1's here): waits for messages and answers them.
struct ConsoleOperator {
    let machine: BareMachine
    let console: RecordingConsole

    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let last: [String]
        var description: String { "no console line with '\(waitingFor)'; last lines: \(last)" }
    }

    var lines: [String] { console.transcript }

    /// Waits for a console line containing `text`.
    func waitFor(_ text: String, seconds: Double = 600) throws {
        if !TapeIPLTests.eventually(seconds, { lines.contains { $0.contains(text) } }) {
            throw Timeout(waitingFor: text, last: Array(lines.suffix(10)))
        }
    }

    /// NIP's questions: waits for `text` and the console read, then types `answer`.
    func answer(_ text: String, _ answer: String) throws {
        try waitFor(text)
        if !TapeIPLTests.eventually(120, { console.isReading }) {
            throw Timeout(waitingFor: "a console read after \(text)", last: Array(lines.suffix(10)))
        }
        _ = machine.command("/" + answer)
    }

    /// A reply or command once `text` is shown: the console raises attention
    /// and the system reads it.
    func reply(_ text: String, _ line: String) throws {
        try waitFor(text)
        _ = machine.command("/" + line)
    }

    /// Whether lines containing `texts` appear in this order.
    func inOrder(_ texts: [String]) -> Bool {
        var index = lines.startIndex
        for text in texts {
            guard let found = lines[index...].firstIndex(where: { $0.contains(text) }) else { return false }
            index = found + 1
        }
        return true
    }
}
