import ArgumentParser
import CP
import Foundation

/// `vm67 directory check`: validates config/user.direct against config/vm67.conf.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Work with the user directory.",
        subcommands: [DirectoryCheck.self]
    )
}

struct DirectoryCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check config/user.direct (and config/vm67.conf); print every error with file, line and reason."
    )

    @Option(help: "Configuration directory.")
    var config: String = "config"

    func run() throws {
        let directoryPath = config + "/user.direct", systemPath = config + "/vm67.conf"
        guard let directoryText = try? String(contentsOfFile: directoryPath, encoding: .utf8) else {
            throw ValidationError("cannot read \(directoryPath)")
        }
        var errors: [DirectoryError] = []
        let (directory, directoryErrors) = UserDirectory.parse(directoryText, file: directoryPath)
        errors += directoryErrors
        if let systemText = try? String(contentsOfFile: systemPath, encoding: .utf8) {
            let (system, systemErrors) = SystemConfiguration.parse(systemText, file: systemPath)
            errors += systemErrors
            errors += validateDirectory(directory, against: system)
        } else {
            print("vm67: \(systemPath) not found; checking the directory alone")
        }
        for error in errors.sorted(by: { ($0.file, $0.line) < ($1.file, $1.line) }) {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
        }
        if !errors.isEmpty {
            FileHandle.standardError.write(Data("vm67: \(errors.count) error\(errors.count == 1 ? "" : "s") in the directory\n".utf8))
            throw ExitCode(1)
        }
        print("vm67: directory OK, \(directory.order.count) users")
    }
}

/// `vm67 user passwd USERID`: sets a user's password (a yescrypt hash in user.direct).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage users of the directory.",
        subcommands: [UserPasswd.self]
    )
}

struct UserPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Set a user's password; the directory keeps only its crypt(3) hash."
    )

    @Argument(help: "The userid.")
    var userid: String

    @Option(help: "Configuration directory.")
    var config: String = "config"

    @Option(help: "Read the new password from this file's first line instead of the terminal (for scripts).")
    var passwordFile: String?

    func run() throws {
        let path = config + "/user.direct"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("cannot read \(path)") }
        let password: String
        if let passwordFile {
            guard let line = (try? String(contentsOfFile: passwordFile, encoding: .utf8))?.split(separator: "\n").first else {
                throw ValidationError("cannot read a password from \(passwordFile)")
            }
            password = String(line)
        } else {
            guard let first = readSecret("New password for \(userid.uppercased()): "),
                  let second = readSecret("Again: ") else { throw ExitCode(1) }
            guard first == second else { throw ValidationError("the passwords differ") }
            password = first
        }
        guard password.count >= 4 else { throw ValidationError("a password needs at least 4 characters") }
        guard let hash = PasswordHash.make(password) else { throw ValidationError("crypt(3) could not hash the password") }
        var lines = text.components(separatedBy: "\n")
        var found = false
        for (i, line) in lines.enumerated() {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 3, words[0].uppercased() == "USER", words[1].uppercased() == userid.uppercased() else { continue }
            var rebuilt = words.map(String.init)
            rebuilt[2] = hash
            let indent = String(line.prefix { $0 == " " })
            lines[i] = indent + rebuilt.joined(separator: " ")
            found = true
        }
        guard found else { throw ValidationError("\(userid.uppercased()) is not in \(path)") }
        let temporary = path + ".new"
        try lines.joined(separator: "\n").write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, path) == 0 else { throw ValidationError("cannot replace \(path)") }
        print("vm67: password of \(userid.uppercased()) changed")
    }

    private func readSecret(_ prompt: String) -> String? {
        guard let pointer = getpass(prompt) else { return nil }
        return String(cString: pointer)
    }
}
