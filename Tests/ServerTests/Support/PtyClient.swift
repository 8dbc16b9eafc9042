import Foundation
import Synchronization

/// The real ssh client in a pseudo-terminal, as a person would run it: it
/// sends pty-req with the pty's size and $TERM, and window-change when told
/// the size changed. What it prints is collected from the pty's master side.
///
/// Started with posix_spawn rather than Process: the test runs on Dispatch
/// threads, which block SIGWINCH among others, and a child inherits that
/// mask; ssh would never hear of a resize. Here the child starts with no
/// signal blocked.
final class PtyClient: @unchecked Sendable {
    let pid: pid_t
    private let master: Int32
    private let collected = Mutex<[UInt8]>([])
    private let exit = Mutex<Int32?>(nil)
    private let reader = DispatchGroup()

    init(arguments: [String], columns: Int, rows: Int, term: String = "vt100") throws {
        var opened: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&opened, &slave, nil, nil, &size) == 0 else {
            throw SubprocessError(description: "openpty: \(String(cString: strerror(errno)))")
        }
        let master = opened
        self.master = master
        defer { close(slave) }  // only the child holds it then, so reading ends when it exits
        pid = try Self.spawn(try Subprocess.locate("ssh"), arguments, term: term, terminal: slave, master: master)
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

    private static func spawn(_ path: String, _ arguments: [String], term: String, terminal: Int32, master: Int32) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, terminal, descriptor) }
        posix_spawn_file_actions_addclose(&actions, terminal)
        posix_spawn_file_actions_addclose(&actions, master)

        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = term
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SubprocessError(description: "posix_spawn ssh: \(String(cString: strerror(rc)))") }
        return pid
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
        Glibc.kill(pid, SIGWINCH)
    }

    func signal(_ number: Int32) {
        if isRunning { Glibc.kill(pid, number) }
    }

    /// Reaps the child if it has exited; the exit status, or 128 + signal.
    var isRunning: Bool {
        exit.withLock { status in
            guard status == nil else { return false }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
            status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + raw & 0x7f
            return false
        }
    }

    /// Waits for ssh to exit by itself; kills it at the deadline.
    @discardableResult
    func waitForExit(deadline: Double = 30) -> Int32 {
        if !TestServer.eventually(deadline, { !isRunning }) { kill() }
        _ = reader.wait(timeout: .now() + 5)
        return exit.withLock { $0 } ?? -1
    }

    func kill() {
        guard isRunning else { return }
        Glibc.kill(pid, SIGKILL)
        Glibc.kill(pid, SIGCONT)
        _ = TestServer.eventually(10) { !isRunning }
    }

    deinit {
        kill()
        _ = reader.wait(timeout: .now() + 5)
        close(master)
    }
}
