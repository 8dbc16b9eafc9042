/// A key as the console understands it: a 3270 key, an editing key, or a
/// character typed. The key decoder turns terminal bytes into these.
public enum Key: Hashable, Sendable {
    /// A printable character (Unicode; the console maps it to EBCDIC).
    case character(Unicode.Scalar)
    case enter
    case clear
    /// PA1–PA3.
    case pa(Int)
    /// PF1–PF24.
    case pf(Int)
    case systemRequest
    /// ATTN: on a 3270 an extra key; here the same as PA1 unless CP says otherwise.
    case attention
    case eraseEOF
    case eraseInput
    case insertToggle
    /// RESET: unlock the keyboard, leave insert mode.
    case reset
    case up, down, left, right
    case tab, backtab
    /// HOME: the first input position on the screen.
    case home
    /// The position after the last character of the current field.
    case fieldEnd
    /// NEW LINE: the first input field on a following row.
    case newLine
    /// Delete the character before the cursor (what terminal users expect of Backspace).
    case backspace
    /// DEL: delete the character at the cursor, the rest of the field moves left.
    case delete
    /// Show the key help (not a 3270 key: the session draws its own help screen).
    case help
    /// A complete escape sequence the key map does not know; ignored.
    case unknown([UInt8])

    /// The AID this key sends, if it is an AID key.
    public var aid: AID? {
        switch self {
        case .enter: return .enter
        case .clear: return .clear
        case .pa(1): return .pa1
        case .pa(2): return .pa2
        case .pa(3): return .pa3
        case .pf(let n): return AID.pf(n)
        case .systemRequest: return .systemRequest
        default: return nil
        }
    }

    /// The key's name for help screens and configuration: ENTER, PF13, ERASEEOF…
    public var name: String {
        switch self {
        case .character(let c): return "'\(Character(c))'"
        case .enter: return "ENTER"
        case .clear: return "CLEAR"
        case .pa(let n): return "PA\(n)"
        case .pf(let n): return "PF\(n)"
        case .systemRequest: return "SYSREQ"
        case .attention: return "ATTN"
        case .eraseEOF: return "ERASEEOF"
        case .eraseInput: return "ERASEINPUT"
        case .insertToggle: return "INSERT"
        case .reset: return "RESET"
        case .up: return "UP"
        case .down: return "DOWN"
        case .left: return "LEFT"
        case .right: return "RIGHT"
        case .tab: return "TAB"
        case .backtab: return "BACKTAB"
        case .home: return "HOME"
        case .fieldEnd: return "END"
        case .newLine: return "NEWLINE"
        case .backspace: return "BACKSPACE"
        case .delete: return "DELETE"
        case .help: return "HELP"
        case .unknown: return "UNKNOWN"
        }
    }

    /// Every named key (not characters or unknown sequences), for parsing configuration.
    public static let named: [Key] = [.enter, .clear, .pa(1), .pa(2), .pa(3)] + (1...24).map { Key.pf($0) }
        + [.systemRequest, .attention, .eraseEOF, .eraseInput, .insertToggle, .reset, .up, .down, .left, .right,
           .tab, .backtab, .home, .fieldEnd, .newLine, .backspace, .delete, .help]

    /// The key with this name (any case), as `name` spells it.
    public init?(name: String) {
        let upper = name.uppercased()
        guard let key = Key.named.first(where: { $0.name == upper }) else { return nil }
        self = key
    }
}
