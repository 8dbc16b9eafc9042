import Synchronization

/// VMCF's shared state: who is authorized and how, the transactions in
/// flight, and each user's queue of VMCF interruptions not yet presented.
/// Every worker uses it, so it lives behind one lock; guest storage is never
/// touched here. The caller moves data in and out of its own machine's
/// storage, and data for another machine travels in a message and is stored
/// on that machine's worker when its interruption is presented.
///
/// One deliberate difference from VM/370, which moves SEND data from the
/// source's storage at RECEIVE time: vm67 takes a copy when the SEND is
/// issued, because another machine's storage may only be read on its own
/// worker. A source that changes its buffer before the sink's RECEIVE
/// therefore sends the old contents.
final class VMCFFacility: Sendable {
    /// What AUTHORIZE recorded for one user.
    struct Authorization {
        var buffer: UInt32
        var length: UInt32
        /// AUTHORIZE SPECIFIC: only this user may send.
        var specific: String?
        /// AUTHORIZE PRIORITY: priority messages are accepted.
        var priority: Bool
        var quiesced = false
    }

    /// How the sink answered; becomes the RESPONSE message header.
    struct Response {
        var status: UInt8
        var error: UInt8 = 0
        var residualA: UInt32
        var residualB: UInt32
        var userWord: [UInt8]
        /// REPLY data, stored in the source's REPLY buffer when presented.
        var replyData: [UInt8] = []
    }

    /// One transaction: a SEND, SEND/RECV, SENDX or IDENTIFY (an SMSG is a
    /// SENDX whose source is CP).
    struct Message {
        enum Stage { case queued, presented, received, completed }
        /// The source, or nil for CP (SMSG).
        let source: String?
        let sink: String
        /// The source's VMCPARM.
        let parameters: VMCFParameterList
        /// SEND or SENDX data, copied when the message was sent.
        let data: [UInt8]
        var stage: Stage = .queued
        /// SEND/RECV after RECEIVE: what did not fit, and the error code.
        var receiveResidual: UInt32 = 0
        var receiveError: UInt8 = 0
        var response: Response? = nil

        var function: VMCF.Function? { VMCF.Function(rawValue: parameters.function) }
        var isPriority: Bool { parameters.flags & VMCF.priority != 0 }
    }

    /// A VMCF interruption waiting for its machine: the SEND interruption
    /// to a sink or the RESPONSE interruption to a source, of a message.
    struct Pending {
        enum Kind: Equatable { case send, response }
        let kind: Kind
        let serial: Int
        let priority: Bool
    }

    /// What to store when an interruption is presented: the header (with
    /// SENDX data after it) at the external interruption buffer, and REPLY
    /// data in the REPLY buffer.
    struct Presentation {
        var buffer: UInt32
        var header: VMCFParameterList
        var sendXData: [UInt8] = []
        var reply: (address: UInt32, data: [UInt8])? = nil
    }

    private struct State {
        var authorizations: [String: Authorization] = [:]
        /// Users with SET SMSG ON.
        var smsg: Set<String> = []
        var messages: [Int: Message] = [:]
        var queues: [String: [Pending]] = [:]
        var nextSerial = 1

        mutating func enqueue(_ kind: Pending.Kind, _ serial: Int, for user: String, priority: Bool) {
            var queue = queues[user] ?? []
            let entry = Pending(kind: kind, serial: serial, priority: priority)
            // Priority interruptions go ahead of the others, first in first out among themselves.
            if priority, let index = queue.firstIndex(where: { !$0.priority }) {
                queue.insert(entry, at: index)
            } else {
                queue.append(entry)
            }
            queues[user] = queue
        }

        mutating func add(_ message: Message) -> Int {
            let serial = nextSerial
            nextSerial += 1
            messages[serial] = message
            return serial
        }

        /// Ends a message with `response`; its RESPONSE interruption goes to
        /// the source. Returns the source to notify (nil: CP, nothing to do).
        mutating func complete(_ serial: Int, _ response: Response) -> String? {
            guard var message = messages[serial] else { return nil }
            guard let source = message.source, authorizations[source] != nil else {
                messages[serial] = nil
                return nil
            }
            message.stage = .completed
            message.response = response
            messages[serial] = message
            enqueue(.response, serial, for: source, priority: message.isPriority)
            return source
        }

        func find(source: String?, sink: String, id: UInt32) -> Int? {
            messages.first { $0.value.source == source && $0.value.sink == sink && $0.value.parameters.messageID == id }?.key
        }

        mutating func removeQueued(_ serial: Int, of user: String) {
            queues[user]?.removeAll { $0.serial == serial }
        }
    }
    private let state = Mutex(State())

    init() {}

    // MARK: Authorization

    func authorization(of user: String) -> Authorization? { state.withLock { $0.authorizations[user] } }

    func authorize(_ user: String, _ authorization: Authorization, acceptSMSG: Bool) {
        state.withLock { s in
            s.authorizations[user] = authorization
            // The VMCPSMSG flag sets the user's SMSG flag, as SET SMSG ON does.
            if acceptSMSG { s.smsg.insert(user) }
        }
    }

