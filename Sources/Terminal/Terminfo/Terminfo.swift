import CCurses

/// Reads one terminal type from the terminfo database (the C shim does the
/// ncurses calls). Callers serialise: `TerminalCapabilities.for` holds its
/// lock around every load.
enum Terminfo {
    static func load(_ terminalType: String) -> TerminalCapabilities? {
        // Names with a slash would be taken as a path by some terminfo readers.
        guard !terminalType.isEmpty, !terminalType.contains("/"),
              let entry = vm67_terminfo_open(terminalType) else { return nil }
        defer { vm67_terminfo_close(entry) }
        var strings: [String: [UInt8]] = [:]
        for name in TerminalCapabilities.outputNames + TerminalCapabilities.keyNames {
            if let value = vm67_terminfo_string(entry, name) {
                // Raw bytes: a capability need not be valid UTF-8.
                var bytes: [UInt8] = []
                var p = value
                while p.pointee != 0 {
                    bytes.append(UInt8(bitPattern: p.pointee))
                    p += 1
                }
                if !bytes.isEmpty { strings[name] = bytes }
            }
        }
        let colors = Int(vm67_terminfo_number(entry, "colors"))
        return TerminalCapabilities(name: terminalType, fromTerminfo: true, strings: strings,
                                    colors: max(0, colors), autoMargins: vm67_terminfo_flag(entry, "am") != 0)
    }
}
