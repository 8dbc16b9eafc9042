import Foundation
import Testing
import S370Core

// Vectors for the logical and character instructions (GA22-7000, chapter 7):
// AND/OR/EXCLUSIVE OR in all forms, compare logical, the character and mask
// instructions, TEST AND SET, COMPARE AND SWAP, and the storage-to-storage
// moves and translations, including overlap, 2K-block crossing and key
// protection (a protection exception leaves storage untouched).
//
// Storage operands live at X'800'–X'FFF' and X'2000' up.
//
// Cross-checked under Hercules 3.13 (ARCHMODE S/370): every vector of the
// tables below was run there with the same initial state; Hercules agreed
// on registers, storage, condition code and interruption code.

@Suite("Logical")
struct LogicalTests {
    // MARK: AND, OR, EXCLUSIVE OR

    static let booleans: [V] = [
        V("NR 1,2").regs([1: 0xF0F0_F0F0, 2: 0x0FF0_0FF0]).gives(cc: 1, regs: [1: 0x00F0_00F0]),
        V("NR 1,2").regs([1: 0xF0F0_F0F0, 2: 0x0F0F_0F0F]).gives(cc: 0, regs: [1: 0]),
        V("OR 1,2").regs([1: 0xF000_0000, 2: 0x0000_000F]).gives(cc: 1, regs: [1: 0xF000_000F]),
        V("OR 1,2").regs([1: 0, 2: 0]).gives(cc: 0),
        V("XR 1,2").regs([1: 0xFF00_FF00, 2: 0xFFFF_0000]).gives(cc: 1, regs: [1: 0x00FF_FF00]),
        V("XR 1,1", name: "XR 1,1 clears").regs([1: 0x1234_5678]).gives(cc: 0, regs: [1: 0]),
        V("N 1,X'800'").regs([1: 0xFFFF_FFFF]).mem(0x800, "0000FFFF").gives(cc: 1, regs: [1: 0xFFFF]),
        V("N 1,X'800'").regs([1: 0xFFFF_0000]).mem(0x800, "0000FFFF").gives(cc: 0, regs: [1: 0]),
        V("O 1,X'800'").regs([1: 0x1]).mem(0x800, "80000000").gives(cc: 1, regs: [1: 0x8000_0001]),
        V("X 1,X'800'").regs([1: 0x5555_5555]).mem(0x800, "55555555").gives(cc: 0, regs: [1: 0]),
        V("X 1,X'7FE'", name: "X across a block boundary").regs([1: 0]).mem(0x7FE, "01020304")
            .gives(cc: 1, regs: [1: 0x0102_0304]),
        V("NI X'800',X'0F'").mem(0x800, "F5").gives(cc: 1).leaves(0x800, "05"),
        V("NI X'800',X'0F'").mem(0x800, "F0").gives(cc: 0).leaves(0x800, "00"),
        V("OI X'800',X'80'").mem(0x800, "01").gives(cc: 1).leaves(0x800, "81"),
        V("OI X'800',X'00'").mem(0x800, "00").gives(cc: 0).leaves(0x800, "00"),
        V("XI X'800',X'FF'").mem(0x800, "0F").gives(cc: 1).leaves(0x800, "F0"),
        V("XI X'800',X'AA'").mem(0x800, "AA").gives(cc: 0).leaves(0x800, "00"),
        V("NC X'800'(4),X'900'").mem(0x800, "FF00FF00").mem(0x900, "0F0F0F0F").gives(cc: 1)
            .leaves(0x800, "0F000F00"),
        V("NC X'800'(2),X'900'").mem(0x800, "F0F0").mem(0x900, "0F0F").gives(cc: 0).leaves(0x800, "0000"),
        V("OC X'800'(3),X'900'").mem(0x800, "000000").mem(0x900, "000000").gives(cc: 0),
        V("OC X'800'(3),X'900'").mem(0x800, "100000").mem(0x900, "000001").gives(cc: 1).leaves(0x800, "100001"),
        V("XC X'800'(4),X'900'").mem(0x800, "12345678").mem(0x900, "FFFFFFFF").gives(cc: 1)
            .leaves(0x800, "EDCBA987"),
        V("XC X'800'(256),X'800'", name: "XC of a field with itself clears it")
            .mem(0x800, String(repeating: "A5", count: 256)).mem(0x900, "77")
            .gives(cc: 0).leaves(0x800, String(repeating: "00", count: 256)).leaves(0x900, "77"),
        V("XC X'801'(3),X'800'", name: "XC overlapping one byte to the right")
            .mem(0x800, "01020408").gives(cc: 1).leaves(0x800, "0103070F"),
        V("NC X'7FE'(4),X'900'", name: "NC across a block boundary").mem(0x7FE, "FFFFFFFF").mem(0x900, "12345678")
            .gives(cc: 1).leaves(0x7FE, "12345678"),
    ]

