import Foundation
import Testing
import S370Core
import S370Spec

// The "370 extensions" facility (the ESA/390 instructions GCC emits for
// -m31 -march=z900 -mesa), defined by the ESA/390 Principles of Operation
// (SA22-7201) and run here in 24-bit addressing: relative branches,
// halfword immediates, multiply single, logical multiply/divide, add and
// subtract with carry/borrow, byte reversal, rotate, and the interruptible
// long and string instructions, which end with CC 3 after a CPU-determined
// amount so that the program branches back to finish.
//
// Hercules 3.13 lacks these instructions in S/370 mode; every vector of the
// tables below was cross-checked under its ESA/390 mode (24-bit addressing)
// instead, with the same results.

@Suite("370 extensions")
struct Ext370Tests {
    /// A relative branch vector: `source` with `@` standing for the offset
    /// in halfwords to the final SVC 255 past `LA 15,1`.
    static func branch(_ source: String, taken: Bool, cc: UInt8 = 0, regs: [Int: UInt32] = [:],
                       after: [Int: UInt32] = [:], name: String? = nil) -> V {
        let length = asm(source.replacingOccurrences(of: "@", with: "0")).count
        let text = source.replacingOccurrences(of: "@", with: String((length + 4) / 2)) + "; LA 15,1"
        var want = after
        if !taken { want[15] = 1 }
        return V(text, name: (name ?? source) + (taken ? " taken" : " not taken") + " (CC \(cc))")
            .regs([15: 0]).regs(regs).cc(cc).gives(regs: want)
    }

    static let branches: [V] = [
        branch("BRC 8,@", taken: true, cc: 0),
        branch("BRC 8,@", taken: false, cc: 1),
        branch("BRC 7,@", taken: true, cc: 3),
        branch("BRC 15,@", taken: true, cc: 2),
        branch("BRC 0,@", taken: false, cc: 2),
        branch("BRCL 4,@", taken: true, cc: 1),
        branch("BRCL 4,@", taken: false, cc: 2),
        branch("BRAS 14,@", taken: true, after: [14: 0x1004]),
        branch("BRASL 14,@", taken: true, after: [14: 0x1006]),
        branch("BRCT 1,@", taken: true, regs: [1: 2], after: [1: 1]),
        branch("BRCT 1,@", taken: false, regs: [1: 1], after: [1: 0]),
        branch("BRXH 1,4,@", taken: true, regs: [1: 5, 4: 1, 5: 5], after: [1: 6]),
        branch("BRXH 1,4,@", taken: false, regs: [1: 4, 4: 1, 5: 5], after: [1: 5]),
        branch("BRXLE 1,4,@", taken: true, regs: [1: 5, 4: 1, 5: 6], after: [1: 6]),
        branch("BRXLE 1,5,@", taken: false, regs: [1: 5, 5: 1], after: [1: 6], name: "BRXLE odd R3"),
        // Backward: BRC to X'100C', back to X'1008', then on to the SVC at X'1010'.
        V("BRC 15,6; LA 15,1; BRC 15,4; BRC 15,-2", name: "BRC backwards").regs([15: 0]),
        V("LARL 1,X'100'").gives(regs: [1: 0x1200]),
        V("LARL 1,-2048").regs([1: 0xFFFF_FFFF]).gives(regs: [1: 0x0000]),
        V("LARL 1,-2049", name: "LARL wraps at 2**24").gives(regs: [1: 0xFF_FFFE]),
    ]

    @Test("relative branches and LARL", arguments: branches)
    func relativeBranch(_ v: V) { v.check() }

