import Devices
import Terminal

/// Operator commands for 3270 displays on a bare machine (which has no
/// screen renderer yet):
///
///     screen ADDR          show the display's screen as text
///     key ADDR NAME        press ENTER, CLEAR, PA1–PA3 or PF1–PF24
///     type ADDR TEXT       type at the display's cursor
extension BareMachine {
    /// The 3270 display at `address`, if it is one.
    public func display(at address: UInt16) -> Display3270? {
        io.channels.device(at: address) as? Display3270
    }

    /// Runs a display command; nil when `verb` is not one.
    func displayCommand(_ verb: String, _ args: [String]) -> [String]? {
        guard ["screen", "key", "type"].contains(verb) else { return nil }
        guard let address = args.first.flatMap({ UInt16($0, radix: 16) }) else {
            return ["usage: \(verb) ADDR\(verb == "screen" ? "" : verb == "key" ? " NAME" : " TEXT")"]
        }
        guard let display = perform({ $0.display(at: address) }) else { return ["\(hex4(address)) is not a 3270 display"] }
        switch verb {
        case "screen":
            let screen = display.screen
            let lines = display.lines
            let ruler = "+" + String(repeating: "-", count: screen.size.columns) + "+"
            let (row, column) = screen.position(of: screen.cursor)
            let state = screen.keyboardLocked ? "keyboard locked, AID \(screen.aid)" : "keyboard unlocked"
            return [ruler] + lines.map { "|" + $0 + "|" } + [ruler,
                    "\(screen.size) cursor \(row + 1),\(column + 1), \(state)"]
        case "key":
            guard args.count == 2, let key = AID(keyName: args[1]) else {
                return ["usage: key ADDR ENTER|CLEAR|PA1-PA3|PF1-PF24"]
            }
            return display.press(key) ? [] : ["\(hex4(address)): keyboard locked, \(args[1].uppercased()) refused"]
        default:
            let text = args.dropFirst().joined(separator: " ")
            let taken = display.type(text)
            return taken == text.count ? [] : ["\(hex4(address)): \(taken) of \(text.count) characters taken"]
        }
    }
}
