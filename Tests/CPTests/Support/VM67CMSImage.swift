import Foundation
import Testing

/// The vm67 CMS (guest/cms), built for the tests with its own Makefile: make
/// rebuilds it when a source is newer than the image. Without Debian's s390x
/// cross compiler the tests that need it record an issue that says so.
enum VM67CMSImage {
    static let directory = SharedFiles.repositoryRoot.appendingPathComponent("guest/cms")
    static let nss = directory.appendingPathComponent("build/cms.nss")
    static let elf = directory.appendingPathComponent("build/cms.elf")
    /// The IPL-able system disk (a 3350 CKD image) and its bootstrap.
    static let systemDisk = directory.appendingPathComponent("build/cms190.ckd")
    static let bootElf = directory.appendingPathComponent("build/boot.elf")
    static let crossCompiler = "/usr/bin/s390x-linux-gnu-gcc"
    static let objdump = "/usr/bin/s390x-linux-gnu-objdump"

    private static let lock = NSLock()

    /// Builds the image if it is missing or stale; nil (after recording
    /// why) when it cannot be built.
    static func build(sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        guard FileManager.default.isExecutableFile(atPath: crossCompiler) else {
            Issue.record("the vm67 CMS needs Debian's s390x cross compiler: apt-get install gcc-s390x-linux-gnu gcc-12-multilib-s390x-linux-gnu binutils-s390x-linux-gnu (or run make test, which installs them)",
                         sourceLocation: sourceLocation)
            return nil
        }
        lock.lock()
        defer { lock.unlock() }
        let (status, output) = run("/usr/bin/make", ["-s", "-C", directory.path])
        guard status == 0, FileManager.default.fileExists(atPath: nss.path) else {
            Issue.record("building guest/cms failed:\n\(output)", sourceLocation: sourceLocation)
            return nil
        }
        return nss
    }

    /// Runs a tool; its exit status and its output (stdout and stderr).
    static func run(_ tool: String, _ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(tool): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
