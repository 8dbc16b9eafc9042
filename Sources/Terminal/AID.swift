/// The attention identifier: the first byte of inbound data, naming the key
/// (or event) that sent it.
public struct AID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// No key pressed: what a read returns when the program asks first.
    public static let none = AID(rawValue: 0x60)
    public static let enter = AID(rawValue: 0x7D)
    public static let clear = AID(rawValue: 0x6D)
    public static let pa1 = AID(rawValue: 0x6C)
    public static let pa2 = AID(rawValue: 0x6E)
    public static let pa3 = AID(rawValue: 0x6B)
    public static let systemRequest = AID(rawValue: 0xF0)
    public static let selectorPen = AID(rawValue: 0x7E)
    public static let clearPartition = AID(rawValue: 0x6A)
    /// Inbound structured fields follow (query replies).
    public static let structuredField = AID(rawValue: 0x88)
    /// A read partition reply.
    public static let readPartition = AID(rawValue: 0x61)

    /// PF1 … PF24 in key order.
    static let programFunctionCodes: [UInt8] = [
        0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C,
        0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C,
    ]

    /// PF key `n` (1–24); nil outside that range.
    public static func pf(_ n: Int) -> AID? {
        guard (1...24).contains(n) else { return nil }
        return AID(rawValue: programFunctionCodes[n - 1])
    }

    /// The PF key number, if this is one.
    public var pfNumber: Int? {
        Self.programFunctionCodes.firstIndex(of: rawValue).map { $0 + 1 }
    }

    /// CLEAR and the PA keys send only the AID on READ MODIFIED (a short read).
    public var isShortRead: Bool {
        self == .clear || self == .pa1 || self == .pa2 || self == .pa3 || self == .clearPartition
    }

    public var description: String {
        switch self {
        case .none: return "NOAID"
        case .enter: return "ENTER"
        case .clear: return "CLEAR"
        case .pa1: return "PA1"
        case .pa2: return "PA2"
        case .pa3: return "PA3"
        case .systemRequest: return "SYSREQ"
        case .selectorPen: return "PEN"
        case .clearPartition: return "CLEARPARTITION"
        case .structuredField: return "SF"
        case .readPartition: return "READPARTITION"
        default:
            if let n = pfNumber { return "PF\(n)" }
            return "AID(\(String(rawValue, radix: 16, uppercase: true)))"
        }
    }
}

extension AID {
    /// The AID of a key by its name: ENTER, CLEAR, PA1–PA3, PF1–PF24,
    /// SYSREQ (any case); nil for other names.
    public init?(keyName: String) {
        let name = keyName.uppercased()
        switch name {
        case "ENTER": self = .enter
        case "CLEAR": self = .clear
        case "PA1": self = .pa1
        case "PA2": self = .pa2
        case "PA3": self = .pa3
        case "SYSREQ": self = .systemRequest
        default:
            guard name.hasPrefix("PF"), let n = Int(name.dropFirst(2)), let pf = AID.pf(n) else { return nil }
            self = pf
        }
    }
}
