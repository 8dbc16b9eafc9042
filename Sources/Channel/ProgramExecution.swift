import S370Core

/// Running channel programs: fetching CCWs (with TIC and data chaining),
/// handing the device one buffer, moving data between the buffer and
/// storage, and chaining to the next command or ending with a CSW.
extension ChannelSubsystem {
    /// How starting a command went, for START I/O's condition code.
    enum StartOutcome {
        /// The device took the command and will finish in virtual time.
        case started
        /// The program ended at once (an immediate command, an error in the
        /// first CCW, initial unit check): the CSW to store with CC 1.
        case endedImmediately(CSW)
    }

    /// Fetches the next command of `program` and gives it to the device.
    /// `prior` is the status of the command it is chained from (shown in the
    /// CSW if this one cannot start).
    func startNextCommand(_ sub: Subchannel, _ program: ChannelProgram, prior: UnitStatus = []) -> StartOutcome {
        let segments: [DataSegment]
        do {
            segments = try fetchCommand(program)
        } catch let fault as ProgramFault {
            return endProgram(sub, program, status: prior, channel: fault.status,
                              ccwAddress: fault.ccwAddress, residual: 0)
        } catch {
            return endProgram(sub, program, status: prior, channel: .programCheck, ccwAddress: program.nextCCW, residual: 0)
        }
        program.segments = segments
        let head = segments[0].ccw
        if segments.contains(where: { $0.ccw.wantsPCI }) {
            // A program-controlled interruption while the program runs on
            // (several before one is taken merge into one).
            sub.pendingPCI = CSW(key: program.key, ccwAddress: segments[0].ccwAddress &+ 8,
                                 channelStatus: .programControlledInterruption,
                                 count: UInt16(head.count))
            noteInterruption(sub)
        }
        let total = segments.reduce(0) { $0 + $1.count }
        var data: [UInt8] = []
        let kind = CommandKind(code: head.command)
        if kind.isOutput {
            do {
                data = try gatherOutput(program, segments, total)
            } catch let fault as ProgramFault {
                return endProgram(sub, program, status: prior, channel: fault.status,
                                  ccwAddress: fault.ccwAddress, residual: segments.last!.count)
            } catch {
                return endProgram(sub, program, status: prior, channel: .programCheck, ccwAddress: program.lastCCW, residual: 0)
            }
        }
        let command = DeviceCommand(code: head.command, count: total, data: data, chained: program.chained)
        program.command = command
        trace?(sub.address, traceText(segments, total))
        switch sub.device.start(command) {
        case .pending:
            return .started
        case .finished(let reported):
            let result = waitingForDeviceEndIfChaining(reported, segments)
            if result.duration == 0 && isImmediateEnd(result, segments) {
                return finishCommandNow(sub, program, result)
            }
            events.schedule(at: now &+ UInt64(max(result.duration, 0)),
                            .commandFinished(device: sub.address, generation: sub.generation))
            pendingResults[sub.address] = result
            return .started
        }
    }

    /// Command chaining waits for device end: a result whose device end
    /// comes later is then treated as one that takes that much longer.
    func waitingForDeviceEndIfChaining(_ result: DeviceResult, _ segments: [DataSegment]) -> DeviceResult {
        guard let later = result.deviceEndAfter, segments.last!.ccw.chainsCommand else { return result }
        var combined = result
        combined.duration += later
        combined.deviceEndAfter = nil
        combined.status.insert(.deviceEnd)
        combined.status.formUnion(result.withDeviceEnd)
        combined.withDeviceEnd = []
        return combined
    }

    /// An immediate end: an error reported at once, or a control command
    /// that ends without chaining and moves no data. Its device end may
    /// come later (`deviceEndAfter`): START I/O then stores channel end
    /// with CC 1 and the device stays busy until device end, as the PoO's
    /// immediate operations do.
    func isImmediateEnd(_ result: DeviceResult, _ segments: [DataSegment]) -> Bool {
        let last = segments.last!.ccw
        if result.status.contains(.unitCheck) || result.status.contains(.unitException) || result.status.contains(.busy) {
            return true
        }
        return CommandKind(code: segments[0].ccw.command) == .control && !last.chainsCommand
            && result.status == .done
    }

    /// Runs the completion of a command that finished at its start.
    func finishCommandNow(_ sub: Subchannel, _ program: ChannelProgram, _ result: DeviceResult) -> StartOutcome {
        sub.program = program
        if let csw = complete(sub, program, result) { return .endedImmediately(csw) }
        return .started
    }

    /// The scheduled completion of the command in progress.
    func continueProgram(_ sub: Subchannel, _ program: ChannelProgram) {
        guard let result = pendingResults.removeValue(forKey: sub.address) else { return }
        if let csw = complete(sub, program, result) {
            sub.pendingCSW = csw
            noteInterruption(sub)
        }
    }

