import Foundation

/// Runs a flat core image under Hercules 3.13 (Debian's `hercules`) the way
/// ../shared/bench/run_hercules.py does: daemon mode, an .rc script that
/// loads the image and fires a restart, an automatic-operator rule that
/// dumps storage once the CPU reaches a disabled wait.
struct HerculesRunner {
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/hercules") }

    struct Result {
        let psw: String
        let storage: [UInt32: [UInt8]]
        let log: String
    }

    enum Failure: Error, CustomStringConvertible {
        case timeout(String)
        case noWait(String)
        var description: String {
            switch self {
            case .timeout(let log): return "Hercules did not finish; log tail:\n\(log.suffix(2000))"
            case .noWait(let log): return "Hercules never reached a disabled wait; log tail:\n\(log.suffix(2000))"
            }
        }
    }

    /// Runs `image` (loaded at 0) with `mainsizeMB` of storage, then dumps each
    /// (address, length) range.
    static func run(image: [UInt8], mainsizeMB: Int, dumps: [(UInt32, Int)],
                    timeoutSeconds: Double = 60) throws -> Result {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("vm67-herc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let corePath = dir.appendingPathComponent("test.core").path
        try Data(image).write(to: URL(fileURLWithPath: corePath))
        let conf = "ARCHMODE S/370\nMAINSIZE \(mainsizeMB)\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C /\n"
        try conf.write(to: dir.appendingPathComponent("test.cnf"), atomically: true, encoding: .utf8)
        let rc = "hao tgt HHCCP011I\nhao cmd script done.rc\nloadcore \(corePath) 0\nrestart\n"
        try rc.write(to: dir.appendingPathComponent("test.rc"), atomically: true, encoding: .utf8)
        var done = "psw\n"
        for (address, length) in dumps {
            done += "r \(String(address, radix: 16)).\(String(length, radix: 16))\n"
        }
        done += "pause 1\nquit\n"
        try done.write(to: dir.appendingPathComponent("done.rc"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/hercules")
        process.arguments = ["-f", "test.cnf", "-d"]
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["HERCULES_RC"] = "test.rc"
        process.environment = env
        let logURL = dir.appendingPathComponent("test.log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: logURL)
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            // Hercules in daemon mode does not stop on SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure.timeout(readLog(logURL))
        }
        try? logHandle.close()
        let log = readLog(logURL)
        guard log.contains("HHCCP011I") else { throw Failure.noWait(log) }
        return Result(psw: parsePSW(log), storage: parseStorage(log), log: log)
    }

    private static func readLog(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// "PSW=00020000 80000000" after the psw command.
    private static func parsePSW(_ log: String) -> String {
        for line in log.split(separator: "\n").reversed() where line.hasPrefix("PSW=") {
            return String(line.dropFirst(4)).replacingOccurrences(of: " ", with: "")
        }
        return ""
    }

    /// Lines like "R:00000410:K:06=E39E38E7 82319000 000183BC 0F0E126E  T..X".
    private static func parseStorage(_ log: String) -> [UInt32: [UInt8]] {
        var out: [UInt32: [UInt8]] = [:]
        for line in log.split(separator: "\n") where line.hasPrefix("R:") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let head = parts[0].split(separator: ":")
            guard head.count >= 2, let address = UInt32(head[1], radix: 16) else { continue }
            let hexPart = parts[1].prefix(35)
            var bytes: [UInt8] = []
            for word in hexPart.split(separator: " ") {
                var i = word.startIndex
                while i < word.endIndex, let j = word.index(i, offsetBy: 2, limitedBy: word.endIndex) {
                    if let b = UInt8(word[i..<j], radix: 16) { bytes.append(b) }
                    i = j
                }
            }
            out[address] = bytes
        }
        return out
    }

    /// Collects `length` bytes from `address` out of the 16-byte display lines.
    static func bytes(_ storage: [UInt32: [UInt8]], _ address: UInt32, _ length: Int) -> [UInt8]? {
        var out: [UInt8] = []
        var a = address
        while out.count < length {
            guard let line = storage[a & ~0xF] else { return nil }
            let offset = Int(a & 0xF)
            guard offset < line.count else { return nil }
            let take = min(line.count - offset, length - out.count)
            out.append(contentsOf: line[offset..<offset + take])
            a += UInt32(take)
        }
        return out
    }
}
