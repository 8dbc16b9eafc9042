#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deck of 80-column cards, as EBCDIC card images.
public struct CardDeck: Sendable, Equatable {
    public static let columns = 80
    public var cards: [[UInt8]]

    public init(cards: [[UInt8]]) { self.cards = cards }

    /// How a deck file is laid out.
    public enum Format: String, Sendable {
        /// Binary EBCDIC card images, 80 bytes each, no separators.
        case ebcdic
        /// Text lines, translated to EBCDIC with a code page, padded with
        /// blanks (or cut) to 80 columns.
        case ascii
    }

    /// Reads a deck file. A binary deck whose size is not a multiple of 80
    /// is refused; so is a text deck with a line longer than 80 columns or
    /// bytes that are not text.
    public static func load(path: String, format: Format, codePage: CodePage = .cp037) throws -> CardDeck {
        let bytes = try readFile(path)
        switch format {
        case .ebcdic:
            guard bytes.count % columns == 0 else {
                throw MediaError(path, "a binary card deck must be a multiple of 80 bytes; this one is \(bytes.count) bytes")
            }
            var cards: [[UInt8]] = []
            cards.reserveCapacity(bytes.count / columns)
            for start in stride(from: 0, to: bytes.count, by: columns) {
                cards.append(Array(bytes[start..<start + columns]))
            }
            return CardDeck(cards: cards)
        case .ascii:
            var cards: [[UInt8]] = []
            var lineNumber = 0
            for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                var line = Array(rawLine)
                if line.last == 0x0D { line.removeLast() }
                if let bad = line.firstIndex(where: { $0 < 0x20 && $0 != 0x09 }) {
                    throw MediaError(path, "line \(lineNumber): byte X'\(String(line[bad], radix: 16, uppercase: true))' is not text (use an EBCDIC deck for binary cards)")
                }
                // Tabs expand to the next multiple of 8.
                var expanded: [UInt8] = []
                for b in line {
                    if b == 0x09 {
                        repeat { expanded.append(0x20) } while expanded.count % 8 != 0
                    } else {
                        expanded.append(b)
                    }
                }
                guard expanded.count <= columns else {
                    throw MediaError(path, "line \(lineNumber) is \(expanded.count) columns; cards hold 80")
                }
                let text = String(decoding: expanded, as: UTF8.self)
                var card = codePage.ebcdic(text)
                card += [UInt8](repeating: 0x40, count: columns - card.count)
                cards.append(card)
            }
            // A final newline does not make an extra card.
            if bytes.last == 0x0A, let last = cards.last, last.allSatisfy({ $0 == 0x40 }) { cards.removeLast() }
            return CardDeck(cards: cards)
        }
    }
}

/// Reads a whole file, or throws a MediaError naming it.
public func readFile(_ path: String) throws -> [UInt8] {
    guard let f = fopen(path, "rb") else {
        throw MediaError(path, "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { fclose(f) }
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n > 0 { data.append(contentsOf: buffer[0..<n]) }
        if n < buffer.count {
            if ferror(f) != 0 { throw MediaError(path, "read error: \(String(cString: strerror(errno)))") }
            break
        }
    }
    return data
}
