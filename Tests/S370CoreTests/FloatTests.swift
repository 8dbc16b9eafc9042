import Testing
import S370Core

/// Hand-made vectors for the HFP instructions (S/370 PoO GA22-7000,
/// "Floating-Point Instructions", and the examples of appendix A). Each case
/// runs one instruction on a TestMachine whose four FPRs start out as
/// distinct filler values; registers a case doesn't name must come out
/// unchanged. RX operands are at X'2000', addressed as 0(0,R10).
///
/// The implementation these vectors run against is also checked on ~3000
/// random vectors against Hercules 3.13 (FloatTests.VersusHercules), and was on
/// two one-off runs of 76,500 more (generator seeds 1 and 2, --per-op 1500).
/// FloatTests.Conformance runs Hercules' float.core.
@Suite("Float")
struct FloatTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        var code: [UInt8]
        /// FPRs set before the run (others keep their filler).
        var fprs: [Int: UInt64] = [:]
        /// The doubleword at X'2000' (a short operand is its left half).
        var operand: UInt64 = 0xEEEE_EEEE_EEEE_EEEE
        var programMask: UInt8 = 0
        /// Condition code before the run; 3 so that "unchanged" shows.
        var cc: UInt8 = 3
        /// FPRs after the run (others must equal what they were before).
        var expect: [Int: UInt64] = [:]
        var expectCC: UInt8 = 3
        /// The program interruption code, nil when the instruction completes.
        var interruption: UInt16? = nil
        /// The doubleword at X'2000' afterwards (stores), when checked.
        var expectOperand: UInt64? = nil
        var model: MachineModel = .s370

        var testDescription: String { name }
    }

    static let operandAddress: UInt32 = 0x2000
    static let filler: [UInt64] = [0x0102_0304_0506_0708, 0x1112_1314_1516_1718,
                                   0x2122_2324_2526_2728, 0x3132_3334_3536_3738]

    static func run(_ c: Case) {
        let m = c.model == .s370 ? TestMachine() : TestMachine(model: .s360_67, facilities: [])
        for i in 0..<4 { m.machine.setFPR(2 * i, filler[i]) }
        for (r, v) in c.fprs { m.machine.setFPR(r, v) }
        let before = (0..<4).map { m.machine.fpr(2 * $0) }
        m.gpr[10] = operandAddress
        m.setDouble(operandAddress, c.operand)
        let r = m.run(c.code, cc: c.cc, programMask: c.programMask)
        if let code = c.interruption {
            #expect(r.programInterruption == code, "interruption code")
        } else {
            #expect(r.completed, "completes (got interruption \(r.programInterruption.map { String($0, radix: 16) } ?? "none"))")
        }
        #expect(r.cc == c.expectCC, "condition code")
        for i in 0..<4 {
            let n = 2 * i
            let want = c.expect[n] ?? before[i]
            #expect(m.machine.fpr(n) == want,
                    "FPR\(n) = \(hex(m.machine.fpr(n))), expected \(hex(want))")
        }
        if let want = c.expectOperand {
            #expect(m.double(operandAddress) == want, "storage operand \(hex(m.double(operandAddress)))")
        }
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

// MARK: - Encoding helpers

/// RR instruction bytes.
private func rr(_ op: UInt8, _ r1: Int, _ r2: Int) -> [UInt8] { [op, UInt8(r1 << 4 | r2)] }
/// RX instruction addressing the operand at 0(0,R10).
private func rx(_ op: UInt8, _ r1: Int) -> [UInt8] { [op, UInt8(r1 << 4), 0xA0, 0x00] }
/// A register holding a short number in its left half and `low` in its right half.
private func sh(_ word: UInt32, low: UInt32 = 0x0BAD_F00D) -> UInt64 { UInt64(word) << 32 | UInt64(low) }

// Opcodes.
private let LPDR: UInt8 = 0x20, LNDR: UInt8 = 0x21, LTDR: UInt8 = 0x22, LCDR: UInt8 = 0x23
private let HDR: UInt8 = 0x24, LRDR: UInt8 = 0x25, MXR: UInt8 = 0x26, MXDR: UInt8 = 0x27
private let LDR: UInt8 = 0x28, CDR: UInt8 = 0x29, ADR: UInt8 = 0x2A, SDR: UInt8 = 0x2B
private let MDR: UInt8 = 0x2C, DDR: UInt8 = 0x2D, AWR: UInt8 = 0x2E, SWR: UInt8 = 0x2F
private let LPER: UInt8 = 0x30, LNER: UInt8 = 0x31, LTER: UInt8 = 0x32, LCER: UInt8 = 0x33
private let HER: UInt8 = 0x34, LRER: UInt8 = 0x35, AXR: UInt8 = 0x36, SXR: UInt8 = 0x37
private let LER: UInt8 = 0x38, CER: UInt8 = 0x39, AER: UInt8 = 0x3A, SER: UInt8 = 0x3B
private let MER: UInt8 = 0x3C, DER: UInt8 = 0x3D, AUR: UInt8 = 0x3E, SUR: UInt8 = 0x3F
private let STD: UInt8 = 0x60, MXD: UInt8 = 0x67, LD: UInt8 = 0x68, CD: UInt8 = 0x69
private let AD: UInt8 = 0x6A, SD: UInt8 = 0x6B, MD: UInt8 = 0x6C, DD: UInt8 = 0x6D
private let AW: UInt8 = 0x6E, SW: UInt8 = 0x6F, STE: UInt8 = 0x70, LE: UInt8 = 0x78
private let CE: UInt8 = 0x79, AE: UInt8 = 0x7A, SE: UInt8 = 0x7B, ME: UInt8 = 0x7C
private let DE: UInt8 = 0x7D, AU: UInt8 = 0x7E, SU: UInt8 = 0x7F

