import Channel
import Media

/// IBM 3420 magnetic tape drive on a 3803 control unit, and the 2400
/// series on a 2803 (the same commands; 6 sense bytes instead of 24).
///
/// The reel is a `TapeMedium` (an AWS or HET file). Reading a tape mark
/// ends with unit exception; so does a write that leaves the tape beyond
/// the end-of-tape marker (when the reel has a length). Forward motion past
/// the last thing written runs the tape off the reel: unit check with
/// equipment check, the tape staying where it was. Backward motion at the
/// load point is unit check with only the load-point bit (as Hercules and
/// the 3410/3411 error recovery describe it: a backspace into load point
/// gives a unit check to ignore). Writes on a file-protected reel are
/// command reject.
///
/// Rewind ends with channel end at once and device end when the tape is
/// back at the load point. Rewind-unload does the same and leaves the
/// drive not ready: any later command but sense gets unit check with
/// intervention required, until the operator mounts a reel, which the
/// drive announces with device end. Nothing else moves the tape: not
/// system reset, not IPL, which reads whatever block comes next.
///
/// Everything here runs on the machine's thread (the channel side and the
/// operator's mount alike, which the bare machine runs through `perform`).
public final class Tape3420: ChannelDevice, @unchecked Sendable {
    public let deviceType: UInt16
    private var port: DevicePort?
    public private(set) var medium: TapeMedium?
    /// The file last unloaded (for the operator's display).
    private var unloadedPath: String?

    private var errors: TapeErrors = []
    private var tapeRanOff = false
    private var lastMotion: Motion = .none
    private var density1600 = true
    private var previousCommand: TapeCommand?

    private enum Motion { case none, forward, backward, write }

    /// Virtual microseconds: a start/stop, then about 8 MB/s of data.
    static let startStop = 20
    static func transferTime(_ bytes: Int) -> Int { startStop + bytes / 8 }
    /// Rewinding takes longer the further the tape has to go.
    static func rewindTime(from offset: Int64) -> Int { 1_000 + Int(min(offset / 4096, 200_000)) }

    public init(type: UInt16 = 0x3420) {
        deviceType = type
    }

    public func attach(_ port: DevicePort) { self.port = port }

    // MARK: Operator

    /// Mounts a reel (replacing any other) and makes the drive ready, which
    /// it tells the program with device end.
    public func mount(_ reel: TapeMedium) {
        try? medium?.close()
        medium = reel
        unloadedPath = nil
        errors = []
        tapeRanOff = false
        lastMotion = .none
        port?.signal(.deviceEnd)
    }

    /// Takes the reel off (the drive becomes not ready).
    public func unload() throws {
        guard let reel = medium else { return }
        medium = nil
        unloadedPath = reel.path
        try reel.close()
    }

    /// Whether a reel is mounted and the drive ready.
    public var isReady: Bool { medium != nil }

    /// A line for the operator: the file, its position, protection.
    public var status: String {
        guard let reel = medium else {
            return unloadedPath.map { "not ready (unloaded \($0))" } ?? "not ready (no tape)"
        }
        var text = "\(reel.path) file \(reel.fileNumber) block \(reel.position) of \(reel.entryCount)"
        if reel.isAtLoadPoint { text += " at load point" }
        if reel.isReadOnly { text += " ro" }
        return text
    }

    // MARK: Channel

    public func start(_ command: DeviceCommand) -> DeviceResponse {
        let order = TapeCommand(code: command.code)
        let chainedFrom = command.chained ? previousCommand : nil
        previousCommand = order
        if order != .sense {
            // A new operation: the sense of the previous one is gone.
            errors = []
            tapeRanOff = false
        }
        if order == .invalid { return reject(.commandReject) }
        if order.needsReadyDrive && medium == nil { return reject(.interventionRequired) }
        if order.writes && medium?.isReadOnly == true { return reject(.commandReject) }
        return .finished(execute(order, command, chainedFrom: chainedFrom))
    }

    public func reset() {
        errors = []
        tapeRanOff = false
        previousCommand = nil
        try? medium?.flush()
    }

    private func execute(_ order: TapeCommand, _ command: DeviceCommand, chainedFrom: TapeCommand?) -> DeviceResult {
        switch order {
        case .sense:
            let bytes = TapeSense.bytes(errors: errors, unit: condition, deviceType: deviceType)
            errors = []
            tapeRanOff = false
            return DeviceResult(data: bytes)
        case .noOperation, .diagnostic:
            return DeviceResult()
        case .modeSet(let sevenTrack, let density):
            if !sevenTrack { density1600 = density }
            return DeviceResult()
        case .read:
            return readForward()
        case .readBackward:
            return readBackward()
        case .write:
            return write(command.data)
        case .writeTapeMark:
            return writeTapeMark()
        case .eraseGap:
            return erase(after: Self.startStop)
        case .dataSecurityErase:
            // The 3803 accepts it only right after an erase gap in the same chain.
            guard chainedFrom == .eraseGap else { return unitCheck(.commandReject) }
            return erase(after: Self.rewindTime(from: Int64(1) << 30))
        case .rewind:
            return rewind(unloading: false)
        case .rewindUnload:
            return rewind(unloading: true)
        case .backspaceBlock, .backspaceFile:
            return spaceBackward(file: order == .backspaceFile)
        case .forwardSpaceBlock, .forwardSpaceFile:
            return spaceForward(file: order == .forwardSpaceFile)
        case .invalid:
            return unitCheck(.commandReject)
        }
    }

    // MARK: Operations (a reel is mounted)

