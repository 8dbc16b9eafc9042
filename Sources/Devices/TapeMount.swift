import Media

/// Turns a device's arguments into a reel: `FILE [ro] [create] [repair]
/// [format=aws|het] [compress=none|zlib|bzip2] [maxsize=N[K|M|G]]
/// [eotmargin=N[K|M|G]]`. A file name of `*` (or none) means no reel.
public enum TapeMount {
    public static func medium(_ args: DeviceArguments) throws -> TapeMedium? {
        guard let file = args.file else { return nil }
        let format = try TapeWriteFormat.from(path: file, format: args.options["format"], compress: args.options["compress"])
        var capacity: TapeCapacity? = nil
        if let text = args.options["maxsize"] {
            guard let length = byteCount(text), length > 0 else {
                throw DeviceConfigurationError("maxsize=\(text) is not a size (like 40M)")
            }
            capacity = TapeCapacity(length: length)
            if let margin = args.options["eotmargin"] {
                guard let value = byteCount(margin), value < length else {
                    throw DeviceConfigurationError("eotmargin=\(margin) must be a size below maxsize")
                }
                capacity = TapeCapacity(length: length, warningMargin: value)
            }
        }
        return try TapeMedium(path: file, readOnly: args.flag("ro") || args.flag("readonly"),
                              create: args.flag("create"), repair: args.flag("repair"),
                              format: format, capacity: capacity)
    }

    /// "4096", "64K", "40M", "2G".
    static func byteCount(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.uppercased())
        var scale: Int64 = 1
        if let last = digits.last, let unit = units[last] {
            scale = unit
            digits = digits.dropLast()
        }
        guard let value = Int64(digits), value >= 0, value <= Int64.max / scale else { return nil }
        return value * scale
    }
}
