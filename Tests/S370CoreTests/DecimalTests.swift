import Testing
import S370Core

// Tests of the decimal instructions against IBM System/370 Principles of
// Operation (GA22-7000). Vectors marked "PoO" are the manual's own examples
// (Appendix A); the others are worked out by hand from the instruction
// definitions. Operands are written as hex strings, two digits per byte.
//
// Cross-checked under Hercules 3.13 (Debian, ARCHMODE S/370; a throwaway
// script ran each vector as a one-instruction program and compared
// storage, registers, CC and interruption code): a selection of the
// AP/SP/ZAP/CP/MP/DP and SRP vectors (overflow with and without the mask,
// signs of zero results, data, specification and decimal-divide cases),
// all MVO/PACK/UNPK vectors including the destructive overlaps, all ED and
// EDMK vectors, CVB overflow and CVD of INT_MIN, and AP under EXECUTE.
// Hercules agreed on every one. (ED with an invalid source digit is
// terminated with the bytes edited before the bad digit stored, as
// Hercules and the hardware do; the PoO allows that for termination.)

/// Bytes of a hex string ("0012 345C" → 00 12 34 5C); spaces are ignored.
func hexBytes(_ s: String) -> [UInt8] {
    let digits = s.filter { $0 != " " }.map { UInt8(String($0), radix: 16)! }
    precondition(digits.count % 2 == 0, "odd hex string \(s)")
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// Hex string of bytes, for readable failure messages.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
}

extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

/// Base-displacement halfword: base register in bits 0–3, displacement in 4–15.
func bd(_ base: Int, _ displacement: Int) -> [UInt8] {
    [UInt8(base << 4 | displacement >> 8), UInt8(displacement & 0xFF)]
}

/// An SS instruction with two lengths (given in bytes, 1…16).
func ss2(_ op: UInt8, _ n1: Int, _ n2: Int, _ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
    [op, UInt8((n1 - 1) << 4 | (n2 - 1))] + first + second
}

/// An SS instruction with one length (in bytes, 1…256).
func ss1(_ op: UInt8, _ n: Int, _ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
    [op, UInt8(n - 1)] + first + second
}

/// An RX instruction.
func rx(_ op: UInt8, _ r1: Int, _ x2: Int, _ address: [UInt8]) -> [UInt8] {
    [op, UInt8(r1 << 4 | x2)] + address
}

enum Op {
    static let AP: UInt8 = 0xFA, SP: UInt8 = 0xFB, ZAP: UInt8 = 0xF8, CP: UInt8 = 0xF9
    static let MP: UInt8 = 0xFC, DP: UInt8 = 0xFD, SRP: UInt8 = 0xF0
    static let MVO: UInt8 = 0xF1, PACK: UInt8 = 0xF2, UNPK: UInt8 = 0xF3
    static let ED: UInt8 = 0xDE, EDMK: UInt8 = 0xDF, CVB: UInt8 = 0x4F, CVD: UInt8 = 0x4E
}

/// Interruption codes.
enum Code {
    static let operation: UInt16 = 1, protection: UInt16 = 4, addressing: UInt16 = 5
    static let specification: UInt16 = 6, data: UInt16 = 7, fixedPointDivide: UInt16 = 9
    static let decimalOverflow: UInt16 = 0x0A, decimalDivide: UInt16 = 0x0B
}

/// One two-operand decimal instruction: first operand at X'200', second
/// at X'300', lengths from the operand strings.
struct PackedCase: Sendable, CustomTestStringConvertible {
    let op: UInt8
    let first: String
    let second: String
    /// First operand afterwards (the original when an exception suppresses).
    let result: String
    /// Condition code, or nil when `interruption` is expected instead.
    let cc: UInt8?
    let interruption: UInt16?

    static func ok(_ op: UInt8, _ first: String, _ second: String, _ result: String, cc: UInt8) -> PackedCase {
        PackedCase(op: op, first: first, second: second, result: result, cc: cc, interruption: nil)
    }

    /// An instruction that leaves the condition code alone (MP, DP).
    static func ok(_ op: UInt8, _ first: String, _ second: String, _ result: String) -> PackedCase {
        PackedCase(op: op, first: first, second: second, result: result, cc: nil, interruption: nil)
    }

    /// Suppressed by an exception: the first operand is unchanged.
    static func fails(_ op: UInt8, _ first: String, _ second: String, _ code: UInt16) -> PackedCase {
        PackedCase(op: op, first: first, second: second, result: first, cc: nil, interruption: code)
    }

    var testDescription: String {
        let name = [0xFA: "AP", 0xFB: "SP", 0xF8: "ZAP", 0xF9: "CP", 0xFC: "MP", 0xFD: "DP"][Int(op)] ?? "?"
        return "\(name) \(first),\(second)"
    }

    func run(model: MachineModel = .s370) {
        let m = TestMachine(model: model)
        let a = hexBytes(first), b = hexBytes(second)
        m.store(0x200, a)
        m.store(0x300, b)
        // CC 3 beforehand, so that an unchanged code is visible.
        let r = m.run(ss2(op, a.count, b.count, bd(0, 0x200), bd(0, 0x300)), cc: 3)
        #expect(hexString(m.bytes(0x200, a.count)) == hexString(hexBytes(result)))
        #expect(m.bytes(0x300, b.count) == b, "second operand changed")
        if let interruption {
            #expect(r.programInterruption == interruption)
            #expect(r.ilc == 6)
        } else {
            #expect(r.completed, "interruption \(String(describing: r.programInterruption))")
            #expect(r.cc == (cc ?? 3))
        }
    }
}

