import Foundation
import Testing
import S370Core

// Vectors for the fixed-point instructions (IBM System/370 Principles of
// Operation, GA22-7000, chapter 7 "General Instructions"): condition codes,
// fixed-point overflow with and without program-mask bit 36 (the result is
// stored, then the interruption, code 8, is taken), fixed-point divide,
// even-register specification exceptions, LM/STM wraparound and block
// crossing, and the 360/67's boundary-alignment rule (System/360 requires
// operands on integral boundaries; System/370 does not).
//
// Storage operands live at X'800'–X'FFF' and are addressed with base 0.
//
// Cross-checked under Hercules 3.13 (ARCHMODE S/370): every vector of the
// tables below was run there as a one-instruction program with the same
// registers, storage, keys, control registers and PSW, and Hercules agreed
// on the registers, storage, condition code and interruption code.

@Suite("Fixed point")
struct FixedPointTests {
    static let imax: UInt32 = 0x7FFF_FFFF, imin: UInt32 = 0x8000_0000
    static func neg(_ v: Int32) -> UInt32 { UInt32(bitPattern: v) }

    // MARK: Add and subtract

    static let addSubtract: [V] = [
        V("AR 1,2").regs([1: 5, 2: 7]).gives(cc: 2, regs: [1: 12]),
        V("AR 1,2").regs([1: neg(-5), 2: 2]).gives(cc: 1, regs: [1: neg(-3)]),
        V("AR 1,2").regs([1: 5, 2: neg(-5)]).gives(cc: 0, regs: [1: 0]),
        V("AR 1,2", name: "AR overflow, masked off").regs([1: imax, 2: 1]).gives(cc: 3, regs: [1: imin]),
        V("AR 1,2", name: "AR overflow, mask on: stored then interrupted").regs([1: imax, 2: 1]).mask(8)
            .interrupts(0x08, cc: 3, regs: [1: imin]),
        V("AR 1,2", name: "AR negative overflow").regs([1: imin, 2: imin]).gives(cc: 3, regs: [1: 0]),
        V("AR 1,1", name: "AR same register").regs([1: 0x4000_0000]).gives(cc: 3, regs: [1: imin]),
        V("AR 1,2", name: "AR other mask bits do not interrupt").regs([1: imax, 2: 1]).mask(7)
            .gives(cc: 3, regs: [1: imin]),

        V("SR 1,2").regs([1: 7, 2: 5]).gives(cc: 2, regs: [1: 2]),
        V("SR 1,2").regs([1: 5, 2: 7]).gives(cc: 1, regs: [1: neg(-2)]),
        V("SR 1,1", name: "SR 1,1 clears").regs([1: 0x1234_5678]).gives(cc: 0, regs: [1: 0]),
        V("SR 1,2", name: "SR overflow").regs([1: imin, 2: 1]).gives(cc: 3, regs: [1: imax]),
        V("SR 1,2", name: "SR 0 - min overflows").regs([1: 0, 2: imin]).mask(8)
            .interrupts(0x08, cc: 3, regs: [1: imin]),

        V("A 1,X'800'").regs([1: 100]).mem(0x800, "FFFFFF9C").gives(cc: 0, regs: [1: 0]),
        V("A 1,X'7FC'(2)", name: "A with index").regs([1: 1, 2: 4]).mem(0x800, "00000002").gives(cc: 2, regs: [1: 3]),
        V("A 1,X'800'", name: "A overflow, mask on").regs([1: imax]).mem(0x800, "7FFFFFFF").mask(8)
            .interrupts(0x08, cc: 3, regs: [1: 0xFFFF_FFFE]),
        V("A 1,X'7FE'", name: "A spanning a 2K block boundary").regs([1: 1]).mem(0x7FE, "00000001")
            .gives(cc: 2, regs: [1: 2]),
        V("S 1,X'800'").regs([1: 1]).mem(0x800, "00000002").gives(cc: 1, regs: [1: 0xFFFF_FFFF]),
        V("S 1,X'800'", name: "S overflow").regs([1: imax]).mem(0x800, "FFFFFFFF").mask(8)
            .interrupts(0x08, cc: 3, regs: [1: imin]),

        // Halfword operands are sign-extended.
        V("AH 1,X'800'").regs([1: 0]).mem(0x800, "8000").gives(cc: 1, regs: [1: neg(-32768)]),
        V("AH 1,X'800'").regs([1: 1]).mem(0x800, "7FFF").gives(cc: 2, regs: [1: 0x8000]),
        V("AH 1,X'800'", name: "AH overflow").regs([1: imax]).mem(0x800, "0001").mask(8)
            .interrupts(0x08, cc: 3, regs: [1: imin]),
        V("SH 1,X'800'").regs([1: 0]).mem(0x800, "FFFF").gives(cc: 2, regs: [1: 1]),
        V("SH 1,X'800'", name: "SH overflow").regs([1: imin]).mem(0x800, "0001").gives(cc: 3, regs: [1: imax]),

        // Logical: CC 0 zero/no carry, 1 nonzero/no carry, 2 zero/carry, 3 nonzero/carry; never an interruption.
        V("ALR 1,2").regs([1: 0, 2: 0]).mask(8).gives(cc: 0, regs: [1: 0]),
        V("ALR 1,2").regs([1: 1, 2: 2]).mask(8).gives(cc: 1, regs: [1: 3]),
        V("ALR 1,2").regs([1: 0xFFFF_FFFF, 2: 1]).mask(8).gives(cc: 2, regs: [1: 0]),
        V("ALR 1,2").regs([1: 0xFFFF_FFFF, 2: 2]).mask(8).gives(cc: 3, regs: [1: 1]),
        V("ALR 1,2", name: "ALR across the sign: no overflow").regs([1: imax, 2: 1]).mask(8).gives(cc: 1, regs: [1: imin]),
        V("AL 1,X'800'").regs([1: 0x8000_0000]).mem(0x800, "80000000").gives(cc: 2, regs: [1: 0]),
        V("AL 1,X'800'").regs([1: 5]).mem(0x800, "00000007").gives(cc: 1, regs: [1: 12]),
        // Subtract logical: CC 1 nonzero/no carry, 2 zero/carry, 3 nonzero/carry.
        V("SLR 1,2").regs([1: 5, 2: 5]).gives(cc: 2, regs: [1: 0]),
        V("SLR 1,2").regs([1: 5, 2: 3]).gives(cc: 3, regs: [1: 2]),
        V("SLR 1,2").regs([1: 3, 2: 5]).gives(cc: 1, regs: [1: 0xFFFF_FFFE]),
        V("SLR 1,2").regs([1: 0, 2: 0]).gives(cc: 2, regs: [1: 0]),
        V("SL 1,X'800'").regs([1: 0]).mem(0x800, "00000001").mask(8).gives(cc: 1, regs: [1: 0xFFFF_FFFF]),
        V("SL 1,X'800'").regs([1: imin]).mem(0x800, "00000001").mask(8).gives(cc: 3, regs: [1: imax]),
    ]