/// Program-mask bits.
private let underflowMask: UInt8 = 0x2, significanceMask: UInt8 = 0x1

private typealias Case = FloatTests.Case

// MARK: - Loads, stores and sign control

extension FloatTests {
    static let loadStore: [Case] = [
        Case(name: "LER copies the left half, keeps the right half of R1",
             code: rr(LER, 2, 4), fprs: [4: 0xC1123456_89ABCDEF],
             expect: [2: sh(0xC112_3456, low: 0x1516_1718)]),
        Case(name: "LDR copies all 64 bits, unnormalized and all",
             code: rr(LDR, 6, 0), fprs: [0: 0x80000000_00000001], expect: [6: 0x80000000_00000001]),
        Case(name: "LE loads the left half only", code: rx(LE, 0), operand: 0x4212_3456_FFFF_FFFF,
             expect: [0: 0x4212_3456_0506_0708]),
        Case(name: "LD", code: rx(LD, 4), operand: 0x0012_3456_789A_BCDE, expect: [4: 0x0012_3456_789A_BCDE]),
        Case(name: "STE stores the left half", code: rx(STE, 6), fprs: [6: 0x41100000_22222222],
             expectOperand: 0x4110_0000_EEEE_EEEE),
        Case(name: "STD stores the doubleword", code: rx(STD, 2), fprs: [2: 0xC1100000_22222222],
             expectOperand: 0xC110_0000_2222_2222),
        Case(name: "LE into FPR1: specification", code: rx(LE, 1), interruption: 0x06),
        Case(name: "STD from FPR8: specification, storage unchanged", code: rx(STD, 8),
             interruption: 0x06, expectOperand: 0xEEEE_EEEE_EEEE_EEEE),
        Case(name: "LDR with R2 = 3: specification", code: rr(LDR, 0, 3), interruption: 0x06),
        Case(name: "360/67: LE from a halfword boundary is a specification exception",
             code: [LE, 0x00, 0xA0, 0x02], interruption: 0x06, model: .s360_67),
        Case(name: "360/67: LD from a word boundary is a specification exception",
             code: [LD, 0x00, 0xA0, 0x04], interruption: 0x06, model: .s360_67),
        Case(name: "S/370: LD from a word boundary is fine",
             code: [LD, 0x00, 0xA0, 0x04], operand: 0x1111_1111_4110_0000,
             expect: [0: 0x4110_0000_0000_0000]),
        Case(name: "360/67: STE and LE on a word boundary", code: rx(STE, 2) + rx(LE, 4),
             fprs: [2: 0x41200000_00000000], expect: [4: 0x4120_0000_2526_2728],
             expectOperand: 0x4120_0000_EEEE_EEEE, model: .s360_67),
    ]

    static let signControl: [Case] = [
        Case(name: "LPER of a negative number: CC 2", code: rr(LPER, 0, 2), fprs: [2: 0xC1100000_12345678],
             expect: [0: sh(0x4110_0000, low: 0x0506_0708)], expectCC: 2),
        Case(name: "LPER of -0 with a characteristic: CC 0, no normalization", code: rr(LPER, 0, 2),
             fprs: [2: 0xC5000000_00000000], expect: [0: sh(0x4500_0000, low: 0x0506_0708)], expectCC: 0),
        Case(name: "LNER: CC 1 even for a positive number", code: rr(LNER, 4, 4), fprs: [4: 0x41100000_00000000],
             expect: [4: 0xC1100000_00000000], expectCC: 1),
        Case(name: "LNER of zero fraction: sign made minus, CC 0", code: rr(LNER, 4, 4), fprs: [4: 0x00000000_77777777],
             expect: [4: 0x80000000_77777777], expectCC: 0),
        Case(name: "LTER of an unnormalized negative number: CC 1", code: rr(LTER, 6, 6), fprs: [6: 0xC0000001_00000000],
             expect: [6: 0xC0000001_00000000], expectCC: 1),
        Case(name: "LTER looks only at the short fraction", code: rr(LTER, 6, 0), fprs: [0: 0x41000000_FFFFFFFF],
             expect: [6: sh(0x4100_0000, low: 0x3536_3738)], expectCC: 0),
        Case(name: "LCER flips the sign: CC 2", code: rr(LCER, 0, 2), fprs: [2: 0xC2123456_00000000],
             expect: [0: sh(0x4212_3456, low: 0x0506_0708)], expectCC: 2),
        Case(name: "LPDR: CC 2", code: rr(LPDR, 2, 6), fprs: [6: 0xBF000000_00000001],
             expect: [2: 0x3F000000_00000001], expectCC: 2),
        Case(name: "LPDR of zero: CC 0", code: rr(LPDR, 2, 6), fprs: [6: 0x80000000_00000000],
             expect: [2: 0x00000000_00000000], expectCC: 0),
        Case(name: "LNDR: CC 1", code: rr(LNDR, 0, 0), fprs: [0: 0x41100000_00000000],
             expect: [0: 0xC1100000_00000000], expectCC: 1),
        Case(name: "LTDR: a nonzero fraction in the low word counts", code: rr(LTDR, 4, 2),
             fprs: [2: 0x40000000_00000001], expect: [4: 0x40000000_00000001], expectCC: 2),
        Case(name: "LTDR of -0: CC 0", code: rr(LTDR, 4, 2), fprs: [2: 0xFF000000_00000000],
             expect: [4: 0xFF000000_00000000], expectCC: 0),
        Case(name: "LCDR: CC 1", code: rr(LCDR, 6, 4), fprs: [4: 0x41100000_00000000],
             expect: [6: 0xC1100000_00000000], expectCC: 1),
        Case(name: "LCDR with R1 = 5: specification", code: rr(LCDR, 5, 4), interruption: 0x06),
    ]

