import Assembler
import CP
import Foundation
import Synchronization

// CP benchmarks (make bench): the scheduler's aggregate speed with 1, 2,
// 8 and 64 CPU-bound virtual machines, console response while 16 of them
// run, and host memory per idle logged-on user. Figures only: nothing here
// passes or fails.

/// A CPU-bound guest: integer, storage-to-storage and branch work forever.
let cpuBoundGuest = """
         START X'200'
BEGIN    BALR  12,0
         USING *,12
OUTER    LA    5,1000
INNER    L     2,A
         A     2,B
         ST    2,C
         MVC   D(16),E
         CLC   D(16),E
         SR    3,3
         IC    3,E
         SLL   3,2
         LR    4,3
         BCT   5,INNER
         B     OUTER
A        DC    F'1'
B        DC    F'2'
C        DC    F'0'
D        DC    XL16'00'
E        DC    CL16'ABCDEFGHIJKLMNOP'
         END   BEGIN
"""

final class NullTerminal: TerminalConnection, @unchecked Sendable {
    let lines = Mutex<[(String, UInt64)]>([])
    func write(_ lines: [String]) {
        let now = DispatchTime.now().uptimeNanoseconds
        self.lines.withLock { $0 += lines.map { ($0, now) } }
    }
    func setStatus(_ status: ConsoleStatus) {}
    func sessionEnded(_ reason: SessionEnd) {}
}

func makeSystem(users: Int, storage: String = "1M") -> (ControlProgram, String) {
    var directory = ""
    for i in 0..<users {
        directory += "USER U\(i) PW \(storage) 16M G\n CONSOLE 009 3215\n SPOOL 00C 2540 READ *\n"
    }
    let (config, _) = SystemConfiguration.parse("CLEAR-PASSWORDS YES", file: "bench.conf")
    let (parsed, errors) = UserDirectory.parse(directory, file: "bench.direct")
    precondition(errors.isEmpty, "\(errors)")
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cpbench-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    let cp = ControlProgram(configuration: config, directory: parsed, stateDirectory: state)
    cp.start()
    return (cp, state)
}

func deck(_ source: String) -> [[UInt8]] {
    let assembly = Assembler.assemble(source: source)
    precondition(assembly.succeeded, "\(assembly.errors)")
    let bytes = assembly.iplDeck()
    return stride(from: 0, to: bytes.count, by: 80).map { Array(bytes[$0..<min($0 + 80, bytes.count)]) }
}

func startCPUBound(_ cp: ControlProgram, _ userid: String, _ cards: [[UInt8]]) -> VirtualMachine {
    cp.spool.sendToReader(of: userid, from: "BENCH", cards: cards)
    guard case .loggedOn(let vm) = cp.logon(userid: userid, connection: NullTerminal()) else { fatalError("logon \(userid)") }
    vm.console.submit(.line("ipl 00c"))
    return vm
}

func totalInstructions(_ vms: [VirtualMachine]) -> UInt64 {
    vms.reduce(0) { $0 + $1.machine.state.instructionCount }
}

/// Aggregate MIPS of `count` CPU-bound machines over `seconds`.
func aggregateMIPS(count: Int, seconds: Double) -> Double {
    let (cp, state) = makeSystem(users: count)
    defer { cp.shutdown(); try? FileManager.default.removeItem(atPath: state) }
    let cards = deck(cpuBoundGuest)
    let vms = (0..<count).map { startCPUBound(cp, "U\($0)", cards) }
    Thread.sleep(forTimeInterval: 0.5)   // let every machine start
    let before = totalInstructions(vms), start = DispatchTime.now().uptimeNanoseconds
    Thread.sleep(forTimeInterval: seconds)
    let after = totalInstructions(vms), end = DispatchTime.now().uptimeNanoseconds
    return Double(after - before) / (Double(end - start) / 1e9) / 1e6
}

/// Console response: a CP command typed by one user while `busy` machines
/// run flat out; milliseconds from ENTER to the answer.
func consoleLatency(busy: Int, samples: Int) -> (p50: Double, p99: Double) {
    let (cp, state) = makeSystem(users: busy + 1)
    defer { cp.shutdown(); try? FileManager.default.removeItem(atPath: state) }
    let cards = deck(cpuBoundGuest)
    _ = (0..<busy).map { startCPUBound(cp, "U\($0)", cards) }
    let terminal = NullTerminal()
    guard case .loggedOn(let vm) = cp.logon(userid: "U\(busy)", connection: terminal) else { fatalError("logon") }
    Thread.sleep(forTimeInterval: 0.5)
    var latencies: [Double] = []
    for _ in 0..<samples {
        let mark = terminal.lines.withLock { $0.count }
        let sent = DispatchTime.now().uptimeNanoseconds
        vm.console.submit(.line("q stor"))
        while terminal.lines.withLock({ $0.count }) == mark { usleep(50) }
        let answered = terminal.lines.withLock { $0[mark].1 }
        latencies.append(Double(answered - sent) / 1e6)
        usleep(20_000)   // a user's think time, shortened
    }
    latencies.sort()
    return (latencies[latencies.count / 2], latencies[min(latencies.count - 1, latencies.count * 99 / 100)])
}

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Host memory per logged-on idle user with 16 MB of storage, in KB.
func memoryPerIdleUser(users: Int) -> Double {
    let (cp, state) = makeSystem(users: users, storage: "16M")
    defer { cp.shutdown(); try? FileManager.default.removeItem(atPath: state) }
    let before = residentBytes()
    for i in 0..<users {
        guard case .loggedOn = cp.logon(userid: "U\(i)", connection: NullTerminal()) else { fatalError("logon") }
    }
    Thread.sleep(forTimeInterval: 0.5)
    let after = residentBytes()
    return Double(after - before) / Double(users) / 1024
}

let quick = CommandLine.arguments.contains("--quick")
let seconds = quick ? 1.0 : 3.0
print("vm67 CP benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) host cores)")
var single = 0.0
for count in [1, 2, 8, 64] {
    let mips = aggregateMIPS(count: count, seconds: seconds)
    if count == 1 { single = mips }
    print(String(format: "aggregate MIPS, %2d CPU-bound VMs: %8.1f  (%.2fx one VM)", count, mips, mips / max(single, 0.001)))
}
let latency = consoleLatency(busy: 16, samples: quick ? 50 : 200)
print(String(format: "console response with 16 busy VMs: p50 %.2f ms, p99 %.2f ms (goal: p99 < 50 ms)", latency.p50, latency.p99))
let perUser = memoryPerIdleUser(users: quick ? 50 : 200)
print(String(format: "host memory per idle user (16 MB defined): %.0f KB (goal: < 1024 KB)", perUser))