    @Test("add and subtract", arguments: addSubtract)
    func addAndSubtract(_ v: V) { v.check() }

    // MARK: Compare

    static let compares: [V] = [
        V("CR 1,2").regs([1: 5, 2: 5]).gives(cc: 0),
        V("CR 1,2").regs([1: neg(-1), 2: 1]).gives(cc: 1),
        V("CR 1,2").regs([1: 1, 2: neg(-1)]).gives(cc: 2),
        V("CR 1,2").regs([1: imin, 2: imax]).gives(cc: 1),
        V("C 1,X'800'").regs([1: 7]).mem(0x800, "00000007").gives(cc: 0),
        V("C 1,X'800'").regs([1: neg(-8)]).mem(0x800, "FFFFFFF9").gives(cc: 1),
        V("CH 1,X'800'").regs([1: neg(-1)]).mem(0x800, "FFFF").gives(cc: 0),
        V("CH 1,X'800'").regs([1: 0x8000]).mem(0x800, "8000").gives(cc: 2),
        V("CH 1,X'800'").regs([1: 0]).mem(0x800, "0001").gives(cc: 1),
        V("CLR 1,2").regs([1: 0xFFFF_FFFF, 2: 1]).gives(cc: 2),
        V("CLR 1,2").regs([1: 1, 2: 0xFFFF_FFFF]).gives(cc: 1),
        V("CLR 1,2").regs([1: imin, 2: imin]).gives(cc: 0),
        V("CL 1,X'800'").regs([1: 0x7FFF_FFFF]).mem(0x800, "80000000").gives(cc: 1),
        V("CL 1,X'800'").regs([1: 0x8000_0001]).mem(0x800, "80000000").gives(cc: 2),
    ]

