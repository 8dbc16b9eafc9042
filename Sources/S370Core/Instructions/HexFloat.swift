/// Hexadecimal floating point (HFP) arithmetic, as System/370 defines it
/// (PoO GA22-7000, "Floating-Point Instructions"). The instruction bodies in
/// Float.swift unpack their operands into `HexFloat` values, call one of the
/// operations here, pack the result back and raise the interruption the
/// operation reported, after the result is in place.
///
/// A number is a sign, a 7-bit characteristic (the power of 16, excess 64)
/// and a fraction of 6 (short), 14 (long) or 28 (extended) hex digits with
/// the radix point on its left. Results are truncated, never rounded
/// (except by LOAD ROUNDED).

/// One of the three HFP formats: how many hex digits its fraction has, and
/// the unsigned integer that holds that fraction plus a guard digit and a
/// carry digit while an operation works on it.
protocol HFPFormat {
    associatedtype Wide: FixedWidthInteger & UnsignedInteger
    static var digits: Int { get }
}

/// Short: 6 digits (bits 8–31 of a word).
enum ShortHFP: HFPFormat {
    typealias Wide = UInt64
    @inline(__always) static var digits: Int { 6 }
}

/// Long: 14 digits (bits 8–63 of a doubleword).
enum LongHFP: HFPFormat {
    typealias Wide = UInt64
    @inline(__always) static var digits: Int { 14 }
}

/// Extended: 28 digits, the fractions of a register pair run together.
enum ExtendedHFP: HFPFormat {
    typealias Wide = UInt128
    @inline(__always) static var digits: Int { 28 }
}

/// Program-mask bits (PSW bits 36–39 as `CPUState.programMask` holds them)
/// that decide what exponent underflow and a zero sum do.
enum HFPMask {
    static let exponentUnderflow: UInt8 = 0x2
    static let significance: UInt8 = 0x1
}

/// An HFP number taken apart. The characteristic is a plain `Int` so an
/// intermediate result may leave 0…127; the range checks at the end decide
/// what is stored.
struct HexFloat<Format: HFPFormat> {
    typealias Wide = Format.Wide

    var negative: Bool
    var characteristic: Int
    /// The fraction, right-aligned: `Format.digits` hex digits.
    var fraction: Wide

    @inline(__always)
    init(negative: Bool, characteristic: Int, fraction: Wide) {
        self.negative = negative
        self.characteristic = characteristic
        self.fraction = fraction
    }

    /// Plus sign, zero characteristic, zero fraction.
    @inline(__always)
    static var trueZero: HexFloat { HexFloat(negative: false, characteristic: 0, fraction: 0) }

    @inline(__always) static var fractionBits: Int { Format.digits * 4 }
    /// Fraction plus one guard digit: the width of aligned operands and sums.
    @inline(__always) static var guardedBits: Int { fractionBits + 4 }

    /// Condition code of an arithmetic result: 0 zero fraction, 1 negative, 2 positive.
    @inline(__always)
    var conditionCode: UInt8 { fraction == 0 ? 0 : (negative ? 1 : 2) }

    /// Whole hex digits of leading zeros in `value`, counted within `bits`.
    @inline(__always)
    static func leadingZeroDigits(_ value: Wide, within bits: Int) -> Int {
        (value.leadingZeroBitCount - (Wide.bitWidth - bits)) >> 2
    }

    /// Shifts a nonzero fraction left until its leftmost digit is nonzero,
    /// lowering the characteristic one per digit. Used to prenormalize the
    /// operands of multiply and divide; the characteristic may go below zero,
    /// which only the final result check looks at.
    @inline(__always)
    mutating func normalize() {
        let shift = Self.leadingZeroDigits(fraction, within: Self.fractionBits)
        fraction &<<= Wide(4 * shift)
        characteristic -= shift
    }

    // MARK: Result checks

