import Foundation
import Synchronization

/// CP's spool: every user's reader queue and the system printer and punch
/// queues. A file sent to a user's reader waits there, whether or not the
/// user is logged on, until their virtual reader reads it. Closed files
/// are kept on disk by a `SpoolStore` (when the system has a spool
/// directory) and come back at the next start. The lock makes it safe
/// from every worker at once; the disk writes happen under it, so the
/// disk always follows the order of the changes.
public final class SpoolSystem: Sendable {
    private struct State {
        /// Closed files in the queues, in queue order.
        var files: [SpoolFile] = []
        /// Ids of files a reader has open (out of the queue, still on disk).
        var open: Set<Int> = []
        var nextID = 1
        var lowestSequence = 0
        var highestSequence = 0
    }
    private let state = Mutex(State())
    private let store: SpoolStore?
    private let log: @Sendable (String) -> Void
    /// Called when a file lands in a user's reader (the logged-on user's
    /// reader is made ready).
    private let arrival = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// A spool in memory only: nothing survives the process.
    public convenience init() { self.init(store: nil, log: { _ in }) }

    /// A spool kept in `directory`: loads the files a previous run closed
    /// (warm start).
    public convenience init(directory: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        let store: SpoolStore?
        do {
            store = try SpoolStore(directory: directory)
        } catch {
            log("spool directory \(directory) unusable (\(error)); spool files will not survive a restart")
            store = nil
        }
        self.init(store: store, log: log)
    }

    init(store: SpoolStore?, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.log = log
        guard let store else { return }
        let (files, savedNext) = store.load(problem: log)
        state.withLock { s in
            s.files = files
            s.lowestSequence = files.map(\.sequence).min() ?? 0
            s.highestSequence = files.map(\.sequence).max() ?? 0
            let afterHighest = (files.map(\.id).max() ?? 0) % 9900 + 1
            s.nextID = savedNext.flatMap { (1...9900).contains($0) ? $0 : nil } ?? afterHighest
        }
        if !files.isEmpty { log("spool warm start: \(files.count) files") }
    }

    var storeForTests: SpoolStore? { store }

    func onArrival(_ hook: @escaping @Sendable (String) -> Void) { arrival.withLock { $0 = hook } }

    // MARK: New files

    /// Puts a deck in `userid`'s reader; returns the new file's spool id.
    @discardableResult
    public func sendToReader(of userid: String, from sender: String, cards: [[UInt8]], name: String = "",
                             type: String = "", spoolClass: Character = "A", origin: SpoolFile.Origin = .punch) -> Int {
        let owner = userid.uppercased()
        let draft = SpoolFile(id: 0, queue: .reader, owner: owner, from: sender.uppercased(), origin: origin,
                              spoolClass: spoolClass, records: cards.map { Self.card($0) },
                              name: name, type: type, distribution: owner, created: Date())
        return add(draft)?.id ?? 0
    }

    /// 80 bytes exactly: short cards padded with EBCDIC blanks.
    static func card(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count >= 80 ? Array(bytes.prefix(80)) : bytes + [UInt8](repeating: 0x40, count: 80 - bytes.count)
    }

    /// Gives `draft` a spool id, stores it and queues it last; a reader
    /// file wakes its owner's reader. Nil: the spool is full or the disk
    /// refused the file (the file is lost, as on a spool-full VM/370).
    func add(_ draft: SpoolFile) -> SpoolFile? {
        let added = state.withLock { s -> SpoolFile? in
            let inUse = Set(s.files.map(\.id)).union(s.open)
            var id = s.nextID
            var tries = 0
            while inUse.contains(id) {
                id = id % 9900 + 1
                tries += 1
                if tries >= 9900 { return nil }
            }
            var file = SpoolFile(id: id, queue: draft.queue, owner: draft.owner, from: draft.from, origin: draft.origin,
                                 spoolClass: draft.spoolClass, records: draft.records, name: draft.name,
                                 type: draft.type, distribution: draft.distribution, copies: draft.copies,
                                 hold: draft.hold, created: draft.created)
            file.tag = draft.tag
            s.highestSequence += 1
            file.sequence = s.highestSequence
            s.nextID = id % 9900 + 1
            if let store {
                do {
                    try store.save(file)
                } catch {
                    log("spool file \(id) for \(file.owner) not stored: \(error)")
                    return nil
                }
                store.saveNextID(s.nextID)
            }
            s.files.append(file)
            return file
        }
        if let added, added.queue == .reader {
            let hook = arrival.withLock { $0 }
            hook?(added.owner)
        }
        return added
    }

    // MARK: Looking

    /// `userid`'s reader files, in queue order.
    public func readerFiles(of userid: String) -> [SpoolFile] { files(of: userid, queue: .reader) }

    /// `userid`'s closed printer or punch files waiting in the system queue.
    public func outputFiles(of userid: String, queue: SpoolFile.Queue) -> [SpoolFile] { files(of: userid, queue: queue) }

    func files(of userid: String, queue: SpoolFile.Queue) -> [SpoolFile] {
        let owner = userid.uppercased()
        return state.withLock { $0.files.filter { $0.owner == owner && $0.queue == queue } }
    }

    /// One closed file by spool id.
    func file(_ id: Int) -> SpoolFile? { state.withLock { $0.files.first { $0.id == id } } }