    @Test(arguments: loadStore) func loadAndStore(_ c: Case) { Self.run(c) }
    @Test(arguments: signControl) func signControlLoads(_ c: Case) { Self.run(c) }
}

// MARK: - Add and subtract

extension FloatTests {
    static let addShort: [Case] = [
        // PoO appendix A, "Floating-Point Instructions": ADD NORMALIZED.
        Case(name: "PoO: AE C3082100 + 41123456 = C280ECBB, right half unchanged, CC 1",
             code: rx(AE, 6), fprs: [6: 0xC3082100_00000000], operand: 0x41123456_00000000,
             expect: [6: 0xC280ECBB_00000000], expectCC: 1),
        Case(name: "1.0 + 1.0 = 2.0", code: rr(AER, 0, 2), fprs: [0: sh(0x4110_0000), 2: sh(0x4110_0000)],
             expect: [0: sh(0x4120_0000)], expectCC: 2),
        Case(name: "carry: 0.8 + 0.8 shifts right one digit", code: rr(AER, 0, 2),
             fprs: [0: sh(0x4180_0000), 2: sh(0x4180_0000)], expect: [0: sh(0x4210_0000)], expectCC: 2),
        Case(name: "guard digit: 1.0 − 0.0FFFFFF = 16**-6 (3B100000)", code: rr(SER, 0, 2),
             fprs: [0: sh(0x4110_0000), 2: sh(0x40FF_FFFF)], expect: [0: sh(0x3B10_0000)], expectCC: 2),
        Case(name: "truncation, no rounding: 41100000 + 40FFFFFF = 411FFFFF", code: rr(AER, 0, 2),
             fprs: [0: sh(0x4110_0000), 2: sh(0x40FF_FFFF)], expect: [0: sh(0x411F_FFFF)], expectCC: 2),
        Case(name: "digits beyond the guard digit are lost: 41100000 + 3F100001 = 41101000",
             code: rr(AER, 0, 2), fprs: [0: sh(0x4110_0000), 2: sh(0x3F10_0001)],
             expect: [0: sh(0x4110_1000)], expectCC: 2),
        Case(name: "normalization of a difference: 41123456 − 41123455 = 3C100000",
             code: rr(SER, 4, 6), fprs: [4: sh(0x4112_3456), 6: sh(0x4112_3455)],
             expect: [4: sh(0x3C10_0000)], expectCC: 2),
        Case(name: "unnormalized operands are normalized: 44000012 + 0 = 40120000", code: rr(AER, 4, 6),
             fprs: [4: sh(0x4400_0012), 6: sh(0x0000_0000)], expect: [4: sh(0x4012_0000)], expectCC: 2),
        Case(name: "a zero with a big characteristic swamps a small number", code: rr(AER, 4, 6),
             fprs: [4: sh(0x4800_0000), 6: sh(0x4010_0000)], expect: [4: sh(0x0000_0000)], expectCC: 0),
        Case(name: "negative result: CC 1", code: rr(SER, 2, 0), fprs: [0: sh(0x4120_0000), 2: sh(0x4110_0000)],
             expect: [2: sh(0xC110_0000)], expectCC: 1),
        Case(name: "SER R1 = R2: true zero, CC 0", code: rr(SER, 2, 2), fprs: [2: sh(0xC1123456)],
             expect: [2: sh(0x0000_0000)], expectCC: 0),
        Case(name: "significance, mask off: true zero", code: rr(AER, 0, 2),
             fprs: [0: sh(0x4212_3456), 2: sh(0xC212_3456)], expect: [0: sh(0x0000_0000)], expectCC: 0),
        Case(name: "significance, mask on: zero fraction keeps the characteristic, plus sign",
             code: rr(AER, 0, 2), fprs: [0: sh(0xC212_3456), 2: sh(0x4212_3456)], programMask: significanceMask,
             expect: [0: sh(0x4200_0000)], expectCC: 0, interruption: 0x0E),
        Case(name: "significance, mask on: characteristic of the larger operand",
             code: rx(SE, 0), fprs: [0: sh(0x4110_0000)], operand: 0x42010000_00000000,
             programMask: significanceMask, expect: [0: sh(0x4200_0000)], expectCC: 0, interruption: 0x0E),
        Case(name: "two true zeros, mask on: significance", code: rr(AER, 0, 2),
             fprs: [0: sh(0), 2: sh(0x8000_0000)], programMask: significanceMask,
             expect: [0: sh(0)], expectCC: 0, interruption: 0x0E),
        Case(name: "exponent underflow, mask off: true zero", code: rr(SER, 0, 2),
             fprs: [0: sh(0x0010_0000), 2: sh(0x0008_0000)], expect: [0: sh(0)], expectCC: 0),
        Case(name: "exponent underflow, mask on: characteristic + 128", code: rr(SER, 0, 2),
             fprs: [0: sh(0x0010_0000), 2: sh(0x0008_0000)], programMask: underflowMask,
             expect: [0: sh(0x7F80_0000)], expectCC: 2, interruption: 0x0D),
        Case(name: "exponent underflow, negative, mask on", code: rr(AER, 0, 2),
             fprs: [0: sh(0x8110_0000), 2: sh(0x0110_0001)], programMask: underflowMask | significanceMask,
             expect: [0: sh(0x7C10_0000)], expectCC: 2, interruption: 0x0D),
        Case(name: "exponent overflow: characteristic − 128, always interrupts", code: rr(AER, 0, 2),
             fprs: [0: sh(0x7F80_0000), 2: sh(0x7F80_0000)], expect: [0: sh(0x0010_0000)], expectCC: 2,
             interruption: 0x0C),
        Case(name: "exponent overflow of a negative sum", code: rx(SE, 6), fprs: [6: sh(0xFFFF_FFFF)],
             operand: 0x7F000001_00000000, expect: [6: sh(0x8010_0000)], expectCC: 1, interruption: 0x0C),
        Case(name: "AER with R2 = 1: specification, nothing changed", code: rr(AER, 0, 1),
             interruption: 0x06),
        // ADD UNNORMALIZED.
        Case(name: "PoO: AU C3082100 + 41123456 = C3080ECB, CC 1", code: rx(AU, 6),
             fprs: [6: 0xC3082100_00000000], operand: 0x41123456_00000000,
             expect: [6: 0xC3080ECB_00000000], expectCC: 1),
        Case(name: "AUR: carry still shifts right", code: rr(AUR, 0, 2),
             fprs: [0: sh(0x41F0_0000), 2: sh(0x4120_0000)], expect: [0: sh(0x4211_0000)], expectCC: 2),
        Case(name: "AUR keeps leading zeros: 41123456 − 41123455 = 41000001", code: rr(SUR, 0, 2),
             fprs: [0: sh(0x4112_3456), 2: sh(0x4112_3455)], expect: [0: sh(0x4100_0001)], expectCC: 2),
        Case(name: "AUR: zero result fraction (guard digit dropped), mask off: true zero",
             code: rr(AUR, 0, 2), fprs: [0: sh(0x4100_0001), 2: sh(0xC000_0001)],
             expect: [0: sh(0)], expectCC: 0),
        Case(name: "AER on the same operands normalizes the guard digit in", code: rr(AER, 0, 2),
             fprs: [0: sh(0x4100_0001), 2: sh(0xC000_0001)], expect: [0: sh(0x3BF0_0000)], expectCC: 2),
        Case(name: "SUR: significance, mask on", code: rr(SUR, 4, 4), fprs: [4: sh(0x4512_3456)],
             programMask: significanceMask, expect: [4: sh(0x4500_0000)], expectCC: 0, interruption: 0x0E),
        Case(name: "SU: no underflow even with a tiny characteristic", code: rx(SU, 2),
             fprs: [2: sh(0x0012_3456)], operand: 0x00123455_00000000, programMask: underflowMask,
             expect: [2: sh(0x0000_0001)], expectCC: 2),
        Case(name: "AU: exponent overflow", code: rx(AU, 2), fprs: [2: sh(0x7FF0_0000)],
             operand: 0x7F100000_00000000, expect: [2: sh(0x0010_0000)], expectCC: 2, interruption: 0x0C),
    ]