    @Test("compare", arguments: compares)
    func compare(_ v: V) { v.check() }

    // MARK: Loads and stores

    static let loadStoreVectors: [V] = [
        V("LR 1,2", name: "LR leaves the CC").regs([2: 0x8765_4321]).gives(regs: [1: 0x8765_4321]),
        V("L 1,X'800'").mem(0x800, "12345678").gives(regs: [1: 0x1234_5678]),
        V("L 1,X'7FF'", name: "L unaligned across a block boundary (S/370)").mem(0x7FF, "AABBCCDD")
            .gives(regs: [1: 0xAABB_CCDD]),
        V("ST 1,X'800'").regs([1: 0xCAFE_BABE]).mem(0x800, "00000000 11").leaves(0x800, "CAFEBABE 11"),
        V("ST 1,X'7FE'", name: "ST across a block boundary").regs([1: 0x0102_0304]).mem(0x7FC, "FFFFFFFFFFFFFFFF")
            .leaves(0x7FC, "FFFF01020304FFFF"),
        V("LH 1,X'800'").regs([1: 0xFFFF_FFFF]).mem(0x800, "7FFF").gives(regs: [1: 0x7FFF]),
        V("LH 1,X'800'").mem(0x800, "8001").gives(regs: [1: 0xFFFF_8001]),
        V("STH 1,X'801'", name: "STH stores bits 16-31 only").regs([1: 0x1234_5678]).mem(0x800, "00000000")
            .leaves(0x800, "00567800"),
        V("LA 1,X'123'(2,3)").regs([2: 0x100, 3: 0x1000]).gives(regs: [1: 0x1223]),
        V("LA 1,0(0,2)", name: "LA clears bits 0-7").regs([1: 0xFFFF_FFFF, 2: 0xFF00_0010]).gives(regs: [1: 0x10]),
        V("LA 1,X'FFF'(2,3)", name: "LA wraps at 2**24").regs([2: 0x00FF_FFFF, 3: 0x10]).gives(regs: [1: 0x100E]),
        V("LA 0,4095(0,0)", name: "LA with register 0 as base and index").regs([0: 0x5555]).gives(regs: [0: 0xFFF]),
        V("LA 2,1(0,2)", name: "LA increments its own base").regs([2: 41]).gives(regs: [2: 42]),
        V("LTR 1,2").regs([2: 0]).gives(cc: 0, regs: [1: 0]),
        V("LTR 1,2").regs([2: imin]).gives(cc: 1, regs: [1: imin]),
        V("LTR 1,1").regs([1: 9]).gives(cc: 2),
        V("LCR 1,2").regs([2: 5]).gives(cc: 1, regs: [1: neg(-5)]),
        V("LCR 1,2").regs([2: neg(-5)]).gives(cc: 2, regs: [1: 5]),
        V("LCR 1,2").regs([2: 0]).gives(cc: 0, regs: [1: 0]),
        V("LCR 1,2", name: "LCR of the maximum negative number").regs([2: imin]).gives(cc: 3, regs: [1: imin]),
        V("LCR 1,2", name: "LCR overflow, mask on").regs([2: imin]).mask(8).interrupts(0x08, cc: 3, regs: [1: imin]),
        V("LPR 1,2").regs([2: neg(-5)]).gives(cc: 2, regs: [1: 5]),
        V("LPR 1,2").regs([2: 5]).gives(cc: 2, regs: [1: 5]),
        V("LPR 1,2").regs([2: 0]).gives(cc: 0, regs: [1: 0]),
        V("LPR 1,2", name: "LPR overflow").regs([2: imin]).mask(8).interrupts(0x08, cc: 3, regs: [1: imin]),
        V("LNR 1,2").regs([2: 5]).gives(cc: 1, regs: [1: neg(-5)]),
        V("LNR 1,2").regs([2: neg(-5)]).gives(cc: 1, regs: [1: neg(-5)]),
        V("LNR 1,2").regs([2: 0]).gives(cc: 0, regs: [1: 0]),
        V("LNR 1,2", name: "LNR of the maximum negative number").regs([2: imin]).mask(8).gives(cc: 1, regs: [1: imin]),
    ]

