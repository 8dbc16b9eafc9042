import CLibSSH
import Dispatch

/// The application's output on its way to the client: a bounded queue that
/// SSH flow control drains, the exit status once the queue is empty, and a
/// watchdog for clients that stop taking their output.
extension Connection {
    /// Sends what the channel window allows; once everything is out and the
    /// application has closed, sends the exit status and closes the channel.
    func flushOutput() {
        guard let channel, !channelClosedByServer, ending == nil else { return }
        while !pendingOutput.isEmpty {
            // Only while libssh has nothing left unsent: its own buffer has
            // no bound, and a client may claim a window of gigabytes and then
            // read nothing. So output waits here, where it is counted.
            guard ssh_get_status(session) & SSH_WRITE_PENDING == 0 else { break }
            let window = Int(ssh_channel_window_size(channel))
            guard window > 0 else { break }
            let written = pendingOutput.withFront(upTo: min(window, 32 * 1024)) {
                ssh_channel_write(channel, $0.baseAddress, UInt32($0.count))
            }
            if written < 0 {
                end("cannot write to the client: \(libsshError())")
                return
            }
            if written == 0 { break }
            pendingOutput.consume(Int(written))
            outputProgress = .now()
        }
        if pendingOutput.isEmpty, let status = requestedExitStatus {
            channelClosedByServer = true
            ssh_channel_request_send_exit_status(channel, status)
            ssh_channel_send_eof(channel)
            ssh_channel_close(channel)
            phase = .closing
            // The client normally hangs up now; one that does not is dropped.
            startTimer(after: context.limits.closeLinger) { [unowned self] in
                end("the client did not hang up after the session ended", level: .info)
            }
        }
    }

    /// Keeps a timer running while output waits for the client. A client that
    /// takes none of it for `outputStallTimeout` seconds is disconnected; one
    /// that is merely slow keeps resetting the clock.
    func watchForStall(outputWaiting: Bool) {
        guard outputWaiting, phase == .authenticated || phase == .closing else {
            outputProgress = nil
            stallTimer?.cancel()
            stallTimer = nil
            return
        }
        if outputProgress == nil { outputProgress = .now() }
        guard stallTimer == nil else { return }
        let timeout = context.limits.outputStallTimeout
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + timeout, repeating: timeout / 4)
        timer.setEventHandler { [unowned self] in
            guard phase != .closed, let since = outputProgress else { return }
            let idle = Double(DispatchTime.now().uptimeNanoseconds - since.uptimeNanoseconds) / 1e9
            guard idle >= timeout else { return }
            end("client took none of its output for \(Int(idle)) s")
            settle()
        }
        timer.resume()
        stallTimer = timer
    }
}

extension Connection: SSHSessionOutput {
    func send(_ bytes: [UInt8]) {
        enqueue(bytes, bounded: true)
    }

    /// `bounded: false` is for an exec reply, which comes whole and once:
    /// its size is the application's to decide, and it is not a stream that
    /// could pile up.
    func enqueue(_ bytes: [UInt8], bounded: Bool) {
        guard !bytes.isEmpty else { return }
        queue.async { [self] in
            guard phase == .authenticated, requestedExitStatus == nil else { return }
            pendingOutput.append(bytes)
            if bounded && pendingOutput.count > context.limits.maxQueuedOutputBytes {
                end("client is not reading its output (\(pendingOutput.count) bytes queued)")
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