    static let addLong: [Case] = [
        Case(name: "PoO: AD C3082100… + 41123456… = C280ECBA A0000000", code: rx(AD, 6),
             fprs: [6: 0xC3082100_00000000], operand: 0x41123456_00000000,
             expect: [6: 0xC280ECBA_A0000000], expectCC: 1),
        Case(name: "ADR: guard digit over 14 digits", code: rr(SDR, 0, 2),
             fprs: [0: 0x41100000_00000000, 2: 0x40FFFFFF_FFFFFFFF], expect: [0: 0x33100000_00000000], expectCC: 2),
        Case(name: "ADR: truncation", code: rr(ADR, 0, 2),
             fprs: [0: 0x41100000_00000000, 2: 0x40FFFFFF_FFFFFFFF], expect: [0: 0x411FFFFF_FFFFFFFF], expectCC: 2),
        Case(name: "SD: significance, mask on", code: rx(SD, 4), fprs: [4: 0xC3123456_789ABCDE],
             operand: 0xC3123456_789ABCDE, programMask: significanceMask,
             expect: [4: 0x43000000_00000000], expectCC: 0, interruption: 0x0E),
        Case(name: "SDR: underflow, mask off", code: rr(SDR, 4, 6),
             fprs: [4: 0x00100000_00000000, 6: 0x000FFFFF_FFFFFFFF], expect: [4: 0], expectCC: 0),
        Case(name: "SDR: underflow, mask on (14 digits of shift)", code: rr(SDR, 4, 6),
             fprs: [4: 0x00100000_00000000, 6: 0x000FFFFF_FFFFFFFF], programMask: underflowMask,
             expect: [4: 0x73100000_00000000], expectCC: 2, interruption: 0x0D),
        Case(name: "ADR: overflow", code: rr(ADR, 6, 6), fprs: [6: 0xFF900000_00000000],
             expect: [6: 0x80120000_00000000], expectCC: 1, interruption: 0x0C),
        Case(name: "AWR: PoO operands unnormalized", code: rr(AWR, 6, 0),
             fprs: [6: 0xC3082100_00000000, 0: 0x41123456_00000000],
             expect: [6: 0xC3080ECB_AA000000], expectCC: 1),
        Case(name: "SWR: result keeps its leading zeros", code: rr(SWR, 0, 2),
             fprs: [0: 0x4E000000_00000003, 2: 0x4E000000_00000001], expect: [0: 0x4E000000_00000002], expectCC: 2),
        Case(name: "AW: significance, mask off", code: rx(AW, 2), fprs: [2: 0x50000000_00000000],
             operand: 0xC0000000_00000000, expect: [2: 0], expectCC: 0),
        Case(name: "SW: significance, mask on", code: rx(SW, 2), fprs: [2: 0x50000000_00000000],
             operand: 0x40000000_00000000, programMask: significanceMask,
             expect: [2: 0x50000000_00000000], expectCC: 0, interruption: 0x0E),
        Case(name: "ADR with R1 = 7: specification", code: rr(ADR, 7, 0), interruption: 0x06),
    ]

