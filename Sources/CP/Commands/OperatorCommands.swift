/// FORCE, AUTOLOG, SHUTDOWN, ENABLE, DISABLE: the operator's commands.
enum OperatorCommands {
    static func force(_ c: inout CommandContext) -> Int {
        guard let userid = c.word(0) else { return c.fail(Messages.operandMissing) }
        guard let vm = c.cp.user(userid) else { return c.fail(Messages.notLoggedOn(userid)) }
        let issuer = c.vm.userid
        // Counted before the logoff is posted: it may finish at once.
        let remaining = max(0, c.cp.loggedOn.count - 1)
        vm.post { target in
            target.say("FORCED BY \(issuer)")
            target.cp.logoff(target, reason: .forced(by: issuer))
        }
        c.say("USER DSC LOGOFF AS \(vm.userid) USERS = \(remaining)")
        return 0
    }

    static func autolog(_ c: inout CommandContext) -> Int {
        guard let userid = c.word(0) else { return c.fail(Messages.operandMissing) }
        if let password = c.word(1), !c.cp.checkPassword(userid: userid, password: password) {
            return c.fail(Messages.passwordIncorrect)
        }
        switch c.cp.autolog(userid) {
        case .loggedOn(let vm):
            c.say("AUTO LOGON  ***   \(vm.userid) USERS = \(c.cp.loggedOn.count)")
            return 0
        case .reconnected:
            return c.fail(Messages.alreadyLoggedOn(userid))
        case .refused(let message):
            return c.fail(message)
        }
    }

    /// SHUTDOWN [WITHIN seconds | IMMED]: every user is warned, then after
    /// the grace period (30 seconds unless given) the system stops.
    static func shutdown(_ c: inout CommandContext) -> Int {
        var grace = 30
        switch c.word(0) {
        case nil: break
        case "IMMED"?: grace = 0
        case "WITHIN"?:
            guard let n = c.word(1).flatMap({ Int($0) }), (0...3600).contains(n) else { return c.fail(Messages.operandMissing) }
            grace = n
        case let word?: return c.fail(Messages.invalidOperand(word))
        }
        c.cp.requestShutdown(graceSeconds: grace, by: c.vm.userid)
        return 0
    }

    static func enable(_ c: inout CommandContext) -> Int {
        c.cp.logonsEnabled.store(true, ordering: .releasing)
        c.say("LOGONS ENABLED")
        return 0
    }

    static func disable(_ c: inout CommandContext) -> Int {
        c.cp.logonsEnabled.store(false, ordering: .releasing)
        c.say("LOGONS DISABLED")
        return 0
    }
}