    @Test("AND, OR, exclusive OR", arguments: booleans)
    func boolean(_ v: V) { v.check() }

    // MARK: Compare logical

    static let compares: [V] = [
        V("CLI X'800',X'80'").mem(0x800, "80").gives(cc: 0),
        V("CLI X'800',X'80'").mem(0x800, "7F").gives(cc: 1),
        V("CLI X'800',X'80'").mem(0x800, "81").gives(cc: 2),
        V("CLC X'800'(3),X'900'").mem(0x800, "C1C2C3").mem(0x900, "C1C2C3").gives(cc: 0),
        V("CLC X'800'(3),X'900'").mem(0x800, "C1C2C3").mem(0x900, "C1C2C4").gives(cc: 1),
        V("CLC X'800'(2),X'900'", name: "CLC compares unsigned").mem(0x800, "8000").mem(0x900, "7FFF").gives(cc: 2),
        V("CLC X'800'(256),X'900'", name: "CLC of 256 bytes")
            .mem(0x800, String(repeating: "11", count: 255) + "12")
            .mem(0x900, String(repeating: "11", count: 256)).gives(cc: 2),
        V("CLC X'7FC'(8),X'8FC'", name: "CLC with both operands across a block boundary")
            .mem(0x7FC, "0102030405060708").mem(0x8FC, "0102030405060709").gives(cc: 1),
        V("CLM 1,6,X'800'", name: "CLM bytes 1 and 2").regs([1: 0xFF12_34FF]).mem(0x800, "1234").gives(cc: 0),
        V("CLM 1,6,X'800'").regs([1: 0x0012_3400]).mem(0x800, "1235").gives(cc: 1),
        V("CLM 1,9,X'800'", name: "CLM bytes 0 and 3").regs([1: 0x8000_0001]).mem(0x800, "7F01").gives(cc: 2),
        V("CLM 1,0,X'800'", name: "CLM with mask 0").regs([1: 5]).gives(cc: 0),
        V("CLM 1,15,X'7FE'", name: "CLM across a block boundary").regs([1: 0x0102_0304]).mem(0x7FE, "01020304")
            .gives(cc: 0),
    ]

    @Test("compare logical", arguments: compares)
    func compareLogical(_ v: V) { v.check() }

    // MARK: Characters, masks, test