    private func readForward() -> DeviceResult {
        let reel = medium!
        lastMotion = .forward
        do {
            switch try reel.readForward() {
            case .block(let data):
                return DeviceResult(data: data, duration: Self.transferTime(data.count))
            case .tapeMark:
                return DeviceResult(status: .unitExceptionEnd, duration: Self.startStop)
            case .endOfData, .loadPoint:
                return ranOffTheReel()
            }
        } catch {
            return unitCheck(.dataCheck)
        }
    }

    private func readBackward() -> DeviceResult {
        let reel = medium!
        lastMotion = .backward
        do {
            switch try reel.readBackward() {
            case .block(let data):
                // The tape moves backward: the last byte comes first.
                return DeviceResult(data: data.reversed(), duration: Self.transferTime(data.count))
            case .tapeMark:
                return DeviceResult(status: .unitExceptionEnd, duration: Self.startStop)
            case .loadPoint, .endOfData:
                return unitCheck([])
            }
        } catch {
            return unitCheck(.dataCheck)
        }
    }

    private func write(_ data: [UInt8]) -> DeviceResult {
        let reel = medium!
        lastMotion = .write
        do {
            let pastMarker = try reel.write(data)
            return DeviceResult(status: pastMarker ? .unitExceptionEnd : .done, duration: Self.transferTime(data.count))
        } catch let refusal as TapeMedium.WriteRefusal {
            return refused(refusal)
        } catch {
            return unitCheck(.equipmentCheck)
        }
    }

    private func writeTapeMark() -> DeviceResult {
        let reel = medium!
        lastMotion = .write
        do {
            let pastMarker = try reel.writeTapeMark()
            try reel.flush()
            return DeviceResult(status: pastMarker ? .unitExceptionEnd : .done, duration: Self.startStop)
        } catch let refusal as TapeMedium.WriteRefusal {
            return refused(refusal)
        } catch {
            return unitCheck(.equipmentCheck)
        }
    }

    /// Erase gap and data security erase: what follows the tape's place is gone.
    private func erase(after duration: Int) -> DeviceResult {
        let reel = medium!
        lastMotion = .write
        do {
            try reel.eraseToEnd()
            return DeviceResult(status: reel.isPastEndOfTapeMarker ? .unitExceptionEnd : .done, duration: duration)
        } catch let refusal as TapeMedium.WriteRefusal {
            return refused(refusal)
        } catch {
            return unitCheck(.equipmentCheck)
        }
    }

    private func rewind(unloading: Bool) -> DeviceResult {
        let reel = medium!
        let time = Self.rewindTime(from: reel.offset)
        let wasAtLoadPoint = reel.isAtLoadPoint
        reel.rewind()
        lastMotion = .none
        if unloading {
            do { try unload() } catch { return unitCheck(.equipmentCheck) }
        } else {
            try? reel.flush()
        }
        if wasAtLoadPoint && !unloading { return DeviceResult(duration: Self.startStop) }
        // Channel end now; device end when the tape is back on the load point.
        return DeviceResult(duration: Self.startStop, deviceEndAfter: time)
    }

    private func spaceBackward(file: Bool) -> DeviceResult {
        let reel = medium!
        lastMotion = .backward
        let found = file ? reel.spaceFileBackward() : reel.spaceBackward()
        switch found {
        case .block:
            return DeviceResult(duration: Self.startStop)
        case .tapeMark:
            // Backspace block stops on a tape mark and says so; backspace file is meant to.
            return DeviceResult(status: file ? .done : .unitExceptionEnd, duration: Self.startStop)
        case .loadPoint, .endOfData:
            return unitCheck([])
        }
    }

    private func spaceForward(file: Bool) -> DeviceResult {
        let reel = medium!
        lastMotion = .forward
        let found = file ? reel.spaceFileForward() : reel.spaceForward()
        switch found {
        case .block:
            return DeviceResult(duration: Self.startStop)
        case .tapeMark:
            return DeviceResult(status: file ? .done : .unitExceptionEnd, duration: Self.startStop)
        case .endOfData, .loadPoint:
            return ranOffTheReel()
        }
    }

    // MARK: Status

    private var condition: TapeUnitCondition {
        var unit = TapeUnitCondition()
        unit.ready = medium != nil
        unit.atLoadPoint = medium?.isAtLoadPoint ?? false
        unit.fileProtected = medium?.isReadOnly ?? false
        unit.inWriteStatus = lastMotion == .write
        unit.movedBackward = lastMotion == .backward
        unit.pastEndOfTapeMarker = medium?.isPastEndOfTapeMarker ?? false
        unit.density1600 = density1600
        unit.tapeRanOff = tapeRanOff
        return unit
    }

    /// Motion beyond the written part of the tape: on a real drive the tape
    /// would run on to the end of the reel and out of the columns.
    private func ranOffTheReel() -> DeviceResult {
        tapeRanOff = true
        return unitCheck(.equipmentCheck)
    }

    private func refused(_ refusal: TapeMedium.WriteRefusal) -> DeviceResult {
        switch refusal {
        case .readOnly: return unitCheck(.commandReject)
        case .endOfTape: return ranOffTheReel()
        case .badLength: return unitCheck(.commandReject)
        }
    }

    private func unitCheck(_ error: TapeErrors) -> DeviceResult {
        errors.formUnion(error)
        return .unitCheck(duration: Self.startStop)
    }

    /// A command refused before it starts: unit check at once.
    private func reject(_ error: TapeErrors) -> DeviceResponse {
        errors.formUnion(error)
        return .finished(.unitCheck())
    }
}

extension UnitStatus {
    /// Channel end, device end and unit exception: a tape mark, or the end-of-tape marker.
    static let unitExceptionEnd: UnitStatus = [.channelEnd, .deviceEnd, .unitException]
}
