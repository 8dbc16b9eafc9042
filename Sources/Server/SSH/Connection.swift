import CLibSSH
import Dispatch
import Glibc
import Logging

/// One client connection from accept to close.
///
/// Everything here runs on the connection's own serial queue; nothing else
/// touches the libssh session. Readiness of the socket comes from Dispatch
/// sources; each readiness event "pumps" libssh once with a zero timeout, so
/// no call ever waits on the network. libssh's callbacks only record what
/// happened; the connection is taken down afterwards, in `settle`, never from
/// inside libssh.
final class Connection: @unchecked Sendable {
    enum Phase {
        case keyExchange, authenticating, authenticated
        /// The application closed the session; waiting for the client to hang up.
        case closing
        case closed
    }

    let identifier: Int
    let context: ServerContext
    let peerHost: String
    let peer: String
    let queue: DispatchQueue
    let session: ssh_session
    /// A duplicate of the socket for Dispatch to watch. libssh owns and closes
    /// the original; the duplicate closes only after both sources are
    /// cancelled, as Dispatch requires.
    private let watchedDescriptor: Int32
    let readSource: DispatchSourceRead
    let writeSource: DispatchSourceWrite
    // Dispatch plumbing (Connection+Dispatch.swift).
    var readSourceActive = false
    var writeSourceActive = false
    var timer: DispatchSourceTimer?

    /// Why the connection must end: recorded by whatever finds out (often a
    /// libssh callback), acted on in `settle`, once libssh has returned.
    struct Ending {
        let reason: String
        let end: SSHSessionEnd
        let level: Logger.Level
    }

    var phase = Phase.keyExchange
    var ending: Ending?
    var stillCountedUnauthenticated = true

    // Authentication (Connection+Authentication.swift).
    var user: String?
    var authenticationAttempts = 0
    /// A failure reply held back by the rate limiter. While it waits the
    /// connection reads nothing, so a client cannot pile up guesses.
    var heldReply: ssh_message?

    // The session channel (Connection+Channel.swift).
    var channel: ssh_channel?
    let channelCallbacks: UnsafeMutablePointer<ssh_channel_callbacks_struct>
    var terminal: SSHTerminal?
    /// A shell or exec request was accepted; a channel gets one.
    var started = false
    var handler: (any SSHSessionHandler)?
    /// Input that came before the shell's handler (Connection+Channel.swift).
    var earlyInput: [UInt8] = []
    /// The client sent EOF before the session's handler existed.
    var earlyEndOfInput = false
    var isExec = false
    var pendingOutput = OutputBuffer()
    var requestedExitStatus: Int32?
    var channelClosedByServer = false
    /// Output is waiting for the client; the last time it took some.
    var outputProgress: DispatchTime?
    var stallTimer: DispatchSourceTimer?

    init(identifier: Int, context: ServerContext, session: ssh_session, watchedDescriptor: Int32,
         peer: (host: String, port: Int)) {
        self.identifier = identifier
        self.context = context
        self.session = session
        self.peerHost = peer.host
        self.peer = Sockets.format(host: peer.host, port: peer.port)
        queue = DispatchQueue(label: "vm67.ssh.connection.\(identifier)")
        self.watchedDescriptor = watchedDescriptor
        readSource = DispatchSource.makeReadSource(fileDescriptor: watchedDescriptor, queue: queue)
        writeSource = DispatchSource.makeWriteSource(fileDescriptor: watchedDescriptor, queue: queue)
        channelCallbacks = .allocate(capacity: 1)
        channelCallbacks.initialize(to: ssh_channel_callbacks_struct())
    }

    deinit {
        channelCallbacks.deallocate()
    }

    /// One log line, naming the connection and the client.
    func log(_ level: Logger.Level, _ text: String) {
        context.logger.log(level: level, "ssh[\(identifier)] \(peer): \(text)")
    }

    func log(_ text: String) { log(.info, text) }

    /// Asks for the connection to end (the first reason wins); a client
    /// fault unless said otherwise.
    func end(_ reason: String, as end: SSHSessionEnd? = nil, level: Logger.Level = .warning) {
        guard ending == nil else { return }
        ending = Ending(reason: reason, end: end ?? .disconnected(reason: reason), level: level)
    }

    var sessionInfo: SSHSessionInfo? {
        user.map { SSHSessionInfo(user: $0, peer: peer, connection: identifier) }
    }

    // MARK: - Lifecycle