    @Test(arguments: addShort) func addSubtractShort(_ c: Case) { Self.run(c) }
    @Test(arguments: addLong) func addSubtractLong(_ c: Case) { Self.run(c) }
}

// MARK: - Compare

extension FloatTests {
    static let compare: [Case] = [
        // PoO appendix A: COMPARE.
        Case(name: "PoO: CDR 43000000… (zero) vs 35123456 789ABCDE: low", code: rr(CDR, 4, 6),
             fprs: [4: 0x43000000_00000000, 6: 0x35123456_789ABCDE], cc: 0, expectCC: 1),
        Case(name: "PoO: … vs 34123456 789ABCDE: equal (shifted past the guard digit)", code: rr(CDR, 4, 6),
             fprs: [4: 0x43000000_00000000, 6: 0x34123456_789ABCDE], expectCC: 0),
        Case(name: "PoO: 41001234 56789ABC equals 3F123456 789ABC0F", code: rr(CDR, 4, 6),
             fprs: [4: 0x41001234_56789ABC, 6: 0x3F123456_789ABC0F], expectCC: 0),
        Case(name: "PoO: … but not 3F123456 789ABC1F", code: rr(CDR, 4, 6),
             fprs: [4: 0x41001234_56789ABC, 6: 0x3F123456_789ABC1F], expectCC: 1),
        Case(name: "+0 equals −0", code: rr(CER, 0, 2), fprs: [0: sh(0x0000_0000), 2: sh(0x8000_0000)], expectCC: 0),
        Case(name: "zero fractions with different characteristics are equal", code: rr(CER, 0, 2),
             fprs: [0: sh(0x4100_0000), 2: sh(0xC700_0000)], expectCC: 0),
        Case(name: "unnormalized and normalized forms of 1.0 are equal", code: rr(CER, 0, 2),
             fprs: [0: sh(0x4110_0000), 2: sh(0x4201_0000)], expectCC: 0),
        Case(name: "CER: first low", code: rr(CER, 0, 2), fprs: [0: sh(0x4110_0000), 2: sh(0x4120_0000)], expectCC: 1),
        Case(name: "CER: first high (negative numbers)", code: rr(CER, 0, 2),
             fprs: [0: sh(0xC110_0000), 2: sh(0xC120_0000)], expectCC: 2),
        Case(name: "CER compares only the left halves", code: rr(CER, 0, 2),
             fprs: [0: sh(0x4110_0000, low: 1), 2: sh(0x4110_0000, low: 2)], expectCC: 0),
        Case(name: "CE: storage operand", code: rx(CE, 6), fprs: [6: sh(0x4110_0000)],
             operand: 0xC1100000_00000000, expectCC: 2),
        Case(name: "CD: storage operand", code: rx(CD, 6), fprs: [6: 0x41100000_00000000],
             operand: 0x41100000_00000001, expectCC: 1),
        Case(name: "no significance or underflow interruption with every mask on", code: rr(CDR, 0, 2),
             fprs: [0: 0x00100000_00000000, 2: 0x00100000_00000000], programMask: 0x3, expectCC: 0),
        Case(name: "CER with R1 = 10: specification, CC unchanged", code: rr(CER, 10, 2), interruption: 0x06),
    ]

    @Test(arguments: compare) func compareInstructions(_ c: Case) { Self.run(c) }
}

// MARK: - Multiply and divide

