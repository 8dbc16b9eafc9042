/// A decimal number as written in F, H, P, Z, E, D and L constants:
/// `[+|-]digits[.digits][E[+|-]digits]`, kept exact as digits and a power of ten.
struct DecimalNumber: Sendable {
    var negative: Bool
    /// All significant digits, without the decimal point.
    var digits: String
    /// value = digits × 10^exponent.
    var exponent: Int
    /// Whether an explicit sign was written.
    var signed: Bool
    /// Digits after the decimal point (for the scale attribute of P and Z).
    var fractionDigits: Int

    /// Parses the number; `allowExponent` is false for packed and zoned values.
    init?(_ text: String, allowExponent: Bool = true) {
        var chars = Array(text.trimmingBlanks())
        negative = false
        signed = false
        if let first = chars.first, first == "+" || first == "-" {
            negative = first == "-"
            signed = true
            chars.removeFirst()
        }
        var mantissa = ""
        var fraction = 0
        var seenPoint = false
        var i = 0
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." {
            if chars[i] == "." {
                if seenPoint { return nil }
                seenPoint = true
            } else {
                mantissa.append(chars[i])
                if seenPoint { fraction += 1 }
            }
            i += 1
        }
        guard !mantissa.isEmpty else { return nil }
        var exponent = -fraction
        if i < chars.count {
            guard allowExponent, chars[i] == "E" || chars[i] == "e" else { return nil }
            i += 1
            var expNegative = false
            if i < chars.count, chars[i] == "+" || chars[i] == "-" { expNegative = chars[i] == "-"; i += 1 }
            let expDigits = String(chars[i...])
            guard !expDigits.isEmpty, expDigits.allSatisfy({ $0.isASCII && $0.isNumber }), let e = Int(expDigits), e < 1000 else {
                return nil
            }
            exponent += expNegative ? -e : e
        }
        digits = mantissa
        self.exponent = exponent
        fractionDigits = fraction
    }

    /// The value × 2^scale × 10^extraExponent rounded to an integer
    /// (halves away from zero), or nil when it is too large for 64 bits.
    func integer(scale: Int = 0, extraExponent: Int = 0) -> (magnitude: UInt64, negative: Bool)? {
        guard var numerator = BigUInt(decimal: digits) else { return nil }
        var denominator = BigUInt(1)
        let e = exponent + extraExponent
        if e >= 0 { numerator = numerator.multipliedByPower(10, e) } else { denominator = denominator.multipliedByPower(10, -e) }
        if scale >= 0 { numerator = numerator << scale } else { denominator = denominator << -scale }
        // Round half away from zero: (2n + d) / 2d.
        let (q, _) = ((numerator << 1) + denominator).divided(by: denominator << 1)
        guard let magnitude = q.uint64 else { return nil }
        return (magnitude, negative && magnitude != 0)
    }
}

extension BigUInt {
    func multipliedByPower(_ base: UInt32, _ exponent: Int) -> BigUInt {
        var result = self
        for _ in 0..<max(0, exponent) { result = result.multiplied(by: base) }
        return result
    }
}
