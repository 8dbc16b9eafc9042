/// Arithmetic on packed-decimal magnitudes held in integers, for the
/// decimal instructions.
///
/// A magnitude is kept as binary-coded decimal, one digit per nibble with
/// the units digit in bits 0–3. The largest operand (16 bytes) has 31
/// digits, so a `UInt128` holds any magnitude with a spare nibble for a
/// carry. Addition, subtraction and comparison work on all digits at once
/// (the carry and borrow corrections below), so no instruction needs digit
/// arrays or allocation; multiplication and division go through binary.
enum BCD {
    /// A 6 in each of digit positions 0–30 (position 31 is left for the carry).
    @inline(__always) static var sixes: UInt128 { 0x0666_6666_6666_6666_6666_6666_6666_6666 }
    /// Bit 0 of each of digit positions 1–31: where a carry out of the digit below lands.
    @inline(__always) static var carryBits: UInt128 { 0x1111_1111_1111_1111_1111_1111_1111_1110 }
    /// Bit 3 of every nibble.
    @inline(__always) static var highBits: UInt128 { 0x8888_8888_8888_8888_8888_8888_8888_8888 }

    /// Whether every nibble is a decimal digit. A nibble is 10–15 exactly
    /// when bit 3 is set together with bit 2 or bit 1.
    @inline(__always)
    static func isValid(_ m: UInt128) -> Bool {
        m & (m << 1 | m << 2) & highBits == 0
    }

    @inline(__always)
    static func isValid(_ m: UInt64) -> Bool {
        m & (m << 1 | m << 2) & 0x8888_8888_8888_8888 == 0
    }

    /// Mask of the low `digits` digit positions (0…32).
    @inline(__always)
    static func mask(digits: Int) -> UInt128 {
        digits >= 32 ? ~0 : (1 << (4 * digits)) - 1
    }

    /// Whether the magnitude has no nonzero digit at or above position `digits`.
    @inline(__always)
    static func fits(_ m: UInt128, digits: Int) -> Bool {
        m >> (4 * digits) == 0
    }

    /// Sum of two magnitudes of at most 31 digits (the sum may have 32).
    /// Each digit is biased by 6 so that a decimal carry becomes a binary
    /// carry out of the nibble; the digits that did not carry get the 6 back.
    @inline(__always)
    static func add(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let biased = a &+ sixes
        let sum = biased &+ b
        let carriesIn = biased ^ b ^ sum
        let noCarry = ~carriesIn & carryBits
        return sum &- ((noCarry >> 2) | (noCarry >> 3))
    }

    /// Difference of two magnitudes, `a >= b`. A digit that borrowed holds
    /// its value plus 16 instead of plus 10: take the extra 6 back off.
    @inline(__always)
    static func subtract(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let difference = a &- b
        let borrowsIn = a ^ b ^ difference
        let borrowed = borrowsIn & carryBits
        return difference &- ((borrowed >> 2) | (borrowed >> 3))
    }

    // MARK: Binary conversion

    /// Binary value of 16 BCD digits: pairs of digits, then of pairs, and so
    /// on, are combined within their lanes (no lane can overflow).
    @inline(__always)
    static func binary(_ x: UInt64) -> UInt64 {
        var v = (x >> 4 & 0x0F0F_0F0F_0F0F_0F0F) &* 10 &+ (x & 0x0F0F_0F0F_0F0F_0F0F)
        v = (v >> 8 & 0x00FF_00FF_00FF_00FF) &* 100 &+ (v & 0x00FF_00FF_00FF_00FF)
        v = (v >> 16 & 0x0000_FFFF_0000_FFFF) &* 10_000 &+ (v & 0x0000_FFFF_0000_FFFF)
        return (v >> 32) &* 100_000_000 &+ (v & 0xFFFF_FFFF)
    }

    /// Binary value of up to 32 BCD digits.
    @inline(__always)
    static func binary(_ m: UInt128) -> UInt128 {
        let high = binary(UInt64(truncatingIfNeeded: m >> 64))
        let low = binary(UInt64(truncatingIfNeeded: m))
        return UInt128(high) &* 10_000_000_000_000_000 &+ UInt128(low)
    }

    /// BCD of a binary value below 100.
    @inline(__always)
    static func bcd2(_ x: UInt32) -> UInt64 { UInt64((x / 10) << 4 | x % 10) }

    /// BCD of a binary value below 10^4.
    @inline(__always)
    static func bcd4(_ x: UInt32) -> UInt64 { bcd2(x / 100) << 8 | bcd2(x % 100) }

    /// BCD of a binary value below 10^8.
    @inline(__always)
    static func bcd8(_ x: UInt32) -> UInt64 { bcd4(x / 10_000) << 16 | bcd4(x % 10_000) }

    /// BCD of a binary value below 10^16.
    @inline(__always)
    static func bcd(_ x: UInt64) -> UInt64 {
        if x < 100_000_000 { return bcd8(UInt32(x)) }
        return bcd8(UInt32(x / 100_000_000)) << 32 | bcd8(UInt32(x % 100_000_000))
    }

    /// BCD of a binary value below 10^32.
    static func bcd(_ x: UInt128) -> UInt128 {
        let (high, low) = divide(x, by: 10_000_000_000_000_000)
        return UInt128(bcd(UInt64(truncatingIfNeeded: high))) << 64 | UInt128(bcd(low))
    }

    /// Quotient and remainder of a 128-bit value by a nonzero 64-bit one,
    /// in two machine divisions (the remainder of the first is below the
    /// divisor, as the second requires).
    @inline(__always)
    static func divide(_ x: UInt128, by d: UInt64) -> (quotient: UInt128, remainder: UInt64) {
        let (q1, r1) = UInt64(truncatingIfNeeded: x >> 64).quotientAndRemainder(dividingBy: d)
        let (q0, r0) = d.dividingFullWidth((high: r1, low: UInt64(truncatingIfNeeded: x)))
        return (UInt128(q1) << 64 | UInt128(q0), r0)
    }
}
