import Channel
import Devices
import Foundation
import S370Core

/// Runs Hercules' instruction-test scripts (`.tst`, see
/// ../shared/conformance/hercules-s370/README.md) against vm67's core: the
/// console commands that set a machine up (sysclear, archlvl, loadcore,
/// `r` alter/display, gpr/cr/fpr, runtest) and the directives that check
/// the outcome (*Want, *Gpr, *Cr, *Fpr, *Program, *Done).
///
/// Devices (`attach`, `detach`) come from vm67's device catalog and run on
/// its real channel; their output files go to a scratch directory, never
/// next to the test files. `t+ADDR` traces a device's CCWs into `trace`.
///
/// Only what the S/370 tests use is implemented. A test case that needs an
/// architecture other than S/370, or Hercules' own messages (*Error, *Info,
/// *Hmsg), is reported as not applicable with the reason.
final class HerculesTestScript {
    struct Outcome {
        let name: String
        /// Nil when the test case ran; the reason when it could not apply.
        var notApplicable: String?
        var failures: [String]
        var checks: Int
    }

    private let testPath: URL
    private var symbols: [String: String]
    private var machine: Machine
    /// The channels, once a device is attached (CPU-only tests run without).
    private var io: IOSystem?
    /// Attached devices, kept so that a rebuilt machine gets them back.
    private var devices: [(address: UInt16, device: ChannelDevice)] = []
    private var tracedDevices: Set<UInt16> = []
    /// CCW trace lines of the devices named by `t+`.
    private(set) var trace: [String] = []
    /// Where device output files go.
    let outputDirectory: URL
    private var storageMB = 2
    private var facilities: Facilities = []
    private var cpuVersion: UInt8 = 0, cpuModel: UInt16 = 0x3158, cpuSerial: UInt32 = 0

    private var outcomes: [Outcome] = []
    private var current: Outcome?
    private var comparing = false
    private var lastDisplay: [UInt8] = []
    private var lastRegisters: [Int: UInt64] = [:]
    private var expectedProgram: UInt16?
    private var sawDisabledWait = false
    private var timeoutAllowed = false
    /// Nesting of *If/*Else: true where lines are active.
    private var conditions: [Bool] = []

    /// A program interruption code the test program may take unannounced
    /// (a feature probe it handles itself), or nil.
    private let toleratedProbe: UInt16?

