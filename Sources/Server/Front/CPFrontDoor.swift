import CP
import Dispatch

/// The SSH application of `vm67 serve`: every interactive session is a
/// console on CP; `exec` runs one CP command.
final class CPFrontDoor: SSHApplication, @unchecked Sendable {
    let cp: ControlProgram
    /// The SSH user that reaches the logo screen (`LOGON-USER`), if any.
    let logonUser: String?
    let log: @Sendable (String) -> Void

    init(cp: ControlProgram, logonUser: String?, log: @escaping @Sendable (String) -> Void) {
        self.cp = cp
        self.logonUser = logonUser
        self.log = log
    }

    func isLogonUser(_ user: String) -> Bool {
        logonUser.map { $0.caseInsensitiveCompare(user) == .orderedSame } ?? false
    }

    /// A client without a terminal (`ssh -T`) or with one that cannot
    /// address the cursor (TERM=dumb) gets a plain line-mode session, for
    /// scripts and typewriter-like terminals, the logo included.
    func openSession(_ session: SSHSessionInfo, terminal: SSHTerminal, output: any SSHSessionOutput) -> any SSHSessionHandler {
        let entry: TerminalSession.Entry = isLogonUser(session.user) ? .logo : .user(session.user.uppercased())
        if terminal.type == "dumb" {
            return LineModeSession(cp: cp, entry: entry, info: session, echoes: terminal.pty, output: output, log: log)
        }
        return TerminalSession(cp: cp, entry: entry, info: session, terminal: terminal, output: output, log: log)
    }

    /// `ssh bob@host 'QUERY NAMES'`: the output lines and CP's return code
    /// as the exit status (255 at most). The logo user runs no commands.
    func exec(_ session: SSHSessionInfo, command: String, reply: @escaping @Sendable (SSHExecResult) -> Void) {
        if isLogonUser(session.user) {
            reply(SSHExecResult(output: "DMKLOG020E USERID MISSING OR INVALID\n", exitStatus: 1))
            return
        }
        log("\(session.peer) exec as \(session.user.uppercased()): \(command.prefix(80))")
        cp.runCommand(command, as: session.user.uppercased()) { rc, lines in
            let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
            reply(SSHExecResult(output: text, exitStatus: Int32(min(max(rc, 0), 255))))
        }
    }
}
