/// The line discipline of a line-mode session on a terminal without cursor
/// addressing (TERM=dumb with a pty): the client's tty is raw, so the server
/// echoes what is typed, erases with BACKSPACE/DEL (and ^U the whole line),
/// ends a line at CR or LF, takes ^C as attention, and swallows the escape
/// sequences of cursor and function keys. Masked input (a password) is
/// taken without echo. Without a pty (`ssh -T`) the client echoes locally and
/// nothing is echoed here.
struct DumbTerminalInput {
    enum Event: Equatable {
        case line(String)
        case attention
    }

    /// Whether typed characters go back to the client.
    let echoes: Bool
    /// The next line is typed unseen (a password).
    var masked = false
    /// What has been typed of the current line.
    private(set) var pending: [UInt8] = []
    private var afterCR = false
    private var escape = EscapeState.none

    private enum EscapeState { case none, started, sequence }

    static let longestLine = 4096

    init(echoes: Bool) { self.echoes = echoes }

    /// The events in `bytes`, and what to echo for them.
    mutating func take(_ bytes: [UInt8]) -> (events: [Event], echo: [UInt8]) {
        var events: [Event] = []
        var echo: [UInt8] = []
        for byte in bytes {
            switch escape {
            case .started:
                escape = byte == 0x5B || byte == 0x4F ? .sequence : .none   // ESC [ or ESC O
                continue
            case .sequence:
                if byte >= 0x40 && byte <= 0x7E { escape = .none }
                continue
            case .none:
                break
            }
            if byte == 0x0A && afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == 0x0D
            switch byte {
            case 0x0D, 0x0A:
                events.append(.line(String(decoding: pending, as: UTF8.self)))
                pending.removeAll()
                masked = false
                if echoes { echo += [0x0D, 0x0A] }
            case 0x1B:
                if echoes { escape = .started }
            case 0x03 where echoes:
                events.append(.attention)
            case 0x08, 0x7F:
                guard !pending.isEmpty else { break }
                pending.removeLast()
                // A UTF-8 character goes whole.
                while let last = pending.last, last & 0xC0 == 0x80 { pending.removeLast() }
                if echoes && !masked { echo += [0x08, 0x20, 0x08] }
            case 0x15 where echoes:
                if !masked { echo += erasing(pending) }
                pending.removeAll()
            case 0x00..<0x20:
                break
            default:
                guard pending.count < Self.longestLine else { break }
                pending.append(byte)
                if echoes && !masked { echo.append(byte) }
            }
        }
        return (events, echo)
    }

    /// What puts the partial line back after output interrupted it.
    var retyped: [UInt8] { echoes && !masked ? pending : [] }

    private func erasing(_ typed: [UInt8]) -> [UInt8] {
        let characters = typed.filter { $0 & 0xC0 != 0x80 }.count
        return Array(repeating: [0x08, 0x20, 0x08], count: characters).flatMap { $0 }
    }
}
