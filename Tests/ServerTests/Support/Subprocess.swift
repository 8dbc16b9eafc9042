import Foundation

/// Runs a program to completion with a deadline (a hung client must not hang
/// the test run) and collects its output.
struct Subprocess {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ program: String, _ arguments: [String], input: String? = nil,
                    environment: [String: String]? = nil, deadline: Double = 60) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(program))
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        // Read both pipes while the program runs, so neither fills up.
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isError) in [(output, false), (errors, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, isError: isError)
                group.leave()
            }
        }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        if finished.wait(timeout: .now() + deadline) == .timedOut {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        group.wait()
        return Result(status: process.terminationStatus, output: collected.text(isError: false),
                      errors: collected.text(isError: true))
    }

    static func locate(_ program: String) throws -> String {
        if program.hasPrefix("/") { return program }
        for directory in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: directory + "/" + program) {
            return directory + "/" + program
        }
        throw SubprocessError(description: "\(program) is not installed (tools/ensure-debian-packages.sh installs it)")
    }
}

struct SubprocessError: Error, CustomStringConvertible {
    let description: String
}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data(), errors = Data()

    func set(_ data: Data, isError: Bool) {
        lock.withLock { if isError { errors = data } else { output = data } }
    }

    func text(isError: Bool) -> String {
        lock.withLock { String(decoding: isError ? errors : output, as: UTF8.self) }
    }
}