extension FloatTests {
    static let multiply: [Case] = [
        // PoO appendix A: MULTIPLY.
        Case(name: "PoO: MDR B3606060 60606060 × DA200000 20000020 = 4CC0C0C1 81818241", code: rr(MDR, 0, 2),
             fprs: [0: 0xB3606060_60606060, 2: 0xDA200000_20000020], expect: [0: 0x4CC0C0C1_81818241]),
        Case(name: "MER: 2 × 3 = 6, long result", code: rr(MER, 0, 2),
             fprs: [0: sh(0x4120_0000), 2: sh(0x4130_0000)], expect: [0: 0x41600000_00000000]),
        Case(name: "ME: the 12-digit product is exact", code: rx(ME, 4), fprs: [4: sh(0x41FF_FFFF)],
             operand: 0x41FFFFFF_00000000, expect: [4: 0x42FFFFFE_00000100]),
        Case(name: "ME: operands are prenormalized", code: rx(ME, 4), fprs: [4: sh(0x4300_0100)],
             operand: 0xC1200000_00000000, expect: [4: 0xC0200000_00000000]),
        Case(name: "MER: zero fraction gives true zero even with masks on", code: rr(MER, 0, 2),
             fprs: [0: sh(0xC500_0000), 2: sh(0x4110_0000)], programMask: 0x3, expect: [0: 0]),
        Case(name: "MDR: truncation of the 28-digit product", code: rr(MDR, 0, 2),
             fprs: [0: 0x41FFFFFF_FFFFFFFF, 2: 0x41FFFFFF_FFFFFFFF], expect: [0: 0x42FFFFFF_FFFFFFFE]),
        Case(name: "MD: underflow, mask off", code: rx(MD, 2), fprs: [2: 0x20100000_00000000],
             operand: 0x20100000_00000000, expect: [2: 0]),
        Case(name: "MD: underflow, mask on", code: rx(MD, 2), fprs: [2: 0x20100000_00000000],
             operand: 0xA0100000_00000000, programMask: underflowMask,
             expect: [2: 0xFF100000_00000000], interruption: 0x0D),
        Case(name: "MDR: a characteristic of 128 brought back by normalization is fine", code: rr(MDR, 0, 2),
             fprs: [0: 0x60100000_00000000, 2: 0x60100000_00000000], expect: [0: 0x7F100000_00000000]),
        Case(name: "MDR: overflow", code: rr(MDR, 0, 2),
             fprs: [0: 0x61100000_00000000, 2: 0x60800000_00000000], expect: [0: 0x00800000_00000000],
             interruption: 0x0C),
        Case(name: "MER: the condition code is unchanged", code: rr(MER, 0, 2),
             fprs: [0: sh(0xC110_0000), 2: sh(0x4110_0000)], cc: 1, expect: [0: 0xC1100000_00000000], expectCC: 1),
    ]

    static let divide: [Case] = [
        // PoO appendix A: DIVIDE (DER 2,0), cases A–E.
        Case(name: "PoO A: −43 082100 / +43 001234 = −42 72522F", code: rr(DER, 2, 0),
             fprs: [2: sh(0xC308_2100), 0: sh(0x4300_1234)], expect: [2: sh(0xC272_522F)]),
        Case(name: "PoO B: +42 101010 / +45 111111 = +3D F0F0F0", code: rr(DER, 2, 0),
             fprs: [2: sh(0x4210_1010), 0: sh(0x4511_1111)], expect: [2: sh(0x3DF0_F0F0)]),
        Case(name: "PoO C: +48 30000F / +41 400000 = +47 C0003C", code: rr(DER, 2, 0),
             fprs: [2: sh(0x4830_000F), 0: sh(0x4140_0000)], expect: [2: sh(0x47C0_003C)]),
        Case(name: "PoO D: +48 30000F / +41 200000 = +48 180007", code: rr(DER, 2, 0),
             fprs: [2: sh(0x4830_000F), 0: sh(0x4120_0000)], expect: [2: sh(0x4818_0007)]),
        Case(name: "PoO E: +48 180007 / +41 200000 = +47 C00038", code: rr(DER, 2, 0),
             fprs: [2: sh(0x4818_0007), 0: sh(0x4120_0000)], expect: [2: sh(0x47C0_0038)]),
        Case(name: "DD: 1/3 truncated", code: rx(DD, 0), fprs: [0: 0x41100000_00000000],
             operand: 0x41300000_00000000, expect: [0: 0x40555555_55555555]),
        Case(name: "DDR: unnormalized operands are prenormalized", code: rr(DDR, 0, 2),
             fprs: [0: 0x44000100_00000000, 2: 0xC3000002_00000000], expect: [0: 0xC3800000_00000000]),
        Case(name: "DER: zero divisor: floating-point divide, suppressed", code: rr(DER, 0, 2),
             fprs: [0: sh(0x4110_0000), 2: sh(0x4500_0000)], interruption: 0x0F),
        Case(name: "DE: zero dividend and zero divisor: floating-point divide", code: rx(DE, 0),
             fprs: [0: sh(0x0000_0000)], operand: 0x80000000_00000000, interruption: 0x0F),
        Case(name: "DE: zero dividend: true zero, right half unchanged", code: rx(DE, 0),
             fprs: [0: sh(0xC500_0000)], operand: 0x41100000_00000000, programMask: 0x3, expect: [0: sh(0)]),
        Case(name: "DER: underflow, mask off", code: rr(DER, 0, 2),
             fprs: [0: sh(0x0110_0000), 2: sh(0x7F10_0000)], expect: [0: sh(0)]),
        Case(name: "DER: underflow, mask on", code: rr(DER, 0, 2),
             fprs: [0: sh(0x0110_0000), 2: sh(0x7F20_0000)], programMask: underflowMask,
             expect: [0: sh(0x4280_0000)], interruption: 0x0D),
        Case(name: "DER: overflow", code: rr(DER, 0, 2),
             fprs: [0: sh(0x7F10_0000), 2: sh(0x0110_0000)], expect: [0: sh(0x3F10_0000)], interruption: 0x0C),
        Case(name: "DDR with R2 = 12: specification", code: rr(DDR, 0, 12), interruption: 0x06),
    ]

