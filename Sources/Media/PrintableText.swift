extension CodePage {
    /// EBCDIC bytes as UTF-8 text for a print file or a text deck: each
    /// byte through the code page, control characters as blanks (a text
    /// file must not carry them), trailing blanks dropped.
    public func printableText(_ ebcdic: some Sequence<UInt8>) -> [UInt8] {
        let table = toLatin1
        var text: [UInt8] = []
        for byte in ebcdic {
            let latin = table[Int(byte)]
            if latin < 0x20 || latin == 0x7F || (latin >= 0x80 && latin < 0xA0) {
                text.append(0x20)
            } else if latin < 0x80 {
                text.append(latin)
            } else {
                // Latin-1 above X'9F' is two bytes of UTF-8.
                text += [0xC0 | latin >> 6, 0x80 | latin & 0x3F]
            }
        }
        while text.last == 0x20 { text.removeLast() }
        return text
    }
}
