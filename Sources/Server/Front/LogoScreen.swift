import CP
import Foundation

/// The screen a terminal shows before anyone has logged on, as a VM/370
/// 3270 shows its logo: the system name, the installation's text, the time,
/// and how to log on.
enum LogoScreen {
    static func lines(systemName: String, text: [String], now: Date = Date()) -> [String] {
        let banner = "\(systemName) ONLINE"
        let rule = String(repeating: "-", count: 60)
        var lines = ["", "  " + rule, "", "      " + banner, ""]
        lines += text.map { "      " + $0 }
        if !text.isEmpty { lines.append("") }
        lines.append("      " + CPClock.stamp(now))
        lines += ["", "  " + rule, "", "  Enter LOGON userid, then your password when asked."]
        return lines
    }
}