/// 31 nines with a plus sign: the largest 16-byte operand.
let nines31 = String(repeating: "9", count: 31) + "C"
let zeros31 = String(repeating: "0", count: 31) + "C"

@Suite("Decimal")
struct DecimalTests {

    // MARK: ADD / SUBTRACT / ZERO AND ADD / COMPARE DECIMAL

    static let addCases: [PackedCase] = [
        .ok(Op.AP, "0000123C", "456C", "0000579C", cc: 2),
        .ok(Op.AP, "00100D", "050C", "00050D", cc: 1),
        .ok(Op.AP, "0000001C", "9999999D", "9999998D", cc: 1),
        // A zero sum is positive, also from -0 + -0.
        .ok(Op.AP, "00050C", "050D", "00000C", cc: 0),
        .ok(Op.AP, "000D", "0D", "000C", cc: 0),
        // Alternate sign codes in; preferred codes out.
        .ok(Op.AP, "123A", "1F", "124C", cc: 2),
        .ok(Op.AP, "123B", "1E", "122D", cc: 1),
        // Overflow: the digits that fit, CC 3; a truncated zero keeps the true sign.
        .ok(Op.AP, "123C", "877C", "000C", cc: 3),
        .ok(Op.AP, "999D", "1D", "000D", cc: 3),
        .ok(Op.AP, "1C", "0000010C", "1C", cc: 3),
        .ok(Op.AP, "123456789012345C", "987654321098765C", "111111110111110C", cc: 3),
        // Operand lengths alone are not overflow.
        .ok(Op.AP, "1C", "0000000C", "1C", cc: 2),
        .ok(Op.AP, "123456789012345D", "987654321098765C", "864197532086420C", cc: 2),
        // 31-digit operands.
        .ok(Op.AP, nines31, "1C", zeros31, cc: 3),
        .ok(Op.AP, nines31, nines31, String(repeating: "9", count: 30) + "8C", cc: 3),
        .ok(Op.AP, "1" + String(repeating: "0", count: 30) + "C", "1D",
            "0" + String(repeating: "9", count: 30) + "C", cc: 2),
        .ok(Op.AP, String(repeating: "0", count: 30) + "1D", nines31,
            String(repeating: "9", count: 30) + "8C", cc: 2),
        // Invalid digit or sign in either operand.
        .fails(Op.AP, "1A3C", "1C", Code.data),
        .fails(Op.AP, "0123", "1C", Code.data),
        .fails(Op.AP, "1C", "12", Code.data),
        .fails(Op.AP, "123C", "0A0C", Code.data),

        .ok(Op.SP, "00500C", "200C", "00300C", cc: 2),
        .ok(Op.SP, "00200C", "500C", "00300D", cc: 1),
        .ok(Op.SP, "00500D", "200D", "00300D", cc: 1),
        .ok(Op.SP, "001C", "1D", "002C", cc: 2),
        .ok(Op.SP, "000C", "5C", "005D", cc: 1),
        .ok(Op.SP, "123C", "123C", "000C", cc: 0),
        .ok(Op.SP, "123D", "123D", "000C", cc: 0),
        .ok(Op.SP, "000D", "0C", "000C", cc: 0),
        .ok(Op.SP, "999D", "1C", "000D", cc: 3),
        .fails(Op.SP, "12", "1C", Code.data),

        // ZAP checks only the second operand.
        .ok(Op.ZAP, "FFFFFFFF", "123C", "0000123C", cc: 2),
        .ok(Op.ZAP, "00000000", "123D", "0000123D", cc: 1),
        .ok(Op.ZAP, "1234", "000D", "000C", cc: 0),
        .ok(Op.ZAP, "0000", "123F", "123C", cc: 2),
        .ok(Op.ZAP, "0000", "00012C", "012C", cc: 2),
        .ok(Op.ZAP, "0000", "12345C", "345C", cc: 3),
        // Overflow to zero: the sign of the second operand.
        .ok(Op.ZAP, "00", "010D", "0D", cc: 3),
        .ok(Op.ZAP, zeros31, "9" + String(repeating: "9", count: 30) + "D",
            String(repeating: "9", count: 31) + "D", cc: 1),
        .fails(Op.ZAP, "0000", "1A4C", Code.data),
        .fails(Op.ZAP, "0000", "1234", Code.data),

        .ok(Op.CP, "123C", "123C", "123C", cc: 0),
        .ok(Op.CP, "123C", "124C", "123C", cc: 1),
        .ok(Op.CP, "124C", "123C", "124C", cc: 2),
        .ok(Op.CP, "123D", "124D", "123D", cc: 2),
        .ok(Op.CP, "124D", "123D", "124D", cc: 1),
        .ok(Op.CP, "1D", "1C", "1D", cc: 1),
        .ok(Op.CP, "1C", "1D", "1C", cc: 2),
        .ok(Op.CP, "0D", "1C", "0D", cc: 1),
        .ok(Op.CP, "0D", "1D", "0D", cc: 2),
        // +0 equals -0; lengths and sign codes may differ.
        .ok(Op.CP, "000C", "0D", "000C", cc: 0),
        .ok(Op.CP, "000D", "0000000C", "000D", cc: 0),
        .ok(Op.CP, "00012C", "012F", "00012C", cc: 0),
        .ok(Op.CP, "1C", "0000001D", "1C", cc: 2),
        .ok(Op.CP, nines31, "1" + String(repeating: "0", count: 30) + "C", nines31, cc: 2),
        .fails(Op.CP, "1C", "12", Code.data),
        .fails(Op.CP, "1F", "0A1C", Code.data),
    ]

