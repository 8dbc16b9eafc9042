import CP
import Dispatch
import Foundation
import Media
import Terminal

/// One SSH terminal session: the 3270-style console (Terminal's
/// `ConsoleSession`) between the client's bytes and CP. It is CP's
/// `TerminalConnection` for the user logged on through it.
///
/// Everything happens on the session's own serial queue: SSH calls, CP's
/// output (from VM workers) and the console's timer all hop onto it, so the
/// console needs no lock and a slow client never holds up a guest.
final class TerminalSession: SSHSessionHandler, TerminalConnection, @unchecked Sendable {
    /// Who the session is for: a user the SSH login already authenticated,
    /// or the logo screen where anyone logs on with userid and password.
    enum Entry {
        case user(String)
        case logo
    }

    private enum State {
        /// The logo screen, waiting for `LOGON userid`.
        case logo
        /// The logo screen asked for `userid`'s password (masked input).
        case password(userid: String, noIPL: Bool)
        case loggedOn(VirtualMachine)
        case closed
    }

    private let cp: ControlProgram
    private let entry: Entry
    private let output: any SSHSessionOutput
    private let info: SSHSessionInfo
    private let queue: DispatchQueue
    private var console: ConsoleSession!
    private var state: State = .logo
    private var timer: DispatchSourceTimer?
    private var failedPasswords = 0
    private let log: @Sendable (String) -> Void

    init(cp: ControlProgram, entry: Entry, info: SSHSessionInfo, terminal: SSHTerminal,
         output: any SSHSessionOutput, log: @escaping @Sendable (String) -> Void) {
        self.cp = cp
        self.entry = entry
        self.info = info
        self.output = output
        self.log = log
        self.queue = DispatchQueue(label: "vm67.session.\(info.connection)")
        let page = CodePage.cp037
        let configuration = ConsoleSession.Configuration(
            terminalType: terminal.type,
            terminalSize: ScreenSize(rows: max(1, terminal.rows), columns: max(1, terminal.columns)),
            codes: CodeTable(toLatin1: page.toLatin1, fromLatin1: page.fromLatin1),
            lineConsole: LineConsole.Configuration(systemName: cp.configuration.systemName))
        console = ConsoleSession(
            configuration: configuration,
            sendToTerminal: { [output] bytes in output.send(bytes) },
            sendToHost: { [unowned self] event in self.handle(event) },
            scheduleWakeup: { [unowned self] delay in self.schedule(delay) })
        queue.async { self.begin() }
    }

    // MARK: SSH side (the connection's queue)

    func received(_ bytes: [UInt8]) {
        queue.async { if case .closed = self.state { return }; self.console.receive(bytes) }
    }

    func resized(columns: Int, rows: Int) {
        queue.async { self.console.resize(ScreenSize(rows: max(1, rows), columns: max(1, columns))) }
    }

    func closed(_ end: SSHSessionEnd) {
        queue.async {
            let previous = self.state
            self.state = .closed
            self.timer?.cancel()
            self.timer = nil
            // A client that went away without LOGOFF leaves its VM running,
            // disconnected; the next login reconnects to it.
            if case .loggedOn(let vm) = previous {
                self.cp.connectionLost(vm, from: self)
            }
        }
    }

    // MARK: CP side (any thread)

    func write(_ lines: [String]) {
        queue.async { if case .loggedOn = self.state { self.console.write(lines) } }
    }

    func setStatus(_ status: ConsoleStatus) {
        queue.async {
            guard case .loggedOn = self.state, let host = HostStatus(rawValue: status.rawValue) else { return }
            self.console.setStatus(host)
        }
    }

    func clearScreen() {
        queue.async { if case .loggedOn = self.state { self.console.clearScreen() } }
    }

    /// LINK's `ENTER READ PASSWORD:`: the next line is typed unseen.
    func maskNextInput() {
        queue.async { if case .loggedOn = self.state { self.console.setInputMasked(true) } }
    }

    /// Runs `work` on the session's queue with the console, or with nil when
    /// no user is logged on through it (the session ended meanwhile).
    func onQueue(_ work: @escaping @Sendable (ConsoleSession?) -> Void) {
        queue.async {
            guard case .loggedOn = self.state else { return work(nil) }
            work(self.console)
        }
    }

