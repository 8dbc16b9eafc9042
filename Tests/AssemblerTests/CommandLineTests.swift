import Foundation
import Testing

/// `vm67 asm` as scripts use it: exit status, error lines, output files.
@Suite("vm67 asm command line", .serialized)
struct CommandLineTests {
    /// The vm67 executable built next to the test bundle.
    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vm67"),
            SharedFiles.packageRoot.appendingPathComponent(".build/debug/vm67"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    func run(_ arguments: [String], in directory: URL) throws -> Result? {
        guard let executable = Self.executable else {
            Issue.record("vm67 executable not found next to the tests (build the package first)")
            return nil
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-asm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func assemblesTheBenchmarkIntoEveryOutput() throws {
        guard let source = SharedFiles.path("bench/s370bench.asm"),
              let core = SharedFiles.path("bench/s370bench.core") else { return }
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let result = try run(["asm", source, "--core", "b.core", "--object", "b.obj", "--listing", "b.list",
                                    "--ipl-deck", "b.ipl"], in: dir) else { return }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.contents(atPath: dir.appendingPathComponent("b.core").path)
                == FileManager.default.contents(atPath: core))
        for name in ["b.obj", "b.ipl"] {
            let size = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)?.count ?? 0
            #expect(size > 0 && size % 80 == 0, "\(name)")
        }
        let listing = String(decoding: FileManager.default.contents(atPath: dir.appendingPathComponent("b.list").path) ?? Data(), as: UTF8.self)
        #expect(listing.contains("BALR  R12,0"))
    }

    @Test func errorsGiveNonZeroStatusLocatedMessagesAndNoFiles() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = "TEST     CSECT\n         LR    1,16\n         BOGUS 1\n         END\n"
        try source.write(to: dir.appendingPathComponent("bad.asm"), atomically: true, encoding: .utf8)
        guard let result = try run(["asm", "bad.asm", "--core", "bad.core", "--object", "bad.obj", "--listing", "bad.list",
                                    "--ipl-deck", "bad.ipl"], in: dir) else { return }
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("bad.asm:2:18: error: expected a register") == true, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("bad.asm:3:10: error: unknown operation BOGUS") == true, "\(result.stderr)")
        for name in ["bad.core", "bad.obj", "bad.list", "bad.ipl"] {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name) written")
        }
    }

    @Test func asmaDialectWithMacroLibrary() throws {
        guard let source = SharedFiles.path("conformance/hercules-s370/CLCL.asm"),
              let core = SharedFiles.path("conformance/hercules-s370/CLCL.core") else { return }
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let maclib = SharedFiles.fixtures.appendingPathComponent("maclib").path
        guard let result = try run(["asm", source, "--dialect", "asma", "--maclib", maclib, "--core", "c.core"], in: dir) else { return }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.contents(atPath: dir.appendingPathComponent("c.core").path)
                == FileManager.default.contents(atPath: core))
    }

    @Test func disassemblesAFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0x05, 0xC0, 0x47, 0xF0, 0xC0, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0xFE])
            .write(to: dir.appendingPathComponent("code.bin"))
        guard let result = try run(["asm", "--disassemble", "code.bin", "--origin", "800"], in: dir) else { return }
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("000800  05C0") == true)
        #expect(lines.first?.contains("BALR  12,0") == true)
        #expect(lines.contains { $0.contains("B     16(,12)") })
        #expect(lines.contains { $0.contains("8 bytes of zeros") })
        #expect(lines.last?.contains("BR    14") == true)
    }

    @Test func badDialectIsRejected() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let result = try run(["asm", "x.asm", "--dialect", "gas"], in: dir) else { return }
        #expect(result.status != 0)
        #expect(result.stderr.contains("dialect"))
    }

    @Test func missingSourceFileIsAnError() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let result = try run(["asm", "nothere.asm", "--core", "x.core"], in: dir) else { return }
        #expect(result.status != 0)
        #expect(result.stderr.contains("nothere.asm:1:1: error: cannot read the source file"))
    }
}
