/// Turns the quoted values of constants (C X B F H P Z E D L) into bytes.
/// Address constants (A Y V S) need symbols and USINGs and are handled by
/// the engine.
enum ConstantEncoder {
    /// The length of one value when the constant has no length modifier.
    static func impliedLength(_ type: ConstantType, _ value: String?) -> Int {
        if let fixed = type.fixedLength { return fixed }
        guard let value else { return 1 }
        switch type {
        case .character, .asciiCharacter:
            return max(1, SelfDefiningTerm.unescapeCharacterConstant(value).count)
        case .hexadecimal:
            return max(1, (value.filter { $0 != " " }.count + 1) / 2)
        case .binary:
            return max(1, (value.filter { $0 != " " }.count + 7) / 8)
        case .packed:
            return value.filter { $0.isASCII && $0.isNumber }.count / 2 + 1
        case .zoned:
            return max(1, value.filter { $0.isASCII && $0.isNumber }.count)
        default:
            return 1
        }
    }

    /// The bytes of one quoted value in `length` bytes.
    static func encode(_ type: ConstantType, _ value: String, length: Int, scale: Int, exponent: Int,
                       explicitLength: Bool, offset: Int) throws -> [UInt8] {
        switch type {
        case .character:
            let text = SelfDefiningTerm.unescapeCharacterConstant(value)
            return padRight(EBCDIC.encode(text), length, with: EBCDIC.blank)
        case .asciiCharacter:
            let text = SelfDefiningTerm.unescapeCharacterConstant(value)
            let bytes = text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : 0x3F }
            return padRight(bytes, length, with: 0x20)
        case .hexadecimal:
            var digits = value.filter { $0 != " " }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit }) else {
                throw AssemblyError("expected hexadecimal digits (0-9, A-F) in X'\(value)'", at: offset)
            }
            if digits.count % 2 == 1 { digits = "0" + digits }
            var bytes: [UInt8] = []
            var i = digits.startIndex
            while i < digits.endIndex {
                let j = digits.index(i, offsetBy: 2)
                bytes.append(UInt8(digits[i..<j], radix: 16)!)
                i = j
            }
            return padLeft(bytes, length, with: 0)
        case .binary:
            let digits = value.filter { $0 != " " }
            guard !digits.isEmpty, digits.allSatisfy({ $0 == "0" || $0 == "1" }) else {
                throw AssemblyError("expected binary digits (0 and 1) in B'\(value)'", at: offset)
            }
            var bits = Array(digits)
            while bits.count % 8 != 0 { bits.insert("0", at: 0) }
            var bytes: [UInt8] = []
            for start in stride(from: 0, to: bits.count, by: 8) {
                bytes.append(UInt8(String(bits[start..<start + 8]), radix: 2)!)
            }
            return padLeft(bytes, length, with: 0)
        case .fullword, .halfword, .doublewordFixed:
            guard let number = DecimalNumber(value) else {
                throw AssemblyError("expected a decimal number such as 12, -5 or 1.5E2 in \(type.rawValue)'\(value)'", at: offset)
            }
            guard let (magnitude, negative) = number.integer(scale: scale, extraExponent: exponent) else {
                throw AssemblyError("the value \(value) does not fit in \(length) bytes", at: offset)
            }
            let bits = 8 * length
            let limit: UInt64 = bits >= 64 ? UInt64.max : (1 << UInt64(bits)) - 1
            let signedLimit: UInt64 = bits >= 64 ? UInt64(Int64.max) + 1 : 1 << UInt64(bits - 1)
            guard negative ? magnitude <= signedLimit : magnitude <= limit else {
                throw AssemblyError("the value \(value) does not fit in \(length) byte\(length == 1 ? "" : "s")", at: offset)
            }
            let pattern = negative ? (~magnitude &+ 1) : magnitude
            return (0..<length).reversed().map { i in i >= 8 ? (negative ? 0xFF : 0) : UInt8(truncatingIfNeeded: pattern >> UInt64(8 * i)) }
        case .packed, .zoned:
            guard let number = DecimalNumber(value, allowExponent: false) else {
                throw AssemblyError("expected a decimal number such as 123 or -1.50 in \(type.rawValue)'\(value)'", at: offset)
            }
            return try decimal(number, zoned: type == .zoned, length: length, offset: offset, text: value)
        case .shortFloat, .longFloat, .extendedFloat:
            guard var number = DecimalNumber(value) else {
                throw AssemblyError("expected a decimal number such as 1.5, -2E3 or 0 in \(type.rawValue)'\(value)'", at: offset)
            }
            guard scale == 0 else {
                throw AssemblyError("expected no scale modifier on a floating-point constant (unnormalized constants are not supported)", at: offset)
            }
            number.exponent += exponent
            let size = type.fixedLength!
            guard let bytes = HexFloat.encode(number, size: size) else {
                throw AssemblyError("the value \(value) is outside the range of hexadecimal floating point", at: offset)
            }
            if length <= size { return Array(bytes.prefix(length)) }
            return padLeft(bytes, length, with: 0)
        default:
            throw AssemblyError("expected an address constant in parentheses", at: offset)
        }
    }

    /// Packed (digits and a sign nibble C or D) or zoned (F-zoned digits, the
    /// last one zoned with the sign) decimal.
    private static func decimal(_ number: DecimalNumber, zoned: Bool, length: Int, offset: Int, text: String) throws -> [UInt8] {
        let digits = number.digits.compactMap { $0.wholeNumberValue }.map(UInt8.init)
        let sign: UInt8 = number.negative ? 0xD : 0xC
        if zoned {
            guard digits.count <= length else {
                throw AssemblyError("the zoned value \(text) has \(digits.count) digits, more than the \(length) bytes of the constant", at: offset)
            }
            var bytes = [UInt8](repeating: 0xF0, count: length - digits.count) + digits.map { 0xF0 | $0 }
            bytes[bytes.count - 1] = sign << 4 | (bytes[bytes.count - 1] & 0x0F)
            return bytes
        }
        guard digits.count <= 2 * length - 1 else {
            throw AssemblyError("the packed value \(text) has \(digits.count) digits; \(length) bytes hold at most \(2 * length - 1)", at: offset)
        }
        var nibbles = [UInt8](repeating: 0, count: 2 * length - 1 - digits.count) + digits
        nibbles.append(sign)
        return stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }

    static func padRight(_ bytes: [UInt8], _ length: Int, with pad: UInt8) -> [UInt8] {
        bytes.count >= length ? Array(bytes.prefix(length)) : bytes + [UInt8](repeating: pad, count: length - bytes.count)
    }

    static func padLeft(_ bytes: [UInt8], _ length: Int, with pad: UInt8) -> [UInt8] {
        bytes.count >= length ? Array(bytes.suffix(length)) : [UInt8](repeating: pad, count: length - bytes.count) + bytes
    }
}
