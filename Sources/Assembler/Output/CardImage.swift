/// An 80-column card in EBCDIC, with helpers to put text and binary fields
/// at 1-based column positions.
struct Card {
    var bytes = [UInt8](repeating: EBCDIC.blank, count: 80)

    /// EBCDIC text starting at a 1-based column.
    mutating func put(text: String, at column: Int) {
        for (i, b) in EBCDIC.encode(text).enumerated() where column - 1 + i < 80 {
            bytes[column - 1 + i] = b
        }
    }

    /// Binary bytes starting at a 1-based column.
    mutating func put(bytes data: [UInt8], at column: Int) {
        for (i, b) in data.enumerated() where column - 1 + i < 80 {
            bytes[column - 1 + i] = b
        }
    }

    /// A big-endian number in `width` bytes at a 1-based column.
    mutating func put(number: Int, width: Int, at column: Int) {
        put(bytes: (0..<width).reversed().map { UInt8(truncatingIfNeeded: number >> (8 * $0)) }, at: column)
    }
}
