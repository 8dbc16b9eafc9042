import Devices
import Foundation
import Synchronization

/// A console endpoint on the operator's own terminal: guest output goes to
/// standard output as it comes; a pending read is announced once.
public final class TerminalConsole: ConsoleEndpoint {
    private let address: UInt16
    private let output = Mutex<Bool>(false)   // true while a line is unfinished
    private let showReads: Bool

    public init(address: UInt16, showReads: Bool = true) {
        self.address = address
        self.showReads = showReads
    }

    public func consoleOutput(_ text: String, newline: Bool) {
        output.withLock { open in
            FileHandle.standardOutput.write(Data((text + (newline ? "\n" : "")).utf8))
            open = !newline
        }
    }

    public func consoleReadPending(_ pending: Bool) {
        guard pending, showReads else { return }
        output.withLock { open in
            if open {
                FileHandle.standardOutput.write(Data("\n".utf8))
                open = false
            }
            FileHandle.standardOutput.write(Data("vm67: console \(hex4(address)) is waiting for input (type /TEXT)\n".utf8))
        }
    }

    public func consoleAlarm() {
        FileHandle.standardOutput.write(Data("\u{07}".utf8))
    }
}