    @Test(arguments: multiply) func multiplyInstructions(_ c: Case) { Self.run(c) }
    @Test(arguments: divide) func divideInstructions(_ c: Case) { Self.run(c) }
}

// MARK: - Halve and load rounded

extension FloatTests {
    static let halve: [Case] = [
        // PoO appendix A: HALVE.
        Case(name: "PoO: HDR 48300000 0000000F = 48180000 00000007", code: rr(HDR, 2, 2),
             fprs: [2: 0x48300000_0000000F], expect: [2: 0x48180000_00000007]),
        Case(name: "HER: 1.0 / 2 is normalized to 40800000", code: rr(HER, 0, 2),
             fprs: [2: sh(0x4110_0000)], expect: [0: sh(0x4080_0000, low: 0x0506_0708)]),
        Case(name: "HER: the bit shifted out survives in the guard digit", code: rr(HER, 0, 0),
             fprs: [0: sh(0x4110_0001)], expect: [0: sh(0x4080_0008)]),
        Case(name: "HER: unnormalized operand is normalized", code: rr(HER, 0, 0),
             fprs: [0: sh(0xC300_0100)], expect: [0: sh(0xBF80_0000)]),
        Case(name: "HER: zero fraction gives true zero", code: rr(HER, 0, 0),
             fprs: [0: sh(0xC500_0000)], expect: [0: sh(0)]),
        Case(name: "HER: underflow, mask off", code: rr(HER, 0, 0), fprs: [0: sh(0x0010_0000)], expect: [0: sh(0)]),
        Case(name: "HER: underflow, mask on", code: rr(HER, 0, 0), fprs: [0: sh(0x0010_0000)],
             programMask: underflowMask, expect: [0: sh(0x7F80_0000)], interruption: 0x0D),
        Case(name: "HDR: the condition code is unchanged", code: rr(HDR, 4, 6),
             fprs: [6: 0xC1100000_00000000], cc: 2, expect: [4: 0xC0800000_00000000], expectCC: 2),
        Case(name: "HDR with R2 = 14: specification", code: rr(HDR, 4, 14), interruption: 0x06),
        Case(name: "360/67: HER runs with the System/370 rules (see Float.swift)", code: rr(HER, 0, 0),
             fprs: [0: sh(0x4110_0001)], expect: [0: sh(0x4080_0008)], model: .s360_67),
    ]

    static let loadRounded: [Case] = [
        Case(name: "LRER rounds up on the first dropped bit, right half of R1 unchanged", code: rr(LRER, 0, 2),
             fprs: [2: 0x41123456_80000000], expect: [0: sh(0x4112_3457, low: 0x0506_0708)]),
        Case(name: "LRER truncates below half", code: rr(LRER, 0, 2),
             fprs: [2: 0xC1123456_7FFFFFFF], expect: [0: sh(0xC112_3456, low: 0x0506_0708)]),
        Case(name: "LRER: carry out of the fraction", code: rr(LRER, 0, 0),
             fprs: [0: 0xC1FFFFFF_80000000], expect: [0: 0xC2100000_80000000]),
        Case(name: "LRER: no normalization", code: rr(LRER, 0, 0),
             fprs: [0: 0x41000001_80000000], expect: [0: 0x41000002_80000000]),
        Case(name: "LRER: exponent overflow", code: rr(LRER, 4, 6),
             fprs: [6: 0x7FFFFFFF_F0000000], expect: [4: sh(0x0010_0000, low: 0x2526_2728)], interruption: 0x0C),
        Case(name: "LRDR rounds the high part by the low part's first fraction bit", code: rr(LRDR, 6, 0),
             fprs: [0: 0x41123456_789ABCDE, 2: 0x33800000_00000000], expect: [6: 0x41123456_789ABCDF]),
        Case(name: "LRDR ignores the low part's sign and characteristic", code: rr(LRDR, 6, 4),
             fprs: [4: 0x41123456_789ABCDE, 6: 0xFF7FFFFF_FFFFFFFF], expect: [6: 0x41123456_789ABCDE]),
        Case(name: "LRDR: carry and overflow", code: rr(LRDR, 2, 4),
             fprs: [4: 0xFFFFFFFF_FFFFFFFF, 6: 0x00800000_00000000], expect: [2: 0x80100000_00000000],
             interruption: 0x0C),
        Case(name: "LRDR with R2 = 2: specification", code: rr(LRDR, 0, 2), interruption: 0x06),
        Case(name: "LRER on a 360/67: operation exception", code: rr(LRER, 0, 2), interruption: 0x01,
             model: .s360_67),
    ]

    @Test(arguments: halve) func halveInstructions(_ c: Case) { Self.run(c) }
    @Test(arguments: loadRounded) func loadRoundedInstructions(_ c: Case) { Self.run(c) }
}

// MARK: - Extended operands