    /// UNAUTHORIZE (and the implicit one at logoff and reset): queued
    /// interruptions and the user's own messages go; senders waiting on the
    /// user get a RESPONSE with error 5 (user not available). Returns the
    /// users to notify.
    func unauthorize(_ user: String) -> [String] {
        state.withLock { s in
            s.authorizations[user] = nil
            s.queues[user] = nil
            var notify: [String] = []
            for (serial, message) in s.messages {
                if message.source == user {
                    s.messages[serial] = nil
                    s.removeQueued(serial, of: message.sink)
                } else if message.sink == user && message.stage != .completed {
                    if message.function == .identify {
                        s.messages[serial] = nil
                        continue
                    }
                    let response = Response(status: VMCF.statusResponse | (message.isPriority ? VMCF.statusPriority : 0),
                                            error: UInt8(VMCF.ReturnCode.userNotAvailable.rawValue),
                                            residualA: UInt32(message.data.count), residualB: message.parameters.lengthB,
                                            userWord: message.parameters.userWord)
                    if let source = s.complete(serial, response) { notify.append(source) }
                }
            }
            return notify
        }
    }

    func setQuiesced(_ user: String, _ quiesced: Bool) {
        state.withLock { $0.authorizations[user]?.quiesced = quiesced }
    }

    // MARK: SMSG

    func setSMSG(_ user: String, _ on: Bool) {
        state.withLock { s in if on { s.smsg.insert(user) } else { s.smsg.remove(user) } }
    }

    func acceptsSMSG(_ user: String) -> Bool { state.withLock { $0.smsg.contains(user) } }

    /// LOGOFF: the authorization and the SMSG flag go.
    func logoff(_ user: String) -> [String] {
        let notify = unauthorize(user)
        setSMSG(user, false)
        return notify
    }

    enum SpecialMessageResult { case delivered, smsgOff, notAuthorized, quiesced }

    /// SMSG: a SENDX from CP with VMCMUSER "SYSTEM" and the sender's userid
    /// in the user doubleword. Text that does not fit the buffer is cut.
    func specialMessage(from sender: String, to target: String, text: [UInt8], messageID: UInt32) -> SpecialMessageResult {
        state.withLock { s in
            guard s.smsg.contains(target) else { return .smsgOff }
            guard let authorization = s.authorizations[target] else { return .notAuthorized }
            guard !authorization.quiesced else { return .quiesced }
            let room = Int(authorization.length) - VMCF.headerLength
            let data = Array(text.prefix(max(0, room)))
            var parameters = VMCFParameterList()
            parameters.function = VMCF.Function.sendX.rawValue
            parameters.messageID = messageID
            parameters.userid = VMCF.systemUserid
            parameters.lengthA = UInt32(data.count)
            parameters.userWord = ebcdic(String(sender.prefix(8)).padding(8))
            let serial = s.add(Message(source: nil, sink: target, parameters: parameters, data: data))
            s.enqueue(.send, serial, for: target, priority: false)
            return .delivered
        }
    }

    // MARK: Data transfer subfunctions

    /// SEND, SEND/RECV, SENDX and IDENTIFY from an authorized `source`
    /// whose buffers have been checked.
    func send(from source: String, _ parameters: VMCFParameterList, data: [UInt8]) -> (VMCF.ReturnCode, [String]) {
        state.withLock { s in
            let sink = parameters.userid
            guard let target = s.authorizations[sink], target.specific == nil || target.specific == source else {
                return (.userNotAvailable, [])
            }
            let priority = parameters.flags & VMCF.priority != 0
            if priority && !target.priority { return (.notAuthorizedForPriority, []) }
            if target.quiesced { return (.targetQuiesced, []) }
            let function = VMCF.Function(rawValue: parameters.function)
            if function == .sendX && data.count > Int(target.length) - VMCF.headerLength { return (.sendXTooLarge, []) }
            if function != .identify && s.find(source: source, sink: sink, id: parameters.messageID) != nil {
                return (.duplicateMessage, [])
            }
            if s.messages.values.count(where: { $0.source == source }) >= VMCF.messageLimit { return (.messageLimit, []) }
            var message = Message(source: source, sink: sink, parameters: parameters, data: data)
            message.receiveResidual = UInt32(data.count)
            let serial = s.add(message)
            s.enqueue(.send, serial, for: sink, priority: priority)
            return (.ok, [sink])
        }
    }

    /// Finds the message a sink responds to: RECEIVE, REPLY, REJECT.
    private func sinkMessage(_ s: State, sink: String, _ parameters: VMCFParameterList) -> Result<Int, VMCFError> {
        guard let serial = s.find(source: parameters.userid, sink: sink, id: parameters.messageID) else {
            return .failure(VMCFError(.messageNotFound))
        }
        if s.messages[serial]!.stage == .queued { return .failure(VMCFError(.synchronizationError)) }
        return .success(serial)
    }