    @Test(arguments: addCases)
    func addSubtractCompare(_ c: PackedCase) { c.run() }

    /// The same instructions on the 360/67, which has them all (but SRP).
    @Test(arguments: addCases + multiplyDivideCases)
    func on36067(_ c: PackedCase) { c.run(model: .s360_67) }

    /// Decimal overflow with the program-mask bit on: the result is stored,
    /// CC 3 set, and then the interruption (code X'000A') is taken.
    @Test(arguments: [
        (Op.AP, "999D", "1D", "000D"),
        (Op.SP, "999C", "1D", "000C"),
        (Op.ZAP, "0000", "12345C", "345C"),
    ])
    func overflowInterruption(_ op: UInt8, _ first: String, _ second: String, _ result: String) {
        let m = TestMachine()
        let a = hexBytes(first), b = hexBytes(second)
        m.store(0x200, a)
        m.store(0x300, b)
        let r = m.run(ss2(op, a.count, b.count, bd(0, 0x200), bd(0, 0x300)), programMask: 0x4)
        #expect(r.programInterruption == Code.decimalOverflow)
        #expect(r.ilc == 6)
        #expect(r.oldAddress == 0x1006)
        #expect(r.cc == 3)
        #expect(m.bytes(0x200, a.count) == hexBytes(result))
    }

    /// Other program-mask bits do not enable the decimal-overflow interruption.
    @Test func overflowOtherMaskBits() {
        let m = TestMachine()
        m.store(0x200, hexBytes("999D"))
        m.store(0x300, hexBytes("1D"))
        let r = m.run(ss2(Op.AP, 2, 1, bd(0, 0x200), bd(0, 0x300)), programMask: 0xB)
        #expect(r.completed && r.cc == 3)
    }

    // MARK: MULTIPLY / DIVIDE DECIMAL

    static let multiplyDivideCases: [PackedCase] = [
        .ok(Op.MP, "0000123C", "045C", "0005535C"),
        // PoO: 38460- times 321+.
        .ok(Op.MP, "000038460D", "321C", "012345660D"),
        .ok(Op.MP, "00025D", "4D", "00100C"),
        // The sign follows the rules of algebra even for a zero product.
        .ok(Op.MP, "00000C", "5D", "00000D"),
        // Exactly enough leading zeros.
        .ok(Op.MP, "00999C", "9C", "08991C"),
        .ok(Op.MP, "0000000000000000" + "999999999999999C", "999999999999999C",
            "0999999999999998000000000000001C"),
        // Too few leftmost zero bytes in the multiplicand.
        .fails(Op.MP, "0012345C", "012C", Code.data),
        .fails(Op.MP, "01234C", "1C", Code.data),
        .fails(Op.MP, "000123", "1C", Code.data),
        // Multiplier longer than 8 bytes, or not shorter than the multiplicand.
        .fails(Op.MP, zeros31, "00000000000000001C", Code.specification),
        .fails(Op.MP, "123C", "001C", Code.specification),
        // Specification is recognised before data.
        .fails(Op.MP, "123A", "0A1C", Code.specification),

        // PoO: 12345678+ divided by 321-: quotient 38460-, remainder 18+.
        .ok(Op.DP, "012345678C", "321D", "38460D018C"),
        .ok(Op.DP, "0099999C", "1C", "99999C0C"),
        // Remainder takes the dividend's sign, quotient the algebraic sign,
        // also when zero.
        .ok(Op.DP, "0000100D", "3C", "00033D1D"),
        .ok(Op.DP, "0000002C", "3D", "00000D2C"),
        .ok(Op.DP, "0000000D", "3D", "00000C0D"),
        .ok(Op.DP, "0999999999999998000000000000001C", "999999999999999C",
            "999999999999999C000000000000000C"),
        .ok(Op.DP, "0999999999999998000000000000006C", "999999999999999D",
            "999999999999999D000000000000005C"),
        // Zero divisor, or a quotient too long for its field.
        .fails(Op.DP, "0000100C", "0C", Code.decimalDivide),
        .fails(Op.DP, "0000100C", "0D", Code.decimalDivide),
        .fails(Op.DP, "0100000C", "1C", Code.decimalDivide),
        .fails(Op.DP, "0999999999999999000000000000000C", "999999999999999C", Code.decimalDivide),
        .fails(Op.DP, "1000000C", "9C", Code.decimalDivide),
        // Invalid data is recognised before the divide exception.
        .fails(Op.DP, "00001000", "0C", Code.data),
        .fails(Op.DP, "012345678C", "3A1D", Code.data),
        .fails(Op.DP, "123C", "001C", Code.specification),
        .fails(Op.DP, zeros31, "00000000000000001C", Code.specification),
    ]

    @Test(arguments: multiplyDivideCases)
    func multiplyDivide(_ c: PackedCase) { c.run() }

    // MARK: Overlapping operands

    @Test func addToItself() {
        let m = TestMachine()
        m.store(0x200, hexBytes("123C"))
        let r = m.run(ss2(Op.AP, 2, 2, bd(0, 0x200), bd(0, 0x200)))
        #expect(r.completed && r.cc == 2)
        #expect(m.bytes(0x200, 2) == hexBytes("246C"))
    }

    /// SP of a field from itself clears it, whatever its sign.
    @Test func subtractFromItself() {
        let m = TestMachine()
        m.store(0x200, hexBytes("0012345D"))
        let r = m.run(ss2(Op.SP, 4, 4, bd(0, 0x200), bd(0, 0x200)))
        #expect(r.completed && r.cc == 0)
        #expect(m.bytes(0x200, 4) == hexBytes("0000000C"))
    }