    @Test("loads and stores", arguments: loadStoreVectors)
    func loadsAndStores(_ v: V) { v.check() }

    // MARK: Load and store multiple

    static let multiple: [V] = [
        V("LM 2,4,X'800'").mem(0x800, "00000002 00000003 00000004 00000005")
            .gives(regs: [2: 2, 3: 3, 4: 4]),
        V("LM 14,1,X'800'", name: "LM wraps from 15 to 0").mem(0x800, "0000000E 0000000F 00000000 00000001")
            .gives(regs: [14: 14, 15: 15, 0: 0, 1: 1]),
        V("LM 5,5,X'800'", name: "LM of one register").mem(0x800, "00000055").gives(regs: [5: 0x55]),
        V("LM 0,15,X'800'", name: "LM of all sixteen").mem(0x800, (0..<16).map { String(format: "%08X", $0 * 0x11) }.joined())
            .gives(regs: Dictionary(uniqueKeysWithValues: (0..<16).map { ($0, UInt32($0 * 0x11)) })),
        V("LM 1,4,X'7F8'", name: "LM across a 2K block boundary")
            .mem(0x7F8, "00000001 00000002 00000003 00000004").gives(regs: [1: 1, 2: 2, 3: 3, 4: 4]),
        V("LM 1,2,X'7FE'", name: "LM unaligned across a block (S/370)").mem(0x7FE, "00000001 00000002")
            .gives(regs: [1: 1, 2: 2]),
        V("STM 2,4,X'800'").regs([2: 0x22, 3: 0x33, 4: 0x44]).mem(0x800, "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF")
            .leaves(0x800, "00000022 00000033 00000044 FFFFFFFF"),
        V("STM 15,0,X'800'", name: "STM wraps from 15 to 0").regs([15: 0xF, 0: 0xA]).mem(0x800, "0000000000000000")
            .leaves(0x800, "0000000F 0000000A"),
        V("STM 1,4,X'7F8'", name: "STM across a 2K block boundary").regs([1: 1, 2: 2, 3: 3, 4: 4])
            .mem(0x7F8, "00000000000000000000000000000000").leaves(0x7F8, "00000001 00000002 00000003 00000004"),
        V("STM 1,2,X'7FA'", name: "STM unaligned across a block (S/370)").regs([1: 0x0101_0101, 2: 0x0202_0202])
            .mem(0x7F8, "0000000000000000 0000").leaves(0x7F8, "0000 01010101 02020202 0000"),
    ]

    @Test("load and store multiple", arguments: multiple)
    func loadAndStoreMultiple(_ v: V) { v.check() }