    static let characters: [V] = [
        V("MVI X'800',X'5C'").mem(0x800, "000000").leaves(0x800, "5C0000"),
        V("IC 1,X'800'").regs([1: 0xFFFF_FFFF]).mem(0x800, "12").gives(regs: [1: 0xFFFF_FF12]),
        V("STC 1,X'801'").regs([1: 0x1234_5678]).mem(0x800, "000000").leaves(0x800, "007800"),
        V("ICM 1,15,X'800'", name: "ICM all four bytes").regs([1: 0]).mem(0x800, "80000001")
            .gives(cc: 1, regs: [1: 0x8000_0001]),
        V("ICM 1,5,X'800'", name: "ICM bytes 1 and 3").regs([1: 0xAAAA_AAAA]).mem(0x800, "1234")
            .gives(cc: 2, regs: [1: 0xAA12_AA34]),
        V("ICM 1,8,X'800'", name: "ICM zero byte").regs([1: 0xFFFF_FFFF]).mem(0x800, "00")
            .gives(cc: 0, regs: [1: 0x00FF_FFFF]),
        V("ICM 1,3,X'800'", name: "ICM leftmost inserted bit one").regs([1: 0]).mem(0x800, "8000")
            .gives(cc: 1, regs: [1: 0x8000]),
        V("ICM 1,0,X'800'", name: "ICM with mask 0").regs([1: 0x1234]).gives(cc: 0),
        V("ICM 1,7,X'7FF'", name: "ICM across a block boundary").regs([1: 0xEE00_0000]).mem(0x7FF, "010203")
            .gives(cc: 2, regs: [1: 0xEE01_0203]),
        V("STCM 1,10,X'800'", name: "STCM bytes 0 and 2").regs([1: 0x1122_3344]).mem(0x800, "000000")
            .leaves(0x800, "113300"),
        V("STCM 1,15,X'7FE'", name: "STCM across a block boundary").regs([1: 0x1122_3344]).mem(0x7FE, "00000000")
            .leaves(0x7FE, "11223344"),
        V("STCM 1,0,X'800'", name: "STCM with mask 0").regs([1: 0x1122_3344]).mem(0x800, "00").leaves(0x800, "00"),
        V("TM X'800',X'F0'").mem(0x800, "F3").gives(cc: 3),
        V("TM X'800',X'F0'").mem(0x800, "30").gives(cc: 1),
        V("TM X'800',X'F0'").mem(0x800, "0F").gives(cc: 0),
        V("TM X'800',X'00'", name: "TM with mask 0").mem(0x800, "FF").gives(cc: 0),
        V("TS X'800'").mem(0x800, "00").gives(cc: 0).leaves(0x800, "FF"),
        V("TS X'800'").mem(0x800, "7F").gives(cc: 0).leaves(0x800, "FF"),
        V("TS X'800'").mem(0x800, "80").gives(cc: 1).leaves(0x800, "FF"),
    ]

    @Test("characters and masks", arguments: characters)
    func charactersAndMasks(_ v: V) { v.check() }

    // MARK: Compare and swap

    static let swaps: [V] = [
        V("CS 2,4,X'800'", name: "CS equal: stores R3").regs([2: 7, 4: 9]).mem(0x800, "00000007")
            .gives(cc: 0).leaves(0x800, "00000009"),
        V("CS 2,4,X'800'", name: "CS unequal: loads R1").regs([2: 7, 4: 9]).mem(0x800, "00000008")
            .gives(cc: 1, regs: [2: 8]),
        V("CS 2,4,X'802'", name: "CS off a word boundary").regs([2: 7, 4: 9]).mem(0x800, "0000000000000007")
            .interrupts(0x06),
        V("CDS 2,4,X'800'", name: "CDS equal").regs([2: 1, 3: 2, 4: 3, 5: 4]).mem(0x800, "0000000100000002")
            .gives(cc: 0).leaves(0x800, "0000000300000004"),
        V("CDS 2,4,X'800'", name: "CDS unequal").regs([2: 1, 3: 2, 4: 3, 5: 4]).mem(0x800, "0000000100000005")
            .gives(cc: 1, regs: [2: 1, 3: 5]),
        V("CDS 2,4,X'804'", name: "CDS off a doubleword boundary").mem(0x800, "0000000000000000 00000000")
            .interrupts(0x06),
        V("CDS 3,4,X'800'", name: "CDS odd R1").interrupts(0x06),
        V("CDS 2,5,X'800'", name: "CDS odd R3").interrupts(0x06),
    ]

    @Test("compare and swap", arguments: swaps)
    func compareAndSwap(_ v: V) { v.check() }

    // MARK: Moves

