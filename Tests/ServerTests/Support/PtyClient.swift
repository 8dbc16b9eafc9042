import Foundation
import Synchronization

/// The real ssh client in a pseudo-terminal, as a person would run it: it
/// sends pty-req with the pty's size and $TERM, and window-change when told
/// the size changed. What it prints is collected from the pty's master side.
final class PtyClient: @unchecked Sendable {
    let process = Process()
    private let master: Int32
    private let collected = Mutex<[UInt8]>([])
    private let reader = DispatchGroup()

    init(arguments: [String], columns: Int, rows: Int, term: String = "vt100") throws {
        var opened: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&opened, &slave, nil, nil, &size) == 0 else {
            throw SubprocessError(description: "openpty: \(String(cString: strerror(errno)))")
        }
        let master = opened
        self.master = master
        process.executableURL = URL(fileURLWithPath: try Subprocess.locate("ssh"))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = term
        process.environment = environment
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        do {
            try process.run()
        } catch {
            Glibc.close(slave)
            Glibc.close(master)
            throw error
        }
        // Only the child holds the slave now, so reading ends when it exits.
        Glibc.close(slave)
        reader.enter()
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                collected.withLock { $0 += buffer[..<count] }
            }
            reader.leave()
        }
        thread.start()
    }

    var output: String { collected.withLock { String(decoding: $0, as: UTF8.self) } }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Changes the pty's size and tells ssh, as a terminal emulator does.
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        Glibc.kill(process.processIdentifier, SIGWINCH)
    }

    /// Waits for ssh to exit by itself; kills it at the deadline.
    @discardableResult
    func waitForExit(deadline: Double = 30) -> Int32 {
        if !TestServer.eventually(deadline, { !process.isRunning }) { kill() }
        process.waitUntilExit()
        _ = reader.wait(timeout: .now() + 5)
        return process.terminationStatus
    }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        kill()
        _ = reader.wait(timeout: .now() + 5)
        Glibc.close(master)
    }
}
