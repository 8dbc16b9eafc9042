import Foundation
import Testing
import S370Core

/// The same random programs on vm67 and on Hercules 3.13: registers, FPRs,
/// the interruption that ended each program and its data area must agree.
@Suite("Differential against Hercules", .enabled(if: HerculesRunner.isInstalled, "Hercules is not installed (apt-get install hercules)"))
struct DifferentialTests {
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomPrograms(seed: UInt64) throws {
        let programs = RandomPrograms(seed: seed)
        let image = programs.image

        // vm67
        let machine = Machine(model: .s370, storageSize: RandomPrograms.mainsizeMB << 20)
        machine.storage.write(0, image)
        machine.restart()
        var stop = StopReason.budgetExhausted
        var budget = 50_000_000
        while stop == .budgetExhausted && budget > 0 {
            stop = machine.run(budget: 5_000_000)
            budget -= 5_000_000
        }
        #expect(stop == .disabledWait)
        #expect(machine.psw & 0xFF_FFFF == 0, "driver did not finish: \(String(machine.psw, radix: 16))")

        // Hercules
        var dumps: [(UInt32, Int)] = []
        for k in 0..<programs.count {
            dumps.append((RandomPrograms.results(k), 112))
            dumps.append((RandomPrograms.data(k), 0x800))
        }
        let hercules = try HerculesRunner.run(image: image, mainsizeMB: RandomPrograms.mainsizeMB, dumps: dumps)
        #expect(hercules.psw.hasSuffix("000000"), "Hercules driver did not finish: \(hercules.psw)")

        var mismatches: [String] = []
        for k in 0..<programs.count {
            let resultAddress = RandomPrograms.results(k)
            let ours = machine.storage.read(resultAddress, count: 112)
            guard let theirs = HerculesRunner.bytes(hercules.storage, resultAddress, 112) else {
                mismatches.append("program \(k): Hercules result missing"); continue
            }
            if ours != theirs { mismatches.append("program \(k): " + describe(ours, theirs, image: image, k: k)) }
            let dataAddress = RandomPrograms.data(k)
            let ourData = machine.storage.read(dataAddress, count: 0x800)
            if let theirData = HerculesRunner.bytes(hercules.storage, dataAddress, 0x800), ourData != theirData {
                let first = zip(ourData, theirData).enumerated().first { $0.element.0 != $0.element.1 }!.offset
                mismatches.append(String(format: "program %d: data differs at +%03X (vm67 %02X, hercules %02X)",
                                         k, first, ourData[first], theirData[first]) + " " + listing(image, k))
            }
        }
        #expect(mismatches.isEmpty, Comment(rawValue: "\(mismatches.count) of \(programs.count) programs differ:\n" + mismatches.prefix(8).joined(separator: "\n")))
    }

    func describe(_ ours: [UInt8], _ theirs: [UInt8], image: [UInt8], k: Int) -> String {
        func word(_ b: [UInt8], _ i: Int) -> String { b[i..<i + 4].map { String(format: "%02X", $0) }.joined() }
        var parts: [String] = []
        for r in 0..<16 where word(ours, 4 * r) != word(theirs, 4 * r) {
            parts.append("R\(r) vm67 \(word(ours, 4 * r)) hercules \(word(theirs, 4 * r))")
        }
        for f in 0..<4 where ours[64 + 8 * f..<72 + 8 * f] != theirs[64 + 8 * f..<72 + 8 * f] {
            parts.append("FPR\(2 * f) vm67 \(word(ours, 64 + 8 * f))\(word(ours, 68 + 8 * f)) hercules \(word(theirs, 64 + 8 * f))\(word(theirs, 68 + 8 * f))")
        }
        if ours[96..<108] != theirs[96..<108] {
            parts.append("end vm67 \(word(ours, 96))\(word(ours, 100)) kind \(word(ours, 104)) hercules \(word(theirs, 96))\(word(theirs, 100)) kind \(word(theirs, 104))")
        }
        return parts.joined(separator: ", ") + " " + listing(image, k)
    }

    /// The program's code in hex, for reproducing a mismatch.
    func listing(_ image: [UInt8], _ k: Int) -> String {
        let start = Int(RandomPrograms.base(k) + RandomPrograms.codeOffset)
        var end = start
        while end + 1 < image.count && !(image[end] == 0x0A && image[end + 1] == 0xFF) { end += 1 }
        return "code: " + image[start..<min(end + 2, start + 200)].map { String(format: "%02X", $0) }.joined()
    }
}