    static let moves: [V] = [
        V("MVC X'800'(4),X'900'").mem(0x800, "00000000 EE").mem(0x900, "C1C2C3C4").leaves(0x800, "C1C2C3C4 EE"),
        V("MVC X'801'(7),X'800'", name: "MVC one byte to the right propagates")
            .mem(0x800, "4000000000000000 77").leaves(0x800, "4040404040404040 77"),
        V("MVC X'801'(255),X'800'", name: "MVC propagating 256 bytes")
            .mem(0x800, "5C" + String(repeating: "00", count: 255)).mem(0x900, "77")
            .leaves(0x800, String(repeating: "5C", count: 256)).leaves(0x900, "77"),
        V("MVC X'802'(4),X'800'", name: "MVC two to the right repeats a pair")
            .mem(0x800, "AABB000000 00").leaves(0x800, "AABBAABBAABB"),
        V("MVC X'800'(4),X'802'", name: "MVC overlapping to the left").mem(0x800, "010203040506")
            .leaves(0x800, "030405060506"),
        V("MVC X'7F0'(32),X'8F0'", name: "MVC with both operands across a block boundary")
            .mem(0x7F0, String(repeating: "00", count: 32))
            .mem(0x8F0, (0..<32).map { String(format: "%02X", $0) }.joined())
            .leaves(0x7F0, (0..<32).map { String(format: "%02X", $0) }.joined()),
        V("MVN X'800'(3),X'900'").mem(0x800, "F1F2F3").mem(0x900, "C7C8C9").leaves(0x800, "F7F8F9"),
        V("MVZ X'800'(3),X'900'").mem(0x800, "F1F2F3").mem(0x900, "C7C8C9").leaves(0x800, "C1C2C3"),
        V("MVN X'801'(3),X'800'", name: "MVN overlapping propagates the numeric")
            .mem(0x800, "1A2B3C4D").leaves(0x800, "1A2A3A4A"),
    ]

    @Test("moves", arguments: moves)
    func move(_ v: V) { v.check() }

    // MARK: Translate

    /// A table whose entry for byte b is b + 1 (mod 256).
    static let plusOne = (0..<256).map { String(format: "%02X", ($0 + 1) & 0xFF) }.joined()
    /// A TRT table: nonzero only for X'40' (function byte X'04') and X'6B' (X'08').
    static let stopTable: String = {
        var t = [String](repeating: "00", count: 256)
        t[0x40] = "04"; t[0x6B] = "08"
        return t.joined()
    }()

    static let translations: [V] = [
        V("TR X'800'(4),X'C00'").mem(0xC00, plusOne).mem(0x800, "00017FFF").leaves(0x800, "01028000"),
        V("TR X'7FE'(4),X'C00'", name: "TR across a block boundary").mem(0xC00, plusOne).mem(0x7FE, "10203040")
            .leaves(0x7FE, "11213141"),
        V("TRT X'800'(6),X'C00'", name: "TRT stops at the first nonzero function byte")
            .regs([1: 0xAA00_0000, 2: 0xBBBB_BBBB]).mem(0xC00, stopTable).mem(0x800, "C1C2406BC3C4")
            .gives(cc: 1, regs: [1: 0xAA00_0802, 2: 0xBBBB_BB04]),
        V("TRT X'800'(3),X'C00'", name: "TRT stop on the last byte").regs([1: 0, 2: 0])
            .mem(0xC00, stopTable).mem(0x800, "C1C26B")
            .gives(cc: 2, regs: [1: 0x802, 2: 0x08]),
        V("TRT X'800'(3),X'C00'", name: "TRT all zero leaves the registers").regs([1: 0x1111_1111, 2: 0x2222_2222])
            .mem(0xC00, stopTable).mem(0x800, "C1C2C3").gives(cc: 0),
        V("TRT X'7FF'(2),X'C00'", name: "TRT across a block boundary").regs([1: 0, 2: 0])
            .mem(0xC00, stopTable).mem(0x7FF, "C140").gives(cc: 2, regs: [1: 0x800, 2: 0x04]),
    ]

    @Test("translate", arguments: translations)
    func translate(_ v: V) { v.check() }

    // MARK: Key-controlled protection