    /// Exponent overflow and underflow of a result with a nonzero fraction.
    /// Overflow always interrupts, with the characteristic 128 too small.
    /// Underflow interrupts with the characteristic 128 too large when the
    /// program mask allows it, and otherwise quietly makes a true zero.
    @inline(__always)
    mutating func checkRange(programMask: UInt8) -> ProgramInterruption? {
        if characteristic > 127 {
            characteristic -= 128
            return .exponentOverflow
        }
        if characteristic < 0 {
            if programMask & HFPMask.exponentUnderflow != 0 {
                characteristic += 128
                return .exponentUnderflow
            }
            self = .trueZero
        }
        return nil
    }

    /// A sum whose fraction is zero. With the significance mask on the
    /// result keeps the intermediate characteristic (a plus sign, a zero
    /// fraction) and the interruption occurs; with it off the result is a
    /// true zero and nothing is reported.
    @inline(__always)
    mutating func significance(programMask: UInt8) -> ProgramInterruption? {
        negative = false
        fraction = 0
        if programMask & HFPMask.significance != 0 { return .significance }
        characteristic = 0
        return nil
    }

    // MARK: Addition and comparison

    /// The signed sum of `a` and `b` before normalization: the operand with
    /// the smaller characteristic is shifted right one digit per unit of
    /// difference, keeping one guard digit (further digits are lost). The
    /// result is a magnitude with one guard digit and possibly a carry digit.
    @inline(__always)
    static func alignedSum(_ a: HexFloat, _ b: HexFloat) -> (sum: Wide, negative: Bool, characteristic: Int) {
        let (big, small) = a.characteristic >= b.characteristic ? (a, b) : (b, a)
        let shift = big.characteristic - small.characteristic
        let x = big.fraction << 4
        // A shift of more than `digits` leaves nothing, not even a guard digit.
        let y: Wide = shift > Format.digits ? 0 : (small.fraction << 4) &>> Wide(4 * shift)
        if big.negative == small.negative {
            return (x + y, big.negative, big.characteristic)
        }
        if x >= y { return (x - y, big.negative, big.characteristic) }
        return (y - x, small.negative, big.characteristic)
    }

    /// ADD / SUBTRACT (NORMALIZED or UNNORMALIZED): `self += other`.
    /// A carry shifts the sum right one digit. The normalized forms then
    /// shift left over leading zeros, the guard digit taking part; both
    /// truncate to the format. A zero fraction is the significance case
    /// (for the normalized forms, the sum with its guard digit; for the
    /// unnormalized ones, the truncated result).
    mutating func add(_ other: HexFloat, normalized: Bool, programMask: UInt8) -> ProgramInterruption? {
        var (sum, sign, c) = Self.alignedSum(self, other)
        if sum >> Wide(Self.guardedBits) != 0 {
            sum >>= 4
            c += 1
        }
        negative = sign
        characteristic = c
        if normalized {
            if sum == 0 { return significance(programMask: programMask) }
            let shift = Self.leadingZeroDigits(sum, within: Self.guardedBits)
            sum &<<= Wide(4 * shift)
            characteristic -= shift
        }
        fraction = sum >> 4
        if fraction == 0 { return significance(programMask: programMask) }
        return checkRange(programMask: programMask)
    }

    /// COMPARE: the condition code of `self − other`, computed like
    /// SUBTRACT NORMALIZED with its guard digit (so +0 equals −0, and digits
    /// beyond the guard digit of a much smaller operand don't count).
    @inline(__always)
    static func compare(_ a: HexFloat, _ b: HexFloat) -> UInt8 {
        var negatedB = b
        negatedB.negative.toggle()
        let (sum, negative, _) = alignedSum(a, negatedB)
        return sum == 0 ? 0 : (negative ? 1 : 2)
    }

    // MARK: Halve

    /// HALVE (System/370): the fraction shifted right one bit into a guard
    /// digit, then normalized and truncated. A zero fraction gives a true
    /// zero; exponent underflow is possible, overflow and significance not.
    mutating func halve(programMask: UInt8) -> ProgramInterruption? {
        if fraction == 0 {
            self = .trueZero
            return nil
        }
        var w = fraction << 3
        let shift = Self.leadingZeroDigits(w, within: Self.guardedBits)
        w &<<= Wide(4 * shift)
        characteristic -= shift
        fraction = w >> 4
        return checkRange(programMask: programMask)
    }
}