    init(testPath: URL, toleratedProbe: UInt16? = nil) {
        self.testPath = testPath
        self.toleratedProbe = toleratedProbe
        self.symbols = ["testpath": testPath.path]
        self.machine = Machine(model: .s370, storageSize: 2 << 20)
        outputDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vm67-hercules-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: outputDirectory) }

    /// Runs a script file (and the scripts it includes); returns one outcome per *Testcase.
    func run(file: URL, text: String? = nil) throws -> [Outcome] {
        let contents = try text ?? String(contentsOf: file, encoding: .utf8)
        try runLines(contents.components(separatedBy: .newlines))
        finishTestCase()
        return outcomes
    }

    private var active: Bool { conditions.allSatisfy { $0 } }

    private func runLines(_ lines: [String]) throws {
        for raw in lines {
            let line = substitute(raw).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("*") {
                try directive(line)
                continue
            }
            guard active else { continue }
            let command = stripComment(line)
            if command.isEmpty { continue }
            try self.command(command)
        }
    }

    /// `#` starts a comment (outside quotes).
    private func stripComment(_ line: String) -> String {
        var inQuote = false
        var out = ""
        for ch in line {
            if ch == "\"" { inQuote.toggle() }
            if ch == "#" && !inQuote { break }
            out.append(ch)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    private func substitute(_ line: String) -> String {
        var result = line
        while let start = result.range(of: "$("), let end = result.range(of: ")", range: start.upperBound..<result.endIndex) {
            let name = String(result[start.upperBound..<end.lowerBound])
            result.replaceSubrange(start.lowerBound..<end.upperBound, with: symbols[name] ?? "")
        }
        return result
    }

    private func words(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var inQuote = false
        for ch in s {
            if ch == "\"" { inQuote.toggle(); continue }
            if ch.isWhitespace && !inQuote {
                if !cur.isEmpty { out.append(cur); cur = "" }
            } else {
                cur.append(ch)
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    // MARK: Directives

    private func directive(_ line: String) throws {
        if line.hasPrefix("* ") || line == "*" { return }
        let parts = words(String(line.dropFirst()))
        guard let name = parts.first else { return }
        let args = Array(parts.dropFirst())
        switch name.lowercased() {
        case "if":
            conditions.append(active ? evaluate(args.joined(separator: " ")) : false)
            return
        case "else":
            if let last = conditions.popLast() { conditions.append(!last) }
            return
        case "fi":
            _ = conditions.popLast()
            return
        default:
            break
        }
        guard active else { return }
        switch name.lowercased() {
        case "testcase":
            finishTestCase()
            current = Outcome(name: args.joined(separator: " "), notApplicable: nil, failures: [], checks: 0)
            comparing = false
            expectedProgram = nil
            sawDisabledWait = false
            timeoutAllowed = false
            machine.state.lastProgramInterruption = nil
        case "compare":
            comparing = true
        case "program":
            expectedProgram = args.first.flatMap { UInt16($0, radix: 16) }
        case "want":
            let hex = args.filter { word in word.allSatisfy { $0.isHexDigit } }.joined()
            check("*Want \(args.joined(separator: " "))", got: hexString(lastDisplay.prefix(hex.count / 2)), want: hex.uppercased())
        case "gpr", "cr", "fpr":
            guard args.count >= 2, let n = Int(args[0]) else { return }
            let value = lastRegisters[registerKey(name.lowercased(), n)] ?? 0
            let width = name.lowercased() == "fpr" ? 16 : 8
            check("*\(name) \(n)", got: String(format: "%0\(width)llX", value), want: args[1].uppercased())
        case "done":
            finishRun(nowait: args.first?.lowercased() == "nowait")
        case "timeout":
            timeoutAllowed = true
        case "error", "info", "hmsg":
            markNotApplicable("checks Hercules console messages (*\(name))")
        case "message", "explain", "key", "prefix":
            break
        default:
            break
        }
    }

    private func registerKey(_ kind: String, _ n: Int) -> Int {
        (kind == "gpr" ? 0 : kind == "cr" ? 100 : 200) + n
    }

    /// The few expressions the S/370 tests use.
    private func evaluate(_ expression: String) -> Bool {
        let e = expression.replacingOccurrences(of: " ", with: "")
        switch e {
        case "$can_s370_mode": return true
        case "$max_cpu_engines>0": return true
        case "$ptrsize=4": return false
        case "$ptrsize\\=4": return true
        default: return false
        }
    }

    private func check(_ what: String, got: String, want: String) {
        guard comparing, current != nil else { return }
        current!.checks += 1
        if got != want { current!.failures.append("\(what): got \(got), want \(want)") }
    }

    private func markNotApplicable(_ reason: String) {
        if current != nil && current!.notApplicable == nil { current!.notApplicable = reason }
    }

    private func finishRun(nowait: Bool) {
        guard current != nil else { return }
        let psw = machine.psw
        let address = psw & 0x00FF_FFFF
        let last = machine.state.lastProgramInterruption
        current!.checks += 1
        if !nowait && !sawDisabledWait && !timeoutAllowed {
            current!.failures.append("no disabled wait (PSW \(String(format: "%016llX", psw)))")
        }
        if !nowait && sawDisabledWait {
            let deadOK = address & 0xFFFF == 0xDEAD && expectedProgram != nil && last == expectedProgram
            if address != 0 && !deadOK {
                current!.failures.append("disabled wait PSW \(String(format: "%016llX", psw)) is not a success")
            }
        }
        if expectedProgram != last && !(expectedProgram == nil && last != nil && last == toleratedProbe) {
            current!.failures.append("last program interruption \(last.map { String(format: "%04X", $0) } ?? "none"), expected \(expectedProgram.map { String(format: "%04X", $0) } ?? "none")")
        }
    }

    private func finishTestCase() {
        if let c = current { outcomes.append(c) }
        current = nil
    }

    // MARK: Commands

    private func command(_ line: String) throws {
        let parts = words(line)
        guard let verb = parts.first?.lowercased() else { return }
        let args = Array(parts.dropFirst())
        switch verb {
        case "sysreset":
            machine.reset(clear: false)
            io?.channels.reset()
        case "sysclear":
            rebuild()
        case "archlvl", "archmode":
            let arch = (args.first ?? "").lowercased().replacingOccurrences(of: "s/", with: "")
            if arch != "370" { markNotApplicable("needs architecture \(args.first ?? "?")") }
        case "mainsize":
            storageMB = Int(args.first ?? "2") ?? 2
            rebuild()
        case "facility":
            if args.count >= 2 && args[1].uppercased() == "HERC_370_EXTENSION" {
                if args[0].uppercased() == "ENABLE" { facilities.insert(.ext370) } else { facilities.remove(.ext370) }
                machine.facilities = facilities
            }
        case "cpuverid":
            cpuVersion = UInt8(args.first ?? "0", radix: 16) ?? 0
            machine.state.cpuVersion = cpuVersion
        case "cpumodel":
            cpuModel = UInt16(args.first ?? "0", radix: 16) ?? 0
            machine.state.cpuModelNumber = cpuModel
        case "cpuserial":
            cpuSerial = UInt32(args.first ?? "0", radix: 16) ?? 0
            machine.state.cpuSerial = cpuSerial
        case "defsym":
            if args.count >= 2 { symbols[args[0]] = args.dropFirst().joined(separator: " ") }
        case "script":
            let path = args.first ?? ""
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : testPath.appendingPathComponent(path)
            try runLines(try String(contentsOf: url, encoding: .utf8).components(separatedBy: .newlines))
        case "loadcore":
            let path = args.first ?? ""
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let address = args.count > 1 ? UInt32(args[1], radix: 16) ?? 0 : 0
            machine.storage.write(address, [UInt8](data))
        case "r":
            try storageCommand(args.joined())
        case "gpr", "cr", "fpr":
            registerCommand(verb, args.joined())
        case "psw":
            break
        case "runtest":
            runTest(args)
        case "attach":
            attach(args)
        case "detach":
            if let address = args.first.flatMap({ UInt16($0, radix: 16) }) {
                io?.channels.detach(address)
                devices.removeAll { $0.address == address }
            }
        case "devinit":
            markNotApplicable("needs media changes on a running device (devinit)")
        case "numcpu", "maxcpu", "lparnum", "cpuidfmt", "cpu", "qcpuid", "ostailor", "msglevel", "f-", "f+", "pause", "cpu0":
            break
        default:
            if verb.hasPrefix("t+") || verb.hasPrefix("t-"), let address = UInt16(verb.dropFirst(2), radix: 16) {
                if verb.hasPrefix("t+") { tracedDevices.insert(address) } else { tracedDevices.remove(address) }
            }
        }
    }

    /// `attach ADDR TYPE [ARGS]`: a device from vm67's catalog on the machine's channels.
    private func attach(_ args: [String]) {
        guard args.count >= 2, let address = UInt16(args[0], radix: 16) else {
            markNotApplicable("attach needs an address and a device type")
            return
        }
        guard let entry = DeviceCatalog.entry(named: args[1]) else {
            markNotApplicable("device type \(args[1]) is not in vm67's catalog")
            return
        }
        do {
            let arguments = DeviceArguments(Array(args.dropFirst(2)), baseDirectory: outputDirectory.path)
            let device = try entry.make(address, arguments, DeviceContext())
            devices.removeAll { $0.address == address }
            devices.append((address, device))
            connectDevices()
        } catch {
            current?.failures.append("attach \(args[0]) \(args[1]): \(error)")
        }
    }

    /// Puts the attached devices on the current machine's channels.
    private func connectDevices() {
        guard !devices.isEmpty else {
            io = nil
            return
        }
        let system = io?.machine === machine ? io! : IOSystem(machine: machine)
        for (address, device) in devices where system.channels.device(at: address) !== device {
            system.channels.detach(address)
            device.reset()
            system.channels.attach(device, at: address)
        }
        system.channels.trace = { [weak self] address, text in
            guard let self, self.tracedDevices.contains(address) else { return }
            self.trace.append(String(format: "%04X ", address) + text)
        }
        io = system
    }

    private func rebuild() {
        machine = Machine(model: .s370, storageSize: storageMB << 20, facilities: facilities)
        machine.state.cpuVersion = cpuVersion
        machine.state.cpuModelNumber = cpuModel
        machine.state.cpuSerial = cpuSerial
        connectDevices()
    }

    /// `r ADDR=HEX` alters, `r ADDR.LEN` or `r ADDR-END` displays.
    private func storageCommand(_ text: String) throws {
        if let eq = text.firstIndex(of: "=") {
            let address = UInt32(text[..<eq], radix: 16) ?? 0
            let bytes = hexBytes(String(text[text.index(after: eq)...]))
            machine.storage.write(address, bytes)
            return
        }
        var address: UInt32 = 0, count = 16
        if let dot = text.firstIndex(of: ".") {
            address = UInt32(text[..<dot], radix: 16) ?? 0
            count = Int(text[text.index(after: dot)...], radix: 16) ?? 16
        } else if let dash = text.firstIndex(of: "-") {
            address = UInt32(text[..<dash], radix: 16) ?? 0
            count = Int(UInt32(text[text.index(after: dash)...], radix: 16) ?? address) - Int(address) + 1
        } else {
            address = UInt32(text, radix: 16) ?? 0
        }
        let available = max(0, min(count, machine.storage.size - Int(address)))
        lastDisplay = available > 0 ? machine.storage.read(address, count: available) : []
    }

    private func registerCommand(_ kind: String, _ text: String) {
        if let eq = text.firstIndex(of: "=") {
            let n = Int(text[..<eq]) ?? 0
            let value = UInt64(text[text.index(after: eq)...], radix: 16) ?? 0
            switch kind {
            case "gpr": machine.setGPR(n, UInt32(truncatingIfNeeded: value))
            case "cr": machine.setCR(n, UInt32(truncatingIfNeeded: value))
            default: machine.setFPR(n, value)
            }
            return
        }
        lastRegisters = [:]
        for n in 0..<16 {
            lastRegisters[registerKey("gpr", n)] = UInt64(machine.gpr(n))
            lastRegisters[registerKey("cr", n)] = UInt64(machine.cr(n))
        }
        for n in [0, 2, 4, 6] { lastRegisters[registerKey("fpr", n)] = machine.fpr(n) }
    }

    /// `runtest [restart|start] [secs]`: restart (by default), then run
    /// until the CPU is in a disabled wait or the instruction allowance
    /// that stands for the time limit is used.
    private func runTest(_ args: [String]) {
        var how = "restart"
        var seconds = 0.5
        for a in args {
            if let s = Double(a) { seconds = s } else { how = a.lowercased() }
        }
        machine.state.lastProgramInterruption = nil
        if how == "restart" { machine.restart() }
        sawDisabledWait = false
        // 200 M instructions per second of Hercules time allowance, at least 10 M.
        var budget = max(10_000_000, Int(seconds * 200_000_000))
        while budget > 0 {
            let before = machine.state.instructionCount
            let slice = min(budget, 10_000_000)
            let stop = io?.run(budget: slice) ?? machine.run(budget: slice)
            budget -= Int(machine.state.instructionCount - before)
            switch stop {
            case .budgetExhausted: continue
            case .disabledWait: sawDisabledWait = true; return
            default: return
            }
        }
    }

    private func hexBytes(_ s: String) -> [UInt8] {
        let digits = Array(s.filter { $0.isHexDigit })
        var out: [UInt8] = []
        var i = 0
        while i + 1 < digits.count {
            out.append(UInt8(String(digits[i...i + 1]), radix: 16) ?? 0)
            i += 2
        }
        return out
    }

    private func hexString<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { String(format: "%02X", $0) }.joined()
    }
}