    /// Counts for QUERY FILES.
    func fileCounts(for userid: String) -> (reader: Int, printer: Int, punch: Int) {
        (readerFiles(of: userid).count, outputFiles(of: userid, queue: .printer).count,
         outputFiles(of: userid, queue: .punch).count)
    }

    // MARK: Readers

    /// Takes the next file a reader of class `spoolClass` (nil: any) may
    /// read. It leaves the queue but stays on disk until it is read to
    /// the end (`finished`), so a restart finds it again.
    func takeNextReaderFile(of userid: String, spoolClass: Character?) -> SpoolFile? {
        let owner = userid.uppercased()
        return state.withLock { s in
            guard let index = s.files.firstIndex(where: {
                $0.owner == owner && $0.queue == .reader && !$0.hold && (spoolClass == nil || $0.spoolClass == spoolClass)
            }) else { return nil }
            let file = s.files.remove(at: index)
            s.open.insert(file.id)
            return file
        }
    }

    /// A reader is done with an open file: purged (NOHOLD), or back in
    /// the queue in user hold (HOLD), first in line.
    func finished(_ file: SpoolFile, keep: Bool) {
        if keep {
            var held = file
            held.hold = true
            putBack(held)
            return
        }
        state.withLock { s in
            s.open.remove(file.id)
            store?.remove(file.id)
        }
    }

    /// Puts an open file back at the head of the queue, as it was (CLOSE
    /// … HOLD, LOGOFF with a file half read).
    func putBack(_ file: SpoolFile) {
        state.withLock { s in
            var file = file
            s.open.remove(file.id)
            s.lowestSequence -= 1
            file.sequence = s.lowestSequence
            persist(file)
            s.files.insert(file, at: 0)
        }
    }

    /// Moves a reader file of `userid` to the head of the queue, so that
    /// it is the next one read (DIAGNOSE X'14' select). False: no such file.
    func moveToFront(id: Int, of userid: String) -> Bool {
        order(of: userid, queue: .reader, ids: [id]) == 1
    }

    // MARK: Spool commands

    /// PURGE: removes `userid`'s files in `queue` that `matching` picks;
    /// returns how many went.
    func purge(of userid: String, queue: SpoolFile.Queue, where matching: (SpoolFile) -> Bool) -> Int {
        let owner = userid.uppercased()
        return state.withLock { s in
            let gone = s.files.filter { $0.owner == owner && $0.queue == queue && matching($0) }
            for file in gone { store?.remove(file.id) }
            let ids = Set(gone.map(\.id))
            s.files.removeAll { ids.contains($0.id) }
            return gone.count
        }
    }

    /// CHANGE, TAG FILE: applies `change` to `userid`'s files in `queue`
    /// that `matching` picks; returns the changed files.
    @discardableResult
    func change(of userid: String, queue: SpoolFile.Queue, where matching: (SpoolFile) -> Bool,
                _ change: (inout SpoolFile) -> Void) -> [SpoolFile] {
        let owner = userid.uppercased()
        return state.withLock { s in
            var changed: [SpoolFile] = []
            for i in s.files.indices where s.files[i].owner == owner && s.files[i].queue == queue && matching(s.files[i]) {
                change(&s.files[i])
                persist(s.files[i])
                changed.append(s.files[i])
            }
            return changed
        }
    }

    /// TRANSFER: `userid`'s reader files that `matching` picks move to the
    /// end of `target`'s reader; returns them as they are now.
    func transfer(from userid: String, to target: String, where matching: (SpoolFile) -> Bool) -> [SpoolFile] {
        let owner = userid.uppercased()
        let moved = state.withLock { s -> [SpoolFile] in
            let picked = s.files.filter { $0.owner == owner && $0.queue == .reader && matching($0) }
            let ids = Set(picked.map(\.id))
            s.files.removeAll { ids.contains($0.id) }
            var moved: [SpoolFile] = []
            for var file in picked {
                file.owner = target.uppercased()
                s.highestSequence += 1
                file.sequence = s.highestSequence
                persist(file)
                s.files.append(file)
                moved.append(file)
            }
            return moved
        }
        if !moved.isEmpty {
            let hook = arrival.withLock { $0 }
            hook?(target.uppercased())
        }
        return moved
    }

    /// ORDER: puts `userid`'s files `ids` of `queue`, in that order, at the
    /// head of the queue; returns how many were found.
    func order(of userid: String, queue: SpoolFile.Queue, ids: [Int]) -> Int {
        let owner = userid.uppercased()
        return state.withLock { s in
            var picked: [SpoolFile] = []
            for id in ids {
                guard let index = s.files.firstIndex(where: { $0.id == id && $0.owner == owner && $0.queue == queue })
                else { continue }
                picked.append(s.files.remove(at: index))
            }
            s.lowestSequence -= picked.count
            for i in picked.indices {
                picked[i].sequence = s.lowestSequence + i
                persist(picked[i])
            }
            s.files.insert(contentsOf: picked, at: 0)
            return picked.count
        }
    }

    /// Rewrites a file's attributes on disk (under the lock).
    private func persist(_ file: SpoolFile) {
        guard let store else { return }
        do { try store.update(file) } catch { log("spool file \(file.id): attributes not stored: \(error)") }
    }
}
