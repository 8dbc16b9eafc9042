import Devices

/// SPOOL vaddr|READER|PRINTER|PUNCH [CLASS c] [CONT|NOCONT] [HOLD|NOHOLD]
/// [COPY n] [TO userid|*|SYSTEM] [OFF] [FOR userid|*] [EOF|NOEOF]
/// [START|STOP] [TERM|NOTERM] [CLOSE|PURGE]: sets the spooling options of
/// virtual unit record devices and of the console
/// (VM/370 CP Command Reference, SPOOL; defaults in spec §5). Like VM/370
/// it answers nothing when it succeeds. TO sends closed output to a
/// user's reader; FOR keeps it in the system queue under that user's
/// name; OFF (or TO SYSTEM) undoes both. Reader-only options (EOF) on a
/// printer, or output-only options on a reader, are invalid options.
/// SPOOL CONSOLE START spools everything the console shows and the user
/// types into a printer file (`ConsoleSpool`); STOP ends that, and the
/// console options START, STOP, TERM and NOTERM are invalid elsewhere.
enum SpoolCommand {
    static let useridMissing = CPMessage("CSP", 20, "E", "USERID MISSING OR INVALID")
    static func notInDirectory(_ userid: String) -> CPMessage { CPMessage("CSP", 53, "E", "\(userid) NOT IN CP DIRECTORY") }
    static let classInvalid = CPMessage("CSP", 28, "E", "CLASS MISSING OR INVALID")

    /// The userid a TO or FOR operand names: `*` is the issuer; anyone in
    /// the directory can receive files, NOLOG users too (spec §5).
    static func receiver(_ word: String, for vm: VirtualMachine) -> String? {
        if word == "*" { return vm.userid }
        return vm.cp.directory.entry(word)?.userid
    }

    /// What one SPOOL command asks for; nil fields stay as they are.
    struct Settings {
        var spoolClass: Character??
        var continuous: Bool?
        var hold: Bool?
        var copies: Int?
        var target: String??
        var forUser: String??
        var endOfFile: Bool?
        var close = false
        var purge = false
        var outputOnly: String?
        var readerOnly: String?
        var start: Bool?
        var terminal: Bool?
        var consoleOnly: String?
    }