// MARK: - Division (short and long)

extension HexFloat where Wide == UInt64 {
    /// DIVIDE: `self / divisor`. The caller has ruled out a zero divisor
    /// fraction (floating-point-divide exception). A zero dividend fraction
    /// gives a true zero. Both operands are prenormalized; a dividend
    /// fraction not smaller than the divisor's is shifted right one digit
    /// first, so the quotient fraction is always normalized. It is truncated.
    mutating func divide(by divisor: HexFloat, programMask: UInt8) -> ProgramInterruption? {
        if fraction == 0 {
            self = .trueZero
            return nil
        }
        var d = divisor
        normalize()
        d.normalize()
        var shift = Self.fractionBits
        characteristic = characteristic - d.characteristic + 64
        if fraction >= d.fraction {
            shift -= 4
            characteristic += 1
        }
        // (fraction << shift) / divisor, through a 128-bit dividend.
        let high = fraction &>> UInt64(64 - shift)
        let low = fraction &<< UInt64(shift)
        fraction = d.fraction.dividingFullWidth((high: high, low: low)).quotient
        negative = negative != d.negative
        return checkRange(programMask: programMask)
    }
}

// MARK: - Multiplication

/// The sign, characteristic and emptiness of a product, after both operands
/// were prenormalized. `nil` means one fraction is zero: the product is a
/// true zero.
@inline(__always)
func productPrefix<A, B>(_ a: inout HexFloat<A>, _ b: inout HexFloat<B>) -> (negative: Bool, characteristic: Int)? {
    if a.fraction == 0 || b.fraction == 0 { return nil }
    a.normalize()
    b.normalize()
    return (a.negative != b.negative, a.characteristic + b.characteristic - 64)
}

/// ME, MER: short × short → long. The 12-digit product is exact; after a
/// possible one-digit left shift it fills the top of the long fraction.
func multiplyShort(_ x: HexFloat<ShortHFP>, _ y: HexFloat<ShortHFP>,
                   programMask: UInt8) -> (HexFloat<LongHFP>, ProgramInterruption?) {
    var a = x, b = y
    guard let (negative, c) = productPrefix(&a, &b) else { return (.trueZero, nil) }
    var p = a.fraction * b.fraction
    var characteristic = c
    if p >> 44 == 0 {
        p <<= 4
        characteristic -= 1
    }
    var r = HexFloat<LongHFP>(negative: negative, characteristic: characteristic, fraction: p << 8)
    let e = r.checkRange(programMask: programMask)
    return (r, e)
}

/// The 28-digit product of two long fractions, normalized (at most one digit
/// of shift, since both are prenormalized), with its characteristic.
@inline(__always)
func longFractionProduct(_ a: UInt64, _ b: UInt64, _ characteristic: Int) -> (UInt128, Int) {
    let p = UInt128(a) * UInt128(b)
    if p >> 108 == 0 { return (p << 4, characteristic - 1) }
    return (p, characteristic)
}

/// MD, MDR: long × long → long, the normalized product truncated to 14 digits.
func multiplyLong(_ x: HexFloat<LongHFP>, _ y: HexFloat<LongHFP>,
                  programMask: UInt8) -> (HexFloat<LongHFP>, ProgramInterruption?) {
    var a = x, b = y
    guard let (negative, c) = productPrefix(&a, &b) else { return (.trueZero, nil) }
    let (p, characteristic) = longFractionProduct(a.fraction, b.fraction, c)
    var r = HexFloat<LongHFP>(negative: negative, characteristic: characteristic,
                              fraction: UInt64(truncatingIfNeeded: p >> 56))
    let e = r.checkRange(programMask: programMask)
    return (r, e)
}

