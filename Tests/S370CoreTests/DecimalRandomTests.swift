import Testing
import S370Core

// Differential tests of the packed-decimal arithmetic: random operands of
// all lengths are run on the machine and compared with a reference model
// written independently of the implementation (signed Int128 arithmetic on
// values parsed from digit strings, instead of nibble-parallel BCD), which
// follows the instruction definitions of GA22-7000 chapter 8.

/// SplitMix64: a small deterministic generator, so failures reproduce.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// A packed operand as the reference model sees it.
struct RefPacked {
    var bytes: [UInt8]
    var digits: [Int] { bytes.flatMap { [Int($0 >> 4), Int($0 & 0xF)] }.dropLast() }
    var signCode: Int { Int(bytes.last! & 0xF) }
    var isValid: Bool { digits.allSatisfy { $0 <= 9 } && signCode >= 0xA }
    var minusSign: Bool { signCode == 0xB || signCode == 0xD }
    var magnitude: Int128 { digits.reduce(0) { $0 * 10 + Int128($1) } }
    var value: Int128 { minusSign ? -magnitude : magnitude }
}

/// Packed bytes of `magnitude` (which must fit) in `n` bytes with the preferred sign.
func refPack(_ magnitude: Int128, negative: Bool, bytes n: Int) -> [UInt8] {
    var nibbles = [UInt8](repeating: 0, count: 2 * n)
    nibbles[2 * n - 1] = negative ? 0xD : 0xC
    var m = magnitude, i = 2 * n - 2
    while m > 0 && i >= 0 { nibbles[i] = UInt8(m % 10); m /= 10; i -= 1 }
    precondition(m == 0, "does not fit")
    return stride(from: 0, to: 2 * n, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
}

func pow10(_ n: Int) -> Int128 { (0..<n).reduce(1) { r, _ in r * 10 } }

/// What the reference model expects of one instruction.
struct RefOutcome: Equatable, CustomStringConvertible {
    var first: [UInt8]
    var cc: UInt8?
    var interruption: UInt16?
    var description: String { "\(hexString(first)) cc \(String(describing: cc)) pi \(String(describing: interruption))" }
}

enum Reference {
    /// AP, SP, ZAP: result, truncation and condition code as in the PoO.
    static func add(_ op: UInt8, _ a: RefPacked, _ b: RefPacked) -> RefOutcome {
        let n1 = a.bytes.count
        if (op != Op.ZAP && !a.isValid) || !b.isValid {
            return RefOutcome(first: a.bytes, cc: nil, interruption: Code.data)
        }
        let sum: Int128
        switch op {
        case Op.AP: sum = a.value + b.value
        case Op.SP: sum = a.value - b.value
        default: sum = b.value
        }
        let limit = pow10(2 * n1 - 1)
        let magnitude = sum.magnitude
        let overflow = magnitude >= limit
        let kept = Int128(magnitude % UInt128(limit))
        let minus = sum < 0 && (overflow || kept != 0)
        let cc: UInt8 = overflow ? 3 : kept == 0 ? 0 : minus ? 1 : 2
        return RefOutcome(first: refPack(kept, negative: minus, bytes: n1), cc: cc, interruption: nil)
    }

    static func compare(_ a: RefPacked, _ b: RefPacked) -> RefOutcome {
        if !a.isValid || !b.isValid { return RefOutcome(first: a.bytes, cc: nil, interruption: Code.data) }
        let cc: UInt8 = a.value == b.value ? 0 : a.value < b.value ? 1 : 2
        return RefOutcome(first: a.bytes, cc: cc, interruption: nil)
    }

    static func multiply(_ a: RefPacked, _ b: RefPacked) -> RefOutcome {
        let n1 = a.bytes.count, n2 = b.bytes.count
        if n2 > 8 || n2 >= n1 { return RefOutcome(first: a.bytes, cc: nil, interruption: Code.specification) }
        if !a.isValid || !b.isValid { return RefOutcome(first: a.bytes, cc: nil, interruption: Code.data) }
        // The leftmost n2 bytes of the multiplicand must be zero.
        if a.digits.prefix(2 * n2).contains(where: { $0 != 0 }) {
            return RefOutcome(first: a.bytes, cc: nil, interruption: Code.data)
        }
        let product = a.magnitude * b.magnitude
        return RefOutcome(first: refPack(product, negative: a.minusSign != b.minusSign, bytes: n1),
                          cc: nil, interruption: nil)
    }

    static func divide(_ a: RefPacked, _ b: RefPacked) -> RefOutcome {
        let n1 = a.bytes.count, n2 = b.bytes.count
        if n2 > 8 || n2 >= n1 { return RefOutcome(first: a.bytes, cc: nil, interruption: Code.specification) }
        if !a.isValid || !b.isValid { return RefOutcome(first: a.bytes, cc: nil, interruption: Code.data) }
        if b.magnitude == 0 || a.magnitude / b.magnitude >= pow10(2 * (n1 - n2) - 1) {
            return RefOutcome(first: a.bytes, cc: nil, interruption: Code.decimalDivide)
        }
        let q = refPack(a.magnitude / b.magnitude, negative: a.minusSign != b.minusSign, bytes: n1 - n2)
        let r = refPack(a.magnitude % b.magnitude, negative: a.minusSign, bytes: n2)
        return RefOutcome(first: q + r, cc: nil, interruption: nil)
    }

    /// SRP with a signed shift (-32…31) and rounding digit, on digit strings.
    static func shift(_ a: RefPacked, _ shift: Int, _ round: Int) -> RefOutcome {
        let n1 = a.bytes.count
        if !a.isValid || round > 9 { return RefOutcome(first: a.bytes, cc: nil, interruption: Code.data) }
        let width = 2 * n1 - 1
        var digits = a.digits
        if shift >= 0 {
            digits += [Int](repeating: 0, count: shift)
        } else {
            let value = a.magnitude + Int128(round) * pow10(-shift - 1)
            digits = String(value / pow10(-shift)).map { Int(String($0))! }
        }
        let lost = digits.dropLast(width).contains { $0 != 0 }
        let kept = digits.suffix(width).reduce(Int128(0)) { $0 * 10 + Int128($1) }
        let minus = a.minusSign && (lost || kept != 0)
        let cc: UInt8 = lost ? 3 : kept == 0 ? 0 : minus ? 1 : 2
        return RefOutcome(first: refPack(kept, negative: minus, bytes: n1), cc: cc, interruption: nil)
    }
}

/// Random operands that favour the edges: short and long, zero, all nines,
/// and now and then an invalid digit or sign.
struct OperandGenerator {
    var rng: SplitMix64

    mutating func operand(bytes n: Int, invalidPercent: Int = 3) -> RefPacked {
        let count = 2 * n - 1
        var digits = [UInt8](repeating: 0, count: count)
        let significant: Int
        switch rng.below(6) {
        case 0: significant = 0
        case 1: significant = count
        default: significant = rng.below(count + 1)
        }
        let allNines = rng.chance(15)
        for i in (count - significant)..<count { digits[i] = allNines ? 9 : UInt8(rng.below(10)) }
        let signs: [UInt8] = [0xC, 0xD, 0xC, 0xD, 0xA, 0xB, 0xE, 0xF]
        var sign = signs[rng.below(signs.count)]
        if rng.chance(invalidPercent) {
            if rng.chance(50) { sign = UInt8(rng.below(10)) } else { digits[rng.below(count)] = UInt8(10 + rng.below(6)) }
        }
        let nibbles = digits + [sign]
        let bytes = stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
        return RefPacked(bytes: bytes)
    }
}

@Suite("Decimal (random, against a reference model)")
struct DecimalRandomTests {
    /// Runs an instruction with the first operand at X'200' and the second
    /// at X'300' and reports what the machine did.
    static func execute(_ m: TestMachine, _ code: [UInt8], first: [UInt8], second: [UInt8]) -> RefOutcome {
        m.store(0x200, first)
        m.store(0x300, second)
        let r = m.run(code, cc: 3)
        return RefOutcome(first: m.bytes(0x200, first.count),
                          cc: r.programInterruption == nil ? r.cc : nil,
                          interruption: r.programInterruption)
    }

    @Test(arguments: [Op.AP, Op.SP, Op.ZAP, Op.CP, Op.MP, Op.DP])
    func twoOperand(_ op: UInt8) {
        var gen = OperandGenerator(rng: SplitMix64(state: UInt64(op) * 7919))
        let m = TestMachine()
        var failures = 0
        for _ in 0..<3000 {
            var n1 = 1 + gen.rng.below(16), n2 = 1 + gen.rng.below(16)
            if op == Op.MP || op == Op.DP, gen.rng.chance(90) {
                // Mostly valid lengths, and for MP a multiplicand that fits.
                n1 = 2 + gen.rng.below(15)
                n2 = 1 + gen.rng.below(min(8, n1 - 1))
            }
            var a = gen.operand(bytes: n1)
            let b = gen.operand(bytes: n2)
            if op == Op.MP || op == Op.DP, n2 < n1, gen.rng.chance(80) {
                // Leading zeros so the product or quotient fits, usually.
                let zeros = op == Op.MP ? n2 : gen.rng.below(n2 + 1)
                for i in 0..<min(zeros, n1 - 1) { a.bytes[i] = 0 }
            }
            let expected: RefOutcome
            switch op {
            case Op.CP: expected = Reference.compare(a, b)
            case Op.MP: expected = Reference.multiply(a, b)
            case Op.DP: expected = Reference.divide(a, b)
            default: expected = Reference.add(op, a, b)
            }
            let code = ss2(op, n1, n2, bd(0, 0x200), bd(0, 0x300))
            let got = Self.execute(m, code, first: a.bytes, second: b.bytes)
            // MP and DP leave the condition code alone (it was 3).
            let want = (op == Op.MP || op == Op.DP) && expected.interruption == nil
                ? RefOutcome(first: expected.first, cc: 3, interruption: nil) : expected
            if got != want {
                failures += 1
                if failures <= 5 {
                    Issue.record("\(hexString(a.bytes)),\(hexString(b.bytes)): got \(got), want \(want)")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test func shiftAndRound() {
        var gen = OperandGenerator(rng: SplitMix64(state: 0x5A5A))
        let m = TestMachine()
        var failures = 0
        for _ in 0..<4000 {
            let n1 = 1 + gen.rng.below(16)
            let a = gen.operand(bytes: n1)
            let shift = gen.rng.below(64) - 32
            let round = gen.rng.chance(97) ? gen.rng.below(10) : 10 + gen.rng.below(6)
            let expected = Reference.shift(a, shift, round)
            let code: [UInt8] = [Op.SRP, UInt8((n1 - 1) << 4 | round)] + bd(0, 0x200) + bd(0, shift & 0x3F)
            let got = Self.execute(m, code, first: a.bytes, second: [])
            if got != expected {
                failures += 1
                if failures <= 5 {
                    Issue.record("SRP \(hexString(a.bytes)),\(shift),\(round): got \(got), want \(expected)")
                }
            }
        }
        #expect(failures == 0)
    }

    /// CVD of random words, then CVB back; CVB of random 8-byte operands.
    @Test func conversions() {
        var rng = SplitMix64(state: 0xC0FFEE)
        let m = TestMachine()
        for _ in 0..<3000 {
            let v = Int32(truncatingIfNeeded: rng.next() >> UInt64(rng.below(32)))
            m.gpr[2] = UInt32(bitPattern: v)
            let r = m.run(rx(Op.CVD, 2, 0, bd(0, 0x208)) + rx(Op.CVB, 3, 0, bd(0, 0x208)))
            #expect(r.completed)
            #expect(m.bytes(0x208, 8) == refPack(Int128(v.magnitude), negative: v < 0, bytes: 8))
            #expect(m.gpr[3] == UInt32(bitPattern: v))
        }
        var gen = OperandGenerator(rng: SplitMix64(state: 0xBEEF))
        for _ in 0..<3000 {
            let a = gen.operand(bytes: 8)
            m.store(0x208, a.bytes)
            m.gpr[3] = 0x5555_5555
            let r = m.run(rx(Op.CVB, 3, 0, bd(0, 0x208)))
            if !a.isValid {
                #expect(r.programInterruption == Code.data)
                #expect(m.gpr[3] == 0x5555_5555)
                continue
            }
            let fits = a.value >= Int128(Int32.min) && a.value <= Int128(Int32.max)
            #expect(r.programInterruption == (fits ? nil : Code.fixedPointDivide))
            #expect(m.gpr[3] == UInt32(truncatingIfNeeded: a.value))
        }
    }
}
