import Foundation
import Server
import Testing

@Suite("SSH host keys", .serialized)
struct HostKeyTests {
    /// Keys made at the first start are the ones loaded at the next; their
    /// fingerprints are those ssh-keygen computes from the files, and the
    /// client sees exactly the keys the server reports.
    @Test func keysPersistAndFingerprintsMatchSshKeygen() throws {
        let first = try TestServer()
        let directory = first.directory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let made = first.server.hostKeys
        #expect(made.map(\.type).sorted() == ["ED25519", "RSA"])
        #expect(first.logLines.contains(substring: "made new host keys"))
        for key in made {
            #expect(first.logLines.contains(substring: "host key \(key)"), "\(first.logLines.text)")
        }
        first.shutDown(keepDirectory: true)

        let second = try TestServer(directory: directory)
        defer { second.shutDown(keepDirectory: true) }
        #expect(second.server.hostKeys == made)
        #expect(!second.logLines.contains(substring: "made new host keys"))
        #expect(try SSHServer.hostKeys(stateDirectory: directory) == made)

        for key in made {
            let listed = try Subprocess.run("ssh-keygen", ["-l", "-f", key.path])
            #expect(listed.status == 0, "\(listed.errors)")
            let fields = listed.output.split(separator: " ")
            #expect(fields.count >= 2 && String(fields[0]) == String(key.bits) && String(fields[1]) == key.fingerprint,
                    "ssh-keygen: \(listed.output) server: \(key)")
            #expect(listed.output.hasSuffix("(\(key.type))\n"), "\(listed.output)")

            // A client that trusts only this key logs on: the server presents it.
            let knownHosts = directory + "/known_hosts"
            try "vm67-test \(key.publicKey)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
            let algorithm = key.type == "RSA" ? "rsa-sha2-512" : "ssh-ed25519"
            let result = try Subprocess.run("ssh", ["-F", "/dev/null", "-p", second.port,
                "-o", "HostKeyAlias=vm67-test", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=\(knownHosts)",
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "HostKeyAlgorithms=\(algorithm)", "-o", "IdentityAgent=none",
                "-o", "IdentitiesOnly=yes"] + second.keyOptions() + ["fred@127.0.0.1", "trusted"])
            #expect(result.status == 0, "\(key.type): \(result.errors)")
            #expect(result.output == "ran: trusted\n")
        }
    }

    @Test func damagedKeyIsAnErrorNotANewKey() throws {
        let first = try TestServer()
        let directory = first.directory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rsa = try #require(first.server.hostKeys.first { $0.type == "RSA" })
        first.shutDown(keepDirectory: true)

        let original = try Data(contentsOf: URL(fileURLWithPath: rsa.path))
        let damaged = original.prefix(original.count / 2)
        try damaged.write(to: URL(fileURLWithPath: rsa.path))
        do {
            _ = try TestServer(directory: directory)
            Issue.record("a server started with a damaged host key")
        } catch let error as HostKeyError {
            #expect(error.path == rsa.path)
            #expect(error.reason.contains("damaged"), "\(error)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: rsa.path)) == damaged, "the damaged key was replaced")
        #expect(throws: HostKeyError.self) { try SSHServer.hostKeys(stateDirectory: directory) }
    }

    @Test func missingKeyBesideAnotherIsAnError() throws {
        let first = try TestServer()
        let directory = first.directory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ed25519 = try #require(first.server.hostKeys.first { $0.type == "ED25519" })
        first.shutDown(keepDirectory: true)

        try FileManager.default.removeItem(atPath: ed25519.path)
        do {
            _ = try TestServer(directory: directory)
            Issue.record("a server started with a host key missing")
        } catch let error as HostKeyError {
            #expect(error.path == ed25519.path)
            #expect(error.reason.contains("missing"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: ed25519.path))
    }

    /// `vm67 hostkeys` only reads: on a fresh state directory it makes nothing.
    @Test func readingKeysNeverMakesThem() throws {
        let directory = try TestServer.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: HostKeyError.self) { try SSHServer.hostKeys(stateDirectory: directory) }
        #expect(!FileManager.default.fileExists(atPath: SSHServer.hostKeyDirectory(stateDirectory: directory)))
    }
}