    /// LOGOFF, FORCE, DISCONNECT or shutdown: a logo session shows the
    /// logo again (unless the system is going down); a login session ends.
    func sessionEnded(_ reason: SessionEnd) {
        queue.async {
            guard case .loggedOn = self.state else { return }
            if case .logo = self.entry, reason != .shutdown {
                self.showLogo()
                return
            }
            self.state = .closed
            self.console.stop()
            self.output.close(exitStatus: reason == .loggedOff || reason == .disconnected ? 0 : 1)
        }
    }

    // MARK: The session's queue

    private func begin() {
        console.start()
        switch entry {
        case .logo:
            showLogo()
        case .user(let userid):
            logOn(userid, noIPL: false)
        }
    }

    private func showLogo() {
        state = .logo
        failedPasswords = 0
        console.clearScreen()
        console.setInputMasked(false)
        console.write(LogoScreen.lines(systemName: cp.configuration.systemName, text: cp.configuration.logoText))
        console.setStatus(.cpRead)
    }

    private func logOn(_ userid: String, noIPL: Bool) {
        // Set before CP can write: its first lines (LOGON AT) come at once.
        let previous = state
        switch cp.logon(userid: userid, connection: self, noIPL: noIPL) {
        case .loggedOn(let vm), .reconnected(let vm):
            state = .loggedOn(vm)
            log("\(info.peer) session \(info.connection) logged on as \(vm.userid)")
        case .refused(let message):
            state = previous
            console.write([message.fullLine])
            if case .user = entry {
                console.stop()
                state = .closed
                output.close(exitStatus: 1)
            } else {
                showLogoPrompt()
            }
        }
    }

    private func showLogoPrompt() {
        state = .logo
        console.setInputMasked(false)
        console.setStatus(.cpRead)
    }

    private func handle(_ event: ConsoleEvent) {
        switch state {
        case .loggedOn(let vm):
            switch event {
            case .line(let text): vm.console.submit(.line(text))
            case .attention: vm.console.submit(.attention)
            case .programFunction(let n): vm.console.submit(.programFunction(n))
            case .fullScreenAttention(let aid): vm.console.submit(.fullScreenAttention(aid))
            case .fullScreenInterrupted: vm.console.submit(.fullScreenInterrupted)
            case .fullScreenResumed: vm.console.submit(.fullScreenResumed)
            case .pa2Interrupt: vm.console.submit(.pa2Interrupt)
            case .displayKey: break
            }
        case .logo:
            guard case .line(let text) = event else { return }
            logoCommand(text)
        case .password(let userid, let noIPL):
            guard case .line(let password) = event else {
                showLogoPrompt()
                return
            }
            // The hash is deliberately slow: check it off this queue.
            let cp = self.cp
            DispatchQueue.global().async {
                let good = cp.checkPassword(userid: userid, password: password)
                self.queue.async { self.passwordChecked(userid, good: good, noIPL: noIPL) }
            }
        case .closed:
            break
        }
    }

    private func passwordChecked(_ userid: String, good: Bool, noIPL: Bool) {
        guard case .password = state else { return }
        if good {
            logOn(userid, noIPL: noIPL)
            return
        }
        failedPasswords += 1
        log("\(info.peer) session \(info.connection): wrong password for \(userid) on the logo screen")
        console.write([Messages.passwordIncorrect.fullLine])
        if failedPasswords >= LogoCommand.passwordAttempts {
            state = .closed
            console.stop()
            output.close(exitStatus: 1)
            return
        }
        showLogoPrompt()
    }

    /// A line typed on the logo screen (LogoCommand says what it means).
    private func logoCommand(_ text: String) {
        switch LogoCommand(text) {
        case .nothing:
            break
        case .leave:
            state = .closed
            console.stop()
            output.close(exitStatus: 0)
        case .refuse(let line):
            console.write([line])
        case .askPassword(let userid, let noIPL):
            state = .password(userid: userid, noIPL: noIPL)
            console.write(["ENTER PASSWORD:"])
            console.setInputMasked(true)
        case .check(let userid, let password, let noIPL):
            state = .password(userid: userid, noIPL: noIPL)
            handle(.line(password))
        }
    }

    private func schedule(_ delay: Duration?) {
        timer?.cancel()
        timer = nil
        guard let delay else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let nanoseconds = max(0, Int(delay.components.seconds) * 1_000_000_000 + Int(delay.components.attoseconds / 1_000_000_000))
        timer.schedule(deadline: .now() + .nanoseconds(nanoseconds))
        timer.setEventHandler { [weak self] in
            guard let self, case .closed = self.state else { self?.console.wakeUp(); return }
        }
        timer.resume()
        self.timer = timer
    }
}
