/// Conversion of decimal constants to System/370 hexadecimal floating point:
/// a sign bit, a 7-bit characteristic (exponent of 16, excess 64) and a
/// fraction of 6 (short), 14 (long) or 28 (extended) hex digits.
enum HexFloat {
    /// Encodes a value for a constant of `size` bytes (4, 8 or 16), rounding
    /// the fraction to nearest (halves away from zero).
    static func encode(_ number: DecimalNumber, size: Int) -> [UInt8]? {
        let fractionDigits = size == 4 ? 6 : (size == 8 ? 14 : 28)
        guard var numerator = BigUInt(decimal: number.digits) else { return nil }
        if numerator.isZero {
            var zero = [UInt8](repeating: 0, count: size)
            if number.negative { zero[0] = 0x80 }
            return zero
        }
        var denominator = BigUInt(1)
        if number.exponent >= 0 {
            numerator = numerator.multipliedByPower(10, number.exponent)
        } else {
            denominator = denominator.multipliedByPower(10, -number.exponent)
        }
        // Find k with 16^(k-1) <= value < 16^k, starting from the bit lengths.
        var k = (numerator.bitWidth - denominator.bitWidth) / 4
        func scaled(_ k: Int) -> (BigUInt, BigUInt) {
            k >= 0 ? (numerator, denominator << (4 * k)) : (numerator << (-4 * k), denominator)
        }
        // value / 16^k < 1 and >= 1/16.
        while true {
            let (n, d) = scaled(k)
            if !(n < d) { k += 1; continue }             // value >= 16^k
            if n.multiplied(by: 16) < d { k -= 1; continue }  // value < 16^(k-1)
            break
        }
        // fraction = round(value / 16^k × 16^digits).
        let shift = 4 * fractionDigits
        let (n, d) = scaled(k)
        var (fraction, remainder) = (n << shift).divided(by: d)
        if !((remainder << 1) < d) { fraction = fraction + BigUInt(1) }
        if fraction.bitWidth > shift {
            // Rounding carried into a new hex digit.
            fraction = fraction.divided(by: BigUInt(16)).quotient
            k += 1
        }
        let characteristic = k + 64
        guard (0...127).contains(characteristic) else { return nil }
        let sign: UInt8 = number.negative ? 0x80 : 0
        if size <= 8 {
            return [sign | UInt8(characteristic)] + fraction.bytes(count: size - 1)
        }
        let all = fraction.bytes(count: 14)
        let lowCharacteristic = UInt8((characteristic - 14 + 128) % 128)
        return [sign | UInt8(characteristic)] + all[0..<7] + [sign | lowCharacteristic] + all[7..<14]
    }
}
