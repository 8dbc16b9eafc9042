import Channel
import Foundation

/// A virtual printer (1403, 3211) or punch (2540P, 3525): what the guest
/// writes becomes records of an open spool file, which CLOSE (or LOGOFF)
/// puts in the system queue, or in a user's reader when the device is
/// spooled TO someone. A printer record keeps its CCW command byte first,
/// as the carriage control; a punch record is the 80-byte card.
final class VirtualSpoolWriter: ChannelDevice, @unchecked Sendable {
    let deviceType: UInt16
    let queue: SpoolFile.Queue
    private let spool: SpoolSystem
    private let userid: String
    /// SPOOL options (CLASS, COPY, HOLD, CONT, TO, FOR) and TAG DEV text.
    var spoolClass: Character
    var copies = 1
    var hold = false
    /// CONT: CLOSE does not end the file; only CLOSE after NOCONT (or
    /// LOGOFF) does, so several decks become one file.
    var continuous = false
    /// TO userid: closed files go to that user's reader.
    var target: String?
    /// FOR userid: closed files stay output files, owned by that user.
    var forUser: String?
    var tag = ""
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

    /// What CLOSE may set for this one file.
    struct CloseOptions {
        var hold: Bool?
        var distribution: String?
        var name: String?
        var type: String?
        var target: String?
    }

    /// CLOSE: the open file joins the system queue or the target's reader;
    /// returns it, or nil when nothing was written (or the spool refused it).
    @discardableResult
    func close(distribution: String, options: CloseOptions = CloseOptions()) -> SpoolFile? {
        guard !records.isEmpty else { return nil }
        defer { records = [] }
        let to = options.target ?? target
        let owner = to ?? forUser ?? userid
        // A print line keeps its CCW command byte in a reader too, as in
        // VM/370: a virtual reader's READ gets it as the record's first byte,
        // and DIAGNOSE X'14' rebuilds the line's CCW from it (as after TRANSFER).
        let draft = SpoolFile(id: 0, queue: to == nil ? queue : .reader, owner: owner, from: userid,
                              origin: queue == .printer ? .printer : .punch, spoolClass: spoolClass,
                              records: records, name: options.name ?? "", type: options.type ?? "",
                              distribution: options.distribution ?? distribution, copies: copies,
                              hold: options.hold ?? hold, created: Date(), tag: tag)
        return spool.add(draft)
    }
}
