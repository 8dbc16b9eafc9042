/// MSG, WARNING, MSGNOH.
enum MessageCommands {
    static func message(_ c: inout CommandContext) -> Int {
        send(&c, kind: .message)
    }

    static func warning(_ c: inout CommandContext) -> Int {
        send(&c, kind: .warning)
    }

    static func messageNoHeader(_ c: inout CommandContext) -> Int {
        send(&c, kind: .noHeader)
    }

    static func send(_ c: inout CommandContext, kind: ControlProgram.MessageKind) -> Int {
        guard let target = c.word(0) else { return c.fail(Messages.operandMissing) }
        let text = c.rest(after: 1)
        let sender = c.vm.userid
        if target == "ALL" && kind != .message {
            for vm in c.cp.loggedOn where vm !== c.vm {
                _ = c.cp.deliver(kind, from: sender, to: vm, text: text)
            }
            return 0
        }
        let name = target == "*" ? sender : (target == "OPERATOR" ? operatorUserid(c.cp) : target)
        guard let vm = c.cp.user(name) else { return c.fail(Messages.notLoggedOn(name)) }
        if !c.cp.deliver(kind, from: sender, to: vm, text: text) {
            return c.fail(CPMessage("MSG", 57, "W", "\(vm.userid) NOT RECEIVING; \(kind == .warning ? "WNG" : "MSG") OFF"))
        }
        return 0
    }

    /// The primary operator: the first logged-on class A user (OPERATOR by convention).
    static func operatorUserid(_ cp: ControlProgram) -> String {
        if cp.user("OPERATOR") != nil { return "OPERATOR" }
        return cp.loggedOn.first { $0.entry.classes.contains(.a) }?.userid ?? "OPERATOR"
    }
}
