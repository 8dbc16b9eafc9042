/// Key bindings written as text, for a configuration file or a SET
/// command: `^P = PA2`, `Esc p = PA1`, `Shift-F3 = PF15`, `\e[1;5A = HOME`.
extension KeyMap {
    /// The bytes a key label stands for: `^X` (a control key), `Esc x` or
    /// `M-x` (Esc then x), `F1`–`F12` and `Shift-F1`–`Shift-F12` (what
    /// terminfo says that terminal sends), `Tab`, `Return`, `Del`, or
    /// literal text where `\e` is Esc. Nil when it means nothing.
    public static func sequence(forLabel label: String, capabilities: TerminalCapabilities) -> [UInt8]? {
        let text = label.trimmingSpaces
        let upper = text.uppercased()
        switch upper {
        case "TAB": return [0x09]
        case "RETURN": return [0x0D]
        case "DEL": return [0x7F]
        case "ESC": return [0x1B]
        default: break
        }
        if upper.hasPrefix("SHIFT-F"), let n = Int(upper.dropFirst(7)), (1...12).contains(n) {
            return capabilities.string("kf\(n + 12)")
        }
        if upper.hasPrefix("F"), let n = Int(upper.dropFirst()), (1...24).contains(n) {
            return capabilities.string("kf\(n)")
        }
        let scalars = Array(text.unicodeScalars)
        if scalars.count == 2, scalars[0] == "^", let control = controlByte(scalars[1]) { return [control] }
        for prefix in ["ESC ", "M-"] where upper.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            guard let inner = sequence(forLabel: String(rest), capabilities: capabilities) ?? literal(String(rest)) else { return nil }
            return [0x1B] + inner
        }
        return literal(text)
    }

    /// Binds a key given by label to a key given by name (`Key(name:)`);
    /// false when either means nothing.
    @discardableResult
    public mutating func bind(label: String, toKeyNamed name: String, capabilities: TerminalCapabilities) -> Bool {
        guard let key = Key(name: name), let sequence = Self.sequence(forLabel: label, capabilities: capabilities) else {
            return false
        }
        bind(sequence, to: key, label: label.trimmingSpaces)
        return true
    }

    /// Applies lines of `label = KEYNAME` (blank lines and `#` comments
    /// skipped); returns the lines it could not use.
    public mutating func apply(configuration: String, capabilities: TerminalCapabilities) -> [String] {
        var rejected: [String] = []
        for line in configuration.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.lastIndex(of: "="), equals != trimmed.startIndex,
                  bind(label: String(trimmed[..<equals]), toKeyNamed: String(trimmed[trimmed.index(after: equals)...]).trimmingSpaces,
                       capabilities: capabilities) else {
                rejected.append(line)
                continue
            }
        }
        return rejected
    }

    private static func controlByte(_ scalar: Unicode.Scalar) -> UInt8? {
        let upper = scalar.properties.uppercaseMapping.unicodeScalars.first ?? scalar
        guard (0x40...0x5F).contains(upper.value) else { return scalar == "?" ? 0x7F : nil }
        return UInt8(upper.value - 0x40)
    }

    private static func literal(_ text: String) -> [UInt8]? {
        guard !text.isEmpty else { return nil }
        var bytes: [UInt8] = []
        var escaped = false
        for byte in text.utf8 {
            if escaped {
                bytes.append(byte == UInt8(ascii: "e") ? 0x1B : byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
