import Media

/// A file system in memory that can lose power.
///
/// Each file keeps what is durable (as of its last sync) and the writes
/// since then. `powerLoss` keeps a random subset of those writes, in a
/// random order, and may tear one (keep only some of its 512-byte sectors),
/// which is what a disk with a volatile cache may do; file creations and
/// removals not yet made durable may or may not survive. `failAfter` makes
/// the n-th mutating operation (write, sync, truncate, create, remove)
/// fail, to stop the code under test at every step of its sequence.
final class SimulatedFileSystem: VolumeFileSystem {
    struct Crash: Error {}

    enum Operation {
        case write(offset: Int, bytes: [UInt8])
        case truncate(Int)
    }

    final class Node {
        var durable: [UInt8] = []
        var current: [UInt8] = []
        var log: [Operation] = []
        /// The file exists on "disk" (its creation was made durable).
        var durableExists: Bool
        init(durableExists: Bool) { self.durableExists = durableExists }
    }

    private(set) var nodes: [String: Node] = [:]
    /// Removals not yet durable.
    private var removed: [String: Node] = [:]
    /// Operations counted for `failAfter`.
    private(set) var operations = 0
    /// The operation that fails (1-based); nil for none.
    var failAfter: Int? = nil
    private(set) var crashed = false

    func count() throws {
        if crashed { throw Crash() }
        operations += 1
        if let limit = failAfter, operations >= limit {
            crashed = true
            throw Crash()
        }
    }

    func open(_ path: String, readOnly: Bool) throws -> VolumeFile {
        guard let node = nodes[path] else { throw MediaError(path, "cannot open: no such file") }
        return SimulatedFile(path: path, node: node, system: self, readOnly: readOnly)
    }

    func create(_ path: String, replace: Bool) throws -> VolumeFile {
        if nodes[path] != nil && !replace { throw MediaError(path, "cannot open for writing: file exists") }
        try count()
        if let node = nodes[path] {
            node.current = []
            node.log.append(.truncate(0))
            return SimulatedFile(path: path, node: node, system: self, readOnly: false)
        }
        let node = Node(durableExists: false)
        nodes[path] = node
        return SimulatedFile(path: path, node: node, system: self, readOnly: false)
    }

    func exists(_ path: String) -> Bool { nodes[path] != nil }

    func remove(_ path: String) throws {
        try count()
        if let node = nodes.removeValue(forKey: path) { removed[path] = node }
    }

    func syncDirectory(of path: String) throws {
        try count()
        for node in nodes.values { node.durableExists = true }
        removed.removeAll()
    }

    /// The power goes: every file keeps its durable contents plus some of
    /// its unsynced writes; then the system comes back (no failure armed).
    func powerLoss<G: RandomNumberGenerator>(using rng: inout G) {
        for (path, node) in removed where Bool.random(using: &rng) { nodes[path] = node }
        removed.removeAll()
        for (path, node) in nodes {
            if !node.durableExists && node.durable.isEmpty && Bool.random(using: &rng) {
                nodes.removeValue(forKey: path)
                continue
            }
            node.durableExists = true
            var contents = node.durable
            var survivors = node.log.filter { _ in Int.random(in: 0..<3, using: &rng) > 0 }
            if Bool.random(using: &rng) { survivors.shuffle(using: &rng) }
            let torn = survivors.isEmpty ? -1 : Int.random(in: 0..<survivors.count, using: &rng)
            for (i, op) in survivors.enumerated() {
                switch op {
                case .truncate(let n):
                    if contents.count > n { contents.removeSubrange(n...) } else { contents += [UInt8](repeating: 0, count: n - contents.count) }
                case .write(let offset, var bytes):
                    if i == torn {
                        // Keep only some sectors of this write.
                        for s in stride(from: 0, to: bytes.count, by: 512) where Bool.random(using: &rng) {
                            let upper = min(s + 512, bytes.count)
                            for j in s..<upper { bytes[j] = j + offset < contents.count ? contents[j + offset] : 0 }
                        }
                    }
                    Self.apply(&contents, offset: offset, bytes: bytes)
                }
            }
            node.durable = contents
            node.current = contents
            node.log.removeAll()
        }
        crashed = false
        failAfter = nil
        operations = 0
    }

    /// Everything is made durable (a clean shutdown of the host).
    func syncAll() {
        for node in nodes.values {
            node.durable = node.current
            node.log.removeAll()
            node.durableExists = true
        }
        removed.removeAll()
    }

    static func apply(_ contents: inout [UInt8], offset: Int, bytes: [UInt8]) {
        if contents.count < offset + bytes.count {
            contents += [UInt8](repeating: 0, count: offset + bytes.count - contents.count)
        }
        contents.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    }

    /// Puts a file's bytes in place (durable), e.g. a copy of a real image.
    func install(_ path: String, _ bytes: [UInt8]) {
        let node = Node(durableExists: true)
        node.durable = bytes
        node.current = bytes
        nodes[path] = node
    }

    func contents(_ path: String) -> [UInt8]? { nodes[path]?.current }
}

final class SimulatedFile: VolumeFile {
    let path: String
    let isReadOnly: Bool
    private let node: SimulatedFileSystem.Node
    private unowned let system: SimulatedFileSystem

    init(path: String, node: SimulatedFileSystem.Node, system: SimulatedFileSystem, readOnly: Bool) {
        self.path = path
        self.node = node
        self.system = system
        self.isReadOnly = readOnly
    }

    func length() throws -> Int { node.current.count }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= node.current.count else {
            throw MediaError(path, "truncated: \(count) bytes expected at offset \(offset), the file has \(node.current.count)")
        }
        return Array(node.current[offset..<offset + count])
    }

    func write(at offset: Int, _ bytes: [UInt8]) throws {
        precondition(!isReadOnly, "write to a file opened read-only")
        try system.count()
        SimulatedFileSystem.apply(&node.current, offset: offset, bytes: bytes)
        node.log.append(.write(offset: offset, bytes: bytes))
    }

    func sync() throws {
        try system.count()
        node.durable = node.current
        node.log.removeAll()
        node.durableExists = true
    }

    func truncate(to length: Int) throws {
        try system.count()
        if node.current.count > length { node.current.removeSubrange(length...) }
        node.log.append(.truncate(length))
    }

    func close() {}
}
