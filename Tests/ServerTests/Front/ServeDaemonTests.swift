import CP
import Foundation
import Testing

/// `vm67 serve` itself, as `make run` and scripts start it: a fresh state
/// directory is initialised (host keys, the volume), `exec` answers, SIGTERM
/// ends it with status 0, and a restart keeps the host keys.
@Suite("vm67 serve", .serialized)
struct ServeDaemonTests {
    static var executable: String? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("vm67").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    struct Daemon {
        let process: Process
        let port: String
        let log: String
    }

    static func start(config: String, state: String) throws -> Daemon? {
        guard let executable else {
            Issue.record("vm67 executable not found next to the tests (build the package first)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--config", config, "--state", state, "--listen", "127.0.0.1:0", "--daemon"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let log = state + "/log/vm67.log"
        // The log is appended to: only what this start writes counts.
        let before = (try? String(contentsOfFile: log, encoding: .utf8))?.utf8.count ?? 0
        try process.run()
        var port: String?
        _ = TestServer.eventually(60) {
            guard let whole = try? String(contentsOfFile: log, encoding: .utf8),
                  case let text = String(decoding: whole.utf8.dropFirst(before), as: UTF8.self),
                  let line = text.split(separator: "\n").last(where: { $0.contains("listening on 127.0.0.1:") }) else { return false }
            port = line.split(separator: ":").last.map(String.init)
            return true
        }
        guard let port else {
            process.terminate()
            Issue.record("vm67 serve did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "no log")")
            return nil
        }
        return Daemon(process: process, port: port, log: log)
    }

    static func exec(_ daemon: Daemon, _ user: String, _ password: String, _ command: String) throws -> Subprocess.Result {
        try Subprocess.run("sshpass", ["-p", password, "ssh", "-F", "/dev/null", "-p", daemon.port,
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1",
            "\(user)@127.0.0.1", command])
    }

    static func stop(_ daemon: Daemon) -> Int32 {
        daemon.process.terminate()
        if !TestServer.eventually(60, { !daemon.process.isRunning }) {
            kill(daemon.process.processIdentifier, SIGKILL)
            daemon.process.waitUntilExit()
            return -1
        }
        return daemon.process.terminationStatus
    }

    @Test func freshStateExecShutdownAndRestart() throws {
        let root = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/config", state = root + "/var"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let hash = try #require(PasswordHash.make("wonderland", method: "$6$"))
        try """
        SYSTEM TESTVM
        VOLUME TST001 3350 volumes/tst001.cckd CREATE
        """.write(toFile: config + "/vm67.conf", atomically: true, encoding: .utf8)
        try """
        USER ALICE \(hash) 1M 2M G
         CONSOLE 009 3215
         MDISK 191 3350 001 005 TST001 MR
        """.write(toFile: config + "/user.direct", atomically: true, encoding: .utf8)

        guard let first = try Self.start(config: config, state: state) else { return }
        let query = try Self.exec(first, "alice", "wonderland", "QUERY VIRTUAL")
        #expect(query.status == 0)
        #expect(query.output.contains("DASD 191 3350 TST001 R/W      5 CYL"), "\(query.output)")
        #expect(FileManager.default.fileExists(atPath: state + "/volumes/tst001.cckd"))
        let keys = try FileManager.default.contentsOfDirectory(atPath: state + "/hostkeys").sorted()
        let fingerprint = try String(contentsOfFile: state + "/hostkeys/" + keys[0], encoding: .utf8)
        #expect(Self.stop(first) == 0)

        guard let second = try Self.start(config: config, state: state) else { return }
        #expect(try String(contentsOfFile: state + "/hostkeys/" + keys[0], encoding: .utf8) == fingerprint,
                "the host keys are made once")
        let names = try Self.exec(second, "alice", "wonderland", "QUERY NAMES")
        #expect(names.output.contains("ALICE"))
        #expect(Self.stop(second) == 0)
        let log = try String(contentsOfFile: second.log, encoding: .utf8)
        #expect(log.contains("TESTVM shut down"))
    }

    @Test func aBadDirectoryIsRefusedWithFileAndLine() throws {
        let root = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "SYSTEM TESTVM\n".write(toFile: root + "/vm67.conf", atomically: true, encoding: .utf8)
        try "USER ALICE\n".write(toFile: root + "/user.direct", atomically: true, encoding: .utf8)
        guard let executable = Self.executable else { return }
        let result = try Subprocess.run(executable, ["serve", "--config", root, "--state", root + "/var", "--daemon"])
        #expect(result.status == 1)
        #expect(result.errors.contains("user.direct:1"), "\(result.errors)")
    }

    /// The shipped directory (passwords = userids) may serve loopback only:
    /// any other address is refused before anything is made, with the users
    /// to change and how; once every password is changed it may.
    @Test func shippedPasswordsKeepTheSystemOnLoopback() throws {
        let root = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/user.direct").path
        try "SYSTEM TESTVM\n".write(toFile: root + "/vm67.conf", atomically: true, encoding: .utf8)
        let directory = try String(contentsOfFile: shipped, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("MDISK") && !$0.contains("LINK ") && !$0.contains(" IPL ") }   // no volumes or CMS needed
            .joined(separator: "\n")
        try directory.write(toFile: root + "/user.direct", atomically: true, encoding: .utf8)
        guard let executable = Self.executable else { return }
        let refused = try Subprocess.run(executable, ["serve", "--config", root, "--state", root + "/var",
                                                      "--listen", "0.0.0.0:0", "--daemon"])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("refusing to listen on 0.0.0.0:0: OPERATOR MAINT ALICE BOB GUEST still have their shipped password (the userid)"),
                "\(refused.errors)")
        #expect(refused.errors.contains("vm67 user passwd USERID"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/var/hostkeys"), "nothing made before the refusal")

        // GUEST logs on with GUEST (or guest) on loopback.
        guard let daemon = try Self.start(config: root, state: root + "/var") else { return }
        #expect(try Self.exec(daemon, "guest", "GUEST", "QUERY USERID").output.contains("GUEST"))
        #expect(try Self.exec(daemon, "guest", "guest", "QUERY USERID").status == 0)
        #expect(try Self.exec(daemon, "guest", "gUEST?", "QUERY USERID").status != 0)
        #expect(Self.stop(daemon) == 0)
    }
}
