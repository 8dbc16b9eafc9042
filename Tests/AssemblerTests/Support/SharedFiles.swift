import Foundation
import Testing
@testable import Assembler

/// Files under ../shared (next to the package root) and the test fixtures.
enum SharedFiles {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Support
        .deletingLastPathComponent()   // AssemblerTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root

    static let shared: URL = packageRoot.appendingPathComponent("../shared").standardizedFileURL

    static let fixtures: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The path of a file under ../shared, or nil after recording a failing
    /// expectation that says it is missing (tests must not pass silently).
    static func path(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let url = shared.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("../shared not found: \(url.path) is missing", sourceLocation: sourceLocation)
            return nil
        }
        return url.path
    }

    static func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}

/// Assembles text held in memory (with optional extra files for COPY and macros).
func assemble(_ source: String, dialect: Dialect = .hlasm, files: [String: String] = [:],
              maclibs: [String] = []) -> Assembly {
    var all = files
    all["test.asm"] = source
    let options = AssemblerOptions(dialect: dialect, macroLibraries: maclibs, reader: InMemoryReader(all))
    return Assembler.assemble(file: "test.asm", options: options)
}

/// Hex string of bytes, upper case, no separators.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02X", $0) }.joined()
}
