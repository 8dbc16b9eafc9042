/// Cards as a punch writes them to a deck file, in the formats `CardDeck.load` reads.
extension CardDeck {
    /// The file bytes for one card: the 80 EBCDIC bytes of a binary deck,
    /// or a text line (trailing blanks dropped, translated through
    /// `codePage`, Latin-1 characters as UTF-8). Columns that are not text
    /// (control characters) become blanks in a text deck; a binary deck
    /// keeps every bit.
    public static func fileRecord(_ card: [UInt8], format: Format, codePage: CodePage = .cp037,
                                  lineEnd: [UInt8] = [0x0A]) -> [UInt8] {
        var image = Array(card.prefix(columns))
        if image.count < columns { image += [UInt8](repeating: 0x40, count: columns - image.count) }
        switch format {
        case .ebcdic:
            return image
        case .ascii:
            return codePage.printableText(image) + lineEnd
        }
    }
}
