import ArgumentParser
import Foundation
import S370Core

/// `vm67 core …`: the bare CPU, for scripts, benchmarks and outside checks.
struct CoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core",
        abstract: "Run flat core images on the bare CPU.",
        subcommands: [CoreRun.self]
    )
}

/// `vm67 core run IMAGE …`: loads a flat image at absolute 0, fires a
/// restart interruption, runs to a disabled wait (or the limit) and prints
/// one JSON object. The interface is stable: scripts depend on it.
struct CoreRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Load a flat core image at 0, restart, run to a disabled wait, print JSON."
    )

    @Argument(help: "Flat core image, loaded at absolute 0.")
    var image: String

    @Option(help: "Machine model: s370 or s360-67.")
    var model: String = "s370"

    @Option(name: .customLong("facility"), help: "Enable a facility (370ext). Repeatable.")
    var facilities: [String] = []

    @Option(name: .customLong("set"), help: "Store bytes before the run: ADDR=HEXBYTES (hex). Repeatable.")
    var sets: [String] = []

    @Option(name: .customLong("dump"), help: "Dump storage after the run: ADDR:LEN (hex). Repeatable.")
    var dumps: [String] = []

    @Option(name: .customLong("max-instructions"), help: "Stop after this many instructions.")
    var maxInstructions: Int = 4_000_000_000

    @Option(name: .customLong("storage"), help: "Storage size in KB (hex not allowed here).")
    var storageKB: Int = 16384

    func run() throws {
        guard let machineModel = MachineModel(rawValue: model) else {
            throw ValidationError("unknown model '\(model)': use s370 or s360-67")
        }
        var facilitySet: Facilities = []
        for f in facilities {
            switch f.lowercased() {
            case "370ext": facilitySet.insert(.ext370)
            default: throw ValidationError("unknown facility '\(f)': known is 370ext")
            }
        }
        guard let data = FileManager.default.contents(atPath: image) else {
            throw ValidationError("cannot read core image '\(image)'")
        }
        let machine = Machine(model: machineModel, storageSize: storageKB * 1024, facilities: facilitySet)
        guard data.count <= machine.storage.size else {
            throw ValidationError("core image '\(image)' is \(data.count) bytes, larger than storage (\(machine.storage.size))")
        }
        machine.storage.write(0, [UInt8](data))
        for item in sets {
            let (address, bytes) = try parseSet(item)
            guard machine.storage.contains(address, count: bytes.count) else {
                throw ValidationError("--set \(item): outside storage")
            }
            machine.storage.write(address, bytes)
        }
        var dumpRanges: [(String, UInt32, Int)] = []
        for item in dumps {
            let parts = item.split(separator: ":")
            guard parts.count == 2, let a = UInt32(parts[0], radix: 16), let n = Int(parts[1], radix: 16) else {
                throw ValidationError("--dump \(item): expected ADDR:LEN in hex")
            }
            dumpRanges.append((item, a, n))
        }

        machine.restart()
        let start = DispatchTime.now().uptimeNanoseconds
        var stop = "limit"
        var remaining = maxInstructions
        runLoop: while remaining > 0 {
            let before = machine.state.instructionCount
            let reason = machine.run(budget: min(remaining, 50_000_000))
            remaining -= Int(machine.state.instructionCount - before)
            switch reason {
            case .budgetExhausted, .woken: continue
            case .disabledWait: stop = "disabled-wait"; break runLoop
            case .wait: stop = "enabled-wait"; break runLoop
            case .intercept(let what): stop = "intercept \(what)"; break runLoop
            case .ioInterruptionPending: stop = "io-interruption"; break runLoop
            case .stopRequested: stop = "stopped"; break runLoop
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        func hex32(_ v: UInt32) -> String { String(format: "%08X", v) }
        func hex64(_ v: UInt64) -> String { String(format: "%016llX", v) }
        var fields: [String] = []
        fields.append("\"stop\":\"\(stop)\"")
        fields.append("\"psw\":\"\(hex64(machine.psw))\"")
        fields.append("\"gpr\":[" + (0..<16).map { "\"\(hex32(machine.gpr($0)))\"" }.joined(separator: ",") + "]")
        fields.append("\"fpr\":[" + [0, 2, 4, 6].map { "\"\(hex64(machine.fpr($0)))\"" }.joined(separator: ",") + "]")
        fields.append("\"cr\":[" + (0..<16).map { "\"\(hex32(machine.cr($0)))\"" }.joined(separator: ",") + "]")
        fields.append("\"instructions\":\(machine.state.instructionCount)")
        fields.append("\"seconds\":\(String(format: "%.6f", seconds))")
        var dumpFields: [String] = []
        for (key, a, n) in dumpRanges {
            let available = max(0, min(n, machine.storage.size - Int(a)))
            let bytes = available > 0 ? machine.storage.read(a, count: available) : []
            dumpFields.append("\"\(key)\":\"" + bytes.map { String(format: "%02X", $0) }.joined() + "\"")
        }
        fields.append("\"dumps\":{" + dumpFields.joined(separator: ",") + "}")
        print("{" + fields.joined(separator: ",") + "}")
    }

    private func parseSet(_ item: String) throws -> (UInt32, [UInt8]) {
        let parts = item.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let address = UInt32(parts[0], radix: 16), parts[1].count % 2 == 0 else {
            throw ValidationError("--set \(item): expected ADDR=HEXBYTES")
        }
        var bytes: [UInt8] = []
        var i = parts[1].startIndex
        while i < parts[1].endIndex {
            let j = parts[1].index(i, offsetBy: 2)
            guard let b = UInt8(parts[1][i..<j], radix: 16) else {
                throw ValidationError("--set \(item): '\(parts[1][i..<j])' is not hex")
            }
            bytes.append(b)
            i = j
        }
        return (address, bytes)
    }
}
