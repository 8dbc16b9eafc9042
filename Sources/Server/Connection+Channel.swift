import CLibSSH
import Dispatch

/// The session channel: pty-req, window-change, shell, exec and env arrive as
/// libssh channel callbacks; typed bytes go to the application's handler, and
/// the application's output goes back through a bounded buffer that SSH flow
/// control drains.
extension Connection {
    private static func from(_ userdata: UnsafeMutableRawPointer?) -> Connection {
        Unmanaged<Connection>.fromOpaque(userdata!).takeUnretainedValue()
    }

    func installChannelCallbacks(on channel: ssh_channel) {
        let callbacks = channelCallbacks
        callbacks.initialize(to: ssh_channel_callbacks_struct())
        vm67_ssh_channel_callbacks_init(callbacks)
        callbacks.pointee.userdata = Unmanaged.passUnretained(self).toOpaque()
        callbacks.pointee.channel_data_function = { _, _, data, length, _, userdata in
            Connection.from(userdata).received(data, count: Int(length))
            return Int32(bitPattern: length)
        }
        callbacks.pointee.channel_pty_request_function = { _, _, term, columns, rows, _, _, userdata in
            Connection.from(userdata).requestTerminal(term.map { String(cString: $0) } ?? "", columns: Int(columns), rows: Int(rows))
        }
        callbacks.pointee.channel_pty_window_change_function = { _, _, columns, rows, _, _, userdata in
            Connection.from(userdata).resize(columns: Int(columns), rows: Int(rows))
            return 0
        }
        callbacks.pointee.channel_shell_request_function = { _, _, userdata in
            Connection.from(userdata).requestShell()
        }
        callbacks.pointee.channel_exec_request_function = { _, _, command, userdata in
            Connection.from(userdata).requestExec(command.map { String(cString: $0) } ?? "")
        }
        callbacks.pointee.channel_env_request_function = { _, _, _, _, _ in
            0  // accepted and ignored: a virtual machine has no Unix environment
        }
        ssh_set_channel_callbacks(channel, callbacks)
    }

    // MARK: - Requests (return 0 to accept)

    private func requestTerminal(_ type: String, columns: Int, rows: Int) -> Int32 {
        guard !started else { return -1 }
        terminal = (type.isEmpty ? "dumb" : String(type.prefix(64)), columns, rows)
        return 0
    }

    private func requestShell() -> Int32 {
        guard !started, let user else { return 1 }
        started = true
        let (type, columns, rows) = terminal ?? ("dumb", 80, 24)
        let size = Self.usableSize(columns: columns, rows: rows)
        // After this callback returns libssh sends the success reply; the
        // application starts after it.
        queue.async { [self] in
            guard phase == .authenticated else { return }
            log("shell, terminal \(type) \(size.columns)x\(size.rows)")
            handler = context.application.shell(user: user, terminal: type, columns: size.columns, rows: size.rows, output: self)
            settle()
        }
        return 0
    }

    private func requestExec(_ command: String) -> Int32 {
        guard !started, let user else { return 1 }
        started = true
        queue.async { [self] in
            guard phase == .authenticated else { return }
            log("exec \"\(command.prefix(80))\"")
            context.application.exec(user: user, command: command, output: self)
        }
        return 0
    }

    private func resize(columns: Int, rows: Int) {
        let size = Self.usableSize(columns: columns, rows: rows)
        if let current = terminal { terminal = (current.type, size.columns, size.rows) }
        handler?.resized(columns: size.columns, rows: size.rows)
    }

    private func received(_ data: UnsafeMutableRawPointer?, count: Int) {
        guard let data, count > 0, let handler else { return }
        handler.received(Array(UnsafeRawBufferPointer(start: data, count: count)))
    }

    /// A client without a real terminal reports 0x0; treat that as 80x24.
    private static func usableSize(columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        (columns > 0 ? min(columns, 1000) : 80, rows > 0 ? min(rows, 1000) : 24)
    }

    // MARK: - Output

    /// Sends what the channel window allows; once everything is out and the
    /// application has closed, sends the exit status and closes the channel.
    func flushOutput() {
        guard let channel, !channelClosedByServer, endReason == nil else { return }
        while !pendingOutput.isEmpty {
            let window = Int(ssh_channel_window_size(channel))
            guard window > 0 else { break }
            let count = min(window, pendingOutput.count, 32 * 1024)
            let written = pendingOutput.withUnsafeBytes { ssh_channel_write(channel, $0.baseAddress, UInt32(count)) }
            if written < 0 {
                endReason = "cannot write to the client: \(libsshError())"
                return
            }
            if written == 0 { break }
            pendingOutput.removeFirst(Int(written))
        }
        if pendingOutput.isEmpty, let status = requestedExitStatus {
            channelClosedByServer = true
            ssh_channel_request_send_exit_status(channel, status)
            ssh_channel_send_eof(channel)
            ssh_channel_close(channel)
            phase = .closing
            // The client normally hangs up now; one that does not is dropped.
            startTimer(after: context.limits.closeLinger) { [unowned self] in
                endReason = endReason ?? "closed by the application"
            }
        }
    }
}

extension Connection: SSHSessionOutput {
    func send(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        queue.async { [self] in
            guard phase == .authenticated, requestedExitStatus == nil else { return }
            pendingOutput += bytes
            if pendingOutput.count > context.limits.maxQueuedOutputBytes {
                endReason = endReason ?? "client is not reading (\(pendingOutput.count) bytes queued)"
            } else {
                flushOutput()
            }
            settle()
        }
    }

    func close(exitStatus: Int32) {
        queue.async { [self] in
            guard phase == .authenticated, requestedExitStatus == nil else { return }
            requestedExitStatus = exitStatus
            flushOutput()
            settle()
        }
    }
}
