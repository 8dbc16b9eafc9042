/// The six-bit code the 3270 uses for 12-bit buffer addresses, field
/// attributes and other six-bit values on the wire: each value 0–63 travels
/// as a printable EBCDIC character, so that the data stream survives
/// transmission codes that only pass graphics.
public enum BufferAddressCode {
    /// Six-bit value → EBCDIC graphic (IBM 3270 Data Stream Programmer's
    /// Reference, "Buffer address conversion").
    static let graphics: [UInt8] = [
        0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
        0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
        0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
        0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
    ]

    /// The graphic for the low six bits of `value`.
    public static func graphic(_ value: UInt8) -> UInt8 { graphics[Int(value & 0x3F)] }
}

/// Buffer addresses as the data stream carries them: two bytes, either the
/// 12-bit form (two six-bit halves, each coded as a graphic) or the 14-bit
/// binary form, told apart by the two high bits of the first byte.
public enum BufferAddress {
    /// Decodes the two address bytes. Bits 0–1 of the first byte 00 mean
    /// 14-bit binary; anything else is the 12-bit coded form.
    public static func decode(_ high: UInt8, _ low: UInt8) -> Int {
        if high & 0xC0 == 0 {
            return Int(high & 0x3F) << 8 | Int(low)
        }
        return Int(high & 0x3F) << 6 | Int(low & 0x3F)
    }

    /// Encodes `address` for inbound data: the 12-bit form while it fits
    /// (every 3278 model does), 14-bit otherwise.
    public static func encode(_ address: Int) -> [UInt8] {
        if address < 0x1000 {
            return [BufferAddressCode.graphic(UInt8(address >> 6)), BufferAddressCode.graphic(UInt8(address & 0x3F))]
        }
        return [UInt8((address >> 8) & 0x3F), UInt8(address & 0xFF)]
    }

    /// The 14-bit binary form, whatever the address.
    public static func encode14(_ address: Int) -> [UInt8] {
        [UInt8((address >> 8) & 0x3F), UInt8(address & 0xFF)]
    }
}
