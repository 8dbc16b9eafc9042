import Foundation

/// Closed spool files on the host disk, one pair per file in the spool
/// directory: `NNNN.data` (the records) and `NNNN.meta` (the attributes,
/// with the data's size and record count). A VM/370 warm start finds its
/// closed files again in the spool checkpoint; vm67 finds them here.
///
/// Crash safety: every file is written under a temporary name, synced,
/// then renamed, and the data goes first. A file counts as closed only
/// when its metadata exists and its data matches what the metadata
/// promises, so a crash at any moment leaves either the whole file or no
/// file; the leftovers (temporary files, data without metadata) are
/// removed at the next start.
final class SpoolStore: @unchecked Sendable {
    let directory: URL
    /// Test hook: stop a write after the data and before the metadata, as
    /// a daemon killed at that moment would.
    var crashAfterData = false

    struct Failure: Error, CustomStringConvertible { let description: String }

    private static let magic = Array("VM67SPL1".utf8)

    init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    private func path(_ id: Int, _ suffix: String) -> URL {
        directory.appendingPathComponent(String(format: "%04d.%@", id, suffix))
    }

    /// The attributes as stored: everything but the records.
    private struct Metadata: Codable {
        var id: Int
        var queue: SpoolFile.Queue
        var owner: String
        var from: String
        var origin: SpoolFile.Origin
        var spoolClass: String
        var name: String
        var type: String
        var distribution: String
        var tag: String
        var copies: Int
        var hold: Bool
        var created: Double
        var sequence: Int
        var records: Int
        var dataBytes: Int
    }

    // MARK: Writing

    /// Stores a newly closed file: data, then metadata.
    func save(_ file: SpoolFile) throws {
        let data = Self.encode(file.records)
        try Self.atomicWrite(data, to: path(file.id, "data"))
        if crashAfterData { throw Failure(description: "simulated crash after the data of \(file.id)") }
        try saveMetadata(file, dataBytes: data.count)
    }

    /// Rewrites the attributes of a file whose data is already stored
    /// (CHANGE, TRANSFER, ORDER, TAG, HOLD).
    func update(_ file: SpoolFile) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path(file.id, "data").path)[.size] as? Int) ?? nil
        guard let size else { throw Failure(description: "spool file \(file.id) has no data") }
        try saveMetadata(file, dataBytes: size)
    }

    private func saveMetadata(_ file: SpoolFile, dataBytes: Int) throws {
        let meta = Metadata(id: file.id, queue: file.queue, owner: file.owner, from: file.from, origin: file.origin,
                            spoolClass: String(file.spoolClass), name: file.name, type: file.type,
                            distribution: file.distribution, tag: file.tag, copies: file.copies, hold: file.hold,
                            created: file.created.timeIntervalSince1970, sequence: file.sequence,
                            records: file.records.count, dataBytes: dataBytes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try Self.atomicWrite(Array(try encoder.encode(meta)), to: path(file.id, "meta"))
    }

    /// Removes a file: metadata first, so a crash in between leaves only
    /// data without metadata, which the next start throws away.
    func remove(_ id: Int) {
        unlink(path(id, "meta").path)
        unlink(path(id, "data").path)
        Self.syncDirectory(directory)
    }

    /// The next spool id to hand out, kept across restarts.
    func saveNextID(_ id: Int) {
        try? Self.atomicWrite(Array(String(id).utf8), to: directory.appendingPathComponent("spoolid"))
    }

    // MARK: Loading (warm start)

    /// Every intact closed file, in queue order, and the saved next id;
    /// removes what a crash left behind. `problem` hears about each file
    /// dropped.
    func load(problem: (String) -> Void) -> (files: [SpoolFile], nextID: Int?) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var files: [SpoolFile] = []
        var kept: Set<String> = ["spoolid"]
        for name in names where name.hasSuffix(".meta") {
            let base = String(name.dropLast(5))
            guard let file = loadFile(base, problem: problem) else { continue }
            files.append(file)
            kept.insert(base + ".meta")
            kept.insert(base + ".data")
        }
        for name in names where !kept.contains(name) {
            // Temporary files of an interrupted write, data without metadata.
            if name.hasSuffix(".tmp") || name.hasSuffix(".data") || name.hasSuffix(".meta") {
                unlink(directory.appendingPathComponent(name).path)
            }
        }
        let saved = (try? String(contentsOf: directory.appendingPathComponent("spoolid"), encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        files.sort { ($0.sequence, $0.id) < ($1.sequence, $1.id) }
        return (files, saved)
    }

    private func loadFile(_ base: String, problem: (String) -> Void) -> SpoolFile? {
        let metaURL = directory.appendingPathComponent(base + ".meta")
        let dataURL = directory.appendingPathComponent(base + ".data")
        guard let metaBytes = try? Data(contentsOf: metaURL),
              let meta = try? JSONDecoder().decode(Metadata.self, from: metaBytes) else {
            problem("spool \(base): unreadable metadata, file dropped")
            return nil
        }
        guard let data = try? Data(contentsOf: dataURL), data.count == meta.dataBytes,
              let records = Self.decode(Array(data)), records.count == meta.records else {
            problem("spool \(base): data missing or incomplete, file dropped")
            return nil
        }
        var file = SpoolFile(id: meta.id, queue: meta.queue, owner: meta.owner, from: meta.from, origin: meta.origin,
                             spoolClass: meta.spoolClass.first ?? "A", records: records, name: meta.name,
                             type: meta.type, distribution: meta.distribution, copies: meta.copies, hold: meta.hold,
                             created: Date(timeIntervalSince1970: meta.created))
        file.tag = meta.tag
        file.sequence = meta.sequence
        return file
    }

    // MARK: Encoding

    /// Magic, then each record as a 2-byte length and its bytes.
    static func encode(_ records: [[UInt8]]) -> [UInt8] {
        var out = magic
        out.reserveCapacity(magic.count + records.reduce(0) { $0 + $1.count + 2 })
        for record in records {
            out.append(UInt8(truncatingIfNeeded: record.count >> 8))
            out.append(UInt8(truncatingIfNeeded: record.count))
            out += record
        }
        return out
    }

    /// The records, or nil when the data is torn.
    static func decode(_ bytes: [UInt8]) -> [[UInt8]]? {
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else { return nil }
        var records: [[UInt8]] = []
        var at = magic.count
        while at < bytes.count {
            guard at + 2 <= bytes.count else { return nil }
            let length = Int(bytes[at]) << 8 | Int(bytes[at + 1])
            at += 2
            guard at + length <= bytes.count else { return nil }
            records.append(Array(bytes[at..<at + length]))
            at += length
        }
        return records
    }

    // MARK: Durable writes

    /// Writes `bytes` to `url` so that `url` holds either its old content
    /// or all of the new: temporary file, fsync, rename, fsync of the directory.
    static func atomicWrite(_ bytes: [UInt8], to url: URL) throws {
        let temporary = url.path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create \(temporary): errno \(errno)") }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n <= 0 { return false }
                written += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw Failure(description: "cannot write \(temporary): errno \(errno)")
        }
        guard rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot rename \(temporary): errno \(errno)")
        }
        syncDirectory(url.deletingLastPathComponent())
    }

    /// Makes a rename or unlink in `directory` durable.
    static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
