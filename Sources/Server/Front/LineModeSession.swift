import CP
import Dispatch
import Foundation

/// A plain line-mode console for clients without a terminal (`ssh -T`, or
/// TERM=dumb): no escape sequences at all, so scripts can drive vm67 through
/// pipes and a terminal without cursor addressing works like a typewriter
/// console. Output lines go out as text ending in CRLF; input is read a line
/// at a time, ended by CR, LF or CRLF (on a pty the server echoes and edits
/// it: DumbTerminalInput). The status word shows only when it becomes CP READ
/// or VM READ, as a line of its own, like a prompt (after emx370's `CP READ` /
/// `VM READ` prompts [spec §3, Logo screen]). The logon user gets the logo as
/// lines and logs on with LOGON userid and a password typed unseen.
///
/// Like `TerminalSession`, everything runs on the session's serial queue:
/// CP's output comes from VM workers and hops onto it.
final class LineModeSession: SSHSessionHandler, TerminalConnection, @unchecked Sendable {
    private enum State {
        case starting
        /// The logo was shown; waiting for `LOGON userid`.
        case logo
        /// Waiting for `userid`'s password, or checking it.
        case password(userid: String, noIPL: Bool)
        case loggedOn(VirtualMachine)
        case closed
    }

    private let cp: ControlProgram
    private let entry: TerminalSession.Entry
    private let output: any SSHSessionOutput
    private let info: SSHSessionInfo
    private let queue: DispatchQueue
    private let log: @Sendable (String) -> Void
    private var state: State = .starting
    private var input: DumbTerminalInput
    private var failedPasswords = 0
    /// The status last shown (or passed over, for RUNNING), so that each
    /// read is announced once.
    private var shownStatus: ConsoleStatus?
    /// When output last went to the client (for the end of a script's input).
    private var lastOutput = DispatchTime.now()

    /// How long the output must have been quiet after a script's input
    /// ended before the session ends.
    static let quietAfterInput: Double = 0.3

    /// `echoes`: the client has a pty (its tty is raw), so typed input is
    /// echoed and edited here.
    init(cp: ControlProgram, entry: TerminalSession.Entry, info: SSHSessionInfo, echoes: Bool,
         output: any SSHSessionOutput, log: @escaping @Sendable (String) -> Void) {
        self.cp = cp
        self.entry = entry
        self.info = info
        self.output = output
        self.log = log
        self.input = DumbTerminalInput(echoes: echoes)
        self.queue = DispatchQueue(label: "vm67.linesession.\(info.connection)")
        queue.async {
            switch entry {
            case .user(let userid): self.logOn(userid, noIPL: false)
            case .logo: self.showLogo()
            }
        }
    }

    private func logOn(_ userid: String, noIPL: Bool) {
        let previous = state
        switch cp.logon(userid: userid, connection: self, noIPL: noIPL) {
        case .loggedOn(let vm), .reconnected(let vm):
            // CP may already have written (LOGON AT): those lines are queued
            // behind this on the same queue, so the state is set in time.
            state = .loggedOn(vm)
            log("\(info.peer) line-mode session \(info.connection) logged on as \(vm.userid)")
        case .refused(let message):
            send([message.fullLine])
            if case .logo = entry {
                state = previous
                showLogoPrompt()
            } else {
                state = .closed
                output.close(exitStatus: 1)
            }
        }
    }

    // MARK: The logo, as lines

    private func showLogo() {
        failedPasswords = 0
        send(LogoScreen.lines(systemName: cp.configuration.systemName, text: cp.configuration.logoText))
        showLogoPrompt()
    }

    private func showLogoPrompt() {
        state = .logo
        input.masked = false
        shownStatus = .cpRead
        send([ConsoleStatus.cpRead.rawValue])
    }

    private func logoLine(_ text: String) {
        switch LogoCommand(text) {
        case .nothing:
            break
        case .leave:
            state = .closed
            output.close(exitStatus: 0)
        case .refuse(let line):
            send([line])
            showLogoPrompt()
        case .askPassword(let userid, let noIPL):
            state = .password(userid: userid, noIPL: noIPL)
            input.masked = true
            send(["ENTER PASSWORD:"])
        case .check(let userid, let password, let noIPL):
            checkPassword(userid, password, noIPL: noIPL)
        }
    }

    private func checkPassword(_ userid: String, _ password: String, noIPL: Bool) {
        state = .password(userid: userid, noIPL: noIPL)
        // The hash is deliberately slow: check it off this queue.
        let cp = self.cp
        DispatchQueue.global().async {
            let good = cp.checkPassword(userid: userid, password: password)
            self.queue.async { self.passwordChecked(userid, good: good, noIPL: noIPL) }
        }
    }

    private func passwordChecked(_ userid: String, good: Bool, noIPL: Bool) {
        guard case .password = state else { return }
        if good {
            logOn(userid, noIPL: noIPL)
            return
        }
        failedPasswords += 1
        log("\(info.peer) line-mode session \(info.connection): wrong password for \(userid) on the logo")
        send([Messages.passwordIncorrect.fullLine])
        if failedPasswords >= LogoCommand.passwordAttempts {
            state = .closed
            output.close(exitStatus: 1)
            return
        }
        showLogoPrompt()
    }

    // MARK: SSH side

    func received(_ bytes: [UInt8]) {
        queue.async {
            if case .closed = self.state { return }
            let (events, echo) = self.input.take(bytes)
            if !echo.isEmpty { self.output.send(echo) }
            for event in events { self.handle(event) }
        }
    }

    private func handle(_ event: DumbTerminalInput.Event) {
        switch (state, event) {
        case (.loggedOn(let vm), .line(let line)):
            vm.console.submit(.line(String(line.reversed().drop { $0 == " " }.reversed())))
        case (.loggedOn(let vm), .attention):
            vm.console.submit(.attention)
        case (.logo, .line(let line)):
            logoLine(line)
        case (.password(let userid, let noIPL), .line(let password)):
            checkPassword(userid, password, noIPL: noIPL)
        default:
            break   // typed while a password is checked, or ^C on the logo
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
        queue.async { if case .loggedOn = self.state { self.send(lines) } }
    }

    /// LINK's `ENTER READ PASSWORD:`: the next line is typed unseen.
    func maskNextInput() {
        queue.async { if case .loggedOn = self.state { self.input.masked = true } }
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
            if case .logo = self.entry, reason != .shutdown {
                self.showLogo()
                return
            }
            self.state = .closed
            self.output.close(exitStatus: reason == .loggedOff || reason == .disconnected ? 0 : 1)
        }
    }

    /// Output lines; a line being typed (echoed) is ended first and typed
    /// again after them, so a message never mixes with the user's input.
    private func send(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        lastOutput = .now()
        let retyped = input.retyped
        var bytes: [UInt8] = retyped.isEmpty ? [] : [0x0D, 0x0A]
        bytes += Array(lines.map { $0 + "\r\n" }.joined().utf8)
        output.send(bytes + retyped)
    }
}
