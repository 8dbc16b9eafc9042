import Foundation
import Testing

/// Hercules 3.13's DASD utilities (Debian package `hercules`), run as the
/// interoperability tests need them. Tests that use them are disabled, with
/// this reason, when they are not installed.
enum HerculesTools {
    static let missingReason: Comment = "Hercules DASD tools (dasdinit, cckdcdsk, dasdls, dasdcopy) are not installed: install the Debian package 'hercules' to run the interoperability tests"

    static func path(_ tool: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/opt/hercules/bin"] {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static var available: Bool {
        ["dasdinit", "cckdcdsk", "dasdls", "dasdcopy"].allSatisfy { path($0) != nil }
    }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs a tool in `directory`; stdout and stderr together.
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(tool) ?? "/usr/bin/\(tool)")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// cckdcdsk's messages at `level`, read-only, without the banner; empty when the file is clean.
    /// Level 3 also decompresses and checks every track image.
    static func check(_ file: String, level: Int) throws -> [String] {
        let result = try run("cckdcdsk", ["-ro", "-\(level)", file])
        return result.output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}

/// A scratch directory removed at the end of the test.
final class ScratchDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-dasd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
