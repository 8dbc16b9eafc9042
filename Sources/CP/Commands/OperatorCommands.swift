/// FORCE, AUTOLOG, SHUTDOWN, ENABLE, DISABLE: the operator's commands.
enum OperatorCommands {
    static func force(_ c: inout CommandContext) -> Int {
        guard let userid = c.word(0) else { return c.fail(Messages.operandMissing) }
        guard let vm = c.cp.user(userid) else { return c.fail(Messages.notLoggedOn(userid)) }
        let issuer = c.vm.userid
        vm.post { target in
            target.say("FORCED BY \(issuer)")
            target.cp.logoff(target, reason: .forced(by: issuer))
        }
        c.say("USER DSC LOGOFF AS \(vm.userid) USERS = \(max(0, c.cp.loggedOn.count - 1))")
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

    static func shutdown(_ c: inout CommandContext) -> Int {
        let immediate = c.word(0) == "IMMED"
        if let word = c.word(0), !immediate { return c.fail(Messages.invalidOperand(word)) }
        c.cp.requestShutdown(immediate: immediate, by: c.vm.userid)
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