    /// SP with coincident rightmost bytes and unequal lengths: the low part
    /// of a field is subtracted from the whole field.
    @Test func subtractCoincidentRightmostBytes() {
        let m = TestMachine()
        m.store(0x200, hexBytes("0012345C"))
        let r = m.run(ss2(Op.SP, 4, 2, bd(0, 0x200), bd(0, 0x202)))
        #expect(r.completed && r.cc == 2)
        #expect(m.bytes(0x200, 4) == hexBytes("0012000C"))
    }

    /// ZAP may have the first operand's rightmost byte at or to the right of
    /// the second's (a lengthening move in place).
    @Test func zeroAndAddOverlap() {
        let m = TestMachine()
        m.store(0x200, hexBytes("FFFF12345D"))
        var r = m.run(ss2(Op.ZAP, 5, 3, bd(0, 0x200), bd(0, 0x202)))
        #expect(r.completed && r.cc == 1)
        #expect(m.bytes(0x200, 5) == hexBytes("000012345D"))

        m.store(0x300, hexBytes("12345CFFFFFF"))
        r = m.run(ss2(Op.ZAP, 6, 3, bd(0, 0x300), bd(0, 0x300)))
        #expect(r.completed && r.cc == 2)
        #expect(m.bytes(0x300, 6) == hexBytes("00000012345C"))
    }

    // MARK: SHIFT AND ROUND DECIMAL

    /// Runs SRP on `operand` at X'200' with shift D2(B2) and rounding digit.
    func srp(_ operand: String, shift: Int, round: UInt8, base: (Int, UInt32)? = nil,
             programMask: UInt8 = 0, model: MachineModel = .s370) -> (TestMachine, TestMachine.Result) {
        let m = TestMachine(model: model)
        let bytes = hexBytes(operand)
        m.store(0x200, bytes)
        var b = 0
        if let (register, value) = base { m.gpr[register] = value; b = register }
        let code: [UInt8] = [Op.SRP, UInt8((bytes.count - 1) << 4) | round] + bd(0, 0x200) + bd(b, shift)
        return (m, m.run(code, cc: 3, programMask: programMask))
    }

    @Test(arguments: [
        // PoO: left 3, right 1, right 3 rounded by 5.
        ("00012345678C", 3, 0, "12345678000C", 2),
        ("012345678C", 64 - 1, 0, "001234567C", 2),
        ("1239600C", 64 - 3, 5, "0001240C", 2),
        // Rounding of a negative number works on the magnitude.
        ("1239600D", 64 - 3, 5, "0001240D", 1),
        ("1239400D", 64 - 3, 5, "0001239D", 1),
        // The carry from rounding runs through the digits.
        ("99999C", 64 - 1, 5, "10000C", 2),
        // No shift: sign made preferred, zero made positive.
        ("123A", 0, 0, "123C", 2),
        ("000D", 0, 0, "000C", 0),
        // A right shift to zero gives a positive zero.
        ("004D", 64 - 1, 0, "000C", 0),
        ("004D", 64 - 1, 6, "001D", 1),
        // Extreme shift amounts: 32 right, 31 left.
        (String(repeating: "9", count: 31) + "D", 32, 9, zeros31, 0),
        (String(repeating: "9", count: 31) + "D", 64 - 31, 5, String(repeating: "0", count: 30) + "1D", 1),
        (String(repeating: "9", count: 31) + "D", 64 - 31, 0, zeros31, 0),
        ("0C", 31, 0, "0C", 0),
        // Only the low six bits of the address count (X'041' is 1 left).
        ("00123C", 0x041, 0, "01230C", 2),
        // Overflow: nonzero digits shifted out on the left.
        ("12345C", 1, 0, "23450C", 3),
        ("10000D", 1, 0, "00000D", 3),
        ("1C", 31, 0, "0C", 3),
        (String(repeating: "0", count: 30) + "1C", 30, 0, "1" + String(repeating: "0", count: 30) + "C", 2),
        (String(repeating: "0", count: 30) + "1C", 31, 0, zeros31, 3),
    ])
    func shiftAndRound(_ operand: String, _ shift: Int, _ round: UInt8, _ result: String, _ cc: UInt8) {
        let (m, r) = srp(operand, shift: shift, round: round)
        #expect(r.completed)
        #expect(r.cc == cc)
        #expect(hexString(m.bytes(0x200, result.count / 2)) == result)
    }

    /// The shift amount may come from a base register: -2 is a right shift by 2.
    @Test func shiftAmountFromRegister() {
        let (m, r) = srp("0012345C", shift: 0, round: 5, base: (5, 0xFFFF_FFFE))
        #expect(r.completed && r.cc == 2)
        #expect(m.bytes(0x200, 4) == hexBytes("0000123C"))
    }

    @Test func shiftOverflowInterruption() {
        let (m, r) = srp("12345C", shift: 2, round: 0, programMask: 0x4)
        #expect(r.programInterruption == Code.decimalOverflow)
        #expect(r.cc == 3)
        #expect(m.bytes(0x200, 3) == hexBytes("34500C"))
    }

    /// Invalid rounding digit (checked even for a left shift) or operand.
    @Test(arguments: [("0012345C", 1, UInt8(0xA)), ("0012345C", 0, UInt8(0xF)),
                      ("0012345C", 64 - 2, UInt8(0xC)), ("00123456", 1, UInt8(0)),
                      ("001A345C", 0, UInt8(0))])
    func shiftDataException(_ operand: String, _ shift: Int, _ round: UInt8) {
        let (m, r) = srp(operand, shift: shift, round: round)
        #expect(r.programInterruption == Code.data)
        #expect(m.bytes(0x200, 4) == hexBytes(operand))
    }

