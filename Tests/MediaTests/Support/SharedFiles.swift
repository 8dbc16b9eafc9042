import Foundation
import Testing

/// The shared reference material (../shared next to the repository: the
/// benchmark, Hercules' conformance tests, real IBM guests). Tests that need
/// it fail with a clear message when it is missing rather than passing.
enum SharedFiles {
    /// The repository root, from this file's location.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// ../shared, or $VM67_SHARED when set.
    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["VM67_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The file at `relative` under ../shared, or nil after recording a test
    /// issue that names what is missing.
    static func require(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let url = root.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        Issue.record("shared test material not found: \(url.path) (expected ../shared next to the repository, or set VM67_SHARED)",
                     sourceLocation: sourceLocation)
        return nil
    }
}
