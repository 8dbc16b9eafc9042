/// The state behind `VMCFFacility`'s lock: authorizations, SET SMSG,
/// the messages in flight by serial number, and each user's queue of
/// interruptions not yet presented.
extension VMCFFacility {
    /// All of VMCF's shared state; only touched with the lock held.
    struct State {
        var authorizations: [String: Authorization] = [:]
        /// Users with SET SMSG ON.
        var smsg: Set<String> = []
        var messages: [Int: Message] = [:]
        var queues: [String: [Pending]] = [:]
        var nextSerial = 1

        mutating func enqueue(_ kind: Pending.Kind, _ serial: Int, for user: String, priority: Bool) {
            var queue = queues[user] ?? []
            let entry = Pending(kind: kind, serial: serial, priority: priority)
            // Priority interruptions go ahead of the others, first in first out among themselves.
            if priority, let index = queue.firstIndex(where: { !$0.priority }) {
                queue.insert(entry, at: index)
            } else {
                queue.append(entry)
            }
            queues[user] = queue
        }

        mutating func add(_ message: Message) -> Int {
            let serial = nextSerial
            nextSerial += 1
            messages[serial] = message
            return serial
        }

        /// Ends a message with `response`; its RESPONSE interruption goes to
        /// the source. Returns the source to notify (nil: CP, nothing to do).
        mutating func complete(_ serial: Int, _ response: Response) -> String? {
            guard var message = messages[serial] else { return nil }
            guard let source = message.source, authorizations[source] != nil else {
                messages[serial] = nil
                return nil
            }
            message.stage = .completed
            message.response = response
            messages[serial] = message
            enqueue(.response, serial, for: source, priority: message.isPriority)
            return source
        }

        func find(source: String?, sink: String, id: UInt32) -> Int? {
            messages.first { $0.value.source == source && $0.value.sink == sink && $0.value.parameters.messageID == id }?.key
        }

        mutating func removeQueued(_ serial: Int, of user: String) {
            queues[user]?.removeAll { $0.serial == serial }
        }
    }
}