    static let arithmeticVectors: [V] = [
        V("LHI 1,-2").gives(regs: [1: 0xFFFF_FFFE]),
        V("LHI 1,32767").gives(regs: [1: 0x7FFF]),
        V("AHI 1,-1").regs([1: 0]).gives(cc: 1, regs: [1: 0xFFFF_FFFF]),
        V("AHI 1,1").regs([1: 0xFFFF_FFFF]).gives(cc: 0, regs: [1: 0]),
        V("AHI 1,1", name: "AHI overflow").regs([1: 0x7FFF_FFFF]).mask(8).interrupts(0x08, cc: 3, regs: [1: 0x8000_0000]),
        V("MHI 1,-3").regs([1: 7]).gives(regs: [1: 0xFFFF_FFEB]),
        V("MHI 1,256", name: "MHI keeps 32 bits").regs([1: 0x1234_5678]).mask(8).gives(regs: [1: 0x3456_7800]),
        V("CHI 1,-1").regs([1: 0xFFFF_FFFF]).gives(cc: 0),
        V("CHI 1,0").regs([1: 0x8000_0000]).gives(cc: 1),
        V("CHI 1,100").regs([1: 101]).gives(cc: 2),
        V("MSR 1,2").regs([1: 0x1_0000, 2: 0x1_0001]).mask(8).gives(regs: [1: 0x1_0000]),
        V("MSR 1,2").regs([1: 0xFFFF_FFFF, 2: 5]).gives(regs: [1: 0xFFFF_FFFB]),
        V("MS 1,X'800'").regs([1: 3]).mem(0x800, "FFFFFFFE").gives(regs: [1: 0xFFFF_FFFA]),
        V("MLR 2,5").regs([3: 0xFFFF_FFFF, 5: 0xFFFF_FFFF]).gives(regs: [2: 0xFFFF_FFFE, 3: 1]),
        V("MLR 3,5", name: "MLR odd R1").interrupts(0x06),
        V("ML 2,X'800'").regs([3: 0x8000_0000]).mem(0x800, "00000002").gives(regs: [2: 1, 3: 0]),
        V("DLR 2,5").regs([2: 1, 3: 0, 5: 2]).gives(regs: [2: 0, 3: 0x8000_0000]),
        V("DLR 2,5").regs([2: 0, 3: 0xFFFF_FFFF, 5: 0x10]).gives(regs: [2: 0xF, 3: 0x0FFF_FFFF]),
        V("DLR 2,5", name: "DLR quotient too large").regs([2: 2, 3: 0, 5: 2]).interrupts(0x09),
        V("DLR 2,5", name: "DLR by zero").regs([2: 0, 3: 1, 5: 0]).interrupts(0x09),
        V("DLR 1,5", name: "DLR odd R1").regs([5: 1]).interrupts(0x06),
        V("DL 2,X'800'").regs([2: 0, 3: 100]).mem(0x800, "00000007").gives(regs: [2: 2, 3: 14]),
        // Carry in from CC 2 or 3; borrow in from CC 0 or 1.
        V("ALCR 1,2").regs([1: 1, 2: 1]).cc(2).gives(cc: 1, regs: [1: 3]),
        V("ALCR 1,2").regs([1: 1, 2: 1]).cc(1).gives(cc: 1, regs: [1: 2]),
        V("ALCR 1,2").regs([1: 0xFFFF_FFFF, 2: 0]).cc(3).gives(cc: 2, regs: [1: 0]),
        V("ALCR 1,2").regs([1: 0xFFFF_FFFF, 2: 0xFFFF_FFFF]).cc(3).gives(cc: 3, regs: [1: 0xFFFF_FFFF]),
        V("ALCR 1,2").regs([1: 0, 2: 0]).cc(0).gives(cc: 0, regs: [1: 0]),
        V("ALC 1,X'800'").regs([1: 5]).mem(0x800, "00000005").cc(3).gives(cc: 1, regs: [1: 11]),
        V("SLBR 1,2").regs([1: 5, 2: 3]).cc(2).gives(cc: 3, regs: [1: 2]),
        V("SLBR 1,2").regs([1: 5, 2: 3]).cc(1).gives(cc: 3, regs: [1: 1]),
        V("SLBR 1,2").regs([1: 3, 2: 3]).cc(0).gives(cc: 1, regs: [1: 0xFFFF_FFFF]),
        V("SLBR 1,2").regs([1: 3, 2: 3]).cc(3).gives(cc: 2, regs: [1: 0]),
        V("SLBR 1,2").regs([1: 4, 2: 3]).cc(1).gives(cc: 2, regs: [1: 0]),
        V("SLBR 1,2", name: "SLBR zero with a borrow out").regs([1: 0, 2: 0xFFFF_FFFF]).cc(0).gives(cc: 0, regs: [1: 0]),
        V("SLB 1,X'800'").regs([1: 0]).mem(0x800, "00000001").cc(2).gives(cc: 1, regs: [1: 0xFFFF_FFFF]),
    ]

    @Test("immediates, multiply, divide, carry", arguments: arithmeticVectors)
    func arithmetic(_ v: V) { v.check() }

