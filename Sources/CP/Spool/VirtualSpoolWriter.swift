import Channel

/// A virtual printer (1403, 3211) or punch (2540P, 3525): what the guest
/// writes becomes records of an open spool file, which CLOSE (or LOGOFF)
/// puts in the system queue. A printer record keeps its CCW command byte
/// first, as the carriage control; a punch record is the 80-byte card.
final class VirtualSpoolWriter: ChannelDevice, @unchecked Sendable {
    let deviceType: UInt16
    let queue: SpoolFile.Queue
    private let spool: SpoolSystem
    private let userid: String
    var spoolClass: Character
    /// SPOOL … TO userid: closed files go to that user's reader instead of
    /// the system queue (nil: the system queue).
    var spoolTo: String?
    private var records: [[UInt8]] = []
    private var sense: UInt8 = 0

    init(type: UInt16, queue: SpoolFile.Queue, spool: SpoolSystem, userid: String, spoolClass: Character) {
        self.deviceType = type
        self.queue = queue
        self.spool = spool
        self.userid = userid
        self.spoolClass = spoolClass
    }

    func attach(_ port: DevicePort) {}

    /// Records written since the file was opened.
    var openRecordCount: Int { records.count }

    func start(_ command: DeviceCommand) -> DeviceResponse {
        switch command.kind {
        case .write:
            if queue == .punch {
                records.append(SpoolSystem.card(command.data))
            } else {
                records.append([command.code] + command.data)
            }
            sense = 0
            return .finished(DeviceResult(duration: 20))
        case .control:
            // Spacing or skipping without data; a NOP (X'03') does nothing.
            if queue == .printer && command.code != 0x03 { records.append([command.code]) }
            sense = 0
            return .finished(DeviceResult())
        case .sense:
            let byte = sense
            sense = 0
            return .finished(DeviceResult(data: [byte]))
        default:
            sense = 0x80   // command reject
            return .finished(.unitCheck())
        }
    }

    /// CLOSE … PURGE: the open file is thrown away.
    func discard() { records = [] }

    /// CLOSE: the open file joins the system queue; returns its spool id,
    /// or nil when nothing was written.
    @discardableResult
    func close(distribution: String) -> Int? {
        guard !records.isEmpty else { return nil }
        defer { records = [] }
        if let target = spoolTo {
            // A print line loses its carriage-control byte on the way to a reader.
            let cards = queue == .printer ? records.map { Array($0.dropFirst()) } : records
            return spool.sendToReader(of: target, from: userid, cards: cards, spoolClass: spoolClass,
                                      origin: queue == .printer ? .printer : .punch)
        }
        return spool.closeOutput(owner: userid, queue: queue, records: records, spoolClass: spoolClass,
                                 distribution: distribution)
    }
}
