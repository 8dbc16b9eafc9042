import CLibSSH

/// The requests libssh hands over as messages: the service request, logins,
/// channel opens and channel requests; everything else is refused.
extension Connection {
    func handle(_ message: ssh_message) {
        switch ssh_message_type(message) {
        case Int32(SSH_REQUEST_AUTH.rawValue):
            authenticate(message)
            return  // answered (now or later) and freed there
        case Int32(SSH_REQUEST_SERVICE.rawValue):
            let service = ssh_message_service_service(message).map { String(cString: $0) } ?? ""
            if service == "ssh-userauth" {
                ssh_message_service_reply_success(message)
            } else {
                end("asked for unknown service \"\(LogText.printable(service))\"")
            }
        case Int32(SSH_REQUEST_CHANNEL_OPEN.rawValue):
            openChannel(message)
        case Int32(SSH_REQUEST_CHANNEL.rawValue):
            channelRequest(message)
            return  // answered and freed there
        default:
            // Global requests (port forwarding, keep-alives) are refused.
            ssh_message_reply_default(message)
        }
        ssh_message_free(message)
    }

    private func openChannel(_ message: ssh_message) {
        guard phase == .authenticated else {
            ssh_message_reply_default(message)
            return
        }
        guard ssh_message_subtype(message) == Int32(SSH_CHANNEL_SESSION.rawValue) else {
            log("refused a channel of type \(ssh_message_subtype(message)) (only sessions are offered)")
            ssh_message_reply_default(message)
            return
        }
        guard channel == nil else {
            log("refused a second session channel")
            ssh_message_reply_default(message)
            return
        }
        guard let opened = ssh_message_channel_request_open_reply_accept(message) else {
            end("could not open the channel: \(libsshError())")
            return
        }
        channel = opened
        installChannelCallbacks(on: opened)
    }
}
