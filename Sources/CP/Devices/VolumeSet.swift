import Foundation
import Media
import Synchronization

/// The real volumes of the configuration, opened on first use and shared by
/// every minidisk on them. A volume's track store is used by several VMs'
/// workers at once, so every access goes through the volume's lock.
final class VolumeSet: @unchecked Sendable {
    let configuration: SystemConfiguration
    let stateDirectory: String
    private let open = Mutex<[String: SharedVolume]>([:])
    /// Volumes this process made (CREATE on a first start).
    private let made = Mutex<Set<String>>([])

    /// Whether this process made `volser`; true once only, for whoever
    /// prepares the new volume.
    func takeCreated(_ volser: String) -> Bool { made.withLock { $0.remove(volser.uppercased()) != nil } }

    init(configuration: SystemConfiguration, stateDirectory: String) {
        self.configuration = configuration
        self.stateDirectory = stateDirectory
    }

    struct VolumeError: Error, CustomStringConvertible {
        let description: String
    }

    /// The shared volume `volser`, opened if needed.
    func volume(_ volser: String) throws -> SharedVolume {
        let key = volser.uppercased()
        if let v = open.withLock({ $0[key] }) { return v }
        guard let definition = configuration.volume(key) else {
            throw VolumeError(description: "volume \(key) is not in the system configuration")
        }
        let path = definition.file.hasPrefix("/") ? definition.file : stateDirectory + "/" + definition.file
        // Opening holds the table's lock so that two logons cannot open
        // (and recover) the same image twice.
        return try open.withLock { table in
            if let raced = table[key] { return raced }
            if definition.create && !FileManager.default.fileExists(atPath: path) {
                try create(definition, at: path)
                made.withLock { _ = $0.insert(key) }
            }
            let store = try DASDImage.open(path, readOnly: definition.readOnly)
            guard let geometry = DASDGeometry.model(deviceType: store.deviceType, volumeCylinders: store.cylinders),
                  geometry.isModel(of: definition.deviceType) else {
                try? store.close()
                throw VolumeError(description: "\(path) holds a \(String(store.deviceType, radix: 16, uppercase: true)) volume; the configuration says \(definition.deviceType)")
            }
            let volume = SharedVolume(volser: key, store: store, geometry: geometry)
            table[key] = volume
            return volume
        }
    }

    /// A volume marked CREATE that does not exist yet: a compressed image
    /// formatted as dasdinit formats one, labelled with its volser.
    private func create(_ definition: SystemConfiguration.Volume, at path: String) throws {
        guard let geometry = DASDGeometry.named(definition.deviceType) else {
            throw VolumeError(description: "volume \(definition.volser): no CKD geometry for \(definition.deviceType)")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let volume = try DASDImage.create(path, geometry: geometry, volser: definition.volser,
                                          format: .cckd(compression: .zlib))
        try volume.close()
    }

    func flushAll() {
        for volume in open.withLock({ Array($0.values) }) { try? volume.flush() }
    }

    /// Flushes and closes every volume (shutdown): the files are left as
    /// Hercules' tools expect them.
    func closeAll() {
        let volumes = open.withLock { table in
            defer { table = [:] }
            return Array(table.values)
        }
        for volume in volumes { volume.close() }
    }
}

/// A track store shared between VMs: one lock around every access.
final class SharedVolume: TrackStore, @unchecked Sendable {
    let volser: String
    /// The model the volume is (from its device type and size).
    let geometry: DASDGeometry?
    private let store: DASDVolume
    private let lock = NSLock()

    init(volser: String, store: DASDVolume, geometry: DASDGeometry) {
        self.volser = volser
        self.store = store
        self.geometry = geometry
    }

    var deviceType: UInt16 { store.deviceType }
    var cylinders: Int { store.cylinders }
    var heads: Int { store.heads }
    var trackSize: Int { store.trackSize }
    var isReadOnly: Bool { store.isReadOnly }

    func readTrack(cylinder: Int, head: Int) throws -> [UInt8] {
        lock.lock(); defer { lock.unlock() }
        return try store.readTrack(cylinder: cylinder, head: head)
    }

    func writeTrack(cylinder: Int, head: Int, _ image: [UInt8]) throws {
        lock.lock(); defer { lock.unlock() }
        try store.writeTrack(cylinder: cylinder, head: head, image)
    }

    func flush() throws {
        lock.lock(); defer { lock.unlock() }
        try store.flush()
    }

    func close() {
        lock.lock(); defer { lock.unlock() }
        try? store.close()
    }
}

extension DASDGeometry {
    /// Whether this geometry is a model of the device type the directory or
    /// the configuration names (`3330` covers 3330-11, `3380` the 3380-K).
    func isModel(of deviceType: String) -> Bool { name.prefix(4) == deviceType.prefix(4) }
}
