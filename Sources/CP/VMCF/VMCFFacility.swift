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

    /// The one lock; `VMCFState.swift` has what it guards.
    let state = Mutex(State())

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
