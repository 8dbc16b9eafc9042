import Terminal

/// EBCDIC (code page 037) for the letters, digits and punctuation the tests
/// use, so that TerminalTests need nothing but Terminal.
enum Ebcdic {
    static let map: [Character: UInt8] = {
        var m: [Character: UInt8] = [" ": 0x40, ".": 0x4B, "<": 0x4C, "(": 0x4D, "+": 0x4E, "&": 0x50,
                                     "!": 0x5A, "$": 0x5B, "*": 0x5C, ")": 0x5D, ";": 0x5E, "-": 0x60,
                                     "/": 0x61, ",": 0x6B, "%": 0x6C, "_": 0x6D, ">": 0x6E, "?": 0x6F,
                                     ":": 0x7A, "#": 0x7B, "@": 0x7C, "'": 0x7D, "=": 0x7E, "\"": 0x7F]
        let upper: [(ClosedRange<UInt8>, String)] = [(0xC1...0xC9, "ABCDEFGHI"), (0xD1...0xD9, "JKLMNOPQR"),
                                                     (0xE2...0xE9, "STUVWXYZ"), (0xF0...0xF9, "0123456789")]
        for (range, letters) in upper {
            for (code, letter) in zip(range, letters) {
                m[letter] = code
                if letter.isLetter { m[Character(letter.lowercased())] = code - 0x40 }
            }
        }
        return m
    }()

    /// EBCDIC bytes of `text`.
    static func bytes(_ text: String) -> [UInt8] { text.map { map[$0] ?? 0x6F } }

    /// EBCDIC → Latin-1 for the same characters (everything else a blank).
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0x20, count: 256)
        for (ch, code) in map { t[Int(code)] = ch.asciiValue! }
        return t
    }()
}

/// A 12-bit coded buffer address, as hosts write them.
func sba(_ address: Int) -> [UInt8] { [0x11] + BufferAddress.encode(address) }

extension Screen3270 {
    /// The characters at `count` positions from `address`, as text.
    func string(at address: Int, count: Int) -> String {
        String((0..<count).map { i -> Character in
            let byte = cells[(address + i) % cellCount].character
            return Character(Unicode.Scalar(Ebcdic.table[Int(byte)]))
        })
    }
}
