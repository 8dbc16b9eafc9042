import Foundation
import Synchronization

/// CP's spool: every user's reader queue. A file sent to a user's reader
/// waits there, whether or not the user is logged on, until their virtual
/// reader reads it. The lock makes it safe from every worker at once.
public final class SpoolSystem: Sendable {
    private struct State {
        var files: [SpoolFile] = []
        var nextID = 1
    }
    private let state = Mutex(State())
    /// Called when a file lands in a user's reader (the logged-on user's
    /// reader is made ready).
    private let arrival = Mutex<(@Sendable (String) -> Void)?>(nil)

    public init() {}

    func onArrival(_ hook: @escaping @Sendable (String) -> Void) { arrival.withLock { $0 = hook } }

    /// Puts a deck in `userid`'s reader; returns the new file's spool id.
    @discardableResult
    public func sendToReader(of userid: String, from sender: String, cards: [[UInt8]], name: String = "",
                             type: String = "", spoolClass: Character = "A", origin: SpoolFile.Origin = .punch) -> Int {
        let owner = userid.uppercased()
        let id = state.withLock { s -> Int in
            let id = s.nextID
            s.nextID = s.nextID >= 9900 ? 1 : s.nextID + 1
            s.files.append(SpoolFile(id: id, queue: .reader, owner: owner, from: sender.uppercased(), origin: origin,
                                     spoolClass: spoolClass, records: cards.map { Self.card($0) },
                                     name: name, type: type, distribution: owner, created: Date()))
            return id
        }
        let hook = arrival.withLock { $0 }
        hook?(owner)
        return id
    }

    /// 80 bytes exactly: short cards padded with EBCDIC blanks.
    static func card(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count >= 80 ? Array(bytes.prefix(80)) : bytes + [UInt8](repeating: 0x40, count: 80 - bytes.count)
    }

    /// `userid`'s reader files, oldest first.
    public func readerFiles(of userid: String) -> [SpoolFile] {
        let owner = userid.uppercased()
        return state.withLock { $0.files.filter { $0.owner == owner && $0.queue == .reader } }
    }

    /// `userid`'s closed printer or punch files waiting in the system queue.
    public func outputFiles(of userid: String, queue: SpoolFile.Queue) -> [SpoolFile] {
        let owner = userid.uppercased()
        return state.withLock { $0.files.filter { $0.owner == owner && $0.queue == queue } }
    }

    /// Closes an output file: it joins the system printer or punch queue.
    @discardableResult
    func closeOutput(owner: String, queue: SpoolFile.Queue, records: [[UInt8]], spoolClass: Character,
                     distribution: String) -> Int {
        state.withLock { s -> Int in
            let id = s.nextID
            s.nextID = s.nextID >= 9900 ? 1 : s.nextID + 1
            s.files.append(SpoolFile(id: id, queue: queue, owner: owner, from: owner,
                                     origin: queue == .printer ? .printer : .punch, spoolClass: spoolClass,
                                     records: records, name: "", type: "", distribution: distribution, created: Date()))
            return id
        }
    }

    /// Takes the next file a reader of class `spoolClass` (nil: any) may read.
    func takeNextReaderFile(of userid: String, spoolClass: Character?) -> SpoolFile? {
        let owner = userid.uppercased()
        return state.withLock { s in
            guard let index = s.files.firstIndex(where: {
                $0.owner == owner && $0.queue == .reader && !$0.hold && (spoolClass == nil || $0.spoolClass == spoolClass)
            }) else { return nil }
            return s.files.remove(at: index)
        }
    }

    /// Puts a partly read file back at the head of the queue (CLOSE … HOLD, LOGOFF).
    func putBack(_ file: SpoolFile) {
        state.withLock { $0.files.insert(file, at: 0) }
    }

    /// Moves a reader file of `userid` to the head of the queue, so that
    /// it is the next one read (DIAGNOSE X'14' select). False: no such file.
    func moveToFront(id: Int, of userid: String) -> Bool {
        let owner = userid.uppercased()
        return state.withLock { s in
            guard let index = s.files.firstIndex(where: { $0.id == id && $0.owner == owner && $0.queue == .reader })
            else { return false }
            s.files.insert(s.files.remove(at: index), at: 0)
            return true
        }
    }

    /// PURGE: removes `userid`'s files in `queue` that `matching` picks;
    /// returns how many went.
    func purge(of userid: String, queue: SpoolFile.Queue, where matching: (SpoolFile) -> Bool) -> Int {
        let owner = userid.uppercased()
        return state.withLock { s in
            let before = s.files.count
            s.files.removeAll { $0.owner == owner && $0.queue == queue && matching($0) }
            return before - s.files.count
        }
    }

    /// Counts for QUERY FILES.
    func fileCounts(for userid: String) -> (reader: Int, printer: Int, punch: Int) {
        (readerFiles(of: userid).count, outputFiles(of: userid, queue: .printer).count,
         outputFiles(of: userid, queue: .punch).count)
    }
}
