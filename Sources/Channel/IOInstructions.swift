import S370Core

/// The S/370 I/O instructions, with the condition codes of the PoO's
/// "Condition-Code Settings for I/O States and Functions" for a block-
/// multiplexer channel on which every device has its own subchannel.
extension ChannelSubsystem {
    /// Performs an intercepted I/O instruction; returns the condition code.
    public func execute(_ instruction: IOInstruction, address: UInt32) -> UInt8 {
        takePosted()
        defer { refreshPendingChannels() }
        let device = UInt16(truncatingIfNeeded: address)
        guard let sub = subchannels[device] else {
            return channelExists(Int(device >> 8)) || instruction != .testChannel ? notOperational(instruction, device) : 3
        }
        switch instruction {
        case .startIO: return startIO(sub, fastRelease: false)
        case .startIOFastRelease: return startIO(sub, fastRelease: true)
        case .testIO: return testIO(sub)
        case .clearIO: return clearIO(sub)
        case .haltIO, .haltDevice: return halt(sub)
        case .testChannel: return testChannel(sub.channel)
        }
    }

    func notOperational(_ instruction: IOInstruction, _ device: UInt16) -> UInt8 {
        if instruction == .testChannel { return testChannel(Int(device >> 8)) }
        return 3
    }

    /// START I/O (and START I/O FAST RELEASE).
    func startIO(_ sub: Subchannel, fastRelease: Bool) -> UInt8 {
        if sub.program != nil || sub.pendingCSW != nil || sub.pendingPCI != nil { return 2 }
        if !sub.deviceStatus.isEmpty || sub.awaitingDeviceEnd {
            // Interruption pending in the device, or the device still busy:
            // CSW status with busy; the condition is cleared.
            var status = sub.deviceStatus
            status.insert(.busy)
            sub.deviceStatus = []
            storeCSWStatus(status)
            return 1
        }
        let caw = storage.load32(machine.state.prefix | 0x48)
        let key = UInt8(caw >> 28)
        let first = caw & 0x00FF_FFFF
        if caw & 0x0F00_0000 != 0 || first & 7 != 0 {
            storeCSW(CSW(key: key, ccwAddress: 0, channelStatus: .programCheck))
            return 1
        }
        let program = ChannelProgram(key: key, firstCCW: first)
        sub.program = program
        switch startNextCommand(sub, program) {
        case .started:
            return 0
        case .endedImmediately(let csw):
            sub.program = nil
            if fastRelease {
                // The status that SIO would store goes to an interruption,
                // with deferred condition code 1 in the CSW.
                var deferred = csw
                deferred.deferredConditionCode = 1
                sub.pendingCSW = deferred
                noteInterruption(sub)
                return 0
            }
            storeCSW(csw)
            return 1
        }
    }

    /// TEST I/O: clears and stores a pending interruption condition.
    func testIO(_ sub: Subchannel) -> UInt8 {
        if sub.program != nil { return 2 }
        if sub.pendingCSW != nil || sub.pendingPCI != nil || !sub.deviceStatus.isEmpty {
            storeCSW(takeInterruptionCSW(sub))
            return 1
        }
        if sub.awaitingDeviceEnd {
            storeCSWStatus(.busy)
            return 1
        }
        return 0
    }

    /// CLEAR I/O: ends any operation without an interruption.
    func clearIO(_ sub: Subchannel) -> UInt8 {
        if let program = sub.program {
            sub.generation &+= 1
            sub.device.halt()
            pendingResults[sub.address] = nil
            let csw = endProgramCSW(sub, program, status: [], channel: [],
                                    ccwAddress: program.lastCCW &+ 8, residual: program.segments.first?.count ?? 0)
            storeCSW(csw)
            return 1
        }
        if sub.pendingCSW != nil || sub.pendingPCI != nil {
            storeCSW(takeInterruptionCSW(sub))
            return 1
        }
        return 0
    }

    /// HALT I/O and HALT DEVICE: the device is told to stop; an operation in
    /// progress ends with channel end and device end as an interruption.
    func halt(_ sub: Subchannel) -> UInt8 {
        if sub.pendingCSW != nil { return 0 }
        if let program = sub.program {
            sub.generation &+= 1
            sub.device.halt()
            pendingResults[sub.address] = nil
            let moved = 0
            let residual = (program.segments.first?.count ?? 0) - moved
            sub.pendingCSW = endProgramCSW(sub, program, status: .done, channel: [],
                                           ccwAddress: program.lastCCW &+ 8, residual: residual)
            noteInterruption(sub)
        } else {
            sub.device.halt()
        }
        storeCSWStatus([])
        return 1
    }

    /// TEST CHANNEL: 1 when an interruption is pending on the channel.
    func testChannel(_ channel: Int) -> UInt8 {
        guard channelExists(channel) else { return 3 }
        takePosted()
        let pending = subchannels.values.contains { $0.channel == channel && $0.hasInterruption }
        return pending ? 1 : 0
    }

    /// STORE CHANNEL ID: the channel type at real location 168 (channel 0
    /// is a byte multiplexer, the others block multiplexers).
    public func storeChannelID(address: UInt32) -> UInt8 {
        let channel = Int((address >> 8) & 0xFF)
        guard channelExists(channel) else { return 3 }
        let location = machine.state.prefix | 0xA8
        storage.store32(location, channel == 0 ? 0x1000_0000 : 0x2000_0000)
        storage.markAccess(location, store: true)
        return 0
    }
}
