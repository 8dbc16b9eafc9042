import S370Core

/// The S/370 channels of one machine: its devices (one subchannel each, as
/// on a block-multiplexer channel), the I/O instructions, channel programs
/// run in virtual time, and I/O interruptions.
///
/// Channel programs use absolute addresses. Data transfers are checked
/// against the CAW key (store protection, fetch protection) and set the
/// reference and change bits. CCWs are fetched when they are reached, so a
/// program that changes its own CCWs ahead of the channel works as on the
/// hardware.
public final class ChannelSubsystem {
    public let machine: Machine
    var storage: Storage { machine.storage }

    var subchannels: [UInt16: Subchannel] = [:]
    var events = EventQueue()
    let inbox = Inbox()
    /// Results of commands whose completion is scheduled, by device.
    var pendingResults: [UInt16: DeviceResult] = [:]
    /// Devices with an interruption condition, oldest first (may hold
    /// devices whose condition has since been cleared; they are skipped).
    var interruptionOrder: [UInt16] = []

    /// Virtual time in microseconds.
    public internal(set) var now: UInt64 = 0

    /// Log hook for CCW tracing (address, CCW text).
    public var trace: ((UInt16, String) -> Void)?

    public init(machine: Machine) {
        self.machine = machine
    }

    // MARK: Configuration

    /// Attaches `device` at channel/unit `address` (X'00C', X'190', …).
    public func attach(_ device: ChannelDevice, at address: UInt16) {
        let port = DevicePort(address: address, inbox: inbox)
        subchannels[address] = Subchannel(address: address, device: device, port: port)
        device.attach(port)
    }

    public func detach(_ address: UInt16) {
        if let sub = subchannels.removeValue(forKey: address) {
            sub.generation &+= 1
            sub.device.halt()
        }
        refreshPendingChannels()
    }

    public func device(at address: UInt16) -> ChannelDevice? { subchannels[address]?.device }

    public var addresses: [UInt16] { subchannels.keys.sorted() }

    /// Whether any device is on `channel`.
    func channelExists(_ channel: Int) -> Bool { subchannels.values.contains { $0.channel == channel } }

    // MARK: Time and asynchronous events

    /// When the next scheduled event is due, in virtual microseconds.
    public var nextEventTime: UInt64? { events.nextTime }

    /// Whether devices posted anything since the last look.
    public var hasPostedEvents: Bool { !inbox.isEmpty }

    /// Called (on the posting thread) whenever a device posts an event.
    public func setWakeHook(_ hook: (@Sendable () -> Void)?) { inbox.setWakeHook(hook) }

    /// Moves virtual time to `time`, running every event due by then, and
    /// takes in what devices posted from other threads.
    public func advance(to time: UInt64) {
        if time > now { now = time }
        takePosted()
        while let event = events.popDue(now) {
            run(event.action)
            takePosted()
        }
        refreshPendingChannels()
    }

    func takePosted() {
        for message in inbox.take() {
            switch message {
            case .finished(let address, let result):
                guard let sub = subchannels[address], sub.program?.command != nil else { continue }
                finishCommand(sub, result)
            case .unsolicited(let address, let status):
                guard let sub = subchannels[address] else { continue }
                if status.contains(.deviceEnd) { sub.awaitingDeviceEnd = false }
                sub.deviceStatus.formUnion(status)
                noteInterruption(sub)
            }
        }
    }

    func run(_ action: EventQueue.Action) {
        switch action {
        case .commandFinished(let address, let generation):
            guard let sub = subchannels[address], sub.generation == generation, let program = sub.program else { return }
            continueProgram(sub, program)
        case .deviceEnd(let address, let status):
            guard let sub = subchannels[address], sub.awaitingDeviceEnd else { return }
            sub.awaitingDeviceEnd = false
            sub.deviceStatus.formUnion(status.union(.deviceEnd))
            noteInterruption(sub)
        }
    }

    // MARK: Interruptions

    func noteInterruption(_ sub: Subchannel) {
        if !interruptionOrder.contains(sub.address) { interruptionOrder.append(sub.address) }
        refreshPendingChannels()
    }

    /// Tells the CPU which channels have an interruption waiting.
    func refreshPendingChannels() {
        var bits: UInt32 = 0
        interruptionOrder.removeAll { address in
            guard let sub = subchannels[address], sub.hasInterruption else { return true }
            if sub.channel < 32 { bits |= 0x8000_0000 >> UInt32(sub.channel) }
            return false
        }
        machine.state.ioPendingChannels = bits
    }

    /// Presents the oldest interruption on a channel the CPU is enabled for:
    /// stores the CSW at location 64 and swaps the I/O PSWs. Returns false
    /// when nothing can be presented now.
    @discardableResult
    public func presentPendingInterruption() -> Bool {
        for address in interruptionOrder {
            guard let sub = subchannels[address], sub.hasInterruption,
                  machine.state.ioEnabled(channel: sub.channel) else { continue }
            let csw = takeInterruptionCSW(sub)
            storeCSW(csw)
            machine.presentIOInterruption(device: address)
            refreshPendingChannels()
            return true
        }
        refreshPendingChannels()
        return false
    }

    /// The CSW for the highest-priority condition of `sub`, which is cleared.
    func takeInterruptionCSW(_ sub: Subchannel) -> CSW {
        if let csw = sub.pendingCSW {
            // Unsolicited status (an attention the operator raised meanwhile)
            // stays pending and comes as its own interruption.
            sub.pendingCSW = nil
            sub.pendingPCI = nil
            return csw
        }
        if let csw = sub.pendingPCI {
            sub.pendingPCI = nil
            return csw
        }
        let csw = CSW(unitStatus: sub.deviceStatus)
        sub.deviceStatus = []
        return csw
    }

    /// Stores a full CSW at real location 64.
    func storeCSW(_ csw: CSW) {
        let location = machine.state.prefix | 0x40
        storage.store64(location, csw.stored)
        storage.markAccess(location, store: true)
    }

    /// Stores only the status portion (bytes 4–5) of the CSW.
    func storeCSWStatus(_ unit: UnitStatus, _ channel: ChannelStatus = []) {
        let location = machine.state.prefix | 0x44
        storage.store16(location, UInt16(unit.rawValue) << 8 | UInt16(channel.rawValue))
        storage.markAccess(location, store: true)
    }

    // MARK: Reset

    /// System reset: every channel program and pending interruption goes.
    public func reset() {
        for sub in subchannels.values {
            sub.generation &+= 1
            sub.program = nil
            sub.pendingCSW = nil
            sub.pendingPCI = nil
            sub.deviceStatus = []
            sub.awaitingDeviceEnd = false
            sub.device.reset()
        }
        events.removeAll()
        pendingResults.removeAll()
        _ = inbox.take()
        interruptionOrder.removeAll()
        refreshPendingChannels()
    }
}
