import Channel

/// A virtual card reader (2540 or 3505) fed from the user's spool reader
/// queue. A read takes the next card of the current file, opening the next
/// file of a matching class first; at the end of a file the reader gives
/// unit exception (EOF) and the file is gone (NOHOLD). With no file a read
/// gets intervention required, and when a file arrives the reader signals
/// device end.
final class VirtualReader: ChannelDevice, @unchecked Sendable {
    let deviceType: UInt16
    let spool: SpoolSystem
    let userid: String
    /// CLASS c of the reader; nil is CLASS *.
    var spoolClass: Character?
    /// SPOOL options: CONT (files back to back), HOLD (keep files read,
    /// in user hold), EOF (unit exception at the end of a file).
    var continuous = false
    var hold = false
    var endOfFileIndication = true
    private var port: DevicePort?
    /// The open file and the next record a READ gets.
    var current: SpoolFile?
    var nextRecord = 0
    private var sense: UInt8 = 0
    /// DIAGNOSE X'14' (`ReaderDiagnose`): the open file's buffers and how
    /// many have been given, and where the last SFBLOK listing stopped.
    var pages: SpoolPages?
    var pagesGiven = 0
    var listing: (print: Bool, lastID: Int)?

    init(type: UInt16, spool: SpoolSystem, userid: String, spoolClass: Character?) {
        self.deviceType = type
        self.spool = spool
        self.userid = userid
        self.spoolClass = spoolClass
    }

    func attach(_ port: DevicePort) { self.port = port }

    /// A file arrived in the user's reader queue.
    func fileArrived() { port?.signal(.deviceEnd) }

    func start(_ command: DeviceCommand) -> DeviceResponse {
        switch command.kind {
        case .read:
            while true {
                if current == nil {
                    current = spool.takeNextReaderFile(of: userid, spoolClass: spoolClass)
                    nextRecord = 0
                    pages = nil
                }
                guard let file = current else {
                    sense = 0x40   // intervention required: the hopper is empty
                    return .finished(.unitCheck())
                }
                if nextRecord < file.records.count {
                    sense = 0
                    defer { nextRecord += 1 }
                    return .finished(DeviceResult(data: file.records[nextRecord], duration: 50))
                }
                endOfFile()
                // CONT: the next file follows at once, as if the decks were one.
                if continuous && spool.readerFiles(of: userid).contains(where: readable) { continue }
                if endOfFileIndication {
                    sense = 0
                    return .finished(DeviceResult(status: [.channelEnd, .deviceEnd, .unitException]))
                }
                // NOEOF: no unit exception; the reader just runs out of cards
                // (intervention required), as a real one does when the
                // operator has not pressed END OF FILE. [R]
                sense = 0x40
                return .finished(.unitCheck())
            }
        case .sense:
            let byte = sense
            sense = 0
            return .finished(DeviceResult(data: [byte]))
        case .control:
            sense = 0
            return .finished(DeviceResult())
        default:
            sense = 0x80   // command reject
            return .finished(.unitCheck())
        }
    }

    /// Whether this reader may read `file` (its class, not held).
    func readable(_ file: SpoolFile) -> Bool {
        !file.hold && (spoolClass == nil || file.spoolClass == spoolClass)
    }

    /// The open file has been read to its end: purged, or kept in user
    /// hold when the reader is spooled HOLD.
    func endOfFile() {
        if let file = current { spool.finished(file, keep: hold) }
        current = nil
        pages = nil
    }

    /// LOGOFF or DETACH with a file half read: it goes back to the queue.
    func close() {
        if let file = current { spool.putBack(file) }
        forget()
    }

    /// CLOSE: the open file goes back to the queue to be read again from
    /// its start (CLOSE … HOLD), is kept in user hold (reader spooled
    /// HOLD), or is purged.
    func close(hold keep: Bool) {
        if let file = current {
            if keep { spool.putBack(file) } else { spool.finished(file, keep: hold) }
        }
        forget()
    }

    private func forget() {
        current = nil
        pages = nil
        pagesGiven = 0
        listing = nil
    }

    func reset() {}
}