    /// A device finished a command it had left pending.
    func finishCommand(_ sub: Subchannel, _ reported: DeviceResult) {
        guard let program = sub.program else { return }
        let result = waitingForDeviceEndIfChaining(reported, program.segments)
        if result.duration > 0 {
            pendingResults[sub.address] = result
            events.schedule(at: now &+ UInt64(result.duration),
                            .commandFinished(device: sub.address, generation: sub.generation))
            return
        }
        if let csw = complete(sub, program, result) {
            sub.pendingCSW = csw
            noteInterruption(sub)
        }
    }

    /// Takes the device's result: stores input, decides incorrect length,
    /// then chains to the next command or ends the program. Returns the
    /// final CSW when the program ended.
    func complete(_ sub: Subchannel, _ program: ChannelProgram, _ result: DeviceResult) -> CSW? {
        let segments = program.segments
        let command = program.command!
        program.command = nil
        var channel: ChannelStatus = []
        var used = 0            // bytes moved
        var fault: ProgramFault? = nil
        switch command.kind {
        case .read, .sense, .readBackward:
            do {
                used = try storeInput(program, segments, result.data, backward: command.kind == .readBackward)
            } catch let f as ProgramFault {
                fault = f
            } catch {}
        default:
            used = min(result.accepted ?? command.count, command.count)
        }
        // Which CCW the transfer ended in, and its residual count.
        var index = 0, before = 0
        while index < segments.count - 1 && used >= before + segments[index].count {
            before += segments[index].count
            index += 1
        }
        let endSegment = segments[index]
        let residual = max(0, endSegment.count - (used - before))
        program.lastCCW = endSegment.ccwAddress
        let offered = command.kind.isOutput ? (result.accepted ?? command.count) : result.data.count
        let incorrectLength = offered != command.count
        if incorrectLength && !endSegment.ccw.suppressesLength { channel.insert(.incorrectLength) }
        if let fault { channel.insert(fault.status) }

        var status = result.status
        if let later = result.deviceEndAfter {
            // Channel end now; the device end comes as its own interruption.
            status.remove(.deviceEnd)
            sub.awaitingDeviceEnd = true
            events.schedule(at: now &+ UInt64(later), .deviceEnd(device: sub.address, status: result.withDeviceEnd))
        }
        let canChain = endSegment.ccw.chainsCommand && channel.isEmpty
            && status.subtracting(.statusModifier) == .done
        if canChain {
            program.chained = true
            program.nextCCW = endSegment.ccwAddress &+ (status.contains(.statusModifier) ? 16 : 8)
            switch startNextCommand(sub, program, prior: status) {
            case .started: return nil
            case .endedImmediately(let csw): return csw
            }
        }
        return endProgramCSW(sub, program, status: status, channel: channel,
                             ccwAddress: endSegment.ccwAddress &+ 8, residual: residual)
    }

    /// Ends the program and returns the StartOutcome that carries its CSW.
    func endProgram(_ sub: Subchannel, _ program: ChannelProgram, status: UnitStatus, channel: ChannelStatus,
                    ccwAddress: UInt32, residual: Int) -> StartOutcome {
        .endedImmediately(endProgramCSW(sub, program, status: status, channel: channel,
                                        ccwAddress: ccwAddress, residual: residual))
    }

    func endProgramCSW(_ sub: Subchannel, _ program: ChannelProgram, status: UnitStatus, channel: ChannelStatus,
                       ccwAddress: UInt32, residual: Int) -> CSW {
        sub.program = nil
        var channelStatus = channel
        if sub.pendingPCI != nil {
            // The PCI was not presented separately: it comes with the end.
            sub.pendingPCI = nil
            channelStatus.insert(.programControlledInterruption)
        }
        return CSW(key: program.key, ccwAddress: ccwAddress, unitStatus: status,
                   channelStatus: channelStatus, count: UInt16(truncatingIfNeeded: residual))
    }

    // MARK: CCW fetch

    /// Fetches the CCWs of the next command: its first CCW (after any TIC)
    /// and those chained to it by data chaining.
    func fetchCommand(_ program: ChannelProgram) throws -> [DataSegment] {
        var segments: [DataSegment] = []
        var address = program.nextCCW
        var previousWasTIC = false
        while true {
            if address & 7 != 0 { throw ProgramFault(status: .programCheck, ccwAddress: address) }
            guard storage.contains(address, count: 8) else {
                throw ProgramFault(status: .programCheck, ccwAddress: address)
            }
            let ccw = CCW(storage.load64(address))
            if ccw.isTransferInChannel {
                // A TIC may not follow a TIC nor start the program.
                if previousWasTIC || program.first {
                    throw ProgramFault(status: .programCheck, ccwAddress: address &+ 8)
                }
                previousWasTIC = true
                address = ccw.dataAddress
                continue
            }
            program.first = false
            previousWasTIC = false
            let isHead = segments.isEmpty
            if isHead && CommandKind(code: ccw.command) == .invalid {
                throw ProgramFault(status: .programCheck, ccwAddress: address &+ 8)
            }
            if ccw.count == 0 || ccw.flags & CCW.reservedFlags != 0 {
                throw ProgramFault(status: .programCheck, ccwAddress: address &+ 8)
            }
            segments.append(DataSegment(ccwAddress: address, ccw: ccw))
            program.lastCCW = address
            if !ccw.chainsData { break }
            address = address &+ 8
        }
        return segments
    }