    /// STM into a block it may not store into: nothing at all is stored,
    /// not even in the accessible first block.
    @Test func storeMultipleAcrossIntoAProtectedBlockStoresNothing() {
        V("STM 1,4,X'FF8'(2)", name: "STM into a protected second block")
            .regs([1: 1, 2: 0x1000, 3: 3, 4: 4])
            .psw(PSWBits.key(1))
            .key(0x1800, 0x10).key(0x2000, 0x20)
            .mem(0x1FF8, "EEEEEEEEEEEEEEEE EEEEEEEEEEEEEEEE")
            .interrupts(0x04, cc: 3)
            .check()
    }

    // MARK: Multiply and divide

    static let multiplyDivide: [V] = [
        V("MR 2,5").regs([3: 0x1_0000, 5: 0x1_0000]).gives(regs: [2: 1, 3: 0]),
        V("MR 2,5").regs([2: 0xDEAD, 3: neg(-2), 5: 3]).gives(regs: [2: 0xFFFF_FFFF, 3: neg(-6)]),
        V("MR 2,3", name: "MR squares the odd register").regs([3: 0xFFFF_FFFF]).gives(regs: [2: 0, 3: 1]),
        V("MR 2,5", name: "MR largest product").regs([3: imin, 5: imin]).gives(regs: [2: 0x4000_0000, 3: 0]),
        V("MR 3,5", name: "MR odd R1").regs([3: 2, 5: 3]).interrupts(0x06),
        V("M 4,X'800'").regs([5: 1000]).mem(0x800, "FFFFFC18").gives(regs: [4: 0xFFFF_FFFF, 5: neg(-1_000_000)]),
        V("M 5,X'800'", name: "M odd R1").mem(0x800, "00000001").interrupts(0x06),
        V("MH 1,X'800'").regs([1: 3]).mem(0x800, "FFFE").gives(regs: [1: neg(-6)]),
        V("MH 1,X'800'", name: "MH keeps the low 32 bits, no overflow").regs([1: 0x1234_5678]).mem(0x800, "0100")
            .mask(8).gives(regs: [1: 0x3456_7800]),
        V("MH 1,X'800'", name: "MH sign of a truncated product").regs([1: 0x1_0000]).mem(0x800, "8000")
            .gives(regs: [1: imin]),

        V("DR 2,5").regs([2: 0, 3: 100, 5: 7]).gives(regs: [2: 2, 3: 14]),
        V("DR 2,5", name: "DR remainder has the dividend's sign").regs([2: 0xFFFF_FFFF, 3: neg(-100), 5: 7])
            .gives(regs: [2: neg(-2), 3: neg(-14)]),
        V("DR 2,5").regs([2: 0, 3: 100, 5: neg(-7)]).gives(regs: [2: 2, 3: neg(-14)]),
        V("DR 2,5", name: "DR 64-bit dividend").regs([2: 1, 3: 0, 5: 4]).gives(regs: [2: 0, 3: 0x4000_0000]),
        V("DR 2,5", name: "DR quotient -2**31 fits").regs([2: 0xFFFF_FFFF, 3: imin, 5: 1]).gives(regs: [2: 0, 3: imin]),
        V("DR 2,5", name: "DR by zero").regs([2: 0, 3: 100, 5: 0]).interrupts(0x09),
        V("DR 2,5", name: "DR quotient too large").regs([2: 1, 3: 0, 5: 1]).interrupts(0x09),
        V("DR 2,5", name: "DR -2**31 / -1").regs([2: 0xFFFF_FFFF, 3: imin, 5: 0xFFFF_FFFF]).interrupts(0x09),
        V("DR 2,5", name: "DR quotient 2**31 too large").regs([2: 0, 3: imin, 5: 1]).interrupts(0x09),
        V("DR 3,5", name: "DR odd R1").regs([5: 1]).interrupts(0x06),
        V("D 2,X'800'").regs([2: 0, 3: 17]).mem(0x800, "00000005").gives(regs: [2: 2, 3: 3]),
        V("D 2,X'800'", name: "D by zero").regs([2: 0, 3: 17]).mem(0x800, "00000000").interrupts(0x09),
        V("D 1,X'800'", name: "D odd R1").mem(0x800, "00000005").interrupts(0x06),
    ]