/// MXD, MXDR: long × long → extended; the 28-digit product is exact.
func multiplyLongToExtended(_ x: HexFloat<LongHFP>, _ y: HexFloat<LongHFP>,
                            programMask: UInt8) -> (HexFloat<ExtendedHFP>, ProgramInterruption?) {
    var a = x, b = y
    guard let (negative, c) = productPrefix(&a, &b) else { return (.trueZero, nil) }
    let (p, characteristic) = longFractionProduct(a.fraction, b.fraction, c)
    var r = HexFloat<ExtendedHFP>(negative: negative, characteristic: characteristic, fraction: p)
    let e = r.checkRange(programMask: programMask)
    return (r, e)
}

/// MXR: extended × extended → extended. The 56-digit product is normalized
/// and truncated to 28 digits.
func multiplyExtended(_ x: HexFloat<ExtendedHFP>, _ y: HexFloat<ExtendedHFP>,
                      programMask: UInt8) -> (HexFloat<ExtendedHFP>, ProgramInterruption?) {
    var a = x, b = y
    guard let (negative, c) = productPrefix(&a, &b) else { return (.trueZero, nil) }
    // The 224-bit product sits in high (top 96 bits used) and low.
    var (high, low) = a.fraction.multipliedFullWidth(by: b.fraction)
    var characteristic = c
    if high >> 92 == 0 {
        high = high << 4 | low >> 124
        low <<= 4
        characteristic -= 1
    }
    var r = HexFloat<ExtendedHFP>(negative: negative, characteristic: characteristic,
                                  fraction: high << 16 | low >> 112)
    let e = r.checkRange(programMask: programMask)
    return (r, e)
}

// MARK: - Packing

extension HexFloat where Format == ShortHFP {
    /// A short number from a word (or the left half of a register).
    @inline(__always)
    init(_ word: UInt32) {
        self.init(negative: word >> 31 != 0, characteristic: Int(word >> 24 & 0x7F),
                  fraction: UInt64(word & 0x00FF_FFFF))
    }

    /// The stored form; the characteristic must be in range by now.
    @inline(__always)
    var word: UInt32 {
        (negative ? 0x8000_0000 : 0) | UInt32(characteristic & 0x7F) << 24 | UInt32(truncatingIfNeeded: fraction)
    }
}

extension HexFloat where Format == LongHFP {
    @inline(__always)
    init(_ doubleword: UInt64) {
        self.init(negative: doubleword >> 63 != 0, characteristic: Int(doubleword >> 56 & 0x7F),
                  fraction: doubleword & 0x00FF_FFFF_FFFF_FFFF)
    }

    @inline(__always)
    var doubleword: UInt64 {
        (negative ? 1 << 63 : 0) | UInt64(characteristic & 0x7F) << 56 | fraction
    }
}

extension HexFloat where Format == ExtendedHFP {
    /// An extended number from its high- and low-order parts. The sign and
    /// characteristic of the low-order part are ignored.
    @inline(__always)
    init(high: UInt64, low: UInt64) {
        self.init(negative: high >> 63 != 0, characteristic: Int(high >> 56 & 0x7F),
                  fraction: UInt128(high & 0x00FF_FFFF_FFFF_FFFF) << 56 | UInt128(low & 0x00FF_FFFF_FFFF_FFFF))
    }

    /// The two stored parts. The low-order part has the sign of the number
    /// and a characteristic 14 less (modulo 128), except that an all-zero
    /// result (a true zero) has an all-zero low-order part.
    @inline(__always)
    var parts: (high: UInt64, low: UInt64) {
        let sign: UInt64 = negative ? 1 << 63 : 0
        let high = sign | UInt64(characteristic & 0x7F) << 56 | UInt64(truncatingIfNeeded: fraction >> 56)
        var low = sign | UInt64(truncatingIfNeeded: fraction) & 0x00FF_FFFF_FFFF_FFFF
        if high != 0 || low != 0 {
            low |= UInt64((characteristic - 14) & 0x7F) << 56
        }
        return (high, low)
    }
}