    static let bits: [V] = [
        // TML/TMH: 0 selected bits zero, 1 mixed with the leftmost selected zero, 2 mixed with it one, 3 all ones.
        V("TML 1,X'00F0'").regs([1: 0xFFFF_0F0F]).gives(cc: 0),
        V("TML 1,X'00F0'").regs([1: 0x0000_0010]).gives(cc: 1),
        V("TML 1,X'00F0'").regs([1: 0x0000_0080]).gives(cc: 2),
        V("TML 1,X'00F0'").regs([1: 0x0000_00F0]).gives(cc: 3),
        V("TML 1,0").regs([1: 0xFFFF_FFFF]).gives(cc: 0),
        V("TMH 1,X'8001'").regs([1: 0x8001_0000]).gives(cc: 3),
        V("TMH 1,X'8001'").regs([1: 0x8000_FFFF]).gives(cc: 2),
        V("TMH 1,X'8001'").regs([1: 0x0001_0000]).gives(cc: 1),
        V("IPM 1", name: "IPM: CC and program mask into bits 2-7").regs([1: 0xFFFF_FFFF]).cc(2).mask(0x9)
            .gives(regs: [1: 0x29FF_FFFF]),
        V("LRVR 1,2").regs([2: 0x0102_0304]).gives(regs: [1: 0x0403_0201]),
        V("LRV 1,X'7FE'").mem(0x7FE, "0A0B0C0D").gives(regs: [1: 0x0D0C_0B0A]),
        V("LRVH 1,X'800'").regs([1: 0xAAAA_AAAA]).mem(0x800, "1234").gives(regs: [1: 0xAAAA_3412]),
        V("STRV 1,X'800'").regs([1: 0x0102_0304]).mem(0x800, "0000000000").leaves(0x800, "0403020100"),
        V("STRVH 1,X'801'").regs([1: 0x0102_0304]).mem(0x800, "00000000").leaves(0x800, "00040300"),
        V("RLL 1,2,4").regs([2: 0x1234_5678]).gives(regs: [1: 0x2345_6781]),
        V("RLL 1,2,0").regs([2: 0x1234_5678]).gives(regs: [1: 0x1234_5678]),
        V("RLL 1,2,36", name: "RLL by 36 rotates by 4").regs([2: 0x1234_5678]).gives(regs: [1: 0x2345_6781]),
        V("RLL 1,2,0(3)", name: "RLL amount from a register").regs([2: 0x8000_0001, 3: 1]).gives(regs: [1: 0x0000_0003]),
    ]

    @Test("test under mask, program mask, reversal, rotate", arguments: bits)
    func bitInstructions(_ v: V) { v.check() }

    // MARK: Long and string instructions

    static let strings: [V] = [
        V("MVCLE 2,4,X'40'", name: "MVCLE with padding")
            .regs([2: 0x800, 3: 6, 4: 0x900, 5: 2]).mem(0x800, "000000000000 00").mem(0x900, "0102")
            .gives(cc: 2, regs: [2: 0x806, 3: 0, 4: 0x902, 5: 0]).leaves(0x800, "010240404040 00"),
        V("MVCLE 2,4,0", name: "MVCLE truncating").regs([2: 0x800, 3: 1, 4: 0x900, 5: 3]).mem(0x900, "070809")
            .mem(0x800, "0000").gives(cc: 1, regs: [2: 0x801, 3: 0, 4: 0x901, 5: 2]).leaves(0x800, "0700"),
        V("MVCLE 2,4,0", name: "MVCLE zero lengths").regs([2: 0x800, 3: 0, 4: 0x900, 5: 0]).gives(cc: 0),
        V("MVCLE 3,4,0", name: "MVCLE odd R1").interrupts(0x06),
        V("CLCLE 2,4,X'40'", name: "CLCLE equal with padding")
            .regs([2: 0x800, 3: 3, 4: 0x900, 5: 1]).mem(0x800, "C14040").mem(0x900, "C1")
            .gives(cc: 0, regs: [2: 0x803, 3: 0, 4: 0x901, 5: 0]),
        V("CLCLE 2,4,0", name: "CLCLE first high")
            .regs([2: 0x800, 3: 3, 4: 0x900, 5: 3]).mem(0x800, "C1C3C3").mem(0x900, "C1C2C3")
            .gives(cc: 2, regs: [2: 0x801, 3: 2, 4: 0x901, 5: 2]),
        V("CLCLE 2,5,0", name: "CLCLE odd R3").interrupts(0x06),
        V("MVST 2,4", name: "MVST moves through the ending character")
            .regs([0: 0, 2: 0x800, 4: 0x900]).mem(0x900, "C1C2C300FF").mem(0x800, "EEEEEEEEEE")
            .gives(cc: 1, regs: [2: 0x803]).leaves(0x800, "C1C2C300EE"),
        V("MVST 2,4", name: "MVST R0 bits 0-23 must be zero").regs([0: 0x100]).interrupts(0x06),
        V("CLST 2,4", name: "CLST equal").regs([0: 0x40, 2: 0x800, 4: 0x900])
            .mem(0x800, "C1C240").mem(0x900, "C1C240").gives(cc: 0),
        V("CLST 2,4", name: "CLST first low").regs([0: 0x40, 2: 0x800, 4: 0x900])
            .mem(0x800, "C1C140").mem(0x900, "C1C240").gives(cc: 1, regs: [2: 0x801, 4: 0x901]),
        V("CLST 2,4", name: "CLST first operand ends first").regs([0: 0x40, 2: 0x800, 4: 0x900])
            .mem(0x800, "C140").mem(0x900, "C1C240").gives(cc: 1, regs: [2: 0x801, 4: 0x901]),
        V("CLST 2,4", name: "CLST second operand ends first").regs([0: 0x40, 2: 0x800, 4: 0x900])
            .mem(0x800, "C1C2C3").mem(0x900, "C140").gives(cc: 2, regs: [2: 0x801, 4: 0x901]),
        V("SRST 2,4", name: "SRST found").regs([0: 0x6B, 2: 0x810, 4: 0x800])
            .mem(0x800, "C1C2C36BC4").gives(cc: 1, regs: [2: 0x803]),
        V("SRST 2,4", name: "SRST not found before the end").regs([0: 0x6B, 2: 0x803, 4: 0x800])
            .mem(0x800, "C1C2C36BC4").gives(cc: 2),
        V("SRST 2,4", name: "SRST R0 bits 0-23 must be zero").regs([0: 0x0100_006B]).interrupts(0x06),
    ]

