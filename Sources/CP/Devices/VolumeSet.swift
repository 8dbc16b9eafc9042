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

    /// Opens an image file as a track store (set when the DASD media support is linked in).
    nonisolated(unsafe) static var opener: ((_ path: String, _ readOnly: Bool) throws -> TrackStore)?

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
        guard let opener = VolumeSet.opener else {
            throw VolumeError(description: "no DASD image support to open \(path)")
        }
        let store = try opener(path, false)
        let volume = SharedVolume(volser: key, store: store)
        return open.withLock { table in
            if let raced = table[key] { return raced }
            table[key] = volume
            return volume
        }
    }

    func flushAll() {
        for volume in open.withLock({ Array($0.values) }) { volume.flush() }
    }
}

/// A track store shared between VMs: one lock around every access.
final class SharedVolume: TrackStore, @unchecked Sendable {
    let volser: String
    private let store: TrackStore
    private let lock = NSLock()

    init(volser: String, store: TrackStore) {
        self.volser = volser
        self.store = store
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

    func flush() {
        lock.lock(); defer { lock.unlock() }
        try? store.flush()
    }
}
