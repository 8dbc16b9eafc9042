import Foundation
import Testing
import S370Core

// MOVE LONG and COMPARE LOGICAL LONG (GA22-7000, chapter 7): padding,
// condition codes, destructive overlap, register updates (bits 8-31 of the
// address and length registers count; bits 0-7 of the address registers
// become zero, those of the length registers stay), zero lengths, and
// interruptibility: an access exception or an interruption between units of
// operation leaves the registers describing what is left, and execution
// resumes from there. Register pairs: R2/R3 the first operand, R4/R5 the
// second (pad byte in bits 0-7 of R5).
//
// Cross-checked under Hercules 3.13 (ARCHMODE S/370): every vector of the
// table gave the same registers, storage and condition code there.

@Suite("Long operands")
struct LongOperandTests {
    static let vectors: [V] = [
        V("MVCL 2,4", name: "MVCL equal lengths")
            .regs([2: 0xAB00_0800, 3: 0xCD00_0004, 4: 0xEF00_0900, 5: 0x4000_0004])
            .mem(0x800, "0000000000").mem(0x900, "01020304")
            .gives(cc: 0, regs: [2: 0x804, 3: 0xCD00_0000, 4: 0x904, 5: 0x4000_0000]).leaves(0x800, "0102030400"),
        V("MVCL 2,4", name: "MVCL padding")
            .regs([2: 0x800, 3: 8, 4: 0x900, 5: 0x4000_0003])
            .mem(0x800, "00000000000000000000").mem(0x900, "010203")
            .gives(cc: 2, regs: [2: 0x808, 3: 0, 4: 0x903, 5: 0x4000_0000]).leaves(0x800, "01020340404040400000"),
        V("MVCL 2,4", name: "MVCL truncation")
            .regs([2: 0x800, 3: 2, 4: 0x900, 5: 0x4000_0005])
            .mem(0x800, "000000").mem(0x900, "0102030405")
            .gives(cc: 1, regs: [2: 0x802, 3: 0, 4: 0x902, 5: 0x4000_0003]).leaves(0x800, "010200"),
        V("MVCL 2,4", name: "MVCL clearing with a zero second length")
            .regs([2: 0x800, 3: 0x300, 4: 0x1234_5678, 5: 0])
            .mem(0x800, String(repeating: "FF", count: 0x301))
            .gives(cc: 2, regs: [2: 0xB00, 3: 0, 4: 0x34_5678])
            .leaves(0x800, String(repeating: "00", count: 0x300) + "FF"),
        V("MVCL 2,4", name: "MVCL zero first length: CC and bits 0-7 only")
            .regs([2: 0xAB00_0800, 3: 0xCD00_0000, 4: 0xEF00_0900, 5: 0x4000_0004])
            .gives(cc: 1, regs: [2: 0x800, 4: 0x900]),
        V("MVCL 2,4", name: "MVCL both lengths zero")
            .regs([2: 0xAB00_0800, 3: 0, 4: 0xEF00_0900, 5: 0]).gives(cc: 0, regs: [2: 0x800, 4: 0x900]),
        V("MVCL 2,4", name: "MVCL destructive overlap: nothing moves, CC 3")
            .regs([2: 0xAB00_0801, 3: 4, 4: 0xEF00_0800, 5: 0x4000_0004]).mem(0x800, "0102030405")
            .gives(cc: 3, regs: [2: 0x801, 4: 0x800]),
        V("MVCL 2,4", name: "MVCL overlap past the participating bytes is not destructive")
            .regs([2: 0x802, 3: 2, 4: 0x800, 5: 0x0000_0004]).mem(0x800, "01020304")
            .gives(cc: 1, regs: [2: 0x804, 3: 0, 4: 0x802, 5: 2]).leaves(0x800, "01020102"),
        V("MVCL 2,4", name: "MVCL second length 1 cannot overlap destructively")
            .regs([2: 0x801, 3: 3, 4: 0x800, 5: 0xEE00_0001]).mem(0x800, "01020304")
            .gives(cc: 2, regs: [2: 0x804, 3: 0, 4: 0x801, 5: 0xEE00_0000]).leaves(0x800, "0101EEEE"),
        V("MVCL 2,4", name: "MVCL overlap to the left moves")
            .regs([2: 0x800, 3: 4, 4: 0x801, 5: 4]).mem(0x800, "0102030405")
            .gives(cc: 0, regs: [2: 0x804, 3: 0, 4: 0x805, 5: 0]).leaves(0x800, "0203040505"),
        V("MVCL 2,4", name: "MVCL coincident operands move")
            .regs([2: 0x800, 3: 4, 4: 0x800, 5: 4]).mem(0x800, "01020304")
            .gives(cc: 0, regs: [2: 0x804, 3: 0, 4: 0x804, 5: 0]),
        V("MVCL 2,4", name: "MVCL destructive overlap with a wrapping second operand")
            .regs([2: 0x000001, 3: 4, 4: 0xFF_FFFE, 5: 4]).gives(cc: 3),
        V("MVCL 2,4", name: "MVCL across 2K block boundaries")
            .regs([2: 0x7FE, 3: 6, 4: 0x17FD, 5: 6]).mem(0x7FE, "000000000000").mem(0x17FD, "0A0B0C0D0E0F")
            .gives(cc: 0, regs: [2: 0x804, 3: 0, 4: 0x1803, 5: 0]).leaves(0x7FE, "0A0B0C0D0E0F"),
        V("MVCL 3,4", name: "MVCL odd R1").interrupts(0x06),
        V("MVCL 2,5", name: "MVCL odd R2").interrupts(0x06),

        V("CLCL 2,4", name: "CLCL equal")
            .regs([2: 0xAB00_0800, 3: 0xCD00_0003, 4: 0xEF00_0900, 5: 0x4000_0003])
            .mem(0x800, "C1C2C3").mem(0x900, "C1C2C3")
            .gives(cc: 0, regs: [2: 0x803, 3: 0xCD00_0000, 4: 0x903, 5: 0x4000_0000]),
        V("CLCL 2,4", name: "CLCL first low: registers point at the unequal bytes")
            .regs([2: 0x800, 3: 4, 4: 0x900, 5: 4]).mem(0x800, "01020304").mem(0x900, "01020404")
            .gives(cc: 1, regs: [2: 0x802, 3: 2, 4: 0x902, 5: 2]),
        V("CLCL 2,4", name: "CLCL first high against the padding")
            .regs([2: 0x800, 3: 8, 4: 0x900, 5: 0x4000_0003]).mem(0x800, "0102034040414040").mem(0x900, "010203")
            .gives(cc: 2, regs: [2: 0x805, 3: 3, 4: 0x903, 5: 0x4000_0000]),
        V("CLCL 2,4", name: "CLCL shorter first operand, equal to the padding")
            .regs([2: 0x800, 3: 2, 4: 0x900, 5: 0x4000_0004]).mem(0x800, "C1C2").mem(0x900, "C1C24040")
            .gives(cc: 0, regs: [2: 0x802, 3: 0, 4: 0x904, 5: 0x4000_0000]),
        V("CLCL 2,4", name: "CLCL padding compared unsigned")
            .regs([2: 0x800, 3: 1, 4: 0x900, 5: 0x4000_0002]).mem(0x800, "C1").mem(0x900, "C1C1")
            .gives(cc: 1, regs: [2: 0x801, 3: 0, 4: 0x901, 5: 0x4000_0001]),
        V("CLCL 2,4", name: "CLCL both lengths zero")
            .regs([2: 0xAB00_0800, 3: 0xCD00_0000, 4: 0xEF00_0900, 5: 0x4000_0000])
            .gives(cc: 0, regs: [2: 0x800, 4: 0x900]),
        V("CLCL 2,4", name: "CLCL across 2K block boundaries")
            .regs([2: 0x7FC, 3: 8, 4: 0x17FC, 5: 8]).mem(0x7FC, "0102030405060708").mem(0x17FC, "0102030405060709")
            .gives(cc: 1, regs: [2: 0x803, 3: 1, 4: 0x1803, 5: 1]),
        V("CLCL 1,4", name: "CLCL odd R1").interrupts(0x06),
        V("CLCL 2,3", name: "CLCL odd R2").interrupts(0x06),
    ]

