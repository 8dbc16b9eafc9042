import ArgumentParser
import Foundation
import Server

/// `vm67 hostkeys`: the SSH host keys' fingerprints, for the operator to
/// publish, so users can check what their client shows at the first login.
/// Reads the keys `vm67 serve` made; never makes any.
struct HostKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostkeys",
        abstract: "Print the SSH host keys' fingerprints (the keys are made by the first `vm67 serve`)."
    )

    @Option(help: "State directory.")
    var state: String = "var"

    @Flag(help: "Print the public keys as known_hosts lines instead.")
    var knownHosts = false

    @Option(help: "Host name for --known-hosts lines, e.g. '[host]:2367'.")
    var host: String = "[127.0.0.1]:2367"

    func run() throws {
        let keys: [SSHHostKeyInfo]
        do {
            keys = try SSHServer.hostKeys(stateDirectory: state)
        } catch {
            FileHandle.standardError.write(Data("vm67: \(error)\n".utf8))
            throw ExitCode(1)
        }
        for key in keys {
            print(knownHosts ? "\(host) \(key.publicKey)" : key.description)
        }
    }
}
