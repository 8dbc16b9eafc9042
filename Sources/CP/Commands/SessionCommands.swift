/// LOGON (when already logged on), LOGOFF, DISCONNECT.
enum SessionCommands {
    static func logon(_ c: inout CommandContext) -> Int {
        c.fail(CPMessage("LOG", 54, "E", "ALREADY LOGGED ON"))
    }

    static func logoff(_ c: inout CommandContext) -> Int {
        if let option = c.word(0), option != "HOLD" { return c.fail(Messages.invalidOperand(option)) }
        c.cp.logoff(c.vm, reason: .loggedOff)
        return 0
    }

    static func disconnect(_ c: inout CommandContext) -> Int {
        if let option = c.word(0), option != "HOLD" { return c.fail(Messages.invalidOperand(option)) }
        c.cp.disconnect(c.vm)
        return 0
    }
}