    /// Begins the key exchange. Called once, on any thread.
    func start() {
        queue.async { [self] in
            ssh_set_blocking(session, 0)
            ssh_set_auth_methods(session, Int32(SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_PUBLICKEY))
            readSource.setEventHandler { [unowned self] in pump() }
            writeSource.setEventHandler { [unowned self] in
                // Writable again: the client is taking its output.
                if outputProgress != nil { outputProgress = .now() }
                pump()
            }
            // Both sources watch one descriptor; it is closed after both are cancelled.
            let cancellations = DispatchGroup()
            cancellations.enter()
            cancellations.enter()
            readSource.setCancelHandler { cancellations.leave() }
            writeSource.setCancelHandler { cancellations.leave() }
            let descriptor = watchedDescriptor
            cancellations.notify(queue: queue) { Glibc.close(descriptor) }
            startTimer(after: context.limits.preAuthenticationTimeout) { [unowned self] in
                end("no login within \(Int(context.limits.preAuthenticationTimeout)) s")
            }
            pump()
        }
    }

    /// Ends the connection from outside (server stopping). Returns at once.
    func terminate(_ end: SSHSessionEnd, done: DispatchGroup) {
        done.enter()
        queue.async { [self] in
            if phase != .closed {
                self.end("server stopping", as: end, level: .info)
                settle()
            }
            done.leave()
        }
    }

    /// Lets libssh read and write what the socket allows, then handles the
    /// messages that produced.
    func pump() {
        guard phase != .closed else { return }
        if phase == .keyExchange {
            switch ssh_handle_key_exchange(session) {
            case SSH_OK:
                phase = .authenticating
            case SSH_AGAIN:
                break
            default:
                end("key exchange failed: \(libsshError())")
            }
        }
        if phase != .keyExchange && ending == nil {
            while heldReply == nil && ending == nil && phase != .closed,
                  let message = ssh_message_get(session) {
                handle(message)
            }
            flushOutput()
        }
        settle()
    }

    /// Ends the connection if something asked for that; otherwise tells Dispatch
    /// which readiness events matter now.
    func settle() {
        guard phase != .closed else { return }
        if ending == nil { noticeDisconnection() }
        if let ending {
            tearDown(ending)
            return
        }
        // While a held reply waits, the socket is not read (nor written, which
        // libssh would do only while reading).
        let writePending = ssh_get_status(session) & SSH_WRITE_PENDING != 0
        setReadSource(active: heldReply == nil)
        setWriteSource(active: heldReply == nil && writePending)
        watchForStall(outputWaiting: writePending || !pendingOutput.isEmpty)
    }

    /// Ends the connection if libssh considers it over.
    private func noticeDisconnection() {
        let status = ssh_get_status(session)
        if status & (SSH_CLOSED | SSH_CLOSED_ERROR) != 0 || ssh_is_connected(session) == 0 && phase != .keyExchange {
            // A client's own hang-up: the socket closed, or an SSH
            // disconnect "by application" (code 11), which OpenSSH sends.
            let error = libsshError()
            let clean = error.isEmpty || error == "Socket error: disconnected"
                || error.hasPrefix("Received SSH_MSG_DISCONNECT: 11:")
            end(clean ? "client disconnected" : error, level: clean ? .info : .warning)
        } else if let channel, !channelClosedByServer, ssh_channel_is_closed(channel) != 0 {
            // (Once the server has closed the channel itself, it is closed
            // either way; then the client's hang-up, or the linger timer,
            // ends the connection, after libssh has sent the last output.)
            end("client closed the session", level: .info)
        }
    }

    func libsshError() -> String {
        String(cString: ssh_get_error(UnsafeMutableRawPointer(session)))
    }

    private func tearDown(_ ending: Ending) {
        phase = .closed
        timer?.cancel()
        timer = nil
        stallTimer?.cancel()
        stallTimer = nil
        if stillCountedUnauthenticated {
            stillCountedUnauthenticated = false
            context.leaveUnauthenticated()
        }
        if let handler {
            self.handler = nil
            // Once the application has closed the session, how the client
            // then went is no news to it.
            handler.closed(requestedExitStatus == nil ? ending.end : .closedByApplication)
        }
        if let message = heldReply {
            heldReply = nil
            ssh_message_free(message)
        }
        // Sends SSH_MSG_DISCONNECT if it can, closes libssh's descriptor, and
        // frees the channel with the session.
        ssh_disconnect(session)
        ssh_free(session)
        channel = nil
        setReadSource(active: true)
        setWriteSource(active: true)
        readSource.cancel()
        writeSource.cancel()
        pendingOutput.removeAll()
        context.unregister(self)
        log(ending.level, "closed: \(ending.reason)")
    }
}
