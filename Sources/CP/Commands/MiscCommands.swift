import Foundation

/// EXTERNAL, REQUEST, SLEEP, INDICATE, HELP.
enum MiscCommands {
    static func external(_ c: inout CommandContext) -> Int {
        if let word = c.word(0) {
            guard let code = UInt16(word, radix: 16), code == 0x40 else {
                return c.fail(Messages.invalidOperand(word))
            }
        }
        c.vm.machine.postInterruptKey()
        c.vm.resume()
        return 0
    }

    static func request(_ c: inout CommandContext) -> Int {
        c.vm.consoleDevice?.requestAttention()
        c.vm.resume()
        return 0
    }

    /// SLEEP: the VM stays stopped and the terminal quiet.
    static func sleep(_ c: inout CommandContext) -> Int {
        if let n = c.word(0) {
            guard Int(n) != nil else { return c.fail(Messages.invalidOperand(n)) }
            if let unit = c.word(1), !["SEC", "MIN", "HR"].contains(unit) { return c.fail(Messages.invalidOperand(unit)) }
        }
        c.vm.enterCPMode()
        return 0
    }

    static func indicate(_ c: inout CommandContext) -> Int {
        switch c.word(0) ?? "LOAD" {
        case "LOAD":
            let users = c.cp.loggedOn
            let (q1, q2) = c.cp.scheduler.queueLengths
            let cpu = c.cp.cpuBusyPercent()
            let storage = users.reduce(0) { $0 + $1.machine.storage.size } >> 20
            let ratio = users.isEmpty ? 0.0 : Double(q1 + q2) / Double(max(1, c.cp.scheduler.workerCount))
            c.say(String(format: "CPU-%03d%% APU-000%% Q1-%02d Q2-%02d STORAGE-%03d%% RATIO-%04.1f",
                         cpu, q1, q2, min(999, storage * 100 / 16 / max(1, users.count)), ratio))
        case "USER":
            let vm = c.vm
            c.say(String(format: "VTIME=%@ TTIME=%@ SIO=%06d", CPClock.cpuTime(vm.virtualCPUSeconds),
                         CPClock.cpuTime(vm.totalCPUSeconds), vm.startIOCount))
            c.say(String(format: "RDR=%06d PRT=%06d PCH=%06d", 0, 0, 0))
        default:
            return c.fail(Messages.invalidOperand(c.word(0)!))
        }
        return 0
    }

    static func help(_ c: inout CommandContext) -> Int {
        let classes = c.vm.entry.classes
        if let name = c.word(0) {
            guard let entry = CommandTable.lookup(name, classes: classes) else { return c.fail(Messages.unknownCommand(name)) }
            c.say(entry.help)
            return 0
        }
        let names = CommandTable.entries.filter { $0.classes.isEmpty || !$0.classes.isDisjoint(with: classes) }.map(\.name)
        var line = ""
        for name in names {
            if line.count + name.count + 1 > 72 { c.say(line); line = "" }
            line += (line.isEmpty ? "" : " ") + name
        }
        if !line.isEmpty { c.say(line) }
        return 0
    }
}
