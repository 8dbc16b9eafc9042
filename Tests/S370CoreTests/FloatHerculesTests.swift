import Foundation
import Testing
import S370Core

extension FloatTests {
    /// Differential check against Hercules 3.13: Tests/FloatVectors/hercules-float-vectors.txt
    /// holds ~3000 HFP cases (edge-biased random operands for every S/370
    /// floating-point instruction, under every program mask, plus invalid
    /// register numbers) with the results Hercules 3.13 computed for them in
    /// S/370 mode. Tests/FloatVectors/hercules_float_vectors.py regenerates the file.
    /// Each case is replayed here on a fresh run of the instruction.
    @Suite("Versus Hercules 3.13")
    struct VersusHercules {
        struct Vector: CustomStringConvertible {
            let line: Int
            let mnemonic: String
            let instruction: [UInt8]
            let fprs: [UInt64]
            let operand: UInt64
            let conditionCode: UInt8
            let programMask: UInt8
            let expectedFPRs: [UInt64]
            let expectedOperand: UInt64
            let expectedCC: UInt8
            let expectedCode: UInt16

            var description: String { "line \(line): \(mnemonic) \(instruction.map { String(format: "%02X", $0) }.joined())" }
        }

        /// Tests/FloatVectors/hercules-float-vectors.txt (outside the test target's
        /// folder, so SwiftPM doesn't ask for it to be declared as a resource).
        /// (The environment variable HFP_VECTORS names another file, for big
        /// one-off runs: `hercules_float_vectors.py --per-op 2000 --out …`.)
        static let fileURL = ProcessInfo.processInfo.environment["HFP_VECTORS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // S370CoreTests
            .deletingLastPathComponent()   // Tests
            .appendingPathComponent("FloatVectors/hercules-float-vectors.txt")

        /// All vectors of the file, by mnemonic.
        static let vectors: [String: [Vector]] = {
            guard let text = try? String(contentsOf: fileURL, encoding: .utf8) else { return [:] }
            var table: [String: [Vector]] = [:]
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("#") || line.isEmpty { continue }
                let f = line.split(separator: " ").map(String.init)
                // MNEMONIC INSTR FPR×4 OPERAND SPM -> FPR×4 OPERAND CC PM CODE
                precondition(f.count == 17 && f[8] == "->", "malformed vector line \(index + 1)")
                let hex64 = { (s: String) in UInt64(s, radix: 16)! }
                let instruction = stride(from: 0, to: 8, by: 2).map { i in
                    UInt8(f[1].dropFirst(i).prefix(2), radix: 16)!
                }
                let length = instruction[0] < 0x40 ? 2 : 4
                let spm = UInt8(f[7], radix: 16)!
                let v = Vector(line: index + 1, mnemonic: f[0], instruction: Array(instruction.prefix(length)),
                               fprs: f[2...5].map(hex64), operand: hex64(f[6]),
                               conditionCode: spm >> 4, programMask: spm & 0xF,
                               expectedFPRs: f[9...12].map(hex64), expectedOperand: hex64(f[13]),
                               expectedCC: UInt8(f[14])!, expectedCode: UInt16(f[16], radix: 16)!)
                table[v.mnemonic, default: []].append(v)
            }
            return table
        }()

        static let mnemonics: [String] = [
            "LPDR", "LNDR", "LTDR", "LCDR", "HDR", "LRDR", "MXR", "MXDR", "LDR", "CDR", "ADR", "SDR",
            "MDR", "DDR", "AWR", "SWR", "LPER", "LNER", "LTER", "LCER", "HER", "LRER", "AXR", "SXR",
            "LER", "CER", "AER", "SER", "MER", "DER", "AUR", "SUR", "STD", "MXD", "LD", "CD", "AD",
            "SD", "MD", "DD", "AW", "SW", "STE", "LE", "CE", "AE", "SE", "ME", "DE", "AU", "SU",
        ]

        /// Where the storage operand goes; RX instructions address it as 40(0,R10).
        static let operandAddress: UInt32 = 0x3000

        @Test("vector file present")
        func fileLoaded() {
            #expect(!Self.vectors.isEmpty, "FloatVectors/hercules-float-vectors.txt is missing or empty")
        }

        @Test("instruction matches Hercules", arguments: mnemonics)
        func replay(_ mnemonic: String) {
            let vectors = Self.vectors[mnemonic] ?? []
            #expect(!vectors.isEmpty, "no Hercules vectors for \(mnemonic)")
            let m = TestMachine()
            m.gpr[10] = Self.operandAddress - 40
            for v in vectors {
                for (i, value) in v.fprs.enumerated() { m.machine.setFPR(2 * i, value) }
                m.setDouble(Self.operandAddress, v.operand)
                let r = m.run(v.instruction, cc: v.conditionCode, programMask: v.programMask)
                let code = r.programInterruption ?? 0
                let fprs = (0..<4).map { m.machine.fpr(2 * $0) }
                let ok = code == v.expectedCode && r.cc == v.expectedCC && fprs == v.expectedFPRs
                    && m.double(Self.operandAddress) == v.expectedOperand
                    && (code != 0 || r.completed)
                #expect(ok, """
                    \(v): got FPRs \(fprs.map(hex)) operand \(hex(m.double(Self.operandAddress))) \
                    CC \(r.cc) code \(code); Hercules: \(v.expectedFPRs.map(hex)) \
                    \(hex(v.expectedOperand)) CC \(v.expectedCC) code \(v.expectedCode)
                    """)
            }
        }

        private func hex(_ v: UInt64) -> String { String(format: "%016llX", v) }
    }
}
