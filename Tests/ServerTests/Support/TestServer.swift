import Foundation
import Logging
import Server

/// An SSHServer on a free loopback port, with the test authenticator and echo
/// application, its state in a temporary directory; `shutDown` stops it and
/// removes the directory.
final class TestServer: @unchecked Sendable {
    let directory: String
    let events = EventLog()
    let logLines = EventLog()
    let server: SSHServer
    let port: String
    /// The client key that may log on as fred and barney.
    let keyPath: String

    init(limits: SSHServerLimits = TestServer.quickLimits, directory existing: String? = nil,
         publicUser: String? = "logon") throws {
        directory = try existing ?? TestServer.makeTemporaryDirectory()
        keyPath = directory + "/client_key"
        do {
            if !FileManager.default.fileExists(atPath: keyPath) { try Self.makeClientKey(at: keyPath) }
            let authenticator = TestAuthenticator(passwords: ["fred": "secret", "wilma": "pebbles"],
                                                  keys: ["fred": [try Self.publicKey(at: keyPath)],
                                                         "barney": [try Self.publicKey(at: keyPath)]])
            let logLines = logLines
            server = try SSHServer(listen: ["127.0.0.1:0"], stateDirectory: directory,
                                   authenticator: authenticator, application: EchoApplication(events: events),
                                   publicUser: publicUser, limits: limits,
                                   logger: Logger(label: "vm67.ssh.test") { _ in CapturingLogHandler(lines: logLines) })
            try server.start()
            port = String(server.listeningAddresses[0].split(separator: ":").last!)
        } catch {
            if existing == nil { try? FileManager.default.removeItem(atPath: directory) }
            throw error
        }
    }

    static var quickLimits: SSHServerLimits {
        var limits = SSHServerLimits()
        limits.failureDelay = 0.01
        limits.maxFailureDelay = 0.05
        limits.closeLinger = 5
        return limits
    }

    static func makeTemporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "vm67-ssh-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw SubprocessError(description: "mkdtemp failed") }
        return String(cString: made)
    }

    static func makeClientKey(at path: String) throws {
        let made = try Subprocess.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", path])
        guard made.status == 0 else { throw SubprocessError(description: "ssh-keygen: \(made.errors)") }
    }

    /// `type base64` of a key pair's public half.
    static func publicKey(at path: String) throws -> String {
        try String(contentsOfFile: path + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
    }

    func shutDown(keepDirectory: Bool = false) {
        server.stop()
        if !keepDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// ssh options common to every test: no known_hosts, no user config, no
    /// agent, nothing but what the test asks for.
    var sshOptions: [String] {
        ["-F", "/dev/null", "-p", port,
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20", "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes",
         "-o", "ServerAliveInterval=0"]
    }

    /// Options for logging on with the test key (or `key`), no prompts.
    func keyOptions(key: String? = nil) -> [String] {
        ["-o", "BatchMode=yes", "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
         "-o", "IdentityFile=\(key ?? keyPath)"]
    }

    /// `ssh user@server command` logging on by password through sshpass.
    func runWithPassword(user: String, password: String, command: String? = nil, extra: [String] = []) throws -> Subprocess.Result {
        try Subprocess.run("sshpass", ["-p", password, "ssh"] + sshOptions + extra +
            ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1",
             "\(user)@127.0.0.1"] + (command.map { [$0] } ?? []))
    }

    /// `ssh user@server command` logging on with the test key (or `key`).
    func runWithKey(user: String, command: String, key: String? = nil, extra: [String] = []) throws -> Subprocess.Result {
        try Subprocess.run("ssh", sshOptions + keyOptions(key: key) + extra + ["\(user)@127.0.0.1", command])
    }

    /// Waits (polling) until `condition` holds; false if it never did.
    func eventually(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        TestServer.eventually(seconds, condition)
    }

    static func eventually(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }
}
