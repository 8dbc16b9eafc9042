// s370bench: the CPU benchmark of ../shared/bench, run on vm67's core and,
// when Hercules is installed, under Hercules in the same run, so the two
// figures and their ratio come from one machine at one time.
//
//   S370Bench [--shared DIR] [--iterations N] [--runs K] [--no-hercules]

import Foundation
import S370Core

struct Options {
    var shared = "../shared"
    var iterations = 5_000_000
    var runs = 3
    var hercules = true
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    while let a = args.popFirst() {
        switch a {
        case "--shared": o.shared = args.popFirst() ?? o.shared
        case "--iterations": o.iterations = Int(args.popFirst() ?? "") ?? o.iterations
        case "--runs": o.runs = max(1, Int(args.popFirst() ?? "") ?? o.runs)
        case "--no-hercules": o.hercules = false
        default:
            FileHandle.standardError.write("S370Bench: unknown option \(a)\n".data(using: .utf8)!)
            exit(2)
        }
    }
    return o
}

/// Expected results from ../shared/bench/README.md: X'418', X'41C', X'420' (8 bytes), X'428'.
let expected: [Int: (UInt32, UInt32, UInt64, UInt32)] = [
    1: (0x0001_83BC, 0x0F0E_126E, 0x0000_0000_0000_001C, 0x0000_0001),
    1000: (0x05F5_79C3, 0x203C_6017, 0x0000_0000_0500_500C, 0x0000_03E8),
    100_000: (0xF961_0032, 0x1D4D_545C, 0x0000_0500_0050_000C, 0x0001_86A0),
    2_000_000: (0x739D_2F5B, 0xF378_57DD, 0x0020_0000_1000_000C, 0x001E_8480),
    5_000_000: (0x3E3A_A1D2, 0x9DF5_76DC, 0x0125_0000_2500_000C, 0x004C_4B40),
]

struct VMResult { let mips: Double; let seconds: Double; let ok: Bool; let detail: String }

func runVM67(core: [UInt8], iterations: Int) -> VMResult {
    let machine = Machine(model: .s370, storageSize: 16 << 20)
    machine.storage.write(0, core)
    machine.storage.store32(0x400, UInt32(iterations))
    machine.restart()
    var stop: StopReason = .budgetExhausted
    while stop == .budgetExhausted { stop = machine.run(budget: 1 << 30) }
    let s = machine.storage
    let start = s.load64(0x408), end = s.load64(0x410)
    let micros = Double((end &- start) >> 12)
    let instructions = Double(15 + 114 * iterations)
    let pswAddress = machine.psw & 0x00FF_FFFF
    var ok = stop == .disabledWait && pswAddress == 0
    var detail = "psw=\(String(format: "%016llX", machine.psw))"
    if let e = expected[iterations] {
        let got = (s.load32(0x418), s.load32(0x41C), s.load64(0x420), s.load32(0x428))
        let match = got.0 == e.0 && got.1 == e.1 && got.2 == e.2 && got.3 == e.3
        ok = ok && match
        detail += String(format: " r9=%08X r10=%08X psum=%016llX count=%08X", got.0, got.1, got.2, got.3)
        if !match { detail += " (EXPECTED r9=\(String(e.0, radix: 16)) r10=\(String(e.1, radix: 16)))" }
    }
    return VMResult(mips: micros > 0 ? instructions / micros : 0, seconds: micros / 1e6, ok: ok, detail: detail)
}

func runHercules(shared: String, iterations: Int, runs: Int) -> Double? {
    let script = shared + "/bench/run_hercules.py"
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/hercules"),
          FileManager.default.fileExists(atPath: script) else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script, "--runs", String(runs), "--iters", String(iterations)]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix("run ") {
        print("  hercules \(line)")
    }
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("median") }),
          let range = line.range(of: "MIPS(stck)=") else { return nil }
    let number = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
    return Double(number)
}

let options = parseOptions()
let corePath = options.shared + "/bench/s370bench.core"
guard let coreData = FileManager.default.contents(atPath: corePath) else {
    print("s370bench: \(corePath) not found: the benchmark needs ../shared/bench (see README)")
    exit(1)
}
let core = [UInt8](coreData)
let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
print("s370bench: N=\(options.iterations), \(15 + 114 * options.iterations) instructions, \(options.runs) runs each, load \(load)")

var vmRates: [Double] = []
var allOK = true
for run in 1...options.runs {
    let r = runVM67(core: core, iterations: options.iterations)
    allOK = allOK && r.ok
    vmRates.append(r.mips)
    print(String(format: "  vm67 run %d: %.1f MIPS, %.3f s, %@ %@", run, r.mips, r.seconds, r.ok ? "ok" : "WRONG RESULT", r.detail))
}
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
let vm = median(vmRates)

var herculesMIPS: Double? = nil
if options.hercules {
    herculesMIPS = runHercules(shared: options.shared, iterations: options.iterations, runs: options.runs)
    if herculesMIPS == nil { print("  hercules: not installed or failed (apt-get install hercules)") }
}
if let h = herculesMIPS {
    print(String(format: "s370bench: vm67 %.1f MIPS, hercules %.1f MIPS, ratio %.2f", vm, h, vm / h))
} else {
    print(String(format: "s370bench: vm67 %.1f MIPS, hercules n/a MIPS, ratio n/a", vm))
}
exit(allOK ? 0 : 1)