    /// SRP is a System/370 instruction.
    @Test func shiftAndRoundNotOn36067() {
        let (_, r) = srp("123C", shift: 1, round: 0, model: .s360_67)
        #expect(r.programInterruption == Code.operation)
    }

    // MARK: MOVE WITH OFFSET / PACK / UNPACK

    /// Runs an SS instruction with two lengths on storage prepared at X'200'.
    func move(_ op: UInt8, storage: String, first: Int, _ n1: Int, second: Int, _ n2: Int) -> [UInt8] {
        let m = TestMachine()
        let bytes = hexBytes(storage)
        m.store(0x200, bytes)
        let r = m.run(ss2(op, n1, n2, bd(0, 0x200 + first), bd(0, 0x200 + second)), cc: 2)
        #expect(r.completed && r.cc == 2, "condition code changed")
        return m.bytes(0x200, bytes.count)
    }

    @Test(arguments: [
        // PoO: 7788 99 placed left of the first operand's sign.
        ("1234567C 778899", 0, 4, 4, 3, "0778899C 778899"),
        // First operand shorter: leftmost source digits are lost.
        ("123C 456789", 0, 2, 2, 3, "789C 456789"),
        // Codes are not checked.
        ("FFFF ABCD", 0, 2, 2, 2, "BCDF ABCD"),
        // Overlap, each result byte stored once its source bytes are fetched:
        // here later fetches see bytes already stored.
        ("12345678", 0, 3, 1, 3, "78678678"),
        ("12345678", 1, 3, 0, 3, "12234568"),
    ])
    func moveWithOffset(_ storage: String, _ first: Int, _ n1: Int, _ second: Int, _ n2: Int, _ after: String) {
        #expect(hexString(move(Op.MVO, storage: storage, first: first, n1, second: second, n2)) == hexString(hexBytes(after)))
    }

    @Test(arguments: [
        ("00000000 F1F2F3F4C5", 0, 4, 4, 5, "0012345C F1F2F3F4C5"),
        // Zones other than the sign's are ignored; nothing is checked.
        ("000000 1234A5B6", 0, 3, 3, 4, "02456B 1234A5B6"),
        // Short first operand: leftmost digits lost.
        ("0000 F1F2F3F4C5", 0, 2, 2, 5, "345C F1F2F3F4C5"),
        // Packing a field in place.
        ("F1F2F3F4C5", 0, 5, 0, 5, "000012345C"),
        // Destructive overlap: stored bytes are fetched again as source.
        ("AAF1F2F3C4", 0, 3, 1, 4, "03C34CF3C4"),
    ])
    func pack(_ storage: String, _ first: Int, _ n1: Int, _ second: Int, _ n2: Int, _ after: String) {
        #expect(hexString(move(Op.PACK, storage: storage, first: first, n1, second: second, n2)) == hexString(hexBytes(after)))
    }

    @Test(arguments: [
        ("0000000000 12345C", 0, 5, 5, 3, "F1F2F3F4C5 12345C"),
        // Long first operand: zoned zeros on the left.
        ("00000000000000 12345D", 0, 7, 7, 3, "F0F0F1F2F3F4D5 12345D"),
        // Short first operand; codes not checked.
        ("000000 ABCDEF", 0, 3, 3, 3, "FCFDFE ABCDEF"),
        // Unpacking in place.
        ("12345C0000", 0, 5, 0, 3, "F1F2F3F4C5"),
        // Destructive overlap: a stored byte is fetched again as source.
        ("AA12345C", 0, 4, 1, 3, "F3F3F4C5"),
    ])
    func unpack(_ storage: String, _ first: Int, _ n1: Int, _ second: Int, _ n2: Int, _ after: String) {
        #expect(hexString(move(Op.UNPK, storage: storage, first: first, n1, second: second, n2)) == hexString(hexBytes(after)))
    }

    // MARK: EDIT / EDIT AND MARK

    /// Edits `source` (at X'300') with `pattern` (at X'200').
    func runEdit(_ op: UInt8, _ pattern: String, _ source: String, gr1: UInt32 = 0xAA00_0000) -> (TestMachine, TestMachine.Result) {
        let m = TestMachine()
        let p = hexBytes(pattern)
        m.store(0x200, p)
        m.store(0x300, hexBytes(source))
        m.gpr[1] = gr1
        return (m, m.run(ss1(op, p.count, bd(0, 0x200), bd(0, 0x300))))
    }

    @Test(arguments: [
        // PoO: 2,574.26- edited as "  2,574.26 CR".
        ("4020206B2021204B202040C3D9", "0257426D", "4040F26BF5F7F44BF2F640C3D9", 1),
        // The same amount positive: the plus sign turns significance off, so
        // the CR is replaced by fill bytes.
        ("4020206B2021204B202040C3D9", "0257426C", "4040F26BF5F7F44BF2F6404040", 2),
        // The significance starter keeps the zero before the decimal point.
        ("4020206B2021204B202040C3D9", "0000026D", "404040404040F04BF2F640C3D9", 1),
        ("4020206B2021204B202040C3D9", "0000026C", "404040404040F04BF2F6404040", 2),
        // All zeros without a starter: the field is blanked, CC 0 even though negative.
        ("40202020", "000D", "40404040", 0),
        // Fill byte '*' (check protection).
        ("5C202020206B202020", "0012345C", "5C5C5CF1F26BF3F4F5", 2),
        // Field separators: the condition code is that of the last field.
        ("4020202022202020", "123C000D", "40F1F2F340404040", 0),
        ("4020202022202020", "123C005D", "40F1F2F3404040F5", 1),
        ("4020202022202020", "123D005C", "40F1F2F3404040F5", 2),
        // A digit selector as fill byte is used as a selector too.
        ("202020", "012C", "20F1F2", 2),
        // A message byte after a plus sign in the same byte is filled.
        ("4020202060", "012C", "4040F1F240", 2),
        // Pattern without selectors: nothing fetched from the source.
        ("40C1C2", "FFFF", "404040", 0),
    ])
    func edit(_ pattern: String, _ source: String, _ result: String, _ cc: UInt8) {
        let (m, r) = runEdit(Op.ED, pattern, source)
        #expect(r.completed)
        #expect(r.cc == cc)
        #expect(hexString(m.bytes(0x200, result.count / 2)) == result)
        #expect(m.gpr[1] == 0xAA00_0000, "ED changed GR1")
    }

