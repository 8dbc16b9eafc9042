import Channel
import Media
import Synchronization
import Terminal

/// The channel side of a device on a local (channel-attached, non-SNA)
/// 3274: the 3270 data stream into a screen buffer and back. Displays and
/// printers differ only in what they do after a write (`written`).
///
/// Commands: write (01), erase/write (05), erase/write alternate (0D),
/// erase all unprotected (0F), write structured field (11, not without the
/// extended data stream), read buffer (02), read modified (06), read
/// modified all (0E), select (0B) and no-operation (03), sense (04, one
/// byte) and sense ID (E4). A bad data stream ends the write with unit
/// check and operation check sense; what came before the error stays in
/// the buffer. A Read Partition structured field is answered through the
/// next read command, announced by attention, as a local 3274 does.
public class Local3270Device: ChannelDevice, @unchecked Sendable {
    public let deviceType: UInt16
    public let model: DisplayModel
    public let codePage: CodePage

    struct State {
        var screen: Screen3270
        /// Inbound records a structured field asked for, given to the next reads.
        var replies: [[UInt8]] = []
        var port: DevicePort?
    }
    let state: Mutex<State>
    private var sense: UInt8 = 0

    init(type: UInt16, model: DisplayModel, codePage: CodePage, extendedDataStream: Bool) {
        self.deviceType = type
        self.model = model
        self.codePage = codePage
        state = Mutex(State(screen: Screen3270(model: model, extendedDataStream: extendedDataStream)))
    }

    public func attach(_ port: DevicePort) { state.withLock { $0.port = port } }

    /// The buffer as it is now (a copy).
    public var screen: Screen3270 { state.withLock { $0.screen } }

    /// After every write, good or bad, with the buffer as it now is and the
    /// outcome (nil after an error). Returns false when the device could not
    /// do its part (a printer that cannot print): equipment check.
    func written(_ screen: Screen3270, _ outcome: WriteOutcome?) -> Bool { true }

    public func start(_ command: DeviceCommand) -> DeviceResponse {
        switch Local3270Command(code: command.code) {
        case .write(let write):
            if write == .writeStructuredField && !screen.extendedDataStream { return reject() }
            return perform(write, command.data)
        case .read(let read):
            sense = 0
            let data = state.withLock { s in s.replies.isEmpty ? s.screen.read(read) : s.replies.removeFirst() }
            return .finished(DeviceResult(data: data, duration: 50 + data.count / 20))
        case .noOperation:
            sense = 0
            return .finished(DeviceResult())
        case .sense:
            let byte = sense
            sense = 0
            return .finished(DeviceResult(data: [byte]))
        case .senseID:
            return .finished(DeviceResult(data: Sense3274.identity(type: deviceType, model: UInt8(model.rawValue))))
        case .invalid:
            return reject()
        }
    }

    private func perform(_ write: OutboundCommand, _ data: [UInt8]) -> DeviceResponse {
        let (result, screen, port) = state.withLock { s -> (Result<WriteOutcome, DataStreamError>, Screen3270, DevicePort?) in
            let result: Result<WriteOutcome, DataStreamError>
            do throws(DataStreamError) {
                result = .success(try s.screen.write(write, data))
            } catch {
                result = .failure(error)
            }
            if case .success(let outcome) = result { s.replies += outcome.replies }
            return (result, s.screen, s.port)
        }
        let duration = 50 + data.count / 20
        switch result {
        case .failure:
            _ = written(screen, nil)
            sense = Sense3274.operationCheck
            return .finished(.unitCheck(duration: duration))
        case .success(let outcome):
            guard written(screen, outcome) else {
                sense = Sense3274.equipmentCheck
                return .finished(.unitCheck(duration: duration))
            }
            sense = 0
            guard !outcome.replies.isEmpty, let port else { return .finished(DeviceResult(duration: duration)) }
            // The write ends first; then attention asks the program to read the reply.
            port.finish(DeviceResult(duration: duration))
            port.signal(.attention)
            return .pending
        }
    }

    func reject() -> DeviceResponse {
        sense = Sense3274.commandReject
        return .finished(.unitCheck())
    }

    public func reset() {
        sense = 0
        state.withLock { $0.replies = [] }
    }
}
