/// A printer's forms control: the page length in lines and which carriage
/// channels (1–12) are punched at which lines. On a 1403 it is the carriage
/// tape loop; on a 3211 the forms control buffer the program loads.
public struct FormsControlBuffer: Hashable, Sendable {
    /// Lines on a page.
    public let linesPerPage: Int
    /// Channel bits for lines 1 … linesPerPage (bit c = channel c); index 0 unused.
    private var punches: [UInt16]

    /// The most lines a 3211 forms control buffer holds.
    public static let maximumLines = 180

    public init(linesPerPage: Int, channels: [Int: [Int]]) {
        self.linesPerPage = max(1, min(linesPerPage, Self.maximumLines))
        punches = Array(repeating: 0, count: self.linesPerPage + 1)
        for (channel, lines) in channels where (1...12).contains(channel) {
            for line in lines where line >= 1 && line <= self.linesPerPage {
                punches[line] |= 1 << channel
            }
        }
    }

    /// 66 lines (11 inches at 6 lines per inch), channel 1 at line 1 and
    /// channels 2–8 every six lines after it, 10 at 49, 11 at 55, 12 at 61
    /// and 9 at 63: the carriage tape Hercules gives a printer by default.
    public static let standard = FormsControlBuffer(linesPerPage: 66, channels: [
        1: [1], 2: [7], 3: [13], 4: [19], 5: [25], 6: [31], 7: [37], 8: [43],
        9: [63], 10: [49], 11: [55], 12: [61],
    ])

    public func has(channel: Int, at line: Int) -> Bool {
        line >= 1 && line <= linesPerPage && punches[line] & (1 << channel) != 0
    }

    /// The first line after `line` (wrapping to the next page, at most one
    /// full turn) punched with `channel`, or nil when no line is.
    public func nextLine(after line: Int, channel: Int) -> Int? {
        var l = line
        for _ in 0..<linesPerPage {
            l = l % linesPerPage + 1
            if has(channel: channel, at: l) { return l }
        }
        return nil
    }

    /// Reads the image a 3211's LOAD FCB carries: an optional print-position
    /// index byte (bits 0–1 = 10 index right, otherwise left), then one byte
    /// per line with the channel number in bits 4–7; bit 3 marks the last
    /// line (on the first line byte it selects 8 lines per inch instead).
    /// Returns the buffer and the index, or nil for an image without an end
    /// mark, longer than 180 lines, or with a channel above 12.
    public static func load3211Image(_ bytes: [UInt8]) -> (fcb: FormsControlBuffer, index: Int)? {
        var i = 0
        var index = 0
        if let first = bytes.first, first & 0xC0 != 0 {
            index = Int(first & 0x1F) * (first & 0xC0 == 0x80 ? 1 : -1)
            i = 1
        }
        var channels: [Int: [Int]] = [:]
        var line = 0
        while i < bytes.count {
            let byte = bytes[i]
            line += 1
            guard line <= maximumLines, byte & 0x0F <= 12 else { return nil }
            if byte & 0x0F != 0 { channels[Int(byte & 0x0F), default: []].append(line) }
            if byte & 0x10 != 0 && line > 1 {
                return (FormsControlBuffer(linesPerPage: line, channels: channels), index)
            }
            i += 1
        }
        return nil
    }

    /// Builds a buffer from configuration options: `lpp=66` and
    /// `ch1=1 ch9=60 ch12=63,64` (channel = line numbers). Channels not
    /// given keep the standard tape's lines when they fit the page.
    public static func configured(options: [String: String]) throws -> FormsControlBuffer {
        var lines = standard.linesPerPage
        if let value = options["lpp"] {
            guard let n = Int(value), n >= 2, n <= maximumLines else {
                throw DeviceConfigurationError("lpp=\(value): lines per page must be 2 to \(maximumLines)")
            }
            lines = n
        }
        var channels: [Int: [Int]] = [:]
        for channel in 1...12 {
            channels[channel] = (1...standard.linesPerPage).filter { standard.has(channel: channel, at: $0) && $0 <= lines }
        }
        for (key, value) in options where key.hasPrefix("ch") {
            guard let channel = Int(key.dropFirst(2)), (1...12).contains(channel) else {
                throw DeviceConfigurationError("\(key)=: carriage channels are ch1 to ch12")
            }
            var list: [Int] = []
            for word in value.split(separator: ",") {
                guard let line = Int(word), line >= 1, line <= lines else {
                    throw DeviceConfigurationError("\(key)=\(value): '\(word)' is not a line from 1 to \(lines)")
                }
                list.append(line)
            }
            channels[channel] = list
        }
        return FormsControlBuffer(linesPerPage: lines, channels: channels)
    }
}
