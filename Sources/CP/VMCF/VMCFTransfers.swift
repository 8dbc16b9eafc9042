/// The data transfer subfunctions on VMCF's shared state: SEND, SEND/RECV,
/// SENDX and IDENTIFY from a source; RECEIVE, REPLY and REJECT from the
/// sink; CANCEL by the source.
extension VMCFFacility {

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
    func sinkMessage(_ s: State, sink: String, _ parameters: VMCFParameterList) -> Result<Int, VMCFError> {
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
}
