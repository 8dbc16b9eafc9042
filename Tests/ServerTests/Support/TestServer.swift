import Foundation
import Server

/// An SSHServer on a free loopback port, with the test authenticator and echo
/// application, in its own temporary directory; `shutDown` stops it and
/// removes the directory.
final class TestServer: @unchecked Sendable {
    let directory: String
    let hostKeyDirectory: String
    let events = EventLog()
    let logLines = EventLog()
    let server: SSHServer
    let port: String
    /// The client key that may log on as fred.
    let keyPath: String

    init(limits: SSHServerLimits = TestServer.quickLimits, directory existing: String? = nil, publicUser: String? = "logon") throws {
        directory = try existing ?? TestServer.makeTemporaryDirectory()
        hostKeyDirectory = directory + "/hostkeys"
        keyPath = directory + "/client_key"
        if !FileManager.default.fileExists(atPath: keyPath) {
            let made = try Subprocess.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", keyPath])
            guard made.status == 0 else { throw SubprocessError(description: "ssh-keygen: \(made.errors)") }
        }
        let publicKey = try String(contentsOfFile: keyPath + ".pub", encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        let authenticator = TestAuthenticator(passwords: ["fred": "secret", "wilma": "pebbles"],
                                              keys: ["fred": [publicKey]])
        let logLines = logLines
        server = try SSHServer(listen: ["127.0.0.1:0"], hostKeyDirectory: hostKeyDirectory,
                               authenticator: authenticator, application: EchoApplication(events: events),
                               publicUser: publicUser, limits: limits, log: { logLines.add($0) })
        try server.start()
        port = String(server.listeningAddresses[0].split(separator: ":").last!)
    }

    static var quickLimits: SSHServerLimits {
        var limits = SSHServerLimits()
        limits.failureDelay = 0.01
        limits.maxFailureDelay = 0.05
        return limits
    }

    static func makeTemporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "vm67-ssh-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw SubprocessError(description: "mkdtemp failed") }
        return String(cString: made)
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
         "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20", "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes"]
    }

    /// `ssh user@server command` logging on by password through sshpass.
    func runWithPassword(user: String, password: String, command: String? = nil, extra: [String] = []) throws -> Subprocess.Result {
        try Subprocess.run("sshpass", ["-p", password, "ssh"] + sshOptions + extra +
            ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1",
             "\(user)@127.0.0.1"] + (command.map { [$0] } ?? []))
    }

    /// `ssh user@server command` logging on with the test key, no prompts.
    func runWithKey(user: String, command: String, key: String? = nil) throws -> Subprocess.Result {
        try Subprocess.run("ssh", sshOptions + ["-o", "BatchMode=yes", "-o", "PasswordAuthentication=no",
                                                "-o", "IdentityFile=\(key ?? keyPath)", "\(user)@127.0.0.1", command])
    }

    /// Waits (polling) until `condition` holds; false if it never did.
    func eventually(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }
}
