import Foundation
import Media
import Testing

/// `vm67 dasd init|info|copy` as scripts use them, and real crashes: the
/// `vm67 dasd exercise` process is killed (SIGKILL) in the middle of its
/// writes, and the volume is checked afterwards.
@Suite("vm67 dasd command line", .serialized)
struct DasdCommandLineTests {
    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vm67"),
            SharedFiles.repositoryRoot.appendingPathComponent(".build/debug/vm67"),
            SharedFiles.repositoryRoot.appendingPathComponent(".build/release/vm67"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    func vm67(_ arguments: [String], in directory: URL) throws -> Result? {
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

    @Test func initInfoCopy() throws {
        let dir = try ScratchDirectory()
        guard let made = try vm67(["dasd", "init", "3330-11", "d.cckd", "dlib01", "420"], in: dir.url) else { return }
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("3330-11, 420 cylinders, CCKD"))
        let info = try #require(try vm67(["dasd", "info", "d.cckd"], in: dir.url))
        #expect(info.status == 0)
        for text in ["device:      3330-11", "420 cylinders", "19 heads", "label:       VOL1 DLIB01", "used tracks: 1 of 7980",
                     "free space:  0 bytes"] {
            #expect(info.stdout.contains(text), "\(text) in \(info.stdout)")
        }
        let copied = try #require(try vm67(["dasd", "copy", "d.cckd", "d.3330"], in: dir.url))
        #expect(copied.status == 0 && copied.stdout.contains("CKD (uncompressed)"), "\(copied.stderr)")
        let plain = try #require(try vm67(["dasd", "info", "d.3330"], in: dir.url))
        #expect(plain.stdout.contains("format:      CKD (uncompressed)") && plain.stdout.contains("VOL1 DLIB01"))
        let back = try #require(try vm67(["dasd", "copy", "d.3330", "e.img", "--compress", "bzip2"], in: dir.url))
        #expect(back.status == 0 && back.stdout.contains("bzip2"))
        let plainInit = try #require(try vm67(["dasd", "init", "2314", "p.2314", "P", "--compress", "none", "-a"], in: dir.url))
        #expect(plainInit.stdout.contains("2314, 203 cylinders, CKD"), "\(plainInit.stdout)")
    }

    @Test func errorsNameTheFileAndTheReason() throws {
        let dir = try ScratchDirectory()
        guard let unknown = try vm67(["dasd", "init", "3390", "x.cckd", "X"], in: dir.url) else { return }
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown device type '3390'"))
        #expect(try vm67(["dasd", "init", "3350", "x.cckd", "X", "2"], in: dir.url)?.status == 0)
        let exists = try #require(try vm67(["dasd", "init", "3350", "x.cckd", "X", "2"], in: dir.url))
        #expect(exists.status == 1 && exists.stderr.contains("x.cckd: cannot open for writing: File exists"))
        let badSerial = try #require(try vm67(["dasd", "init", "3350", "y.cckd", "SEVENXX"], in: dir.url))
        #expect(badSerial.status == 1 && badSerial.stderr.contains("not a volume serial"))
        try Data("not a volume at all, just text".utf8).write(to: dir.url.appendingPathComponent("junk.cckd"))
        let junk = try #require(try vm67(["dasd", "info", "junk.cckd"], in: dir.url))
        #expect(junk.status == 1 && junk.stderr.contains("junk.cckd: truncated"), "\(junk.stderr)")
        var bytes = try Data(contentsOf: dir.url.appendingPathComponent("x.cckd"))
        bytes = bytes.prefix(700)
        try bytes.write(to: dir.url.appendingPathComponent("cut.cckd"))
        let cut = try #require(try vm67(["dasd", "copy", "cut.cckd", "z.cckd"], in: dir.url))
        #expect(cut.status == 1 && cut.stderr.contains("cut.cckd: truncated"), "\(cut.stderr)")
    }

    // MARK: Killing a writer

    /// What `vm67 dasd exercise` writes (the same rule and images as DasdExercise).
    static func writes(round: Int, track: Int) -> Bool { (track * 7 + round) % 5 == 0 }

    static func exerciseImage(cylinder: Int, head: Int, heads: Int, round: Int, maximum: Int) -> [UInt8] {
        let track = cylinder * heads + head
        let length = 16 + (round * 37 + track * 11) % max(1, min(8000, maximum - 16))
        var data = [UInt8](repeating: 0, count: length)
        for i in 0..<4 {
            data[i] = UInt8(truncatingIfNeeded: round >> (24 - 8 * i))
            data[4 + i] = UInt8(truncatingIfNeeded: track >> (24 - 8 * i))
        }
        for i in 8..<length { data[i] = UInt8(truncatingIfNeeded: i &* 31 &+ round &+ track) }
        return TrackImage.build(cylinder: cylinder, head: head, records: [
            TrackImage.Record(cylinder: UInt16(cylinder), head: UInt16(head), record: 0, data: [UInt8](repeating: 0, count: 8)),
            TrackImage.Record(cylinder: UInt16(cylinder), head: UInt16(head), record: 1, data: data),
        ])
    }

    /// Runs the exercise from `first` and kills it after `delay`; returns
    /// the last round it reported flushed (nil if none).
    func exerciseAndKill(_ file: String, first: Int, delay: Double, in dir: URL) throws -> Int? {
        let process = Process()
        process.executableURL = Self.executable!
        process.arguments = ["dasd", "exercise", file, "--first-round", "\(first)"]
        process.currentDirectoryURL = dir
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the exercise was killed, not finished")
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { $0.hasPrefix("flushed ") ? Int($0.dropFirst(8)) : nil }.last
    }

    @Test(arguments: ["k.cckd", "k.3350"])
    func killedWritersLeaveConsistentVolumes(file: String) throws {
        let dir = try ScratchDirectory()
        guard let made = try vm67(["dasd", "init", "3350", file, "KILL", "3"], in: dir.url), made.status == 0 else {
            Issue.record("dasd init failed")
            return
        }
        let path = dir.path(file)
        let geometry = DASDGeometry.named("3350")!
        let tracks = 90
        // The round each track held after the last flush we know of (0: as formatted).
        var committed = [Int](repeating: 0, count: tracks)
        var first = 1
        var killsAfterAFlush = 0
        for attempt in 0..<6 {
            let reported = try exerciseAndKill(file, first: first, delay: 0.15 + 0.1 * Double(attempt % 3), in: dir.url)
            let volume = try DASDImage.open(path, readOnly: false)
            for track in 0..<tracks {
                let c = track / 30, h = track % 30
                let image = try volume.readTrack(cylinder: c, head: h)
                if let reported, reported >= first {
                    killsAfterAFlush += 1
                    for r in first...reported where Self.writes(round: r, track: track) { committed[track] = r }
                }
                let records = try #require(TrackImage.records(image), "track \(track) malformed")
                if records.count == 1 || (records.count == 4 && track == 0) {
                    #expect(committed[track] == 0, "track \(track): a flushed write was lost (attempt \(attempt))")
                    continue
                }
                let data = records[1].data
                let round = data.prefix(4).reduce(0) { $0 << 8 | Int($1) }
                #expect(image == Self.exerciseImage(cylinder: c, head: h, heads: 30, round: round, maximum: geometry.maximumRecordLength),
                        "track \(track) holds a torn or misplaced image")
                #expect(round >= committed[track], "track \(track): round \(round) is older than the flushed \(committed[track])")
                #expect(round <= (reported ?? first - 1) + 1, "track \(track): round \(round) was never written")
                committed[track] = round
            }
            try volume.close()
            if file.hasSuffix(".cckd") && HerculesTools.available {
                #expect(try HerculesTools.check(path, level: 3) == [], "cckdcdsk after recovery (attempt \(attempt))")
            }
            first = (reported ?? first) + 2
        }
        #expect(killsAfterAFlush > 0, "the kills came after some flushes")
    }
}