    @Test("MVCL and CLCL", arguments: vectors)
    func longOperands(_ v: V) { v.check() }

    // MARK: Interruptibility

    static func pattern(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: i &* 7 &+ i >> 8) }

    /// A 100 KB MOVE LONG is executed in several units: the first run of one
    /// instruction leaves it partly done with the PSW still at the MVCL, and
    /// running on completes it with every byte in place.
    @Test func aLongMoveCompletesAcrossSeveralExecutions() {
        let m = TestMachine()
        let length = 100 * 1024
        m.store(0x2_0000, (0..<length).map(Self.pattern))
        m.gpr[2] = 0x6_0000; m.gpr[3] = UInt32(length)
        m.gpr[4] = 0x2_0000; m.gpr[5] = UInt32(length)
        let first = m.run(asm("MVCL 2,4"), budget: 1)
        #expect(first.stop == .budgetExhausted)
        #expect(m.machine.psw & 0x00FF_FFFF == 0x1000, "still at the MVCL")
        let done = Int(m.gpr[2]) - 0x6_0000
        #expect(done > 0 && done < length, "part of the operand moved")
        #expect(m.gpr[3] == UInt32(length - done) && m.gpr[5] == UInt32(length - done))
        #expect(m.gpr[4] == 0x2_0000 + UInt32(done))
        let before = m.machine.state.instructionCount
        var stop = StopReason.budgetExhausted
        var guardCount = 0
        while stop == .budgetExhausted && guardCount < 1000 {
            stop = m.machine.run(budget: 1)
            guardCount += 1
        }
        #expect(stop == .disabledWait)
        #expect(m.machine.psw & 0x00FF_FFFF == UInt32(TestMachine.svcMark), "ended in the final SVC")
        #expect(m.machine.state.instructionCount - before >= 6, "several more executions")
        #expect(m.gpr[2] == 0x6_0000 + UInt32(length) && m.gpr[3] == 0 && m.gpr[5] == 0)
        #expect(m.bytes(0x6_0000, length) == (0..<length).map(Self.pattern))
    }

    /// An external interruption taken between units: the old PSW points at
    /// the MVCL, the registers say what is left, and loading the old PSW
    /// again finishes the move.
    @Test func anInterruptionBetweenUnitsResumesTheMove() {
        let m = TestMachine()
        let length = 64 * 1024
        m.store(0x2_0000, (0..<length).map(Self.pattern))
        m.gpr[2] = 0x6_0000; m.gpr[3] = UInt32(length)
        m.gpr[4] = 0x2_0000; m.gpr[5] = 0x4000_0000 | UInt32(length)
        m.machine.setCR(0, 0x40)       // only the interrupt key (not the interval timer) may interrupt
        _ = m.run(asm("MVCL 2,4"), pswHigh: 0x0100_0000, budget: 1)   // external interruptions enabled
        m.machine.postInterruptKey()
        let stop = m.machine.run(budget: 10)
        #expect(stop == .disabledWait)
        #expect(m.machine.psw & 0x00FF_FFFF == UInt32(TestMachine.externalMark))
        let old = m.double(0x18)
        #expect(old & 0x00FF_FFFF == 0x1000, "the old PSW designates the MVCL")
        #expect((old >> 32) & 0xFFFF == 0x0040, "interrupt key")
        #expect(m.gpr[3] > 0 && m.gpr[3] < UInt32(length))
        #expect(m.gpr[5] & 0xFF00_0000 == 0x4000_0000, "pad byte kept")
        m.machine.loadPSW(old & 0xFEFF_0000_FFFF_FFFF)     // resume disabled
        #expect(m.machine.run(budget: 100) == .disabledWait)
        #expect(m.machine.psw & 0x00FF_FFFF == UInt32(TestMachine.svcMark))
        #expect(m.gpr[3] == 0)
        #expect(m.bytes(0x6_0000, length) == (0..<length).map(Self.pattern))
    }

    /// A long compare is interruptible in the same way.
    @Test func aLongCompareCompletesAcrossSeveralExecutions() {
        let m = TestMachine()
        let length = 80 * 1024
        let data = (0..<length).map(Self.pattern)
        m.store(0x2_0000, data)
        var other = data
        other[length - 3] ^= 0x01
        m.store(0x6_0000, other)
        m.gpr[2] = 0x2_0000; m.gpr[3] = UInt32(length)
        m.gpr[4] = 0x6_0000; m.gpr[5] = UInt32(length)
        let first = m.run(asm("CLCL 2,4"), budget: 1)
        #expect(first.stop == .budgetExhausted)
        #expect(m.gpr[3] > 0 && m.gpr[3] < UInt32(length))
        var stop = StopReason.budgetExhausted
        while stop == .budgetExhausted { stop = m.machine.run(budget: 1) }
        let old = m.double(0x20)
        #expect((old >> 28) & 3 == UInt64(data[length - 3] < other[length - 3] ? 1 : 2))
        #expect(m.gpr[2] == 0x2_0000 + UInt32(length - 3) && m.gpr[3] == 3)
        #expect(m.gpr[4] == 0x6_0000 + UInt32(length - 3) && m.gpr[5] == 3)
    }

    /// A page-translation exception in the middle of MVCL: the exception
    /// nullifies the current unit only; the registers show the bytes moved
    /// so far, and executing the MVCL again once the page is there finishes
    /// the move (GA22-7000, interruptible instructions).
    @Test func aTranslationExceptionInTheMiddleLeavesTheRegistersUpdated() {
        let m = TestMachine()
        var pages = DAT370Tests.identityLow(fourK: true)
        pages[0x2_0000] = 0x2_0000
        pages[0x2_1000] = 0x4_1000
        pages[0x2_2000] = .some(nil)
        DAT370Tests.map(m, fourK: true, oneMeg: false, pages: pages)
        let source = (0..<0x200).map(Self.pattern)
        m.store(0x2_0000, source)
        m.gpr[2] = 0x2_1F00; m.gpr[3] = 0x200
        m.gpr[4] = 0x2_0000; m.gpr[5] = 0x200
        let r = m.run(asm("MVCL 2,4"), pswHigh: DAT370Tests.ecDAT)
        #expect(r.programInterruption == 0x11)
        #expect(r.oldAddress == 0x1000, "nullified: the old PSW points at the MVCL")
        #expect(m.word(0x90) == 0x2_2000, "translation-exception address")
        #expect(m.gpr[2] == 0x2_2000 && m.gpr[3] == 0x100)
        #expect(m.gpr[4] == 0x2_0100 && m.gpr[5] == 0x100)
        #expect(m.bytes(0x4_1F00, 0x100) == Array(source[0..<0x100]), "the first unit is in place")
        // Page in virtual X'22000' at real X'42000' and execute again.
        m.machine.storage.store16(0x9000 + 2 * 0x400 + 2 * 2, 0x0420)
        let again = m.run(asm("MVCL 2,4"), pswHigh: DAT370Tests.ecDAT)
        #expect(again.completed && again.cc == 0)
        #expect(m.gpr[2] == 0x2_2100 && m.gpr[3] == 0 && m.gpr[4] == 0x2_0200 && m.gpr[5] == 0)
        #expect(m.bytes(0x4_2000, 0x100) == Array(source[0x100..<0x200]))
    }
}
