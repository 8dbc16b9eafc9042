/// EBCDIC ↔ Latin-1 translation for the console. This target knows no code
/// pages; the integrator passes Media's (`CodeTable(toLatin1:
/// CodePage.cp037.toLatin1, fromLatin1: CodePage.cp037.fromLatin1)`).
public struct CodeTable: Sendable, Hashable {
    /// EBCDIC byte → Latin-1 byte (256 entries).
    public let toLatin1: [UInt8]
    /// Latin-1 byte → EBCDIC byte (256 entries).
    public let fromLatin1: [UInt8]
    /// The EBCDIC byte for characters outside Latin-1 (`?` in every EBCDIC code page).
    public let substitute: UInt8

    public init(toLatin1: [UInt8], fromLatin1: [UInt8], substitute: UInt8 = 0x6F) {
        precondition(toLatin1.count == 256 && fromLatin1.count == 256, "code tables have 256 entries")
        self.toLatin1 = toLatin1
        self.fromLatin1 = fromLatin1
        self.substitute = substitute
    }

    public func ebcdic(_ scalar: Unicode.Scalar) -> UInt8 {
        scalar.value < 256 ? fromLatin1[Int(scalar.value)] : substitute
    }

    public func ebcdic(_ text: some StringProtocol) -> [UInt8] { text.unicodeScalars.map(ebcdic) }

    /// What the terminal shows for an EBCDIC byte: control codes show as blanks.
    public func displayScalar(_ byte: UInt8) -> Unicode.Scalar {
        let latin = toLatin1[Int(byte)]
        return latin < 0x20 || (0x7F..<0xA0).contains(latin) ? " " : Unicode.Scalar(latin)
    }

    public func string(_ ebcdic: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in ebcdic { scalars.append(Unicode.Scalar(toLatin1[Int(byte)])) }
        return String(scalars)
    }
}