    @Test("MVCLE, CLCLE, MVST, CLST, SRST", arguments: strings)
    func stringInstructions(_ v: V) { v.check() }

    /// The CPU-determined amount: a long operation stops with CC 3 and the
    /// registers advanced; branching back on CC 3 (BRC 1,*) finishes it.
    @Test func moveLongExtendedEndsWithCC3AndResumes() {
        let m = TestMachine()
        let length = 10_000
        let data = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 13) }
        m.store(0x2_0000, data)
        m.gpr[2] = 0x4_0000; m.gpr[3] = UInt32(length); m.gpr[4] = 0x2_0000; m.gpr[5] = UInt32(length)
        let once = m.run(asm("MVCLE 2,4,0"))
        #expect(once.completed && once.cc == 3)
        let moved = Int(m.gpr[2]) - 0x4_0000
        #expect(moved > 0 && moved < length)
        #expect(m.gpr[3] == UInt32(length - moved) && m.gpr[4] == 0x2_0000 + UInt32(moved) && m.gpr[5] == m.gpr[3])
        #expect(m.bytes(0x4_0000, moved) == Array(data[0..<moved]))
        let loop = m.run(asm("MVCLE 2,4,0; BRC 1,-2"))
        #expect(loop.completed && loop.cc == 0)
        #expect(m.gpr[3] == 0 && m.gpr[5] == 0)
        #expect(m.bytes(0x4_0000, length) == data)
    }

    @Test func compareLongExtendedEndsWithCC3AndResumes() {
        let m = TestMachine()
        let length = 10_000
        let data = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 13) }
        m.store(0x2_0000, data)
        var other = data
        other[9_000] &+= 1
        m.store(0x4_0000, other)
        m.gpr[2] = 0x2_0000; m.gpr[3] = UInt32(length); m.gpr[4] = 0x4_0000; m.gpr[5] = UInt32(length)
        let once = m.run(asm("CLCLE 2,4,0"))
        #expect(once.completed && once.cc == 3)
        #expect(m.gpr[3] < UInt32(length) && m.gpr[3] == m.gpr[5])
        let loop = m.run(asm("CLCLE 2,4,0; BRC 1,-2"))
        #expect(loop.completed && loop.cc == 1)
        #expect(m.gpr[2] == 0x2_0000 + 9_000 && m.gpr[4] == 0x4_0000 + 9_000)
    }

    @Test func stringInstructionsEndWithCC3AndResume() {
        let m = TestMachine()
        let length = 9_000
        let string = (0..<length).map { UInt8(1 + $0 % 200) } + [0]
        m.store(0x2_0000, string)
        m.gpr[0] = 0
        m.gpr[2] = 0x4_0000; m.gpr[4] = 0x2_0000
        let once = m.run(asm("MVST 2,4"))
        #expect(once.completed && once.cc == 3)
        #expect(m.gpr[2] > 0x4_0000 && m.gpr[2] - 0x4_0000 == m.gpr[4] - 0x2_0000)
        let loop = m.run(asm("MVST 2,4; BRC 1,-2"))
        #expect(loop.completed && loop.cc == 1)
        #expect(m.gpr[2] == 0x4_0000 + UInt32(length))
        #expect(m.bytes(0x4_0000, length + 1) == string)

        m.gpr[2] = 0x2_0000; m.gpr[4] = 0x4_0000
        let compare = m.run(asm("CLST 2,4; BRC 1,-2"))
        #expect(compare.completed && compare.cc == 0)

        m.gpr[0] = 0; m.gpr[2] = 0x2_0000 + UInt32(length + 1); m.gpr[4] = 0x2_0000
        let first = m.run(asm("SRST 2,4"))
        #expect(first.cc == 3 && m.gpr[4] > 0x2_0000)
        let search = m.run(asm("SRST 2,4; BRC 1,-2"))
        #expect(search.completed && search.cc == 1)
        #expect(m.gpr[2] == 0x2_0000 + UInt32(length))
    }

    // MARK: EXECUTE and relative addressing

    /// Under EXECUTE a relative branch or LARL counts from the target
    /// instruction, not from the EXECUTE; the link address of BRAS is still
    /// the instruction after the EXECUTE.
    @Test func relativeAddressingUnderExecuteIsFromTheTarget() {
        let m = TestMachine()
        m.store(0x1800, asm("LARL 1,X'10'"))
        m.gpr[12] = 0x1800
        #expect(m.run(asm("EX 0,0(0,12)")).completed)
        #expect(m.gpr[1] == 0x1820)

        // BRAS 14,-X'3FC' at X'1800' goes to X'1008', the final SVC after EX and LA.
        m.store(0x1800, asm("BRAS 14,-1020"))
        m.gpr[15] = 0
        let r = m.run(asm("EX 0,0(0,12); LA 15,1"))
        #expect(r.completed)
        #expect(m.gpr[15] == 0, "branch taken")
        #expect(m.gpr[14] == 0x1004, "link: the instruction after EXECUTE")
    }

    // MARK: The facility switch

    /// Every instruction of the facility is an operation exception with the
    /// facility off (opcodes 84 and 85 are then WRD and RDD again).
    static let facilityRows: [InstructionSpec] = InstructionTable.all.filter { $0.facility == .ext370 }

    @Test("facility off", arguments: facilityRows)
    func facilityOff(_ spec: InstructionSpec) {
        let m = TestMachine(facilities: [])
        let bytes = zeroOperands(spec)
        let r = m.run(bytes, budget: 10)
        if spec.firstByte == 0x84 || spec.firstByte == 0x85 {
            #expect(r.stop == .intercept(.directControl(read: spec.firstByte == 0x85, address: 0, immediate: 0)))
        } else {
            #expect(r.programInterruption == 0x01, "\(spec.mnemonic)")
            #expect(r.ilc == spec.length)
        }
    }

    @Test("facility on", arguments: facilityRows)
    func facilityOn(_ spec: InstructionSpec) {
        let m = TestMachine()
        m.gpr[3] = 0x800     // a valid operand address for the register forms
        let r = m.run(zeroOperands(spec), budget: 10)
        #expect(r.programInterruption != 0x01, "\(spec.mnemonic) is installed")
    }
}

/// The instruction of `spec` with every operand field zero.
func zeroOperands(_ spec: InstructionSpec) -> [UInt8] {
    var b = [UInt8](repeating: 0, count: spec.length)
    switch spec.format.opcodeShape {
    case .firstByte: b[0] = UInt8(spec.opcode)
    case .firstTwoBytes: b[0] = UInt8(spec.opcode >> 8); b[1] = UInt8(spec.opcode & 0xFF)
    case .firstByteAndLowNibble: b[0] = UInt8(spec.opcode >> 4); b[1] = UInt8(spec.opcode & 0xF)
    case .firstAndLastByte: b[0] = UInt8(spec.opcode >> 8); b[5] = UInt8(spec.opcode & 0xFF)
    }
    return b
}

extension InstructionSpec: CustomTestStringConvertible {
    public var testDescription: String { mnemonic }
}
