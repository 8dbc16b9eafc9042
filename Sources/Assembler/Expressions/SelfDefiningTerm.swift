/// Self-defining terms: `123`, `X'1F'`, `B'1010'`, `C'AB'` (EBCDIC), each a
/// 32-bit value. Conditional assembly and machine expressions share them.
enum SelfDefiningTerm {
    /// The value of a decimal term.
    static func decimal(_ digits: String, at offset: Int) throws -> Int {
        guard let v = Int(digits), v <= Int(Int32.max) else {
            throw AssemblyError("expected a decimal self-defining term of at most 2147483647, found \(digits)", at: offset)
        }
        return v
    }

    /// The value of `X'…'`, `B'…'` or `C'…'` given the letter and the text
    /// between the quotes (with doubled quotes already made single).
    static func value(type: Character, text: String, at offset: Int) throws -> Int {
        switch type {
        case "X", "x":
            guard !text.isEmpty, text.count <= 8, let v = UInt32(text, radix: 16) else {
                throw AssemblyError("expected 1 to 8 hexadecimal digits in X'\(text)'", at: offset)
            }
            return Int(Int32(bitPattern: v))
        case "B", "b":
            guard !text.isEmpty, text.count <= 32, let v = UInt32(text, radix: 2) else {
                throw AssemblyError("expected 1 to 32 binary digits in B'\(text)'", at: offset)
            }
            return Int(Int32(bitPattern: v))
        case "C", "c":
            let chars = unescapeCharacterConstant(text)
            guard !chars.isEmpty, chars.count <= 4 else {
                throw AssemblyError("expected 1 to 4 characters in C'\(text)'", at: offset)
            }
            var v: UInt32 = 0
            for c in chars { v = v << 8 | UInt32(EBCDIC.byte(for: c)) }
            return Int(Int32(bitPattern: v))
        default:
            throw AssemblyError("expected X, B or C before a quoted self-defining term", at: offset)
        }
    }

    /// In character constants `&&` stands for one ampersand (quotes were
    /// already handled by the scanner).
    static func unescapeCharacterConstant(_ text: String) -> String {
        var result = ""
        var previousAmpersand = false
        for c in text {
            if c == "&" {
                if previousAmpersand { previousAmpersand = false; continue }
                previousAmpersand = true
            } else {
                previousAmpersand = false
            }
            result.append(c)
        }
        return result
    }
}
