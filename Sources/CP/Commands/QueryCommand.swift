import Foundation
import S370Core

/// QUERY: time, users, the virtual machine, settings.
enum QueryCommand {
    static func run(_ c: inout CommandContext) -> Int {
        guard let what = c.word(0) else { return c.fail(Messages.operandMissing) }
        let classes = c.vm.entry.classes
        func matches(_ name: String, _ minimum: Int) -> Bool {
            what.count >= minimum && name.hasPrefix(what)
        }
        if matches("TIME", 1) { return time(&c) }
        if matches("NAMES", 1) { return names(&c) }
        if matches("USERS", 1) && c.word(1) == nil { return users(&c) }
        if matches("VIRTUAL", 1) { return virtual(&c) }
        if matches("STORAGE", 3) { return storage(&c) }
        if matches("SET", 3) { return settings(&c) }
        if matches("CPLEVEL", 3) {
            c.say("VM67 CP LEVEL 1.0, COMPATIBLE WITH VM/370 RELEASE 6")
            return 0
        }
        if matches("USERID", 5) {
            c.say("\(c.vm.userid.padding(8)) AT \(c.cp.configuration.systemName)")
            return 0
        }
        if matches("CPUID", 5) {
            let s = c.vm.machine.state
            c.say("CPUID = " + hex2(s.cpuVersion) + hex6(s.cpuSerial) + hex4(s.cpuModelNumber) + "0000")
            return 0
        }
        if matches("PRIVCLAS", 4) {
            c.say("PRIVILEGE CLASSES = \(classes)")
            return 0
        }
        if what.hasPrefix("PF") { return pfKeys(&c, what) }
        if matches("TERMINAL", 4) { return terminal(&c) }
        if matches("LOGMSG", 4) {
            let lines = c.cp.logMessage.withLock { $0 }
            c.say(lines.isEmpty ? ["NO LOGMSG"] : lines.map { "LOGMSG - " + $0 })
            return 0
        }
        if matches("ALL", 3) && !classes.isDisjoint(with: [.a, .b]) { return all(&c) }
        if matches("DASD", 4) {
            if !classes.isDisjoint(with: [.b]) { return realDASD(&c) }
            return virtual(&c, kindWord: "DASD")
        }
        if matches("FILES", 5) { return SpoolQuery.counts(&c) }
        if matches("TRACE", 2) { return traceSettings(&c) }
        if what == "RDR" || matches("READER", 1) { return SpoolQuery.files(&c, queue: .reader) }
        if what == "PRT" || matches("PRINTER", 5) { return SpoolQuery.files(&c, queue: .printer) }
        if what == "PUN" || matches("PUNCH", 3) { return SpoolQuery.files(&c, queue: .punch) }
        if matches("TAG", 3) { return TagCommand.query(&c, from: 1) }
        if matches("LINKS", 4) { return LinkQuery.links(&c) }
        if matches("PRIORITY", 3) && !classes.isDisjoint(with: [.a, .e]) {
            guard let target = c.word(1) else { return c.fail(Messages.operandMissing) }
            guard let vm = c.cp.user(target) else { return c.fail(Messages.notLoggedOn(target)) }
            let p = c.cp.scheduler.priorities.withLock { $0[vm.userid] } ?? vm.entry.priority
            c.say("\(vm.userid) PRIORITY = \(p)")
            return 0
        }
        // QUERY userid, QUERY vaddr.
        if let address = parseAddress(what), what.count <= 3, let info = c.vm.deviceInfo[address] {
            c.say(c.vm.queryLines(address, info))
            return 0
        }
        if let vm = c.cp.user(what) {
            c.say("\(vm.userid.padding(8)) - \(terminalName(vm))")
            return 0
        }
        if what.count <= 8 && what.allSatisfy({ $0.isLetter || $0.isNumber || "@#$".contains($0) }) {
            return c.fail(Messages.notLoggedOn(what))
        }
        return c.fail(Messages.invalidOperand(what))
    }

    static func terminalName(_ vm: VirtualMachine) -> String {
        vm.console.connection == nil ? "DSC" : (vm.console.connection?.terminalName ?? "TERM")
    }

    static func time(_ c: inout CommandContext) -> Int {
        c.say("TIME IS \(CPClock.stamp())")
        let vm = c.vm
        c.say("CONNECT= \(CPClock.duration(Date().timeIntervalSince(vm.logonTime))) VIRTCPU= \(CPClock.cpuTime(vm.virtualCPUSeconds)) TOTCPU= \(CPClock.cpuTime(vm.totalCPUSeconds))")
        return 0
    }

    /// `userid - term`, four to a line, separated by commas.
    static func names(_ c: inout CommandContext) -> Int {
        let items = c.cp.loggedOn.map { "\($0.userid.padding(8)) - \(terminalName($0))" }
        var line = ""
        var count = 0
        for item in items {
            if count == 4 {
                c.say(line)
                line = ""
                count = 0
            }
            line += (line.isEmpty ? "" : " , ") + item
            count += 1
        }
        if !line.isEmpty { c.say(line) }
        return 0
    }

    static func users(_ c: inout CommandContext) -> Int {
        let n = c.cp.loggedOn.count
        c.say(String(format: "%5d USERS, %5d DIALED", n, 0))
        return 0
    }

    static func storage(_ c: inout CommandContext) -> Int {
        c.say("STORAGE = " + storageText(c.vm.machine.storage.size))
        return 0
    }

