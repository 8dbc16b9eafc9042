import CP
import Foundation

/// The operator's console on the daemon's own terminal (when `vm67 serve`
/// runs in the foreground on a tty): the operator user is logged on to it
/// at start, CP's output is printed line by line, and each line typed is
/// console input (an empty line is attention, as the 3215's REQUEST key).
public final class LocalOperatorConsole: TerminalConnection, @unchecked Sendable {
    private let cp: ControlProgram
    private let userid: String
    private let lock = NSLock()
    private var vm: VirtualMachine?
    private var lastStatus: ConsoleStatus?
    /// Called when the operator's session ends (LOGOFF or shutdown).
    private let ended: @Sendable (SessionEnd) -> Void

    public init(cp: ControlProgram, userid: String, ended: @escaping @Sendable (SessionEnd) -> Void) {
        self.cp = cp
        self.userid = userid
        self.ended = ended
    }

    /// Logs the operator on (or reconnects to the AUTOLOGged operator) and
    /// starts reading standard input on a thread of its own.
    public func start() -> Bool {
        switch cp.logon(userid: userid, connection: self, noIPL: true) {
        case .loggedOn(let vm), .reconnected(let vm):
            lock.withLock { self.vm = vm }
        case .refused(let message):
            Self.out([message.fullLine])
            return false
        }
        Thread.detachNewThread { [self] in
            while let line = readLine(strippingNewline: true) {
                guard let vm = lock.withLock({ self.vm }) else { return }
                vm.console.submit(line.isEmpty ? .attention : .line(line))
            }
        }
        return true
    }

    public func write(_ lines: [String]) {
        lock.withLock { Self.out(lines) }
    }

    private static func out(_ lines: [String]) {
        FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    public func setStatus(_ status: ConsoleStatus) {
        lock.withLock {
            guard status != lastStatus else { return }
            lastStatus = status
            if status == .cpRead { Self.out(["\(cp.configuration.systemName) CP READ"]) }
        }
    }

    public func sessionEnded(_ reason: SessionEnd) {
        lock.withLock { vm = nil }
        ended(reason)
    }
}
