/// A PRINTER, PUNCH or READER statement of the system configuration: a
/// real unit record device, which vm67 keeps as a directory on the host.
public struct UnitRecordDefinition: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case printer = "PRT", punch = "PUN", reader = "RDR"
        /// The system queue the device empties (nil: a reader fills users' readers).
        var queue: SpoolFile.Queue? {
            switch self {
            case .printer: return .printer
            case .punch: return .punch
            case .reader: return nil
            }
        }
    }

    public var kind: Kind
    public var address: UInt16
    /// Output (printer, punch) or input (reader) directory; relative to var/.
    public var directory: String
    /// Spool classes the device takes (printers and punches).
    public var classes: [Character]
    /// Punch only: text lines instead of EBCDIC card images.
    public var asciiPunch: Bool
    /// Printer only: each printed file as a PDF instead of text, its
    /// pages shaded like greenbar paper with GREENBAR.
    public var pdf = false
    public var greenbar = false
    public var line: Int

    struct Problem: Error { let reason: String }

    static func parse(_ keyword: String, _ args: [String], line: Int) -> Result<UnitRecordDefinition, Problem> {
        let kind: Kind = keyword == "PRINTER" ? .printer : keyword == "PUNCH" ? .punch : .reader
        let usage = kind == .reader ? "READER needs an address and a directory"
            : "\(keyword) needs an address, a directory and optionally CLASS classes"
                + (kind == .punch ? " and EBCDIC or ASCII" : kind == .printer ? " and TEXT, PDF or GREENBAR" : "")
        guard args.count >= 2, let address = parseAddress(args[0]) else { return .failure(Problem(reason: usage)) }
        var device = UnitRecordDefinition(kind: kind, address: address, directory: args[1], classes: ["A"],
                                          asciiPunch: false, line: line)
        var rest = Array(args.dropFirst(2).map { $0.uppercased() })
        while let word = rest.first {
            rest.removeFirst()
            switch word {
            case "CLASS" where kind != .reader:
                guard let classes = rest.first, !classes.isEmpty,
                      classes.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    return .failure(Problem(reason: "CLASS needs one or more classes A-Z, 0-9"))
                }
                rest.removeFirst()
                device.classes = Array(classes)
            case "ASCII" where kind == .punch: device.asciiPunch = true
            case "EBCDIC" where kind == .punch: device.asciiPunch = false
            case "TEXT" where kind == .printer: device.pdf = false; device.greenbar = false
            case "PDF" where kind == .printer: device.pdf = true
            case "GREENBAR" where kind == .printer: device.pdf = true; device.greenbar = true
            default:
                return .failure(Problem(reason: "\(keyword): unknown option \(word); " + usage))
            }
        }
        return .success(device)
    }
}