    @Test func editAndMark() {
        // PoO: GR1 gets the address of the first significant digit ('2').
        var (m, r) = runEdit(Op.EDMK, "4020206B2021204B202040C3D9", "0257426D")
        #expect(r.completed && r.cc == 1)
        #expect(hexString(m.bytes(0x200, 13)) == "4040F26BF5F7F44BF2F640C3D9")
        #expect(m.gpr[1] == 0xAA00_0202)

        // Significance forced by the starter: GR1 is left unchanged.
        (m, r) = runEdit(Op.EDMK, "4020206B2021204B202040C3D9", "0000026D")
        #expect(r.completed && r.cc == 1)
        #expect(m.gpr[1] == 0xAA00_0000)

        // Several fields: the last field that became significant by a digit.
        (m, r) = runEdit(Op.EDMK, "4020202022202020", "123C005D")
        #expect(r.completed && r.cc == 1)
        #expect(m.gpr[1] == 0xAA00_0207)

        // A zero field marks nothing.
        (m, r) = runEdit(Op.EDMK, "40202020", "000D")
        #expect(r.completed && r.cc == 0)
        #expect(m.gpr[1] == 0xAA00_0000)
    }

    /// An invalid left digit is a data exception (a sign code in the right
    /// half is fine); the operation is terminated with the pattern bytes
    /// edited before the bad digit stored.
    @Test(arguments: [("40202020", "12A3", "40F1F220"), ("40202020", "C12C", "40202020"),
                      ("4020202020", "123CA1", "40F1F2F320")])
    func editDataException(_ pattern: String, _ source: String, _ after: String) {
        for op in [Op.ED, Op.EDMK] {
            let (m, r) = runEdit(op, pattern, source, gr1: 0)
            #expect(r.programInterruption == Code.data)
            #expect(hexString(m.bytes(0x200, pattern.count / 2)) == after)
            #expect(m.gpr[1] == 0)
        }
    }

    /// EDMK on the 360/67 in 24-bit addressing: bits 8-31 of GR1.
    @Test func editAndMarkOn36067() {
        let m = TestMachine(model: .s360_67)
        m.store(0x200, hexBytes("40202020"))
        m.store(0x300, hexBytes("012C"))
        m.gpr[1] = 0xAA00_0000
        let r = m.run(ss1(Op.EDMK, 4, bd(0, 0x200), bd(0, 0x300)))
        #expect(r.completed && r.cc == 2)
        #expect(m.bytes(0x200, 4) == hexBytes("4040F1F2"))
        #expect(m.gpr[1] == 0xAA00_0202)
    }

    // MARK: CONVERT TO BINARY / CONVERT TO DECIMAL

    @Test(arguments: [
        ("000000000000123C", UInt32(123)),
        ("000000000000001D", UInt32(0xFFFF_FFFF)),
        ("000000000000000D", UInt32(0)),
        ("000000000000025A", UInt32(25)),
        ("000000000000025B", UInt32(bitPattern: -25)),
        ("000000000000025E", UInt32(25)),
        ("000000000000025F", UInt32(25)),
        ("000002147483647C", UInt32(0x7FFF_FFFF)),
        ("000002147483648D", UInt32(0x8000_0000)),
        ("000000001234567C", UInt32(1_234_567)),
    ])
    func convertToBinary(_ operand: String, _ value: UInt32) {
        let m = TestMachine()
        m.store(0x208, hexBytes(operand))
        m.gpr[3] = 0xDEAD_BEEF
        let r = m.run(rx(Op.CVB, 3, 0, bd(0, 0x208)))
        #expect(r.completed)
        #expect(m.gpr[3] == value)
    }

    /// Outside the word's range: the low 32 bits go to R1, then a
    /// fixed-point-divide exception.
    @Test(arguments: [
        ("000002147483648C", Int64(2_147_483_648)),
        ("000002147483649D", Int64(-2_147_483_649)),
        ("000003000000000C", Int64(3_000_000_000)),
        ("999999999999999D", Int64(-999_999_999_999_999)),
        ("999999999999999C", Int64(999_999_999_999_999)),
    ])
    func convertToBinaryOverflow(_ operand: String, _ value: Int64) {
        let m = TestMachine()
        m.store(0x208, hexBytes(operand))
        let r = m.run(rx(Op.CVB, 3, 0, bd(0, 0x208)))
        #expect(r.programInterruption == Code.fixedPointDivide)
        #expect(r.ilc == 4)
        #expect(m.gpr[3] == UInt32(truncatingIfNeeded: value))
    }

