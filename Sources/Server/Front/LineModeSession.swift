import CP
import Dispatch
import Foundation

/// A plain line-mode console for clients without a terminal (`ssh -T`, or
/// TERM=dumb): no escape sequences at all, so scripts can drive vm67 through
/// pipes. Output lines go out as text ending in CRLF; input is read a line at
/// a time, ended by CR, LF or CRLF. The status word shows only when it
/// becomes CP READ or VM READ, as a line of its own, like a prompt (after
/// emx370's `CP READ` / `VM READ` prompts [spec §3, Logo screen]).
///
/// Like `TerminalSession`, everything runs on the session's serial queue:
/// CP's output comes from VM workers and hops onto it.
final class LineModeSession: SSHSessionHandler, TerminalConnection, @unchecked Sendable {
    private enum State {
        case starting
        case loggedOn(VirtualMachine)
        case closed
    }

    private let cp: ControlProgram
    private let userid: String
    private let output: any SSHSessionOutput
    private let info: SSHSessionInfo
    private let queue: DispatchQueue
    private let log: @Sendable (String) -> Void
    private var state: State = .starting
    private var reader = LineReader()
    /// The status last shown (or passed over, for RUNNING), so that each
    /// read is announced once.
    private var shownStatus: ConsoleStatus?
    /// When output last went to the client (for the end of a script's input).
    private var lastOutput = DispatchTime.now()

    /// How long the output must have been quiet after a script's input
    /// ended before the session ends.
    static let quietAfterInput: Double = 0.3

    init(cp: ControlProgram, userid: String, info: SSHSessionInfo, output: any SSHSessionOutput,
         log: @escaping @Sendable (String) -> Void) {
        self.cp = cp
        self.userid = userid
        self.info = info
        self.output = output
        self.log = log
        self.queue = DispatchQueue(label: "vm67.linesession.\(info.connection)")
        queue.async { self.logOn() }
    }

    private func logOn() {
        switch cp.logon(userid: userid, connection: self, noIPL: false) {
        case .loggedOn(let vm), .reconnected(let vm):
            // CP may already have written (LOGON AT): those lines are queued
            // behind this on the same queue, so the state is set in time.
            state = .loggedOn(vm)
            log("\(info.peer) line-mode session \(info.connection) logged on as \(vm.userid)")
        case .refused(let message):
            send([message.fullLine])
            state = .closed
            output.close(exitStatus: 1)
        }
    }

    // MARK: SSH side

    func received(_ bytes: [UInt8]) {
        queue.async {
            guard case .loggedOn(let vm) = self.state else { return }
            for line in self.reader.lines(from: bytes) {
                vm.console.submit(.line(String(line.reversed().drop { $0 == " " }.reversed())))
            }
        }
    }

    func resized(columns: Int, rows: Int) {}

    /// The script's standard input ended without LOGOFF. Once CP has taken
    /// every line it sent and the output has been quiet for a moment, the
    /// session ends as a dropped line does: the VM is disconnected and runs
    /// on (the next login reconnects), and the client exits with status 0.
    func endOfInput() {
        queue.async {
            self.lastOutput = .now()
            self.endWhenDrained()
        }
    }

    private func endWhenDrained() {
        guard case .loggedOn(let vm) = state else { return }
        let quietFor = Double(DispatchTime.now().uptimeNanoseconds - lastOutput.uptimeNanoseconds) / 1e9
        guard vm.isIdleForTests, quietFor >= Self.quietAfterInput else {
            queue.asyncAfter(deadline: .now() + 0.05) { self.endWhenDrained() }
            return
        }
        state = .closed
        cp.connectionLost(vm, from: self)
        log("\(info.peer) line-mode session \(info.connection): input ended, \(vm.userid) disconnected")
        output.close(exitStatus: 0)
    }

    func closed(_ end: SSHSessionEnd) {
        queue.async {
            let previous = self.state
            self.state = .closed
            // As on the full-screen console: a client that went away without
            // LOGOFF leaves its VM running, disconnected.
            if case .loggedOn(let vm) = previous { self.cp.connectionLost(vm, from: self) }
        }
    }

    // MARK: CP side (any thread)

    func write(_ lines: [String]) {
        queue.async { if case .closed = self.state { return }; self.send(lines) }
    }

    func setStatus(_ status: ConsoleStatus) {
        queue.async {
            if case .closed = self.state { return }
            guard status != self.shownStatus else { return }
            self.shownStatus = status
            guard status == .cpRead || status == .vmRead else { return }
            // CP sets the status before the lines that go with it (LOGON AT,
            // a command's answer) are written: show it after what is
            // already queued, as the last line, the way a prompt reads.
            self.queue.async {
                if case .closed = self.state { return }
                if self.shownStatus == status { self.send([status.rawValue]) }
            }
        }
    }

    func sessionEnded(_ reason: SessionEnd) {
        queue.async {
            guard case .loggedOn = self.state else { return }
            self.state = .closed
            self.output.close(exitStatus: reason == .loggedOff || reason == .disconnected ? 0 : 1)
        }
    }

    private func send(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        lastOutput = .now()
        output.send(Array(lines.map { $0 + "\r\n" }.joined().utf8))
    }
}

/// Cuts a byte stream into lines at CR, LF or CRLF (one end, not two).
struct LineReader {
    private var pending: [UInt8] = []
    private var afterCR = false

    mutating func lines(from bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 0x0A && afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == 0x0D
            if byte == 0x0D || byte == 0x0A {
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll()
            } else if pending.count < 4096 {
                pending.append(byte)
            }
        }
        return lines
    }
}