    /// RECEIVE: returns the data to store in the sink's buffer (already
    /// checked, `parameters.lengthA` long).
    func receive(sink: String, _ parameters: VMCFParameterList) -> (VMCF.ReturnCode, [UInt8], [String]) {
        state.withLock { s in
            let serial: Int
            switch sinkMessage(s, sink: sink, parameters) {
            case .failure(let error): return (error.code, [], [])
            case .success(let found): serial = found
            }
            var message = s.messages[serial]!
            guard message.stage == .presented, message.function == .send || message.function == .sendReceive else {
                return (.protocolViolation, [], [])
            }
            if message.source == sink && overlaps(parameters.addressA, parameters.lengthA,
                                                  message.parameters.addressA, UInt32(message.data.count)) {
                return (.destructiveOverlap, [], [])
            }
            let moved = min(Int(parameters.lengthA), message.data.count)
            let rc: VMCF.ReturnCode = moved < message.data.count ? .incorrectLength : .ok
            let residual = UInt32(message.data.count - moved)
            let error = UInt8(rc.rawValue)
            var notify: [String] = []
            if message.function == .send {
                let response = Response(status: VMCF.statusResponse | (message.isPriority ? VMCF.statusPriority : 0),
                                        error: error, residualA: residual, residualB: message.parameters.lengthB,
                                        userWord: parameters.userWord)
                if let source = s.complete(serial, response) { notify.append(source) }
            } else {
                message.stage = .received
                message.receiveResidual = residual
                message.receiveError = error
                s.messages[serial] = message
            }
            return (rc, Array(message.data.prefix(moved)), notify)
        }
    }

    /// REPLY to a SEND/RECV with `data` from the sink's checked buffer.
    func reply(sink: String, _ parameters: VMCFParameterList, data: [UInt8]) -> (VMCF.ReturnCode, [String]) {
        state.withLock { s in
            let serial: Int
            switch sinkMessage(s, sink: sink, parameters) {
            case .failure(let error): return (error.code, [])
            case .success(let found): serial = found
            }
            let message = s.messages[serial]!
            guard message.function == .sendReceive, message.stage != .completed else { return (.protocolViolation, []) }
            let capacity = message.parameters.lengthB
            if message.source == sink && overlaps(parameters.addressA, parameters.lengthA,
                                                  message.parameters.addressB, capacity) {
                return (.destructiveOverlap, [])
            }
            let moved = min(data.count, Int(capacity))
            let rc: VMCF.ReturnCode = moved < data.count ? .incorrectLength : .ok
            let response = Response(status: VMCF.statusResponse | (message.isPriority ? VMCF.statusPriority : 0),
                                    error: rc == .ok ? message.receiveError : UInt8(rc.rawValue),
                                    residualA: message.receiveResidual, residualB: capacity - UInt32(moved),
                                    userWord: parameters.userWord, replyData: Array(data.prefix(moved)))
            let source = s.complete(serial, response)
            return (rc, source.map { [$0] } ?? [])
        }
    }

    /// REJECT a SEND or SEND/RECV.
    func reject(sink: String, _ parameters: VMCFParameterList) -> (VMCF.ReturnCode, [String]) {
        state.withLock { s in
            let serial: Int
            switch sinkMessage(s, sink: sink, parameters) {
            case .failure(let error): return (error.code, [])
            case .success(let found): serial = found
            }
            let message = s.messages[serial]!
            guard message.stage != .completed else { return (.protocolViolation, []) }
            let response = Response(status: VMCF.statusResponse | VMCF.statusRejected
                                        | (message.isPriority ? VMCF.statusPriority : 0),
                                    residualA: message.receiveResidual, residualB: message.parameters.lengthB,
                                    userWord: parameters.userWord)
            let source = s.complete(serial, response)
            return (.ok, source.map { [$0] } ?? [])
        }
    }

    /// CANCEL a message `source` sent.
    func cancel(source: String, _ parameters: VMCFParameterList) -> VMCF.ReturnCode {
        state.withLock { s in
            let sink = parameters.userid
            guard let serial = s.find(source: source, sink: sink, id: parameters.messageID) else {
                // A message that exists the other way round is not the caller's to cancel.
                return s.find(source: sink, sink: source, id: parameters.messageID) != nil ? .protocolViolation : .messageNotFound
            }
            switch s.messages[serial]!.stage {
            case .queued, .presented:
                s.messages[serial] = nil
                s.removeQueued(serial, of: sink)
                return .ok
            case .received:
                // The sink has the data but not yet replied: its REPLY is canceled.
                s.messages[serial] = nil
                return .replyCanceled
            case .completed:
                return .cancelTooLate
            }
        }
    }

    // MARK: Presenting interruptions

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

/// A VMCF return code as an error, for lookups that fail.
struct VMCFError: Error {
    let code: VMCF.ReturnCode
    init(_ code: VMCF.ReturnCode) { self.code = code }
}

/// Whether two storage ranges share a byte.
func overlaps(_ a: UInt32, _ aLength: UInt32, _ b: UInt32, _ bLength: UInt32) -> Bool {
    guard aLength > 0 && bLength > 0 else { return false }
    return UInt64(a) < UInt64(b) + UInt64(bLength) && UInt64(b) < UInt64(a) + UInt64(aLength)
}
