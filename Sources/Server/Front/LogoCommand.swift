import CP

/// What a terminal that nobody is logged on to accepts (the logo screen, or
/// its line-mode form): `LOGON` (`LOGIN`, `L`) userid [password] [NOIPL],
/// and `LOGOFF` to leave. One parser for the full-screen and the line-mode
/// sessions, so both answer alike.
enum LogoCommand: Equatable {
    /// An empty line: nothing to do.
    case nothing
    /// Leave: the session ends.
    case leave
    /// Show this error line and stay on the logo.
    case refuse(String)
    /// Ask for the password (masked), then check it.
    case askPassword(userid: String, noIPL: Bool)
    /// The password came on the LOGON line: check it at once.
    case check(userid: String, password: String, noIPL: Bool)

    /// Wrong passwords before the session is dropped.
    static let passwordAttempts = 3

    init(_ text: String) {
        let typed = text.split(separator: " ").map(String.init)
        let words = typed.map { $0.uppercased() }
        guard let verb = words.first else {
            self = .nothing
            return
        }
        if ["LOGOFF", "LOGOUT", "LOG"].contains(verb) {
            self = .leave
            return
        }
        guard ["LOGON", "LOGIN", "LOGO", "LOGI", "L"].contains(verb) else {
            self = .refuse(Messages.unknownCommand(verb).fullLine)
            return
        }
        var operands = Array(words.dropFirst())
        let noIPL = operands.last == "NOIPL"
        if noIPL { operands.removeLast() }
        guard let userid = operands.first, userid.count <= 8 else {
            self = .refuse("DMKLOG020E USERID MISSING OR INVALID")
            return
        }
        // The password as typed (the directory's check decides about case).
        self = operands.count >= 2 ? .check(userid: userid, password: typed[2], noIPL: noIPL)
                                   : .askPassword(userid: userid, noIPL: noIPL)
    }
}