    @Test(arguments: ["0000000000001234", "00000000000A123C", "A00000000000123C"])
    func convertToBinaryDataException(_ operand: String) {
        let m = TestMachine()
        m.store(0x208, hexBytes(operand))
        m.gpr[3] = 0xDEAD_BEEF
        let r = m.run(rx(Op.CVB, 3, 0, bd(0, 0x208)))
        #expect(r.programInterruption == Code.data)
        #expect(m.gpr[3] == 0xDEAD_BEEF)
    }

    @Test(arguments: [
        (Int32(123), "000000000000123C"),
        (Int32(-1), "000000000000001D"),
        (Int32(0), "000000000000000C"),
        (Int32(1_234_567_890), "000001234567890C"),
        (Int32.max, "000002147483647C"),
        (Int32.min, "000002147483648D"),
        (Int32(-99_999_999), "000000099999999D"),
        (Int32(100_000_000), "000000100000000C"),
    ])
    func convertToDecimal(_ value: Int32, _ packed: String) {
        let m = TestMachine()
        m.gpr[4] = UInt32(bitPattern: value)
        let r = m.run(rx(Op.CVD, 4, 0, bd(0, 0x208)))
        #expect(r.completed)
        #expect(hexString(m.bytes(0x208, 8)) == packed)
    }

    /// CVD then CVB returns the value, at an index register address.
    @Test(arguments: [Int32(0), 1, -1, 42, -42, 99_999_999, -100_000_001, Int32.max, Int32.min])
    func convertRoundTrip(_ value: Int32) {
        let m = TestMachine()
        m.gpr[4] = UInt32(bitPattern: value)
        m.gpr[7] = 0x400
        let r = m.run(rx(Op.CVD, 4, 7, bd(0, 0x010)) + rx(Op.CVB, 5, 7, bd(0, 0x010)))
        #expect(r.completed)
        #expect(m.gpr[5] == UInt32(bitPattern: value))
    }

    /// The 360/67 requires doubleword alignment for CVB and CVD; S/370 does not.
    @Test func conversionAlignment() {
        for op in [Op.CVB, Op.CVD] {
            let m67 = TestMachine(model: .s360_67)
            m67.store(0x200, hexBytes("000000000000123C000000000000123C"))
            var r = m67.run(rx(op, 3, 0, bd(0, 0x204)))
            #expect(r.programInterruption == Code.specification)
            r = m67.run(rx(op, 3, 0, bd(0, 0x208)))
            #expect(r.completed)

            let m = TestMachine()
            m.store(0x203, hexBytes("000000000000123C"))
            m.gpr[3] = 123
            r = m.run(rx(op, 3, 0, bd(0, 0x203)))
            #expect(r.completed)
            #expect(m.gpr[3] == 123)
        }
        let m = TestMachine()
        m.gpr[3] = UInt32(bitPattern: -5)
        let r = m.run(rx(Op.CVD, 3, 0, bd(0, 0x203)))
        #expect(r.completed)
        #expect(m.bytes(0x203, 8) == hexBytes("000000000000005D"))
    }

    // MARK: Operands crossing a 2 KB block; access exceptions

    @Test func operandsCrossingBlocks() {
        let m = TestMachine()
        m.gpr[12] = 0x2000
        // First operand 0x27FC–0x2803, second 0x2FFE–0x3001.
        m.store(0x27FC, hexBytes("000012345678901C"))
        m.store(0x2FFE, hexBytes("0987654D"))
        var r = m.run(ss2(Op.AP, 8, 4, bd(12, 0x7FC), bd(12, 0xFFE)))
        #expect(r.completed && r.cc == 2)
        #expect(hexString(m.bytes(0x27FC, 8)) == "000012344691247C")

        r = m.run(ss2(Op.CP, 8, 4, bd(12, 0x7FC), bd(12, 0xFFE)))
        #expect(r.completed && r.cc == 2)

        r = m.run(ss2(Op.ZAP, 8, 4, bd(12, 0x7FC), bd(12, 0xFFE)))
        #expect(r.completed && r.cc == 1)
        #expect(hexString(m.bytes(0x27FC, 8)) == "000000000987654D")

        r = m.run(ss2(Op.MP, 8, 4, bd(12, 0x7FC), bd(12, 0xFFE)))
        #expect(r.completed)
        #expect(hexString(m.bytes(0x27FC, 8)) == "000975460423716C")

        r = m.run(ss2(Op.UNPK, 8, 4, bd(12, 0x7FC), bd(12, 0xFFE)))
        #expect(r.completed)
        #expect(hexString(m.bytes(0x27FC, 8)) == "F0F0F9F8F7F6F5D4")

        m.store(0x27FC, hexBytes("4020206B2020204B"))
        r = m.run(ss1(Op.ED, 8, bd(12, 0x7FC), bd(12, 0xFFE)))
        #expect(r.completed && r.cc == 1)
        #expect(hexString(m.bytes(0x27FC, 8)) == "4040F96BF8F7F64B")

        m.gpr[3] = UInt32(bitPattern: -1_234_567)
        r = m.run(rx(Op.CVD, 3, 12, bd(0, 0x7FC)) + rx(Op.CVB, 4, 12, bd(0, 0x7FC)))
        #expect(r.completed)
        #expect(hexString(m.bytes(0x27FC, 8)) == "000000001234567D")
        #expect(m.gpr[4] == UInt32(bitPattern: -1_234_567))
    }

