import Dispatch
import Foundation
import Server
import Synchronization

/// Users and keys for the tests: "fred" with password "secret" and the test
/// key, "wilma" with password "pebbles", "barney" (whose session floods
/// output) with the test key.
struct TestAuthenticator: SSHAuthenticator {
    let passwords: [String: String]
    let keys: [String: [String]]

    func checkPassword(user: String, password: String) -> Bool {
        passwords[user.lowercased()] == password
    }

    func checkPublicKey(user: String, publicKey: String) -> Bool {
        keys[user.lowercased()]?.contains(publicKey) ?? false
    }
}

/// Lines recorded from several threads, read by the test.
final class EventLog: Sendable {
    private let lines = Mutex<[String]>([])

    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    func contains(_ line: String) -> Bool { all.contains(line) }
    func contains(prefix: String) -> Bool { all.contains { $0.hasPrefix(prefix) } }
    func contains(substring: String) -> Bool { all.contains { $0.contains(substring) } }
    var text: String { all.joined(separator: "\n") }
}

/// Shell: says welcome, then echoes what is typed in brackets; typing "q"
/// ends the session with status 3. User barney's shell instead floods output
/// until it is closed. Exec: "exit N" ends with status N, "bytes N" sends N
/// bytes, anything else comes back as "ran: <command>" with status 0.
struct EchoApplication: SSHApplication {
    let events: EventLog

    func openSession(_ session: SSHSessionInfo, terminal: SSHTerminal, output: any SSHSessionOutput) -> any SSHSessionHandler {
        events.add("shell \(session.user) \(terminal.type) \(terminal.columns)x\(terminal.rows)")
        let handler = EchoHandler(user: session.user, events: events, output: output)
        if session.user == "barney" {
            handler.flood()
        } else {
            output.send("welcome \(session.user)\r\n")
        }
        return handler
    }

    func exec(_ session: SSHSessionInfo, command: String, reply: @escaping @Sendable (SSHExecResult) -> Void) {
        events.add("exec \(session.user) \(command)")
        // Replies come from another thread, as CP's would.
        DispatchQueue.global().async {
            if command.hasPrefix("exit "), let status = Int32(command.dropFirst(5)) {
                reply(SSHExecResult(output: "", exitStatus: status))
            } else if command.hasPrefix("bytes "), let count = Int(command.dropFirst(6)) {
                reply(SSHExecResult(output: String(repeating: "x", count: count), exitStatus: 0))
            } else {
                reply(SSHExecResult(output: "ran: \(command)\n", exitStatus: 0))
            }
        }
    }
}

final class EchoHandler: SSHSessionHandler {
    let user: String
    let events: EventLog
    let output: any SSHSessionOutput
    private let ended = Mutex(false)

    init(user: String, events: EventLog, output: any SSHSessionOutput) {
        self.user = user
        self.events = events
        self.output = output
    }

    func received(_ bytes: [UInt8]) {
        events.add("received \(user) \(String(decoding: bytes, as: UTF8.self))")
        if bytes.contains(UInt8(ascii: "q")) {
            output.close(exitStatus: 3)
        } else {
            output.send(Array("[".utf8) + bytes + Array("]".utf8))
        }
    }

    func resized(columns: Int, rows: Int) {
        events.add("resized \(user) \(columns)x\(rows)")
    }

    func closed(_ end: SSHSessionEnd) {
        ended.withLock { $0 = true }
        switch end {
        case .closedByApplication: events.add("closed \(user) by application")
        case .disconnected(let reason): events.add("closed \(user) disconnected: \(reason)")
        case .serverStopping: events.add("closed \(user) server stopping")
        }
    }

    /// Sends 16 KB every 10 ms, as a runaway program would, until the session
    /// ends (at most 256 MB, so the test cannot run away itself).
    func flood(sent: Int = 0) {
        guard !ended.withLock({ $0 }), sent < 256 << 20 else { return }
        output.send([UInt8](repeating: UInt8(ascii: "z"), count: 16 * 1024))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.01) { [self] in flood(sent: sent + 16 * 1024) }
    }
}
