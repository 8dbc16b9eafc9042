import CP
import Terminal

/// A full-screen guest (DIAGNOSE X'58') on the SSH console. CP calls these
/// from VM workers; each hops onto the session's queue, where the console
/// lives, and answers from there. The worker never waits: a write's or a
/// read's completion goes back to CP, which ends the guest's I/O on the VM's
/// own worker. After an AID key the keyboard is locked, so a read made a
/// moment later sees exactly the screen the user sent, as on a 3270.
extension TerminalSession {
    var isDisplay: Bool { true }

    func writeFullScreen(_ command: OutboundCommand, _ data: [UInt8],
                         completion: @escaping @Sendable (FullScreenWriteResult) -> Void) {
        onQueue { console in
            guard let console else { return completion(.notDisplay) }
            do {
                try console.writeFullScreen(command, data)
                completion(.written)
            } catch {
                completion(.dataStreamError)
            }
        }
    }

    func readFullScreen(_ command: InboundCommand, completion: @escaping @Sendable ([UInt8]?) -> Void) {
        onQueue { console in completion(console?.readFullScreen(command)) }
    }

    func leaveFullScreen() {
        onQueue { console in
            if let console, console.isFullScreen { console.leaveFullScreen() }
        }
    }

    func setPA2ToHost(_ on: Bool) {
        onQueue { console in console?.pa2ToHost = on }
    }
}
