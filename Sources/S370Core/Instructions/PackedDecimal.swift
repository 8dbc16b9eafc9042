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
    /// A 6 in every digit position but the top one, which is left for the carry.
    @inline(__always)
    static func sixes<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) -> T { (~T.zero >> 4) / 15 * 6 }

    /// Bit 0 of every digit position but the lowest: where a carry out of
    /// the digit below lands.
    @inline(__always)
    static func carryBits<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) -> T { ((~T.zero >> 4) / 15) << 4 }

    /// Bit 3 of every nibble.
    @inline(__always)
    static func highBits<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) -> T { (~T.zero / 15) << 3 }

    /// Whether every nibble is a decimal digit. A nibble is 10–15 exactly
    /// when bit 3 is set together with bit 2 or bit 1.
    @inline(__always)
    static func isValid<T: FixedWidthInteger & UnsignedInteger>(_ m: T) -> Bool {
        m & (m << 1 | m << 2) & highBits(T.self) == 0
    }

    /// Mask of the low `digits` digit positions.
    @inline(__always)
    static func mask<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, digits: Int) -> T {
        4 * digits >= T.bitWidth ? ~0 : (1 << (4 * digits)) &- 1
    }

    /// Whether the magnitude has no nonzero digit at or above position `digits`.
    @inline(__always)
    static func fits<T: FixedWidthInteger & UnsignedInteger>(_ m: T, digits: Int) -> Bool {
        m >> (4 * digits) == 0
    }

    /// Sum of two magnitudes that leave the top digit position zero (at most
    /// 15 digits in a `UInt64`, 31 in a `UInt128`); the sum may use it.
    /// Each digit is biased by 6 so that a decimal carry becomes a binary
    /// carry out of the nibble; the digits that did not carry get the 6 back.
    @inline(__always)
    static func add<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
        let biased = a &+ sixes(T.self)
        let sum = biased &+ b
        let carriesIn = biased ^ b ^ sum
        let noCarry = ~carriesIn & carryBits(T.self)
        return sum &- ((noCarry >> 2) | (noCarry >> 3))
    }

    /// Difference of two magnitudes, `a >= b`. A digit that borrowed holds
    /// its value plus 16 instead of plus 10: take the extra 6 back off.
    @inline(__always)
    static func subtract<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
        let difference = a &- b
        let borrowsIn = a ^ b ^ difference
        let borrowed = borrowsIn & carryBits(T.self)
        return difference &- ((borrowed >> 2) | (borrowed >> 3))
    }

    // MARK: Signed packed numbers

    /// Splits packed bits into magnitude and sign, and checks the codes:
    /// digits 0–9, a sign A–F. Minus codes are B and D; A, C, E, F are plus.
    @inline(__always)
    static func unpack<T: FixedWidthInteger & UnsignedInteger>(
        _ bits: T
    ) -> (magnitude: T, negative: Bool, valid: Bool) {
        let sign = UInt32(truncatingIfNeeded: bits) & 0xF
        let magnitude = bits >> 4
        return (magnitude, (0x2800 as UInt32) >> sign & 1 != 0, sign >= 0xA && isValid(magnitude))
    }

    /// A magnitude with the preferred sign (C plus, D minus) as packed bits.
    @inline(__always)
    static func packed<T: FixedWidthInteger & UnsignedInteger>(_ magnitude: T, negative: Bool) -> T {
        magnitude << 4 | (negative ? 0xD : 0xC)
    }

    /// Signed-magnitude sum: the magnitude and whether it is negative (a
    /// zero difference comes out with the first operand's sign; the result
    /// rules below make it positive).
    @inline(__always)
    static func signedSum<T: FixedWidthInteger & UnsignedInteger>(
        _ a: T, _ aMinus: Bool, _ b: T, _ bMinus: Bool
    ) -> (magnitude: T, negative: Bool) {
        if aMinus == bMinus { return (add(a, b), aMinus) }
        if a >= b { return (subtract(a, b), aMinus) }
        return (subtract(b, a), bMinus)
    }

    /// The packed result of AP, SP, ZAP or SRP in a field of `digits` digits
    /// and its condition code. Digits that do not fit are dropped, which is
    /// overflow (CC 3) if any was nonzero (or `lost` says digits were lost
    /// before). A zero result is positive unless overflow occurred, when it
    /// keeps the sign of the true result.
    @inline(__always)
    static func decimalResult<T: FixedWidthInteger & UnsignedInteger>(
        _ magnitude: T, negative: Bool, digits: Int, lost: Bool = false
    ) -> (bits: T, cc: UInt8) {
        let overflow = lost || !fits(magnitude, digits: digits)
        let kept = magnitude & mask(T.self, digits: digits)
        let minus = negative && (overflow || kept != 0)
        let cc: UInt8 = overflow ? 3 : (kept == 0 ? 0 : (minus ? 1 : 2))
        return (packed(kept, negative: minus), cc)
    }

    /// Condition code of an algebraic comparison; -0 equals +0.
    @inline(__always)
    static func compare<T: FixedWidthInteger & UnsignedInteger>(
        _ a: T, _ aSign: Bool, _ b: T, _ bSign: Bool
    ) -> UInt8 {
        let aMinus = aSign && a != 0, bMinus = bSign && b != 0
        if aMinus != bMinus { return aMinus ? 1 : 2 }
        if a == b { return 0 }
        // Same signs: the smaller magnitude is the low one when plus.
        return (a < b) != aMinus ? 1 : 2
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