    // MARK: Data transfer

    /// The absolute address of byte `offset` of a data area, following IDAWs.
    func dataAddress(_ segment: DataSegment, offset: Int) throws -> UInt32 {
        let ccw = segment.ccw
        if !ccw.indirect {
            return (ccw.dataAddress &+ UInt32(offset)) & 0x00FF_FFFF
        }
        // IDAW list: the first IDAW may point anywhere; it covers up to the
        // next 2 KB boundary. Each later IDAW covers one 2 KB block and must
        // point at a block boundary.
        let list = ccw.dataAddress
        if list & 3 != 0 { throw ProgramFault(status: .programCheck, ccwAddress: segment.ccwAddress &+ 8) }
        let first = try idaw(list, segment)
        let firstSpan = Int(0x800 - (first & 0x7FF))
        if offset < firstSpan { return first &+ UInt32(offset) }
        let index = 1 + (offset - firstSpan) / 0x800
        let entry = try idaw(list &+ UInt32(4 * index), segment)
        if entry & 0x7FF != 0 { throw ProgramFault(status: .programCheck, ccwAddress: segment.ccwAddress &+ 8) }
        return entry &+ UInt32((offset - firstSpan) % 0x800)
    }

    func idaw(_ address: UInt32, _ segment: DataSegment) throws -> UInt32 {
        guard storage.contains(address, count: 4) else {
            throw ProgramFault(status: .programCheck, ccwAddress: segment.ccwAddress &+ 8)
        }
        let value = storage.load32(address)
        if value & 0xFF00_0000 != 0 { throw ProgramFault(status: .programCheck, ccwAddress: segment.ccwAddress &+ 8) }
        return value
    }

    /// Checks and marks one byte's block for a channel access with `key`.
    func checkAccess(_ absolute: UInt32, key: UInt8, store: Bool, _ segment: DataSegment) throws {
        guard storage.contains(absolute) else {
            throw ProgramFault(status: .programCheck, ccwAddress: segment.ccwAddress &+ 8)
        }
        if !storage.keyAllows(absolute, accessKey: key, store: store) {
            throw ProgramFault(status: .protectionCheck, ccwAddress: segment.ccwAddress &+ 8)
        }
        storage.markAccess(absolute, store: store)
    }

    /// Collects output data from storage over the data chain.
    func gatherOutput(_ program: ChannelProgram, _ segments: [DataSegment], _ total: Int) throws -> [UInt8] {
        var data = [UInt8]()
        data.reserveCapacity(total)
        for segment in segments {
            if segment.ccw.skips {
                data.append(contentsOf: repeatElement(0, count: segment.count))
                continue
            }
            var offset = 0
            while offset < segment.count {
                let a = try dataAddress(segment, offset: offset)
                try checkAccess(a, key: program.key, store: false, segment)
                let run = min(segment.count - offset, Int(0x800 - (a & 0x7FF)))
                guard storage.contains(a, count: run) else {
                    throw ProgramFault(status: .programCheck, ccwAddress: segment.ccwAddress &+ 8)
                }
                data.append(contentsOf: UnsafeBufferPointer(start: storage.bytes + Int(a), count: run))
                offset += run
            }
        }
        return data
    }

    /// Stores input over the data chain; returns how many bytes were taken
    /// (at most the total count). Read backward stores each area from its
    /// end towards its start.
    func storeInput(_ program: ChannelProgram, _ segments: [DataSegment], _ data: [UInt8], backward: Bool) throws -> Int {
        var taken = 0
        for segment in segments {
            if taken >= data.count { break }
            let n = min(segment.count, data.count - taken)
            if !segment.ccw.skips {
                for i in 0..<n {
                    let offset = backward ? segment.count - 1 - i : i
                    let a: UInt32
                    if backward && !segment.ccw.indirect {
                        a = (segment.ccw.dataAddress &- UInt32(i)) & 0x00FF_FFFF
                    } else {
                        a = try dataAddress(segment, offset: offset)
                    }
                    try checkAccess(a, key: program.key, store: true, segment)
                    storage.bytes[Int(a)] = data[taken + i]
                }
            }
            taken += n
        }
        return taken
    }

    func traceText(_ segments: [DataSegment], _ total: Int) -> String {
        segments.map { s in
            "\(hex(s.ccwAddress, 6)): \(hex(s.ccw.command, 2)) \(hex(s.ccw.dataAddress, 6)) \(hex(s.ccw.flags, 2)) \(hex(s.ccw.count, 4))"
        }.joined(separator: " | ")
    }
}