    @Test("multiply and divide", arguments: multiplyDivide)
    func multiplyAndDivide(_ v: V) { v.check() }

    // MARK: Shifts

    static let shifts: [V] = [
        V("SLL 1,4").regs([1: 0x1234_5678]).gives(regs: [1: 0x2345_6780]),
        V("SLL 1,31").regs([1: 3]).gives(regs: [1: imin]),
        V("SLL 1,32").regs([1: 0xFFFF_FFFF]).gives(regs: [1: 0]),
        V("SLL 1,0(2)", name: "SLL amount from the low six address bits").regs([1: 1, 2: 0x0104]).gives(regs: [1: 0x10]),
        V("SLL 1,X'FC1'", name: "SLL 1,X'FC1' shifts by 1").regs([1: 1]).gives(regs: [1: 2]),
        V("SRL 1,4").regs([1: 0x8765_4321]).gives(regs: [1: 0x0876_5432]),
        V("SRL 1,63").regs([1: 0xFFFF_FFFF]).gives(regs: [1: 0]),
        V("SRA 1,2").regs([1: neg(-16)]).gives(cc: 1, regs: [1: neg(-4)]),
        V("SRA 1,2").regs([1: 16]).gives(cc: 2, regs: [1: 4]),
        V("SRA 1,1").regs([1: 1]).gives(cc: 0, regs: [1: 0]),
        V("SRA 1,40").regs([1: neg(-1)]).gives(cc: 1, regs: [1: neg(-1)]),
        V("SRA 1,63").regs([1: imax]).gives(cc: 0, regs: [1: 0]),
        V("SLA 1,2").regs([1: 1]).gives(cc: 2, regs: [1: 4]),
        V("SLA 1,2").regs([1: neg(-1)]).gives(cc: 1, regs: [1: neg(-4)]),
        V("SLA 1,5").regs([1: 0]).gives(cc: 0, regs: [1: 0]),
        V("SLA 1,1", name: "SLA overflow: a one shifted out of bit 1").regs([1: 0x4000_0000]).gives(cc: 3, regs: [1: 0]),
        V("SLA 1,1", name: "SLA overflow, mask on").regs([1: 0x4000_0001]).mask(8).interrupts(0x08, cc: 3, regs: [1: 2]),
        V("SLA 1,31", name: "SLA -1 by 31: no bit unlike the sign leaves").regs([1: neg(-1)]).gives(cc: 1, regs: [1: imin]),
        V("SLA 1,32", name: "SLA -1 by 32: a zero passes bit 1").regs([1: neg(-1)]).gives(cc: 3, regs: [1: imin]),
        V("SLA 1,63", name: "SLA negative by 63").regs([1: neg(-1)]).gives(cc: 3, regs: [1: imin]),
        V("SLA 1,1", name: "SLA of -2**31").regs([1: imin]).gives(cc: 3, regs: [1: imin]),
        V("SLA 1,40", name: "SLA positive by 40").regs([1: 1]).gives(cc: 3, regs: [1: 0]),
        V("SLA 1,0", name: "SLA by 0 sets the CC").regs([1: neg(-3)]).gives(cc: 1),

        V("SLDL 2,4").regs([2: 0x0123_4567, 3: 0x89AB_CDEF]).gives(regs: [2: 0x1234_5678, 3: 0x9ABC_DEF0]),
        V("SLDL 2,63").regs([2: 0, 3: 1]).gives(regs: [2: imin, 3: 0]),
        V("SLDL 3,1", name: "SLDL odd R1").interrupts(0x06),
        V("SRDL 2,36").regs([2: 0xF000_0000, 3: 0]).gives(regs: [2: 0, 3: 0x0F00_0000]),
        V("SRDL 5,1", name: "SRDL odd R1").interrupts(0x06),
        V("SRDA 2,32").regs([2: neg(-2), 3: 0]).gives(cc: 1, regs: [2: 0xFFFF_FFFF, 3: neg(-2)]),
        V("SRDA 2,63").regs([2: 0x7FFF_FFFF, 3: 0xFFFF_FFFF]).gives(cc: 0, regs: [2: 0, 3: 0]),
        V("SRDA 2,1").regs([2: 0, 3: 4]).gives(cc: 2, regs: [2: 0, 3: 2]),
        V("SRDA 1,1", name: "SRDA odd R1").interrupts(0x06),
        V("SLDA 2,8").regs([2: 0x0012_3456, 3: 0x7800_0000]).gives(cc: 2, regs: [2: 0x1234_5678, 3: 0]),
        V("SLDA 2,62").regs([2: 0, 3: 1]).gives(cc: 2, regs: [2: 0x4000_0000, 3: 0]),
        V("SLDA 2,63", name: "SLDA overflow").regs([2: 0, 3: 1]).gives(cc: 3, regs: [2: 0, 3: 0]),
        V("SLDA 2,1", name: "SLDA overflow, mask on").regs([2: 0xBFFF_FFFF, 3: 0xFFFF_FFFF]).mask(8)
            .interrupts(0x08, cc: 3, regs: [2: 0xFFFF_FFFF, 3: 0xFFFF_FFFE]),
        V("SLDA 2,63", name: "SLDA -1 by 63").regs([2: 0xFFFF_FFFF, 3: 0xFFFF_FFFF]).gives(cc: 1, regs: [2: imin, 3: 0]),
        V("SLDA 2,0").regs([2: 0, 3: 0]).gives(cc: 0),
        V("SLDA 7,1", name: "SLDA odd R1").interrupts(0x06),
    ]