    static func storageText(_ bytes: Int) -> String {
        let k = String(bytes >> 10)
        return String(repeating: "0", count: max(0, 5 - k.count)) + k + "K"
    }

    /// QUERY VIRTUAL [ALL|DASD|UR|CONS|STOR|vaddr].
    static func virtual(_ c: inout CommandContext, kindWord: String? = nil) -> Int {
        let what = kindWord ?? c.word(1) ?? "ALL"
        let vm = c.vm
        if what == "STOR" || what == "STORAGE" { return storage(&c) }
        if let address = parseAddress(what), what.count <= 3 {
            guard let info = vm.deviceInfo[address] else { return c.fail(Messages.deviceDoesNotExist(address)) }
            c.say(vm.queryLines(address, info))
            return 0
        }
        let kinds: Set<VirtualDeviceInfo.Kind>
        switch what {
        case "ALL": kinds = [.console, .reader, .punch, .printer, .dasd, .tape, .graf]
            c.say("STORAGE = " + storageText(vm.machine.storage.size))
        case "DASD": kinds = [.dasd]
        case "UR": kinds = [.reader, .punch, .printer]
        case "CONS": kinds = [.console]
        case "TAPES", "TAPE": kinds = [.tape]
        case "GRAF": kinds = [.graf]
        default: return c.fail(Messages.invalidOperand(what))
        }
        for address in vm.deviceInfo.keys.sorted() {
            let info = vm.deviceInfo[address]!
            if kinds.contains(info.kind) { c.say(vm.queryLines(address, info)) }
        }
        return 0
    }

    static func settings(_ c: inout CommandContext) -> Int {
        let s = c.vm.settings
        func onOff(_ b: Bool) -> String { b ? "ON " : "OFF" }
        c.say("MSG \(onOff(s.msg)), WNG \(onOff(s.wng)), EMSG \(s.emsg.rawValue), ACNT OFF, RUN \(onOff(s.run))")
        c.say("LINEDIT ON , TIMER \(s.timer.rawValue), ISAM OFF, ECMODE \(onOff(c.vm.entry.options.contains("ECMODE")))")
        c.say("ASSIST OFF , PAGEX OFF, AUTOPOLL OFF")
        // SMSG follows IMSG, where later VM releases show it too (z/VM QUERY SET).
        c.say("IMSG \(onOff(s.imsg)), SMSG \(onOff(c.cp.vmcf.acceptsSMSG(c.vm.userid))), AFFINITY NONE")
        return 0
    }

    static func pfKeys(_ c: inout CommandContext, _ what: String) -> Int {
        let keys: [Int]
        if what == "PF" { keys = Array(1...24) } else {
            guard let n = Int(what.dropFirst(2)), (1...24).contains(n) else { return c.fail(Messages.invalidOperand(what)) }
            keys = [n]
        }
        for n in keys {
            let name = "PF" + (n < 10 ? "0\(n)" : "\(n)")
            if let pf = c.vm.settings.pfKeys[n] {
                c.say("\(name) \(pf.immediate ? "IMMED" : "DELAYED") \(pf.text)")
            } else if keys.count == 1 {
                c.say("\(name) UNDEFINED")
            }
        }
        if keys.count > 1 && c.vm.settings.pfKeys.isEmpty { c.say("PF KEYS UNDEFINED") }
        return 0
    }

    static func terminal(_ c: inout CommandContext) -> Int {
        let e = c.vm.lineEditing
        func show(_ ch: Character?) -> String { ch.map { String($0) } ?? "OFF" }
        c.say("LINEND \(show(e.lineEnd)), LINEDEL \(show(e.lineDelete)), CHARDEL \(show(e.characterDelete)), ESCAPE \(show(e.escape))")
        c.say("LINESIZE \(c.vm.settings.lineSize), ATTN ON, MODE \(c.vm.settings.terminalModeVM ? "VM" : "CP")")
        return 0
    }

    /// QUERY TRACE: what TRACE is watching, or that nothing is traced.
    static func traceSettings(_ c: inout CommandContext) -> Int {
        let t = c.vm.trace
        if t.events.isEmpty {
            c.say("NO TRACE IN EFFECT")
        } else {
            c.say("TRACING \(t.names.joined(separator: " ")) \(t.stopAfterEvent ? "NORUN" : "RUN") TERMINAL")
        }
        if let stop = c.vm.machine.state.stopAddress { c.say("ADSTOP AT \(DisplayStore.hex6(stop))") }
        return 0
    }

    static func all(_ c: inout CommandContext) -> Int {
        _ = names(&c)
        _ = users(&c)
        return 0
    }

    static func realDASD(_ c: inout CommandContext) -> Int {
        for volume in c.cp.configuration.volumes {
            c.say("DASD \(volume.volser.padding(6)) \(volume.deviceType) \(volume.file)")
        }
        return 0
    }

    static func hex2(_ v: UInt8) -> String { v < 16 ? "0" + String(v, radix: 16, uppercase: true) : String(v, radix: 16, uppercase: true) }
    static func hex4(_ v: UInt16) -> String { let s = String(v, radix: 16, uppercase: true); return String(repeating: "0", count: 4 - s.count) + s }
    static func hex6(_ v: UInt32) -> String { let s = String(v & 0xFF_FFFF, radix: 16, uppercase: true); return String(repeating: "0", count: 6 - s.count) + s }
}
