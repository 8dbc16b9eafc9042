import Foundation
import Media
import Synchronization

/// The real unit record devices of the configuration (PRINTER, PUNCH,
/// READER) and the operator's hold on users' output. Started printers and
/// punches empty the system queues into their directories; readers turn
/// decks dropped into theirs into reader files. All of it runs on one
/// serial Dispatch queue, woken by a timer and by the operator's commands,
/// so a slow disk never holds up a virtual machine's worker.
final class UnitRecordSystem: Sendable {
    private struct State {
        var devices: [RealUnitRecord] = []
        /// HOLD userid: their printer and punch files stay queued until FREE.
        var heldUsers: Set<String> = []
    }
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "vm67.unitrecord")
    /// Touched only on `queue` (a Dispatch source is not Sendable).
    private nonisolated(unsafe) var timer: DispatchSourceTimer?
    private unowned let cp: ControlProgram
    /// Set at shutdown: a wake-up still queued must not touch the
    /// control program as it goes away.
    private let stopped = Atomic<Bool>(false)

    init(cp: ControlProgram, definitions: [UnitRecordDefinition]) {
        self.cp = cp
        let devices = definitions.map { RealUnitRecord($0, directory: cp.resolve($0.directory)) }
        for device in devices {
            try? FileManager.default.createDirectory(atPath: device.directory, withIntermediateDirectories: true)
        }
        state.withLock { $0.devices = devices }
    }

    /// Starts polling (readers' directories, queues of started devices).
    func startPolling(every interval: Double = 0.5) {
        guard state.withLock({ !$0.devices.isEmpty }) else { return }
        queue.sync {
            let source = DispatchSource.makeTimerSource(queue: queue)
            source.schedule(deadline: .now() + interval, repeating: interval)
            source.setEventHandler { [weak self] in self?.service() }
            source.resume()
            timer = source
        }
    }

    func stopPolling() {
        stopped.store(true, ordering: .releasing)
        queue.sync {
            timer?.cancel()
            timer = nil
        }
    }

    /// Runs a round of work soon (after START, FREE, REPEAT).
    func wake() { queue.async { [weak self] in self?.service() } }

    // MARK: The operator's view

    func device(_ address: UInt16) -> RealUnitRecord? { state.withLock { $0.devices.first { $0.definition.address == address } } }
    var devices: [RealUnitRecord] { state.withLock { $0.devices } }
    var heldUsers: [String] { state.withLock { $0.heldUsers.sorted() } }

    /// Changes one device under the lock; false when there is no such device.
    @discardableResult
    func update(_ address: UInt16, _ change: (inout RealUnitRecord) -> Void) -> RealUnitRecord? {
        state.withLock { s in
            guard let i = s.devices.firstIndex(where: { $0.definition.address == address }) else { return nil }
            change(&s.devices[i])
            return s.devices[i]
        }
    }

    func hold(_ userid: String) { state.withLock { _ = $0.heldUsers.insert(userid.uppercased()) } }
    func free(_ userid: String) -> Bool { state.withLock { $0.heldUsers.remove(userid.uppercased()) != nil } }

    // MARK: Work (on the queue)

    private func service() {
        guard !stopped.load(ordering: .acquiring) else { return }
        for device in devices {
            switch device.definition.kind {
            case .reader where device.status == .started: readDecks(device)
            case .printer, .punch: writeFiles(device.definition.address)
            default: break
            }
        }
    }

    /// Writes files until the queue has none for the device, or it stops.
    private func writeFiles(_ address: UInt16) {
        while true {
            let next = state.withLock { s -> (RealUnitRecord, SpoolFile, repeated: Bool)? in
                guard let i = s.devices.firstIndex(where: { $0.definition.address == address }),
                      s.devices[i].status == .started, let queue = s.devices[i].definition.kind.queue else { return nil }
                let device = s.devices[i]
                if device.repeats > 0, let last = device.last {
                    s.devices[i].repeats -= 1
                    s.devices[i].active = (last.id, 1)
                    return (device, last, true)
                }
                guard let file = cp.spool.takeNextOutputFile(queue: queue, classes: device.classes, skip: s.heldUsers)
                else { return nil }
                s.devices[i].active = (file.id, 1)
                s.devices[i].flush = false
                return (device, file, false)
            }
            guard let (device, file, repeated) = next else { return }
            write(file, on: device, repeated: repeated)
        }
    }

    private func write(_ file: SpoolFile, on device: RealUnitRecord, repeated: Bool) {
        let address = device.definition.address
        let isPrinter = device.definition.kind == .printer
        var printed = PrintText()
        var punched: [UInt8] = []
        var copy = 1
        var total = repeated ? 1 : file.copies
        var flushed = false
        while copy <= total {
            tell(outputMessage(device, file, copy: copy, repeated: repeated || copy > file.copies))
            if isPrinter {
                if copy > 1 { printed.newPage() }
                printed.addLines(SeparatorPage.lines(file, device: device.name, copy: copy))
                printed.newPage()
                for record in file.records { printed.add(record) }
                printed.finish()
            } else {
                for card in file.records {
                    punched += CardDeck.fileRecord(card, format: device.definition.asciiPunch ? .ascii : .ebcdic)
                }
            }
            // Between copies the operator's FLUSH and REPEAT take effect.
            var stop = false
            update(address) { d in
                d.active = (file.id, copy + 1)
                stop = d.flush
                if d.repeats > 0 && !d.flush {
                    d.repeats -= 1
                    total += 1
                }
            }
            if stop { flushed = true; break }
            copy += 1
        }
        let pdf = isPrinter && device.definition.pdf
        let suffix = pdf ? "pdf" : isPrinter || device.definition.asciiPunch ? "txt" : "pun"
        var output = isPrinter ? printed.bytes : punched
        if pdf {
            // The PDF is drawn from the text, so both show the same pages.
            let lines = printed.forms.linesPerPage
            output = PrintPDF.document(PrintPDF.pages(fromText: output, linesPerPage: lines), linesPerPage: lines,
                                       greenbar: device.definition.greenbar)
        }
        do {
            _ = try OutputDirectory.write(output, for: file, in: device.directory, suffix: suffix)
        } catch {
            cp.log("\(device.name): output of file \(SpoolNotices.id(file.id)) not written: \(error)")
        }
        let hold = self.device(address)?.flushHold ?? false
        if !repeated {
            // The file leaves the spool once written, unless FLUSH … HOLD kept it.
            cp.spool.finished(file, keep: flushed && hold)
        }
        let drained = update(address) { d in
            d.active = nil
            d.flush = false
            d.flushHold = false
            if !repeated { d.last = file }
            if d.status == .draining { d.status = .drained }
        }
        if drained?.status == .drained { tell("\(device.name) DRAINED") }
    }

    /// `PRT 00E OUTPUT OF ALICE FILE 0007 RECDS 0012 COPY 01 A PRT` (VM/370
    /// Operator's Guide). Placing REPEATED at the end is our guess.
    private func outputMessage(_ device: RealUnitRecord, _ file: SpoolFile, copy: Int, repeated: Bool) -> String {
        let records = String(file.records.count)
        return "\(device.name) OUTPUT OF \(file.owner) FILE \(SpoolNotices.id(file.id)) RECDS "
            + String(repeating: "0", count: max(0, 4 - records.count)) + records
            + " COPY \(SpoolNotices.copies(copy)) \(file.spoolClass) \(file.origin.rawValue)" + (repeated ? " REPEATED" : "")
    }

    private func readDecks(_ device: RealUnitRecord) {
        for name in CardInput.waiting(in: device.directory) {
            let path = device.directory + "/" + name
            switch CardInput.read(path, known: { self.cp.directory.entry($0) != nil }) {
            case .failure(let rejected):
                CardInput.setAside(path, into: "error", reason: rejected.reason)
                tell("\(device.name) DECK \(name) REJECTED: \(rejected.reason)") // vm67's own message
            case .success(let deck):
                let id = cp.spool.sendToReader(of: deck.userid, from: deck.userid, cards: deck.cards, name: deck.name,
                                               type: deck.type, spoolClass: deck.spoolClass, origin: .reader)
                guard id != 0, let file = cp.spool.file(id) else {
                    CardInput.setAside(path, into: "error", reason: "the spool refused the file (full, or a disk error)")
                    continue
                }
                CardInput.setAside(path, into: "done")
                tell("\(device.name) INPUT FOR \(deck.userid) FILE \(SpoolNotices.id(id))")
                cp.announceArrival(file, from: deck.userid)
            }
        }
    }

    /// A message for the operator's console (when logged on) and the log.
    private func tell(_ line: String) {
        cp.log(line)
        cp.user(MessageCommands.operatorUserid(cp))?.console.say([line])
    }
}