    @Test("shifts", arguments: shifts)
    func shift(_ v: V) { v.check() }

    // MARK: The 360/67's alignment rule

    /// On the 360/67 every word operand must be on a word boundary and every
    /// halfword operand on a halfword boundary (specification exception,
    /// the instruction suppressed). The same vectors complete on S/370.
    static let alignment: [(source: String, aligned: Bool)] = [
        ("L 1,X'802'", false), ("ST 1,X'802'", false), ("A 1,X'801'", false), ("S 1,X'803'", false),
        ("C 1,X'802'", false), ("AL 1,X'802'", false), ("SL 1,X'802'", false), ("CL 1,X'802'", false),
        ("N 1,X'802'", false), ("O 1,X'802'", false), ("X 1,X'802'", false), ("M 2,X'802'", false),
        ("D 2,X'802'", false), ("LM 1,2,X'802'", false), ("STM 1,2,X'802'", false),
        ("LH 1,X'801'", false), ("STH 1,X'801'", false), ("AH 1,X'801'", false), ("SH 1,X'801'", false),
        ("CH 1,X'801'", false), ("MH 1,X'801'", false),
        ("LH 1,X'802'", true), ("L 1,X'804'", true),
    ]

    @Test("360/67 boundary alignment", arguments: alignment)
    func model67Alignment(_ c: (source: String, aligned: Bool)) {
        let m = TestMachine(model: .s360_67)
        m.gpr[3] = 1
        m.store(0x800, [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1])
        let r = m.run(asm(c.source))
        if c.aligned {
            #expect(r.completed)
        } else {
            #expect(r.programInterruption == 0x06)
            #expect(r.ilc == 4)
            #expect(m.bytes(0x800, 12) == [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], "suppressed: storage unchanged")
        }
        let s370 = TestMachine()
        s370.gpr[3] = 1
        s370.store(0x800, [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(s370.run(asm(c.source)).completed, "S/370 has no alignment rule here")
    }
}
