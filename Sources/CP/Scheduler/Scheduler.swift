import Dispatch
import Foundation
import S370Core
import Synchronization

/// Runs the virtual machines on worker threads, one per host core, in
/// time slices, in VM/370's shape: interactive machines (those that just
/// had terminal input) in Q1 before the others in Q2; a Q1 slice is an
/// eighth of a Q2 slice; a machine drops from Q1 once it has run a while
/// without interacting; FAVORED machines go first; within a queue, lower
/// priority numbers first. A machine in a wait uses no host CPU: it is
/// parked until an event or its timer deadline. A runaway guest only ever
/// gets a slice at a time.
public final class Scheduler: @unchecked Sendable {
    public let workerCount: Int
    /// Instructions in a Q2 slice; a Q1 slice is an eighth of it.
    public var q2Slice = 1_000_000
    /// Instructions a Q1 machine may run without interaction before it drops to Q2.
    public var q1Allowance = 8_000_000

    private struct Queues {
        var favored: [VirtualMachine] = []
        var q1: [VirtualMachine] = []
        var q2: [VirtualMachine] = []
        var stopping = false
        var isEmpty: Bool { favored.isEmpty && q1.isEmpty && q2.isEmpty }
    }
    private let queues = Mutex(Queues())
    private let work = DispatchSemaphore(value: 0)
    private var threads: [Thread] = []
    /// The machines the workers are running now.
    private let running = Mutex<[ObjectIdentifier: VirtualMachine]>([:])

    private struct Timer { let deadline: UInt64; let vm: VirtualMachine }
    private let timers = Mutex<[Timer]>([])
    private let timerWake = DispatchSemaphore(value: 0)
    private var timerThread: Thread?
    /// Users marked FAVORED (SET FAVORED), by userid.
    let favored = Mutex<Set<String>>([])
    /// Priorities from SET PRIORITY, overriding the directory's.
    let priorities = Mutex<[String: Int]>([:])

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        workerCount = max(1, workers)
    }

    public func start() {
        guard threads.isEmpty else { return }
        for i in 0..<workerCount {
            let t = Thread { [self] in self.workerLoop() }
            t.name = "vm67-worker-\(i)"
            t.stackSize = 8 << 20
            threads.append(t)
            t.start()
        }
        let t = Thread { [self] in self.timerLoop() }
        t.name = "vm67-timers"
        timerThread = t
        t.start()
    }

    public func stop() {
        queues.withLock { $0.stopping = true }
        for _ in threads { work.signal() }
        timerWake.signal()
        for t in threads { while !t.isFinished { usleep(1000) } }
        threads = []
        while let t = timerThread, !t.isFinished { usleep(1000) }
        timerThread = nil
    }

    /// Something happened for `vm` (input, an I/O event, a timer): run it soon.
    func wake(_ vm: VirtualMachine, interactive: Bool) {
        let enqueue = vm.scheduling.state.withLock { s -> Bool in
            if interactive {
                s.interactive = true
                s.sinceInteraction = 0
            }
            switch s.phase {
            case .idle:
                s.phase = .queued
                s.wakeAt = nil
                return true
            case .queued:
                return false
            case .running:
                s.pending = true
                return false
            }
        }
        if enqueue { self.enqueue(vm) }
    }

    private func priority(_ vm: VirtualMachine) -> Int {
        priorities.withLock { $0[vm.userid] } ?? vm.entry.priority
    }

    private func enqueue(_ vm: VirtualMachine) {
        let interactive = vm.scheduling.state.withLock { $0.interactive && $0.sinceInteraction < q1Allowance }
        let isFavored = favored.withLock { $0.contains(vm.userid) }
        let p = priority(vm)
        queues.withLock { q in
            func insert(_ list: inout [VirtualMachine]) {
                let index = list.firstIndex { priority($0) > p } ?? list.count
                list.insert(vm, at: index)
            }
            if isFavored { insert(&q.favored) } else if interactive { insert(&q.q1) } else { insert(&q.q2) }
        }
        work.signal()
        if interactive || isFavored { preemptOneQ2Machine() }
    }

    /// An interactive machine is waiting: if every worker is busy, the
    /// first one running a Q2 slice ends it early, so terminal users get
    /// an answer within a fraction of a slice.
    private func preemptOneQ2Machine() {
        let busy = running.withLock { Array($0.values) }
        guard busy.count >= workerCount else { return }
        for vm in busy {
            let asked = vm.scheduling.state.withLock { s -> Bool in
                guard s.runningQ2, !s.preempt else { return false }
                s.preempt = true
                return true
            }
            if asked {
                vm.machine.requestWake()
                return
            }
        }
    }

    private func next() -> (VirtualMachine, Int, q2: Bool)? {
        queues.withLock { q -> (VirtualMachine, Int, q2: Bool)? in
            if !q.favored.isEmpty { return (q.favored.removeFirst(), q2Slice, false) }
            if !q.q1.isEmpty { return (q.q1.removeFirst(), q2Slice / 8, false) }
            if !q.q2.isEmpty { return (q.q2.removeFirst(), q2Slice, true) }
            return nil
        }
    }

    private func workerLoop() {
        while true {
            work.wait()
            if queues.withLock({ $0.stopping }) { return }
            guard let (vm, budget, q2) = next() else { continue }
            vm.scheduling.state.withLock { $0.phase = .running; $0.pending = false; $0.runningQ2 = q2; $0.preempt = false }
            running.withLock { $0[ObjectIdentifier(vm)] = vm }
            let result = vm.runSlice(budget: budget)
            running.withLock { $0[ObjectIdentifier(vm)] = nil }
            vm.scheduling.state.withLock { $0.runningQ2 = false; $0.preempt = false }
            finish(vm, result)
        }
    }

    private func finish(_ vm: VirtualMachine, _ result: VirtualMachine.SliceResult) {
        let parked: Bool, until: UInt64?
        switch result {
        case .again: (parked, until) = (false, nil)
        case .wait(let deadline): (parked, until) = (true, deadline)
        case .idle: (parked, until) = (true, nil)
        }
        var requeue = false
        vm.scheduling.state.withLock { s in
            if !parked || s.pending {
                // Still runnable, or something arrived while it ran.
                requeue = true
                s.phase = .queued
                s.pending = false
            } else {
                s.phase = .idle
                s.wakeAt = until
            }
        }
        if requeue {
            enqueue(vm)
        } else if let until {
            timers.withLock { $0.append(Timer(deadline: until, vm: vm)) }
            timerWake.signal()
        }
    }

    private func timerLoop() {
        while !queues.withLock({ $0.stopping }) {
            let now = hostTOD()
            let due = timers.withLock { list -> [VirtualMachine] in
                let ready = list.filter { $0.deadline <= now }.map(\.vm)
                list.removeAll { $0.deadline <= now }
                return ready
            }
            for vm in due {
                let stillWaiting = vm.scheduling.state.withLock { $0.phase == .idle && $0.wakeAt != nil }
                if stillWaiting { wake(vm, interactive: false) }
            }
            let earliest = timers.withLock { $0.map(\.deadline).min() }
            if let earliest {
                let micros = earliest > now ? (earliest - now) >> 12 : 0
                _ = timerWake.wait(timeout: .now() + .microseconds(Int(min(micros, 1_000_000))))
            } else {
                _ = timerWake.wait(timeout: .now() + .seconds(1))
            }
        }
    }

    /// Machines queued to run (for INDICATE LOAD).
    var queueLengths: (q1: Int, q2: Int) {
        queues.withLock { ($0.q1.count + $0.favored.count, $0.q2.count) }
    }
}