    /// A first operand running past the end of storage: addressing exception
    /// and nothing stored, even in the part that exists.
    @Test(arguments: [Op.AP, Op.SP, Op.ZAP, Op.MP, Op.DP, Op.MVO, Op.PACK, Op.UNPK])
    func accessExceptionFirstOperand(_ op: UInt8) {
        let m = TestMachine(storageSize: 0x10000)
        m.gpr[12] = 0xF000
        m.store(0xFFFC, hexBytes("0000001C"))
        m.store(0x300, hexBytes("0000009C"))
        let r = m.run(ss2(op, 8, 4, bd(12, 0xFFC), bd(0, 0x300)))
        #expect(r.programInterruption == Code.addressing)
        #expect(m.bytes(0xFFFC, 4) == hexBytes("0000001C"))
    }

    /// The second operand inaccessible: the first operand is unchanged.
    @Test(arguments: [Op.AP, Op.ZAP, Op.CP, Op.MP, Op.DP, Op.MVO, Op.PACK, Op.UNPK])
    func accessExceptionSecondOperand(_ op: UInt8) {
        let m = TestMachine(storageSize: 0x10000)
        m.gpr[12] = 0xF000
        m.store(0x200, hexBytes("000000000000001C"))
        m.store(0xFFFE, hexBytes("001C"))
        let r = m.run(ss2(op, 8, 4, bd(0, 0x200), bd(12, 0xFFE)))
        #expect(r.programInterruption == Code.addressing)
        #expect(m.bytes(0x200, 8) == hexBytes("000000000000001C"))
    }

    /// ED fetches source bytes as the pattern needs them; when one is
    /// inaccessible, the pattern is left unchanged. A pattern needing only
    /// the accessible bytes completes.
    @Test func editSourceAccessException() {
        let m = TestMachine(storageSize: 0x10000)
        m.gpr[12] = 0xF000
        m.store(0xFFFF, [0x12])
        m.store(0x200, hexBytes("4020202020"))
        var r = m.run(ss1(Op.ED, 5, bd(0, 0x200), bd(12, 0xFFF)))
        #expect(r.programInterruption == Code.addressing)
        #expect(m.bytes(0x200, 5) == hexBytes("4020202020"))
        r = m.run(ss1(Op.ED, 3, bd(0, 0x200), bd(12, 0xFFF)))
        // No sign was reached, so the significance indicator is still on: CC 1.
        #expect(r.completed && r.cc == 1)
        #expect(m.bytes(0x200, 3) == hexBytes("40F1F2"))
    }

    /// SRP and ED with the first operand past the end of storage.
    @Test func accessExceptionShiftAndEdit() {
        let m = TestMachine(storageSize: 0x10000)
        m.gpr[12] = 0xF000
        m.store(0xFFFC, hexBytes("0000001C"))
        m.store(0x300, hexBytes("0000009C"))
        var r = m.run([Op.SRP, 0x70] + bd(12, 0xFFC) + bd(0, 1))
        #expect(r.programInterruption == Code.addressing)
        r = m.run(ss1(Op.ED, 8, bd(12, 0xFFC), bd(0, 0x300)))
        #expect(r.programInterruption == Code.addressing)
        #expect(m.bytes(0xFFFC, 4) == hexBytes("0000001C"))
    }

    /// Operands in a block whose key differs from the PSW key (without fetch
    /// protection): CP, which only fetches, works; AP, which stores, gets a
    /// protection exception and changes nothing.
    @Test func fetchOnlyInstructionsIgnoreStoreProtection() {
        let m = TestMachine()
        m.machine.storage.setKey(at: 0x2000, 0x20)
        m.machine.storageKeysChanged()
        m.gpr[12] = 0x2000
        m.store(0x2100, hexBytes("0000123C"))
        m.store(0x2200, hexBytes("123C"))
        var r = m.run(ss2(Op.CP, 4, 2, bd(12, 0x100), bd(12, 0x200)), pswHigh: 0x0010_0000)
        #expect(r.completed && r.cc == 0)
        r = m.run(ss2(Op.AP, 4, 2, bd(12, 0x100), bd(12, 0x200)), pswHigh: 0x0010_0000)
        #expect(r.programInterruption == Code.protection)
        #expect(m.bytes(0x2100, 4) == hexBytes("0000123C"))
    }

    /// Key-controlled protection on the second block of a first operand
    /// that crosses a 2 KB boundary: nothing is stored in the first block.
    @Test func protectionOnSecondBlock() {
        let m = TestMachine()
        m.machine.storage.setKey(at: 0x2000, 0x10)
        m.machine.storage.setKey(at: 0x2800, 0x20)
        m.machine.storageKeysChanged()
        m.gpr[12] = 0x2000
        m.store(0x27FC, hexBytes("000000000000001C"))
        m.store(0x300, hexBytes("5C"))
        // PSW key 1: the first block may be stored into, the second not.
        let r = m.run(ss2(Op.ZAP, 8, 1, bd(12, 0x7FC), bd(0, 0x300)), pswHigh: 0x0010_0000)
        #expect(r.programInterruption == Code.protection)
        #expect(m.bytes(0x27FC, 8) == hexBytes("000000000000001C"))
    }

    /// Decimal instructions under EXECUTE: the OR'd length byte is used.
    @Test func executeWithLengths() {
        let m = TestMachine()
        m.store(0x200, hexBytes("0000123C"))
        m.store(0x300, hexBytes("0000877C"))
        m.store(0x400, ss2(Op.AP, 1, 1, bd(0, 0x200), bd(0, 0x300)))
        m.gpr[2] = 0x33
        // EX 2,X'400': AP X'200'(4),X'300'(4).
        let r = m.run([0x44, 0x20, 0x04, 0x00])
        #expect(r.completed && r.cc == 2)
        #expect(m.bytes(0x200, 4) == hexBytes("0001000C"))
    }
}
