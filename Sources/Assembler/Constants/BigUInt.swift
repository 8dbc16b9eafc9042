/// A small arbitrary-precision unsigned integer, enough to convert decimal
/// constants to hexadecimal floating point exactly (28 hex digits of
/// fraction, exponents up to 16^63).
struct BigUInt: Sendable, Equatable, Comparable {
    /// 32-bit limbs, least significant first, no leading zero limbs.
    private(set) var limbs: [UInt32]

    init(_ value: UInt64 = 0) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    /// From decimal digits (no sign, no point).
    init?(decimal digits: String) {
        self.init(0)
        for c in digits {
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            self = self.multiplied(by: 10) + BigUInt(UInt64(d))
        }
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    /// Number of significant bits.
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }

    func bit(_ i: Int) -> Bool {
        let limb = i / 32
        return limb < limbs.count && (limbs[limb] >> UInt32(i % 32)) & 1 == 1
    }

    func multiplied(by small: UInt32) -> BigUInt {
        var result = BigUInt()
        result.limbs = []
        var carry: UInt64 = 0
        for limb in limbs {
            let p = UInt64(limb) * UInt64(small) + carry
            result.limbs.append(UInt32(truncatingIfNeeded: p))
            carry = p >> 32
        }
        if carry > 0 { result.limbs.append(UInt32(carry)) }
        result.normalize()
        return result
    }

    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var result = BigUInt()
        result.limbs = []
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let s = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            result.limbs.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry > 0 { result.limbs.append(UInt32(carry)) }
        result.normalize()
        return result
    }

    /// a - b for a >= b.
    static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        var result = a
        var borrow: Int64 = 0
        for i in 0..<result.limbs.count {
            var d = Int64(result.limbs[i]) - Int64(i < b.limbs.count ? b.limbs[i] : 0) - borrow
            if d < 0 { d += 1 << 32; borrow = 1 } else { borrow = 0 }
            result.limbs[i] = UInt32(d)
        }
        result.normalize()
        return result
    }

    static func << (a: BigUInt, shift: Int) -> BigUInt {
        guard !a.isZero, shift > 0 else { return a }
        let limbShift = shift / 32
        let bitShift = UInt32(shift % 32)
        var result = BigUInt()
        result.limbs = [UInt32](repeating: 0, count: limbShift)
        var carry: UInt32 = 0
        for limb in a.limbs {
            result.limbs.append(bitShift == 0 ? limb : (limb << bitShift) | carry)
            carry = bitShift == 0 ? 0 : limb >> (32 - bitShift)
        }
        if carry > 0 { result.limbs.append(carry) }
        result.normalize()
        return result
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i]
        }
        return false
    }

    /// Quotient and remainder, by binary long division.
    func divided(by divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        precondition(!divisor.isZero)
        var quotient = BigUInt()
        var remainder = BigUInt()
        for i in stride(from: bitWidth - 1, through: 0, by: -1) {
            remainder = remainder << 1
            if bit(i) { remainder = remainder + BigUInt(1) }
            if !(remainder < divisor) {
                remainder = remainder - divisor
                quotient = quotient + (BigUInt(1) << i)
            }
        }
        return (quotient, remainder)
    }

    static func power(_ base: UInt32, _ exponent: Int) -> BigUInt {
        var result = BigUInt(1)
        for _ in 0..<max(0, exponent) { result = result.multiplied(by: base) }
        return result
    }

    /// The low `count` bytes, most significant first.
    func bytes(count: Int) -> [UInt8] {
        (0..<count).reversed().map { i in
            let limb = i / 4
            return limb < limbs.count ? UInt8(truncatingIfNeeded: limbs[limb] >> UInt32(8 * (i % 4))) : 0
        }
    }

    /// The value when it fits in 64 bits.
    var uint64: UInt64? {
        guard limbs.count <= 2 else { return nil }
        return limbs.enumerated().reduce(0) { $0 | UInt64($1.element) << (32 * UInt64($1.offset)) }
    }
}
