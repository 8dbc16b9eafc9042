/// Turns the bytes a terminal sends into keys.
///
/// Bytes may arrive in any pieces (an escape sequence split across SSH
/// packets, a UTF-8 character split in two): the decoder keeps an
/// unfinished sequence until the rest comes. A sequence that is complete
/// but also the start of a longer one (a lone Esc) waits too; after a quiet
/// spell the owner calls `flush()` to take it as it is (`hasPending` says
/// whether there is anything to wait for).
///
/// Text is UTF-8. Escape sequences nobody bound come out as `.unknown`, cut
/// at the end the ECMA-48 syntax gives them (CSI … final byte, SS3 + one
/// byte) so that one unknown key does not swallow the keys after it.
public struct KeyDecoder: Sendable {
    public var map: KeyMap
    private var pending: [UInt8] = []

    public init(map: KeyMap) { self.map = map }

    public var hasPending: Bool { !pending.isEmpty }

    /// The keys completed by `bytes`.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
        var keys: [Key] = []
        for byte in bytes {
            pending.append(byte)
            resolve(into: &keys)
        }
        return keys
    }

    /// Takes what is pending as complete (the terminal went quiet): a bound
    /// sequence gives its key, anything else is dropped as `.unknown`.
    public mutating func flush() -> [Key] {
        guard !pending.isEmpty else { return [] }
        defer { pending.removeAll(keepingCapacity: true) }
        if let key = map.key(for: pending) { return [key] }
        return [.unknown(pending)]
    }

    private static let escape: UInt8 = 0x1B

    /// Emits as many keys as the pending bytes make, leaving an unfinished tail.
    private mutating func resolve(into keys: inout [Key]) {
        while !pending.isEmpty {
            if map.isPrefix(pending) { return }   // wait: a longer binding may follow
            if let key = map.key(for: pending) {
                keys.append(key)
                pending.removeAll(keepingCapacity: true)
                return
            }
            if pending[0] == Self.escape {
                guard let length = Self.escapeSequenceLength(pending) else { return }
                keys.append(.unknown(Array(pending.prefix(length))))
                pending.removeFirst(length)
                continue
            }
            guard let (key, length) = Self.text(pending) else { return }
            if let key { keys.append(key) }
            pending.removeFirst(length)
        }
    }

    /// The length of the escape sequence at the start of `bytes`, or nil if it is not finished yet.
    static func escapeSequenceLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        switch bytes[1] {
        case UInt8(ascii: "["):
            // CSI: parameter and intermediate bytes, then a final byte 0x40–0x7E.
            var i = 2
            while i < bytes.count {
                if (0x40...0x7E).contains(bytes[i]) && !(i == 2 && bytes[i] == UInt8(ascii: "[")) { return i + 1 }
                if !(0x20...0x3F).contains(bytes[i]) && !(i == 2 && bytes[i] == UInt8(ascii: "[")) { return i }
                i += 1
            }
            return nil
        case UInt8(ascii: "O"):
            // SS3: one more byte (after optional modifier digits).
            var i = 2
            while i < bytes.count {
                if !(0x30...0x39).contains(bytes[i]) { return i + 1 }
                i += 1
            }
            return nil
        default:
            // Esc and one character (Meta or Alt with a key).
            return 2
        }
    }

    /// One character of text at the start of `bytes`: the key (nil for an
    /// unbound control character or a bad byte) and how many bytes it took;
    /// nil when a UTF-8 character is not complete yet.
    static func text(_ bytes: [UInt8]) -> (Key?, Int)? {
        let lead = bytes[0]
        if lead < 0x80 {
            return (lead >= 0x20 && lead != 0x7F ? .character(Unicode.Scalar(lead)) : nil, 1)
        }
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)   // a continuation byte or an invalid lead: drop it
        }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for i in 1..<length {
            guard i < bytes.count else { return nil }
            guard bytes[i] & 0xC0 == 0x80 else { return (nil, i) }   // broken: drop what we have
            value = value << 6 | UInt32(bytes[i] & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value), value >= 0xA0 else { return (nil, length) }
        return (.character(scalar), length)
    }
}
