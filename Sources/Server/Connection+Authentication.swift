import CLibSSH
import Dispatch

/// Logins: "none" for the public user, passwords, public keys. Every refusal
/// of a real attempt looks and takes the same whether or not the user exists:
/// the same failure message, after the rate limiter's delay.
extension Connection {
    func authenticate(_ message: ssh_message) {
        authenticationAttempts += 1
        guard phase == .authenticating,
              authenticationAttempts <= context.limits.maxAuthenticationAttemptsPerConnection else {
            ssh_message_free(message)
            end("too many login attempts on one connection")
            return
        }
        let name = ssh_message_auth_user(message).map { String(cString: $0) } ?? ""
        switch ssh_message_subtype(message) {
        case Int32(SSH_AUTH_METHOD_NONE):
            // Every client asks "none" first; only the public user gets in with it.
            if context.isPublicUser(name) && !context.limiter.isLockedOut(address: peerHost) {
                accept(message, user: name, method: "no password (public user)")
            } else {
                refuseQuietly(message)
            }
        case Int32(SSH_AUTH_METHOD_PASSWORD):
            let password = vm67_ssh_message_auth_password(message).map { String(cString: $0) } ?? ""
            if isLockedOut(name) {
                refuse(message, user: name, method: "password", detail: "locked out")
            } else if context.isPublicUser(name) {
                // The public user needs no password; one typed anyway is ignored.
                accept(message, user: name, method: "password (public user)")
            } else if context.authenticator.checkPassword(user: name, password: password) {
                accept(message, user: name, method: "password")
            } else {
                refuse(message, user: name, method: "password", detail: "wrong password or unknown user")
            }
        case Int32(SSH_AUTH_METHOD_PUBLICKEY):
            authenticateWithKey(message, user: name)
        default:
            refuseQuietly(message)
        }
    }

    /// The client first asks whether a key would do (no signature: a probe),
    /// then sends the request signed with it, which libssh has verified by the
    /// time the message arrives.
    private func authenticateWithKey(_ message: ssh_message, user name: String) {
        let keyLine = vm67_ssh_message_auth_pubkey(message).flatMap(HostKeyStore.publicKeyLine(of:))
        let acceptable = !isLockedOut(name) && keyLine.map { context.authenticator.checkPublicKey(user: name, publicKey: $0) } == true
        switch vm67_ssh_message_auth_publickey_state(message) {
        case Int32(SSH_PUBLICKEY_STATE_NONE.rawValue):
            // Clients offer key after key; refusing one is no failed login.
            if acceptable {
                ssh_message_auth_reply_pk_ok_simple(message)
                ssh_message_free(message)
            } else {
                refuseQuietly(message)
            }
        case Int32(SSH_PUBLICKEY_STATE_VALID.rawValue) where acceptable:
            accept(message, user: name, method: "public key \(keyLine?.split(separator: " ").first ?? "")")
        case Int32(SSH_PUBLICKEY_STATE_VALID.rawValue):
            refuse(message, user: name, method: "public key", detail: "key not accepted")
        default:
            refuse(message, user: name, method: "public key", detail: "bad signature")
        }
    }

    private func isLockedOut(_ name: String) -> Bool {
        context.limiter.isLockedOut(user: name) || context.limiter.isLockedOut(address: peerHost)
    }

    private func accept(_ message: ssh_message, user name: String, method: String) {
        ssh_message_auth_reply_success(message, 0)
        ssh_message_free(message)
        user = name
        phase = .authenticated
        // A logged-on client that never asks for a shell or a command
        // (ssh -N) would hold its place forever.
        let timeout = context.limits.preAuthenticationTimeout
        startTimer(after: timeout) { [unowned self] in end("no session started within \(Int(timeout)) s") }
        if stillCountedUnauthenticated {
            stillCountedUnauthenticated = false
            context.leaveUnauthenticated()
        }
        context.limiter.recordSuccess(user: name)
        log("logged on as \(LogText.printable(name)) by \(method)")
    }

    /// A refusal that is part of the normal dance ("none", a key probe): no
    /// delay, not counted.
    private func refuseQuietly(_ message: ssh_message) {
        ssh_message_reply_default(message)
        ssh_message_free(message)
    }

    /// A failed login: counted, logged, answered after the limiter's delay.
    /// The message is held meanwhile; `settle` stops reading until it is sent.
    private func refuse(_ message: ssh_message, user name: String, method: String, detail: String) {
        let verdict = context.limiter.recordFailure(address: peerHost, user: name)
        log(.notice, "failed \(method) login for \(LogText.printable(name)): \(detail) (\(verdict.failures) recent failures)")
        if let locked = verdict.lockedOut {
            log(.warning, "locking out \(locked) for \(Int(context.limits.lockoutDuration)) s after repeated failed logins")
        }
        heldReply = message
        queue.asyncAfter(deadline: .now() + verdict.delay) { [self] in
            guard let held = heldReply else { return }  // the connection ended meanwhile
            heldReply = nil
            ssh_message_reply_default(held)
            ssh_message_free(held)
            pump()
        }
    }
}
