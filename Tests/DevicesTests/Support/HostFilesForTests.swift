import Foundation

/// A scratch directory on the host for tests that need real files.
final class HostFilesForTests {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-devices-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}