extension FloatTests {
    static let extended: [Case] = [
        Case(name: "AXR: 1.0 + 16**-26 lands in the 27th digit", code: rr(AXR, 0, 4),
             fprs: [0: 0x41100000_00000000, 2: 0x33000000_00000000, 4: 0x27100000_00000000, 6: 0x19000000_00000000],
             expect: [0: 0x41100000_00000000, 2: 0x33000000_00000010], expectCC: 2),
        Case(name: "AXR: a digit in the guard position only is truncated away", code: rr(AXR, 0, 4),
             fprs: [0: 0x41100000_00000000, 2: 0x33000000_00000000, 4: 0x25100000_00000000, 6: 0x17000000_00000000],
             expect: [0: 0x41100000_00000000, 2: 0x33000000_00000000], expectCC: 2),
        Case(name: "SXR: guard digit and normalization across the register pair", code: rr(SXR, 0, 4),
             fprs: [0: 0x41100000_00000000, 2: 0x33000000_00000000, 4: 0x40FFFFFF_FFFFFFFF, 6: 0x32FFFFFF_FFFFFFFF],
             expect: [0: 0x25100000_00000000, 2: 0x17000000_00000000], expectCC: 2),
        Case(name: "SXR: the low-order sign and characteristic are ignored", code: rr(SXR, 4, 0),
             fprs: [0: 0xC1100000_00000000, 2: 0x7F000000_00000001, 4: 0x41100000_00000000, 6: 0x00000000_00000000],
             expect: [4: 0x41200000_00000000, 6: 0x33000000_00000001], expectCC: 2),
        Case(name: "SXR: significance, mask off: both parts true zero", code: rr(SXR, 4, 4),
             fprs: [4: 0xC2123456_789ABCDE, 6: 0xB4FEDCBA_98765432], expect: [4: 0, 6: 0], expectCC: 0),
        Case(name: "SXR: significance, mask on: characteristic kept, low part 14 less", code: rr(SXR, 4, 4),
             fprs: [4: 0xC2123456_789ABCDE, 6: 0xB4FEDCBA_98765432], programMask: significanceMask,
             expect: [4: 0x42000000_00000000, 6: 0x34000000_00000000], expectCC: 0, interruption: 0x0E),
        Case(name: "SXR: underflow, mask on: low-order characteristic wraps", code: rr(SXR, 0, 4),
             fprs: [0: 0x00100000_00000000, 2: 0, 4: 0x00080000_00000000, 6: 0], programMask: underflowMask,
             expect: [0: 0x7F800000_00000000, 2: 0x71000000_00000000], expectCC: 2, interruption: 0x0D),
        Case(name: "SXR: underflow, mask off", code: rr(SXR, 0, 4),
             fprs: [0: 0x00100000_00000000, 2: 0, 4: 0x00080000_00000000, 6: 0], expect: [0: 0, 2: 0], expectCC: 0),
        Case(name: "AXR: low-order characteristic below zero is no underflow", code: rr(AXR, 0, 4),
             fprs: [0: 0x05100000_00000000, 2: 0, 4: 0x05100000_00000000, 6: 0],
             expect: [0: 0x05200000_00000000, 2: 0x77000000_00000000], expectCC: 2),
        Case(name: "AXR: overflow", code: rr(AXR, 0, 0),
             fprs: [0: 0xFF800000_00000000, 2: 0x71000000_00000000],
             expect: [0: 0x80100000_00000000, 2: 0xF2000000_00000000], expectCC: 1, interruption: 0x0C),
        Case(name: "AXR with R1 = 2: specification", code: rr(AXR, 2, 4), interruption: 0x06),
        Case(name: "MXR: 1.0 × x = x", code: rr(MXR, 0, 4),
             fprs: [0: 0x41100000_00000000, 2: 0x33000000_00000000, 4: 0x41123456_789ABCDE, 6: 0x33FEDCBA_98765432],
             expect: [0: 0x41123456_789ABCDE, 2: 0x33FEDCBA_98765432]),
        Case(name: "MXR: the 56-digit product is truncated to 28", code: rr(MXR, 4, 4),
             fprs: [4: 0x41FFFFFF_FFFFFFFF, 6: 0x33FFFFFF_FFFFFFFF],
             expect: [4: 0x42FFFFFF_FFFFFFFF, 6: 0x34FFFFFF_FFFFFFFE]),
        Case(name: "MXR: zero operand gives true zero in both parts", code: rr(MXR, 4, 0),
             fprs: [0: 0x41000000_00000000, 2: 0x33000000_00000000, 4: 0x41123456_789ABCDE, 6: 0x33000000_00000000],
             expect: [4: 0, 6: 0]),
        Case(name: "MXR with R2 = 6: specification", code: rr(MXR, 0, 6), interruption: 0x06),
        Case(name: "MXDR: long × long, exact 28-digit product", code: rr(MXDR, 4, 2),
             fprs: [4: 0x41FFFFFF_FFFFFFFF, 2: 0x41FFFFFF_FFFFFFFF],
             expect: [4: 0x42FFFFFF_FFFFFFFE, 6: 0x34000000_00000001]),
        Case(name: "MXDR: the multiplier may be the low register of the pair", code: rr(MXDR, 0, 2),
             fprs: [0: 0xC1200000_00000000, 2: 0x41300000_00000000],
             expect: [0: 0xC1600000_00000000, 2: 0xB3000000_00000000]),
        Case(name: "MXD: storage operand, underflow with mask on", code: rx(MXD, 0),
             fprs: [0: 0x20100000_00000000], operand: 0x20100000_00000000, programMask: underflowMask,
             expect: [0: 0x7F100000_00000000, 2: 0x71000000_00000000], interruption: 0x0D),
        Case(name: "MXD with R1 = 6: specification", code: rx(MXD, 6), interruption: 0x06),
        Case(name: "AXR on a 360/67: operation exception", code: rr(AXR, 0, 4), interruption: 0x01,
             model: .s360_67),
    ]

    @Test(arguments: extended) func extendedInstructions(_ c: Case) { Self.run(c) }
}
