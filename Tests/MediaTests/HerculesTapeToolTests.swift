import Foundation
import Media
import Testing

/// Round trips through Hercules' own tape tools (`hetinit`, `hetmap`,
/// `hetupd`, from the Debian package `hercules`): tapes Hercules made read
/// the same in vm67, and tapes vm67 made read the same in Hercules. When the
/// tools are not installed the tests say so and pass without checking.
/// (`tapecopy` copies between a file and a SCSI tape drive; with no drive
/// there is nothing to run it against.)
@Suite("Hercules tape tools")
struct HerculesTapeToolTests {
    /// The tool's path, or nil after noting that it is missing.
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        print("note: Hercules tool '\(name)' is not installed; the round trip through it was not checked")
        return nil
    }

    /// Runs a tool; returns its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func ebcdic(_ text: String) -> [UInt8] { CodePage.cp037.ebcdic(text) }

    /// Three files of assorted blocks, ending with two tape marks.
    static let items: [Item] = [
        .block(sampleBlock(80, seed: 1)), .block(sampleBlock(80, seed: 2)), .mark,
        .block(sampleBlock(32_000, seed: 3)), .block(sampleBlock(9_999, seed: 4, compressible: false)),
        .block(sampleBlock(12, seed: 5)), .mark,
        .block(sampleBlock(65_535, seed: 6)), .mark, .mark,
    ]

    static func write(_ scratch: TapeScratch, _ name: String, _ format: TapeWriteFormat) throws -> String {
        let tape = try TapeMedium(path: scratch.path(name), create: true, format: format)
        try tape.record(items)
        try tape.close()
        return scratch.path(name)
    }

    @Test(arguments: ["", "-d"])
    func labelledTapeFromHetinit(option: String) throws {
        guard let hetinit = Self.tool("hetinit") else { return }
        let scratch = TapeScratch()
        let path = scratch.path("init.het")
        let (status, _) = try Self.run(hetinit, (option.isEmpty ? [] : [option]) + [path, "VM6701", "OPERATOR"])
        #expect(status == 0)
        let tape = try TapeMedium(path: path, readOnly: true)
        guard case .block(let vol1) = try tape.readForward(), case .block(let hdr1) = try tape.readForward() else {
            Issue.record("no labels on the hetinit tape")
            return
        }
        #expect(vol1.count == 80 && hdr1.count == 80)
        #expect(Array(vol1.prefix(10)) == Self.ebcdic("VOL1VM6701"))
        #expect(Array(vol1[41..<49]) == Self.ebcdic("OPERATOR"))
        #expect(Array(hdr1.prefix(4)) == Self.ebcdic("HDR1"))
        #expect(try tape.readForward() == .tapeMark)
        #expect(try tape.readForward() == .endOfData)
    }

    /// `hetmap -t` lists "File n: Blocks=b, block size min=x, max=y" for
    /// each file that a tape mark ends (an empty one too).
    static func expectedMap() -> [String] {
        var lines: [String] = []
        var sizes: [Int] = []
        var file = 1
        for item in items {
            switch item {
            case .block(let b): sizes.append(b.count)
            case .mark:
                lines.append("File \(file): Blocks=\(sizes.count), block size min=\(sizes.min() ?? 0), max=\(sizes.max() ?? 0)")
                sizes = []
                file += 1
            }
        }
        return lines
    }

    @Test(arguments: [
        ("aws", TapeWriteFormat.aws),
        ("het", TapeWriteFormat.het),
        ("bz.het", TapeWriteFormat(compression: .bzip2)),
        ("chunked.het", TapeWriteFormat(compression: .zlib, chunkSize: 4096)),
    ])
    func hetmapReadsWhatVm67Wrote(name: String, format: TapeWriteFormat) throws {
        guard let hetmap = Self.tool("hetmap") else { return }
        let scratch = TapeScratch()
        let path = try Self.write(scratch, "t.\(name)", format)
        let (status, output) = try Self.run(hetmap, ["-t", path])
        #expect(status == 0)
        let files = output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("File ") }
        #expect(files == Self.expectedMap())
        #expect(output.contains("End of tape"))
    }

    @Test func hetupdConvertsBothWays() throws {
        guard let hetupd = Self.tool("hetupd") else { return }
        let scratch = TapeScratch()
        let ours = try Self.write(scratch, "ours.het", .het)
        let oursAWS = try Self.write(scratch, "ours.aws", .aws)
        // Hercules decompresses our HET into exactly the AWS file vm67 writes.
        let plain = scratch.path("plain.aws")
        #expect(try Self.run(hetupd, ["-d", ours, plain]).0 == 0)
        #expect(scratch.bytes(of: "plain.aws") == scratch.bytes(of: "ours.aws"))
        // Hercules compresses our AWS file (zlib, bzip2, small chunks); vm67 reads the same blocks.
        for (option, file) in [("-z", "hz.het"), ("-b", "hb.het")] {
            let converted = scratch.path(file)
            #expect(try Self.run(hetupd, [option, oursAWS, converted]).0 == 0)
            let tape = try TapeMedium(path: converted, readOnly: true)
            #expect(try tape.readAll() == Self.items, "hetupd \(option)")
        }
        let rechunked = scratch.path("rc.het")
        #expect(try Self.run(hetupd, ["-z", "-r", "-c", "4096", oursAWS, rechunked]).0 == 0)
        let tape = try TapeMedium(path: rechunked, readOnly: true)
        #expect(try tape.readAll() == Self.items, "hetupd with 4 KB chunks")
    }
}
