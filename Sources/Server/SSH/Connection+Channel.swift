import CLibSSH
import Dispatch

/// The session channel: pty-req, window-change, shell, exec and env arrive
/// as libssh messages (see Sources/CLibSSH/shim.h for why not callbacks);
/// typed bytes arrive through the channel's data callback, inside a pump, and
/// go to the application's handler. A request only records what must happen
/// to the connection itself (`end`); `settle` acts on it after libssh returns.
extension Connection {
    private static func from(_ userdata: UnsafeMutableRawPointer?) -> Connection {
        Unmanaged<Connection>.fromOpaque(userdata!).takeUnretainedValue()
    }

    func installChannelCallbacks(on channel: ssh_channel) {
        let callbacks = channelCallbacks
        callbacks.initialize(to: ssh_channel_callbacks_struct())
        vm67_ssh_channel_callbacks_init(callbacks)
        // Unretained: the connection outlives its session, which it frees
        // (with the channel) in tearDown.
        callbacks.pointee.userdata = Unmanaged.passUnretained(self).toOpaque()
        callbacks.pointee.channel_data_function = { _, _, data, length, _, userdata in
            Connection.from(userdata).received(data, count: Int(length))
            return Int32(bitPattern: length)
        }
        callbacks.pointee.channel_eof_function = { _, _, userdata in
            Connection.from(userdata).endOfInput()
        }
        ssh_set_channel_callbacks(channel, callbacks)
    }

    /// A request on the session channel; replies (if the client wants one)
    /// and frees the message.
    func channelRequest(_ message: ssh_message) {
        defer { ssh_message_free(message) }
        guard let channel, ssh_message_channel_request_channel(message) == channel else {
            ssh_message_reply_default(message)
            return
        }
        let accepted: Bool
        log(.trace, "channel request \(ssh_message_subtype(message))")
        switch ssh_message_subtype(message) {
        case Int32(SSH_CHANNEL_REQUEST_PTY.rawValue):
            let term = vm67_ssh_message_channel_request_pty_term(message).map { String(cString: $0) } ?? ""
            accepted = requestTerminal(term, columns: Int(vm67_ssh_message_channel_request_pty_width(message)),
                                       rows: Int(vm67_ssh_message_channel_request_pty_height(message)))
        case Int32(SSH_CHANNEL_REQUEST_WINDOW_CHANGE.rawValue):
            accepted = resize(columns: Int(vm67_ssh_message_channel_request_pty_width(message)),
                              rows: Int(vm67_ssh_message_channel_request_pty_height(message)))
        case Int32(SSH_CHANNEL_REQUEST_SHELL.rawValue):
            accepted = requestShell()
        case Int32(SSH_CHANNEL_REQUEST_EXEC.rawValue):
            accepted = requestExec(ssh_message_channel_request_command(message).map { String(cString: $0) } ?? "")
        case Int32(SSH_CHANNEL_REQUEST_ENV.rawValue):
            accepted = true  // accepted and ignored: a virtual machine has no Unix environment
        default:
            // x11, agent forwarding, subsystems such as sftp: not offered.
            accepted = false
        }
        if accepted && ending == nil {
            ssh_message_channel_request_reply_success(message)
        } else {
            ssh_message_reply_default(message)
        }
    }

    // MARK: - Requests (true to accept)

    private func requestTerminal(_ type: String, columns: Int, rows: Int) -> Bool {
        guard !started, let size = checkedSize(columns: columns, rows: rows) else { return false }
        // Terminal names are short words ("xterm-256color"); anything else is
        // kept out of the application and the logs.
        let printable = type.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 }
        terminal = SSHTerminal(type: type.isEmpty || !printable ? "dumb" : String(type.prefix(64)),
                               columns: size.columns, rows: size.rows, pty: true)
        return true
    }

    private func requestShell() -> Bool {
        guard !started, let session = sessionInfo else { return false }
        started = true
        stopTimer()
        if terminal == nil { terminal = SSHTerminal(type: "dumb", columns: 80, rows: 24) }
        // The success reply goes out when this returns; the application
        // starts after that, so its first output follows the reply. Input and
        // resizes that come meanwhile are kept for it.
        queue.async { [self] in
            guard phase == .authenticated, let terminal else { return }
            log("shell, terminal \(terminal.type) \(terminal.columns)x\(terminal.rows)")
            let handler = context.application.openSession(session, terminal: terminal, output: self)
            self.handler = handler
            if !earlyInput.isEmpty {
                let input = earlyInput
                earlyInput = []
                handler.received(input)
            }
            if earlyEndOfInput { handler.endOfInput() }
            settle()
        }
        return true
    }

    private func requestExec(_ command: String) -> Bool {
        guard !started, let session = sessionInfo else { return false }
        started = true
        stopTimer()
        isExec = true
        earlyInput = []  // a command reads no input
        queue.async { [self] in
            guard phase == .authenticated else { return }
            log("exec \"\(LogText.printable(command, limit: 80))\"")
            context.application.exec(session, command: command) { [self] result in
                enqueue(Array(result.output.utf8), bounded: false)
                close(exitStatus: result.exitStatus)
            }
        }
        return true
    }

    private func resize(columns: Int, rows: Int) -> Bool {
        guard let size = checkedSize(columns: columns, rows: rows) else { return false }
        terminal?.columns = size.columns
        terminal?.rows = size.rows
        handler?.resized(columns: size.columns, rows: size.rows)
        return true
    }

    private func received(_ data: UnsafeMutableRawPointer?, count: Int) {
        guard let data, count > 0 else { return }
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        if let handler {
            handler.received(Array(bytes))
        } else if !isExec && earlyInput.count + count <= 64 * 1024 {
            // Typed ahead of the session's start. Clients send input right
            // behind the shell request, and libssh reads both in one go,
            // running this callback before the request reaches us as a
            // message. Kept for the shell; dropped if it turns out an exec.
            earlyInput += bytes
        }
    }

    /// The client will send nothing more (its standard input ended).
    private func endOfInput() {
        if let handler {
            handler.endOfInput()
        } else if !isExec {
            earlyEndOfInput = true
        }
    }

    /// A client without a real terminal reports 0x0: that is 80x24. A size
    /// past the limits is no terminal anyone has; a client that claims one
    /// (and would have the application draw screens of that size) is dropped.
    private func checkedSize(columns: Int, rows: Int) -> (columns: Int, rows: Int)? {
        let limits = context.limits
        guard columns <= limits.maxTerminalColumns, rows <= limits.maxTerminalRows else {
            end("terminal size \(columns)x\(rows) is past the limit of \(limits.maxTerminalColumns)x\(limits.maxTerminalRows)")
            return nil
        }
        return (columns > 0 ? columns : 80, rows > 0 ? rows : 24)
    }
}