    /// PSW key 1; the block at X'2000' has key 2 (store-protected against
    /// key 1), the block at X'2800' has key 2 with fetch protection, the
    /// block at X'3000' has key 1.
    static func protected(_ source: String, name: String? = nil) -> V {
        V(source, name: name).psw(PSWBits.key(1))
            .key(0x2000, 0x20).key(0x2800, 0x28).key(0x3000, 0x10)
            .regs([2: 0x2000, 3: 0x3000])
    }

    static let protection: [V] = [
        protected("MVI 0(3),X'55'", name: "store into a block with the PSW key").mem(0x3000, "00")
            .leaves(0x3000, "55"),
        protected("MVI 0(2),X'55'", name: "MVI into a key-2 block").mem(0x2000, "00").interrupts(0x04),
        protected("IC 1,0(0,2)", name: "fetch from a key-2 block without fetch protection").mem(0x2000, "99")
            .gives(regs: [1: 0x99]),
        protected("IC 1,X'800'(0,2)", name: "fetch from a fetch-protected block").mem(0x2800, "99").interrupts(0x04),
        protected("MVC 0(8,3),X'800'(2)", name: "MVC from a fetch-protected block")
            .mem(0x3000, "0000000000000000").mem(0x2800, "1111111111111111").interrupts(0x04),
        protected("MVC X'FFC'(8,3),0(2)", name: "MVC into a block pair whose second half is protected")
            .mem(0x3FFC, "0000000000000000").mem(0x2000, "1111111111111111").key(0x3800, 0x10).key(0x4000, 0x20)
            .interrupts(0x04),
        protected("XC 0(4,2),0(2)", name: "XC clearing a protected field").mem(0x2000, "12345678").interrupts(0x04),
        protected("OI 0(2),X'01'", name: "OI into a protected byte").mem(0x2000, "00").interrupts(0x04),
        protected("TS 0(2)", name: "TS of a protected byte").mem(0x2000, "00").interrupts(0x04),
        protected("STCM 1,15,0(2)", name: "STCM into a protected block").regs([1: 0x0102_0304])
            .mem(0x2000, "00000000").interrupts(0x04),
        protected("CLC 0(4,3),X'800'(2)", name: "CLC with a fetch-protected operand")
            .mem(0x3000, "00000000").interrupts(0x04),
        protected("TR 0(4,2),0(3)", name: "TR of a protected operand").mem(0x2000, "00010203").interrupts(0x04),
        protected("CS 4,5,0(2)", name: "CS into a protected word").regs([4: 0, 5: 1]).mem(0x2000, "00000000")
            .interrupts(0x04),
        // With key 0 nothing is protected.
        V("MVI 0(2),X'55'", name: "key 0 stores anywhere").regs([2: 0x2000]).key(0x2000, 0x28).mem(0x2000, "00")
            .leaves(0x2000, "55"),
        // Low-address protection (CR0 bit 3) refuses stores into 0-511 whatever the key.
        V("MVI X'100',X'55'", name: "low-address protection").cr(0, 0x1000_00E0).mem(0x100, "00").interrupts(0x04),
        V("MVI X'200',X'55'", name: "low-address protection ends at 512").cr(0, 0x1000_00E0).mem(0x200, "00")
            .leaves(0x200, "55"),
    ]

    @Test("key-controlled protection", arguments: protection)
    func keyProtection(_ v: V) { v.check() }

    /// TRANSLATE touches only the table bytes it uses: a table reaching into
    /// a fetch-protected block is fine while no argument byte selects an
    /// entry there.
    @Test func translateChecksOnlyTheTableBytesUsed() {
        Self.protected("TR 0(4,3),X'780'(2)", name: "TR table partly fetch-protected, unused part")
            .key(0x2000, 0x10)
            .mem(0x2780, "A0A1A2A3").mem(0x3000, "03020100").leaves(0x3000, "A3A2A1A0")
            .check()
        Self.protected("TR 0(4,3),X'780'(2)", name: "TR table partly fetch-protected, used part")
            .key(0x2000, 0x10)
            .mem(0x3000, "03028000").interrupts(0x04)
            .check()
    }
}
