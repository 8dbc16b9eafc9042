@testable import CP
import Foundation
import Media
import Testing

/// A daemon killed with SIGKILL while spool files are being written
/// restarts with every closed file intact and no half file visible.
///
/// ALICE and CAROL, logged on over SSH in line mode, spool their consoles
/// to BOB file after file (SPOOL CONSOLE START TO BOB, three MSG lines,
/// SPOOL CONSOLE STOP CLOSE); each close is reported with `PRT FILE nnnn
/// TO BOB`. The real `vm67 serve` is killed mid-stream, restarted on the
/// same state directory, and BOB's reader (QUERY READER ALL, and the
/// spool directory as CP loads it) must hold every reported file with
/// exactly its lines, and nothing else but, at most, each user's next
/// file whole (closed just before the kill, its report lost with the
/// connection).
@Suite("Spool survives SIGKILL", .serialized)
struct SpoolKillTests {
    static let writers = ["ALICE", "CAROL"]
    static let linesPerFile = 3

    /// The deterministic text of line `line` of file `file` of `user`: a
    /// linear congruential generator with a fixed seed, so the check is exact.
    static func payload(_ user: String, file: Int, line: Int) -> String {
        var state = UInt64(1967 + file * 131 + line * 7 + user.utf8.reduce(0) { $0 * 31 + Int($1) })
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var text = ""
        for _ in 0..<(20 + (file + line) % 17) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text.append(alphabet[Int(state >> 33) % alphabet.count])
        }
        return text
    }

    static func typedLine(_ user: String, file: Int, line: Int) -> String {
        "MSG * \(user) F\(SpoolNotices.id(file)) L\(line) \(payload(user, file: file, line: line))"
    }

    /// One file's input: START, the lines, STOP CLOSE.
    static func script(_ user: String, file: Int) -> String {
        (["SP CONS START TO BOB"] + (1...linesPerFile).map { typedLine(user, file: file, line: $0) }
            + ["SP CONS STOP CLOSE"]).joined(separator: "\n") + "\n"
    }

    /// Checks one of BOB's reader files against what its content says it
    /// is; returns (user, file number), or nil when it is not a whole file.
    static func identify(_ file: SpoolFile) -> (user: String, number: Int)? {
        // Console lines keep their carriage-control byte in the reader.
        let lines = file.records.map { CodePage.cp037.string($0.dropFirst()) }
        guard let first = lines.first, case let words = first.split(separator: " "), words.count >= 5,
              words[0] == "MSG", let number = Int(words[3].dropFirst()) else { return nil }
        let user = String(words[2])
        // Each typed line, then the message it sent; then the closing command.
        var expected: [String] = []
        for line in 1...linesPerFile {
            expected.append(typedLine(user, file: number, line: line))
            expected.append(String(typedLine(user, file: number, line: line).dropFirst("MSG * ".count)))
        }
        expected.append("SP CONS STOP CLOSE")
        guard lines.count == expected.count else { return nil }
        for (index, (got, want)) in zip(lines, expected).enumerated() {
            if index % 2 == 1 ? !got.hasSuffix(": " + want) : got != want { return nil }
        }
        guard file.from == user, file.origin == .console, file.owner == "BOB" else { return nil }
        return (user, number)
    }

    /// A line-mode SSH session fed one file's script at a time: the next
    /// goes when the last one's close has been reported.
    final class Writer: @unchecked Sendable {
        let user: String
        let process = Process()
        private let input = Pipe()
        private let output = Pipe()
        private let lock = NSLock()
        private var text = ""

        init(user: String, port: String) throws {
            self.user = user
            process.executableURL = URL(fileURLWithPath: try Subprocess.locate("sshpass"))
            process.arguments = ["-p", user.lowercased(), "ssh", "-T", "-F", "/dev/null", "-p", port,
                                 "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                                 "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no",
                                 "-o", "PreferredAuthentications=password", "\(user.lowercased())@127.0.0.1"]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock { self.text += String(decoding: data, as: UTF8.self) }
            }
            try process.run()
        }

        var transcript: String { lock.withLock { text } }

        /// The spool ids of the closes reported so far, in order.
        var reported: [Int] {
            transcript.split(whereSeparator: \.isNewline).compactMap { line in
                guard line.hasPrefix("PRT FILE "), line.hasSuffix(" TO BOB COPY 01 NOHOLD") else { return nil }
                return Int(line.split(separator: " ")[2])
            }
        }

        /// Writes files 1, 2, … until `stop` holds or the connection ends.
        func run(until stop: @escaping @Sendable () -> Bool) {
            var file = 1
            while !stop() && process.isRunning {
                do { try input.fileHandleForWriting.write(contentsOf: Data(Self.script(user, file: file).utf8)) } catch { return }
                let deadline = Date().addingTimeInterval(20)
                while reported.count < file && process.isRunning && !stop() && Date() < deadline { usleep(1_000) }
                if reported.count < file { return }
                file += 1
            }
        }

        static func script(_ user: String, file: Int) -> String { SpoolKillTests.script(user, file: file) }

        func finish() {
            try? input.fileHandleForWriting.close()
            if !TestServer.eventually(20, { !self.process.isRunning }) {
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            output.fileHandleForReading.readabilityHandler = nil
        }
    }

    @Test func everyClosedFileSurvivesAndNoHalfFileIsVisible() throws {
        let root = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/config", state = root + "/var"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try "SYSTEM TESTVM\nSPOOL spool\n".write(toFile: config + "/vm67.conf", atomically: true, encoding: .utf8)
        var directory = ""
        for user in Self.writers + ["BOB"] {
            let hash = try #require(PasswordHash.make(user.lowercased(), method: "$6$"))
            directory += "USER \(user) \(hash) 1M 2M G\n CONSOLE 009 3215\n SPOOL 00C 2540 READ *\n"
        }
        try directory.write(toFile: config + "/user.direct", atomically: true, encoding: .utf8)

        guard let first = try ServeDaemonTests.start(config: config, state: state) else { return }
        let writers = try Self.writers.map { try Writer(user: $0, port: first.port) }
        let killed = Flag(false)
        let group = DispatchGroup()
        for writer in writers {
            DispatchQueue.global().async(group: group) { writer.run(until: { killed.value }) }
        }
        // Let a good number of files close, then kill the daemon while the
        // writers are in the middle of the next ones.
        let enough = TestServer.eventually(60) { writers.allSatisfy { $0.reported.count >= 12 } }
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        killed.value = true
        group.wait()
        for writer in writers { writer.finish() }
        #expect(enough, "files reported: \(writers.map { $0.reported.count }) \(writers.map { $0.transcript.suffix(300) })")
        let reported = Dictionary(uniqueKeysWithValues: writers.map { ($0.user, $0.reported) })

        // Restart on the same state: BOB's reader lists the files.
        guard let second = try ServeDaemonTests.start(config: config, state: state) else { return }
        let listing = try ServeDaemonTests.exec(second, "bob", "bob", "QUERY READER ALL")
        #expect(ServeDaemonTests.stop(second) == 0)
        let listed = listing.output.split(whereSeparator: \.isNewline).compactMap { line -> (id: Int, records: Int)? in
            let words = line.split(separator: " ")
            guard words.count > 4, Self.writers.contains(String(words[0])), words[3] == "CON",
                  let id = Int(words[1]), let records = Int(words[4]) else { return nil }
            return (id, records)
        }

        // The spool directory as CP loads it at a warm start.
        let spool = SpoolSystem(directory: state + "/spool")
        let files = spool.readerFiles(of: "BOB")
        #expect(Set(listed.map(\.id)) == Set(files.map(\.id)), "\(listing.output)")
        #expect(listed.allSatisfy { $0.records == 2 * Self.linesPerFile + 1 }, "\(listing.output)")
        var present: [String: [Int: Int]] = [:]   // user → file number → spool id
        for file in files {
            let identity = Self.identify(file)
            #expect(identity != nil, "file \(file.id) is not a whole file: \(file.records.map { CodePage.cp037.string($0.dropFirst()) })")
            if let identity { present[identity.user, default: [:]][identity.number] = file.id }
        }
        for user in Self.writers {
            let ids = reported[user] ?? []
            let numbers = (present[user] ?? [:]).keys.sorted()
            // Every reported close is there, with the content of its file;
            // beyond them at most the next file, whole.
            for (index, id) in ids.enumerated() {
                #expect(present[user]?[index + 1] == id, "\(user) file \(index + 1) (spool id \(id)) lost")
            }
            #expect(numbers == Array(1..<ids.count + 1) || numbers == Array(1..<ids.count + 2), "\(user): \(numbers) \(ids)")
        }
        // Nothing half written is left on disk either: no temporary files,
        // and every file's data has its metadata.
        let names = try FileManager.default.contentsOfDirectory(atPath: state + "/spool")
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
        let data = Set(names.filter { $0.hasSuffix(".data") }.map { $0.dropLast(5) })
        let meta = Set(names.filter { $0.hasSuffix(".meta") }.map { $0.dropLast(5) })
        #expect(data == meta && data.count == files.count, "\(names)")
    }
}

/// A flag shared between the test and its writer threads.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool
    init(_ value: Bool) { stored = value }
    var value: Bool {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
