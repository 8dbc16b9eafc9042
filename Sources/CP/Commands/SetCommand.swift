import S370Core

/// SET and TERMINAL.
enum SetCommand {
    static func run(_ c: inout CommandContext) -> Int {
        guard let operand = c.word(0) else { return c.fail(Messages.operandMissing) }
        let value = c.word(1)
        let classes = c.vm.entry.classes
        func onOff() -> Bool? { value == "ON" ? true : (value == "OFF" ? false : nil) }
        // Operator operands accept VM/370's abbreviations.
        let what = ["PRI", "PRIO", "PRIOR", "PRIORI", "PRIORIT"].contains(operand) ? "PRIORITY"
            : (["FAV", "FAVOR", "FAVORE"].contains(operand) ? "FAVORED" : operand)
        switch what {
        case "EMSG":
            guard let v = value, let setting = EmsgSetting(rawValue: v) else { return c.fail(Messages.operandMissing) }
            c.vm.settings.emsg = setting
        case "IMSG":
            guard let b = onOff() else { return c.fail(Messages.operandMissing) }
            c.vm.settings.imsg = b
        case "MSG":
            guard let b = onOff() else { return c.fail(Messages.operandMissing) }
            c.vm.settings.msg = b
        case "WNG":
            guard let b = onOff() else { return c.fail(Messages.operandMissing) }
            c.vm.settings.wng = b
        case "RUN":
            guard let b = onOff() else { return c.fail(Messages.operandMissing) }
            c.vm.settings.run = b
        case "TIMER":
            guard let v = value, let t = UserSettings.TimerSetting(rawValue: v) else { return c.fail(Messages.operandMissing) }
            c.vm.settings.timer = t
            c.vm.machine.state.timerMode = t == .real ? .wallClock : .cpuTime
            c.vm.machine.state.intervalTimerEnabled = t != .off
        case "SMSG", "SM":
            // Whether special messages (SMSG) reach this machine through VMCF.
            guard let b = onOff() else { return c.fail(Messages.operandMissing) }
            c.cp.vmcf.setSMSG(c.vm.userid, b)
        case "LINEDIT", "ACNT", "ASSIST", "PAGEX", "AUTOPOLL", "ISAM", "ECMODE", "NOTRANS":
            guard value == "ON" || value == "OFF" else { return c.fail(Messages.operandMissing) }
        case "LOGMSG" where !classes.isDisjoint(with: [.a, .b]):
            let text = c.rest(after: 1)
            c.cp.logMessage.withLock { lines in
                if text.uppercased() == "OFF" || text.isEmpty { lines = [] } else { lines = [text] }
            }
        case "PRIORITY" where !classes.isDisjoint(with: [.a, .c]):
            guard let user = value, let n = c.word(2).flatMap({ Int($0) }), (1...99).contains(n) else {
                return c.fail(Messages.operandMissing)
            }
            guard c.cp.user(user) != nil else { return c.fail(Messages.notLoggedOn(user)) }
            c.cp.scheduler.priorities.withLock { $0[user] = n }
        case "FAVORED" where !classes.isDisjoint(with: [.a, .c]):
            guard let user = value else { return c.fail(Messages.operandMissing) }
            guard c.cp.user(user) != nil else { return c.fail(Messages.notLoggedOn(user)) }
            let off = c.word(2) == "OFF"
            c.cp.scheduler.favored.withLock { if off { $0.remove(user) } else { $0.insert(user) } }
        default:
            if what.hasPrefix("PF"), let n = Int(what.dropFirst(2)), (1...24).contains(n) {
                var rest = c.rest(after: 1)
                var immediate = true
                let upper = rest.uppercased()
                if upper.hasPrefix("IMMED") {
                    rest = String(rest.dropFirst(5)).trimmingWhitespace
                } else if upper.hasPrefix("DELAYED") {
                    immediate = false
                    rest = String(rest.dropFirst(7)).trimmingWhitespace
                }
                if rest.isEmpty { c.vm.settings.pfKeys[n] = nil } else { c.vm.settings.pfKeys[n] = (rest, immediate) }
                return 0
            }
            return c.fail(Messages.invalidOperand(what))
        }
        return 0
    }

    static func terminal(_ c: inout CommandContext) -> Int {
        guard let what = c.word(0), let value = c.word(1) else { return c.fail(Messages.operandMissing) }
        // The character operand as typed (SET keeps case only for these).
        let typed = c.rest(after: 1)
        func character() -> Character?? {
            if value == "OFF" { return .some(nil) }
            guard typed.count == 1 else { return nil }
            return .some(typed.first)
        }
        switch what {
        case "LINEND":
            guard let ch = character() else { return c.fail(Messages.operandMissing) }
            c.vm.lineEditing.lineEnd = ch
        case "LINEDEL":
            guard let ch = character() else { return c.fail(Messages.operandMissing) }
            c.vm.lineEditing.lineDelete = ch
        case "CHARDEL":
            guard let ch = character() else { return c.fail(Messages.operandMissing) }
            c.vm.lineEditing.characterDelete = ch
        case "ESCAPE":
            guard let ch = character() else { return c.fail(Messages.operandMissing) }
            c.vm.lineEditing.escape = ch
        case "MODE":
            guard value == "VM" || value == "CP" else { return c.fail(Messages.operandMissing) }
            c.vm.settings.terminalModeVM = value == "VM"
        case "LINESIZE":
            guard let n = Int(value), (1...255).contains(n) else { return c.fail(Messages.operandMissing) }
            c.vm.settings.lineSize = n
        case "ATTN", "APL", "TEXT", "MASK", "BREAKIN":
            guard value == "ON" || value == "OFF" else { return c.fail(Messages.operandMissing) }
        default:
            return c.fail(Messages.invalidOperand(what))
        }
        return 0
    }
}
