import Foundation
import Server
import Synchronization

/// Users and keys for the tests: "fred" with password "secret" and the test
/// key, "wilma" with password "pebbles".
struct TestAuthenticator: SSHAuthenticator {
    let passwords: [String: String]
    let keys: [String: [String]]

    func checkPassword(user: String, password: String) -> Bool {
        passwords[user.lowercased()] == password
    }

    func acceptsKey(user: String, publicKey: String) -> Bool {
        keys[user.lowercased()]?.contains(publicKey) ?? false
    }
}

/// What the test application saw, in order, from every session.
final class EventLog: Sendable {
    private let lines = Mutex<[String]>([])

    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    func contains(_ line: String) -> Bool { all.contains(line) }
    func contains(prefix: String) -> Bool { all.contains { $0.hasPrefix(prefix) } }
}

/// Shell: echoes what is typed, in brackets; typing "q" ends the session with
/// status 3. Exec: "exit N" ends with status N; anything else is echoed back
/// as "ran: <command>" with status 0.
struct EchoApplication: SSHApplication {
    let events: EventLog

    func shell(user: String, terminal: String, columns: Int, rows: Int, output: SSHSessionOutput) -> SSHSessionHandler {
        events.add("shell \(user) \(terminal) \(columns)x\(rows)")
        output.send(Array("welcome \(user)\r\n".utf8))
        return EchoHandler(events: events, output: output)
    }

    func exec(user: String, command: String, output: SSHSessionOutput) {
        events.add("exec \(user) \(command)")
        if command.hasPrefix("exit "), let status = Int32(command.dropFirst(5)) {
            output.close(exitStatus: status)
        } else if command.hasPrefix("bytes "), let count = Int(command.dropFirst(6)) {
            output.send([UInt8](repeating: UInt8(ascii: "x"), count: count))
            output.close(exitStatus: 0)
        } else {
            output.send(Array("ran: \(command)\n".utf8))
            output.close(exitStatus: 0)
        }
    }
}

final class EchoHandler: SSHSessionHandler {
    let events: EventLog
    let output: SSHSessionOutput

    init(events: EventLog, output: SSHSessionOutput) {
        self.events = events
        self.output = output
    }

    func received(_ bytes: [UInt8]) {
        events.add("received \(String(decoding: bytes, as: UTF8.self))")
        if bytes.contains(UInt8(ascii: "q")) {
            output.close(exitStatus: 3)
        } else {
            output.send(Array("[".utf8) + bytes + Array("]".utf8))
        }
    }

    func resized(columns: Int, rows: Int) {
        events.add("resized \(columns)x\(rows)")
    }

    func connectionClosed() {
        events.add("closed")
    }
}
