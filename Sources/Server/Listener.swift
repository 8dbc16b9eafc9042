import CLibSSH
import Dispatch
import Glibc
import Logging

/// Accepts connections on one listening socket, on the server's accept queue,
/// and hands each to libssh and a new `Connection`. Refuses at once what must
/// not even start: locked-out addresses, and connections beyond the cap on
/// those not yet logged on.
final class Listener: @unchecked Sendable {
    let address: String
    private let descriptor: Int32
    private let source: DispatchSourceRead
    private let queue: DispatchQueue
    private let bind: ssh_bind
    private let context: ServerContext
    private var paused = false

    init(address: String, descriptor: Int32, queue: DispatchQueue, bind: ssh_bind, context: ServerContext) {
        self.address = address
        self.descriptor = descriptor
        self.queue = queue
        self.bind = bind
        self.context = context
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
    }

    func start() {
        source.setEventHandler { [unowned self] in acceptPending() }
        let descriptor = descriptor
        source.setCancelHandler { close(descriptor) }
        source.resume()
    }

    /// Stops accepting; the socket closes once Dispatch lets go of it.
    func stop() {
        queue.sync {
            if paused { source.resume() }
            paused = false
            source.cancel()
        }
    }

    private func acceptPending() {
        while true {
            let socket = accept(descriptor, nil, nil)
            if socket < 0 {
                switch errno {
                case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED:
                    return
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: the socket stays readable, so stop
                    // looking for a second instead of spinning.
                    context.logger.error("ssh: cannot accept on \(address): \(Sockets.lastError()); pausing 1 s")
                    pause(seconds: 1)
                    return
                default:
                    context.logger.error("ssh: accept on \(address) failed: \(Sockets.lastError())")
                    return
                }
            }
            Sockets.setNonBlocking(socket)
            Sockets.setCloseOnExec(socket)
            admit(socket)
        }
    }

    private func admit(_ socket: Int32) {
        guard let peer = Sockets.peerAddress(of: socket) else {
            close(socket)  // already gone
            return
        }
        let shown = Sockets.format(host: peer.host, port: peer.port)
        if context.limiter.isLockedOut(address: peer.host) {
            context.logger.warning("ssh: refused \(shown): too many failed logins from this address")
            close(socket)
            return
        }
        guard context.admitUnauthenticated() else {
            context.logger.warning("ssh: refused \(shown): \(context.limits.maxUnauthenticatedConnections) connections are already logging on")
            close(socket)
            return
        }
        guard let session = ssh_new() else {
            context.leaveUnauthenticated()
            context.logger.warning("ssh: refused \(shown): libssh could not make a session")
            close(socket)
            return
        }
        guard ssh_bind_accept_fd(bind, session, socket) == SSH_OK else {
            context.leaveUnauthenticated()
            context.logger.warning("ssh: refused \(shown): \(String(cString: ssh_get_error(UnsafeMutableRawPointer(bind))))")
            // libssh may or may not have taken the socket when it failed; if
            // it did, freeing the session closes it, and closing it here too
            // could close some other file that got the number meanwhile.
            let taken = ssh_get_fd(session) == socket
            ssh_free(session)
            if !taken { close(socket) }
            return
        }
        // Dispatch watches a duplicate: libssh owns and closes the original.
        let watched = dup(socket)
        guard watched >= 0 else {
            context.leaveUnauthenticated()
            context.logger.warning("ssh: refused \(shown): \(Sockets.lastError())")
            ssh_free(session)
            return
        }
        let connection = Connection(identifier: context.makeIdentifier(), context: context, session: session,
                                    watchedDescriptor: watched, peer: peer)
        context.register(connection)
        connection.log("connected to \(address)")
        connection.start()
    }

    private func pause(seconds: Double) {
        guard !paused else { return }
        paused = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + seconds) { [self] in
            guard paused, !source.isCancelled else { return }
            paused = false
            source.resume()
        }
    }
}
