import Foundation
import Testing
import S370Spec

/// The 370-extensions facility is defined as what GCC emits for
/// `-m31 -march=z900 -mesa`: compile guest/probe/ext370-probe.c at every
/// optimisation level, disassemble it, and check that every instruction is
/// in the table and available on an S/370 with that facility.
enum CrossTools {
    static let gcc = "/usr/bin/s390x-linux-gnu-gcc"
    static let objdump = "/usr/bin/s390x-linux-gnu-objdump"
    static var installed: Bool {
        FileManager.default.isExecutableFile(atPath: gcc) && FileManager.default.isExecutableFile(atPath: objdump)
    }
}

@Suite("GCC facility probe", .enabled(if: CrossTools.installed,
                                      "s390x cross compiler not installed (apt-get install gcc-s390x-linux-gnu)"))
struct GCCFacilityProbeTests {
    static let gcc = CrossTools.gcc
    static let objdump = CrossTools.objdump

    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("guest/probe/ext370-probe.c")

    /// objdump prints branches with extended mnemonics; these map them to
    /// the table's machine mnemonics.
    static func machineMnemonic(_ m: String) -> String {
        let upper = m.uppercased()
        if InstructionTable.named(upper) != nil { return upper }
        if upper == "NOPR" || upper == "BR" || (upper.hasPrefix("B") && upper.hasSuffix("R") && upper.count <= 5) { return "BCR" }
        if upper.hasPrefix("JG") || upper.hasPrefix("BRUL") { return "BRCL" }
        if upper.hasPrefix("J") { return "BRC" }
        if upper == "NOP" || upper == "B" || (upper.hasPrefix("B") && upper.count <= 4) { return "BC" }
        return upper
    }

    func run(_ tool: String, _ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["-O0", "-O1", "-O2", "-O3", "-Os"])
    func everyEmittedInstructionIsInTheTable(optimisation: String) throws {
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-probe\(optimisation).o").path
        defer { try? FileManager.default.removeItem(atPath: object) }
        let (status, output) = try run(Self.gcc, ["-m31", "-march=z900", "-mesa", "-msoft-float", "-ffreestanding",
                                                  "-nostdlib", optimisation, "-c", Self.source.path, "-o", object])
        #expect(status == 0, "gcc failed: \(output)")
        guard status == 0 else { return }
        let (_, listing) = try run(Self.objdump, ["-d", object])
        var found: Set<String> = []
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 3 else { continue }
            let mnemonic = fields[2].split(separator: " ").first.map(String.init) ?? ""
            if !mnemonic.isEmpty { found.insert(mnemonic) }
        }
        #expect(found.count > 20, "disassembly looks empty")
        for m in found.sorted() {
            let name = Self.machineMnemonic(m)
            let row = InstructionTable.named(name)
            #expect(row != nil, "GCC emits \(m) (\(name)), which the instruction table lacks")
            if let row {
                #expect(row.isAvailable(on: .s370, facilities: [.ext370]),
                        "GCC emits \(m), which is not available on S/370 with the 370 extensions")
            }
        }
    }
}
