/// Presenting VMCF interruptions: which one a user gets next, and what
/// to store for it.
extension VMCFFacility {

    func hasPending(_ user: String) -> Bool { state.withLock { !($0.queues[user]?.isEmpty ?? true) } }

    /// Takes `user`'s next VMCF interruption and says what to store. A
    /// message the sink can no longer take (AUTHORIZE SPECIFIC for someone
    /// else, SENDX data larger than the buffer, both possible after a new
    /// AUTHORIZE) goes back to its source with error 5 or 7 instead; those
    /// sources are returned to be notified.
    func present(_ user: String) -> (Presentation?, notify: [String]) {
        state.withLock { s in
            guard let authorization = s.authorizations[user] else {
                s.queues[user] = nil
                return (nil, [])
            }
            var notify: [String] = []
            while var queue = s.queues[user], !queue.isEmpty {
                let entry = queue.removeFirst()
                s.queues[user] = queue
                guard var message = s.messages[entry.serial] else { continue }
                let priorityBit = message.isPriority ? VMCF.statusPriority : 0
                var header = message.parameters
                if entry.kind == .response {
                    guard let response = message.response else { continue }
                    s.messages[entry.serial] = nil
                    header.flags = response.status
                    header.flags2 = response.error
                    header.userid = message.sink
                    header.lengthA = response.residualA
                    header.lengthB = response.residualB
                    header.userWord = response.userWord
                    var presentation = Presentation(buffer: authorization.buffer, header: header)
                    if message.function == .sendReceive {
                        presentation.reply = (message.parameters.addressB, response.replyData)
                    }
                    return (presentation, notify)
                }
                let refusal: VMCF.ReturnCode?
                if let specific = authorization.specific, message.source != nil && message.source != specific {
                    refusal = .userNotAvailable
                } else if message.function == .sendX && message.data.count > Int(authorization.length) - VMCF.headerLength {
                    refusal = .sendXTooLarge
                } else {
                    refusal = nil
                }
                if let refusal {
                    if message.function == .identify {
                        s.messages[entry.serial] = nil
                    } else {
                        let response = Response(status: VMCF.statusResponse | priorityBit, error: UInt8(refusal.rawValue),
                                                residualA: UInt32(message.data.count), residualB: message.parameters.lengthB,
                                                userWord: message.parameters.userWord)
                        if let source = s.complete(entry.serial, response) { notify.append(source) }
                    }
                    continue
                }
                header.flags = priorityBit
                header.flags2 = 0
                header.userid = message.source ?? VMCF.systemUserid
                var presentation = Presentation(buffer: authorization.buffer, header: header)
                switch message.function {
                case .identify?:
                    // The SEND interruption of an IDENTIFY is final: no response.
                    presentation.header.flags |= VMCF.statusResponse
                    s.messages[entry.serial] = nil
                case .sendX?:
                    presentation.sendXData = message.data
                    let response = Response(status: VMCF.statusResponse | priorityBit, residualA: 0,
                                            residualB: message.parameters.lengthB, userWord: message.parameters.userWord)
                    if let source = s.complete(entry.serial, response) { notify.append(source) }
                default:
                    message.stage = .presented
                    s.messages[entry.serial] = message
                }
                return (presentation, notify)
            }
            return (nil, notify)
        }
    }
}