    static func spool(_ c: inout CommandContext) -> Int {
        let addresses: [UInt16]
        switch SpoolDeviceOperand.resolve(c.word(0), in: c.vm) {
        case .devices(let found): addresses = found
        case .error(let message): return c.fail(message)
        }
        var s = Settings()
        var i = 1
        while i < c.words.count {
            let word = c.words[i]
            switch word {
            case "CLASS", "CL":
                guard let value = c.word(i + 1), value.count == 1, let ch = value.first,
                      ch == "*" || ch.isLetter || ch.isNumber else { return c.fail(classInvalid) }
                s.spoolClass = .some(ch == "*" ? nil : ch)
                i += 1
            case "CONT": s.continuous = true
            case "NOCONT", "NOC": s.continuous = false
            case "HOLD", "HO": s.hold = true
            case "NOHOLD", "NOH": s.hold = false
            case "COPY", "CO":
                guard let value = c.word(i + 1), let n = Int(value), (1...99).contains(n) else {
                    return c.fail(Messages.operandMissing)
                }
                s.copies = n
                s.outputOnly = s.outputOnly ?? word
                i += 1
            case "TO":
                guard let value = c.word(i + 1) else { return c.fail(useridMissing) }
                if value == "SYSTEM" || value == "OFF" {
                    s.target = .some(nil)
                } else {
                    guard let id = receiver(value, for: c.vm) else { return c.fail(notInDirectory(value)) }
                    s.target = .some(id)
                }
                s.outputOnly = s.outputOnly ?? word
                i += 1
            case "FOR":
                guard let value = c.word(i + 1) else { return c.fail(useridMissing) }
                guard let id = receiver(value, for: c.vm) else { return c.fail(notInDirectory(value)) }
                s.forUser = .some(id)
                s.target = .some(nil)
                s.outputOnly = s.outputOnly ?? word
                i += 1
            case "OFF":
                s.target = .some(nil)
                s.forUser = .some(nil)
                s.outputOnly = s.outputOnly ?? word
            case "EOF":
                s.endOfFile = true
                s.readerOnly = s.readerOnly ?? word
            case "NOEOF":
                s.endOfFile = false
                s.readerOnly = s.readerOnly ?? word
            case "START", "STA":
                s.start = true
                s.consoleOnly = s.consoleOnly ?? word
            case "STOP", "STO":
                s.start = false
                s.consoleOnly = s.consoleOnly ?? word
            case "TERM", "TE":
                s.terminal = true
                s.consoleOnly = s.consoleOnly ?? word
            case "NOTERM", "NOTE":
                s.terminal = false
                s.consoleOnly = s.consoleOnly ?? word
            case "CLOSE", "CLO": s.close = true
            case "PURGE", "PUR": s.purge = true
            default:
                return c.fail(Messages.invalidOperand(word))
            }
            i += 1
        }
        for address in addresses {
            switch c.vm.io.channels.device(at: address) {
            case is Console3215:
                if let word = s.readerOnly { return c.fail(Messages.invalidOperand(word)) }
                if case .some(nil) = s.spoolClass { return c.fail(classInvalid) }
                apply(s, to: c.vm.console.spool)
                if s.purge {
                    c.vm.console.spool.discard()
                } else if s.close {
                    c.vm.closeConsoleSpool(announce: true, force: true)
                }
            case let reader as VirtualReader:
                if let word = s.outputOnly ?? s.consoleOnly { return c.fail(Messages.invalidOperand(word)) }
                apply(s, to: reader)
                if s.close || s.purge { reader.close(hold: false) }
            case let writer as VirtualSpoolWriter:
                if let word = s.readerOnly ?? s.consoleOnly { return c.fail(Messages.invalidOperand(word)) }
                if case .some(nil) = s.spoolClass { return c.fail(classInvalid) }
                apply(s, to: writer)
                if s.purge {
                    writer.discard()
                } else if s.close, let file = writer.close(distribution: c.vm.entry.distribution ?? c.vm.userid),
                          file.queue == .reader {
                    c.say(SpoolNotices.sent(file))
                    c.cp.announceArrival(file, from: c.vm.userid)
                }
            default:
                continue
            }
            if let spoolClass = s.spoolClass {
                c.vm.deviceInfo[address]?.spoolClass = spoolClass.map { String($0) } ?? "*"
            }
        }
        return 0
    }

    static func apply(_ s: Settings, to console: ConsoleSpool) {
        console.update { o in
            if case .some(let spoolClass?) = s.spoolClass { o.spoolClass = spoolClass }
            if let continuous = s.continuous { o.continuous = continuous }
            if let hold = s.hold { o.hold = hold }
            if let copies = s.copies { o.copies = copies }
            if let target = s.target { o.target = target }
            if let forUser = s.forUser { o.forUser = forUser }
            if let terminal = s.terminal { o.terminal = terminal }
        }
        if let start = s.start { console.setStarted(start) }
    }

    static func apply(_ s: Settings, to reader: VirtualReader) {
        if let spoolClass = s.spoolClass { reader.spoolClass = spoolClass }
        if let continuous = s.continuous { reader.continuous = continuous }
        if let hold = s.hold { reader.hold = hold }
        if let eof = s.endOfFile { reader.endOfFileIndication = eof }
    }

    static func apply(_ s: Settings, to writer: VirtualSpoolWriter) {
        if case .some(let spoolClass?) = s.spoolClass { writer.spoolClass = spoolClass }
        if let continuous = s.continuous { writer.continuous = continuous }
        if let hold = s.hold { writer.hold = hold }
        if let copies = s.copies { writer.copies = copies }
        if let target = s.target { writer.target = target }
        if let forUser = s.forUser { writer.forUser = forUser }
    }
}
