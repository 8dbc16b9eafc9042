/// Events in virtual time. The channel schedules a device's completion
/// `duration` virtual microseconds after it starts; the machine advances
/// virtual time as the CPU runs (a fixed number of instructions per
/// microsecond) and jumps it forward while the CPU waits. Events at the
/// same time run in the order they were scheduled, so a program always sees
/// the same interleaving of its instructions and its I/O.
struct EventQueue {
    struct Event {
        let time: UInt64
        let sequence: UInt64
        let action: Action
    }

    enum Action {
        /// Continue the channel program on this device (the command finished).
        case commandFinished(device: UInt16, generation: UInt64)
        /// A separate device end after an earlier channel end, with any status that comes with it.
        case deviceEnd(device: UInt16, status: UnitStatus)
    }

    private var heap: [Event] = []
    private var nextSequence: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var nextTime: UInt64? { heap.first?.time }

    mutating func schedule(at time: UInt64, _ action: Action) {
        heap.append(Event(time: time, sequence: nextSequence, action: action))
        nextSequence += 1
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if !Self.before(heap[i], heap[parent]) { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the earliest event due at or before `time`.
    mutating func popDue(_ time: UInt64) -> Event? {
        guard let first = heap.first, first.time <= time else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && Self.before(heap[l], heap[m]) { m = l }
                if r < heap.count && Self.before(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return first
    }

    mutating func removeAll() { heap.removeAll() }

    private static func before(_ a: Event, _ b: Event) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }
}
