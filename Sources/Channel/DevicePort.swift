import Synchronization

/// A device's line back to its channel for things that happen on their own
/// time: finishing a command that was left pending (a console read that the
/// operator answers), or unsolicited status (attention, device end when a
/// device becomes ready). Safe to call from any thread; the channel picks
/// the events up at its next look.
public final class DevicePort: Sendable {
    public let address: UInt16
    let inbox: Inbox

    init(address: UInt16, inbox: Inbox) {
        self.address = address
        self.inbox = inbox
    }

    /// Finishes the command the device answered with `.pending`.
    public func finish(_ result: DeviceResult) {
        inbox.post(.finished(device: address, result: result))
    }

    /// Presents unsolicited status (attention, device end, unit check).
    public func signal(_ status: UnitStatus) {
        inbox.post(.unsolicited(device: address, status: status))
    }
}

/// Events posted by devices from other threads, with a hook that wakes
/// whoever runs the machine.
final class Inbox: Sendable {
    enum Message: Sendable {
        case finished(device: UInt16, result: DeviceResult)
        case unsolicited(device: UInt16, status: UnitStatus)
    }

    private let messages = Mutex<[Message]>([])
    private let wakeHook = Mutex<(@Sendable () -> Void)?>(nil)

    func post(_ message: Message) {
        messages.withLock { $0.append(message) }
        let hook = wakeHook.withLock { $0 }
        hook?()
    }

    func take() -> [Message] {
        messages.withLock { list in
            let taken = list
            list.removeAll()
            return taken
        }
    }

    var isEmpty: Bool { messages.withLock { $0.isEmpty } }

    func setWakeHook(_ hook: (@Sendable () -> Void)?) {
        wakeHook.withLock { $0 = hook }
    }
}
