/// SPOOL vaddr|PRT|PUN|RDR [TO userid|*|SYSTEM] [OFF] [CLASS c]: where a
/// virtual printer's or punch's closed files go, and a device's spool class
/// (VM/370 CP Command Reference, SPOOL; a minimal subset). TO userid sends
/// each file CLOSE ends to that user's reader (CLOSE says `PUN FILE nnnn TO
/// userid COPY 01 NOHOLD`), TO * to one's own, TO SYSTEM or OFF back to the
/// system queue. A reader takes only CLASS.
enum SpoolCommand {
    static func spool(_ c: inout CommandContext) -> Int {
        let addresses: [UInt16]
        switch SpoolDeviceOperand.resolve(c.word(0), in: c.vm) {
        case .devices(let found): addresses = found
        case .error(let message): return c.fail(message)
        }
        enum Target { case unchanged, user(String), system }
        var target = Target.unchanged
        var spoolClass: Character?
        var i = 1
        while let word = c.word(i) {
            switch word {
            case "TO":
                guard let who = c.word(i + 1) else { return c.fail(Messages.operandMissing) }
                if who == "OFF" || who == "SYSTEM" {
                    target = .system
                } else {
                    let id = who == "*" ? c.vm.userid : who
                    guard c.cp.directory.entry(id) != nil else {
                        return c.fail(CPMessage("CSP", 53, "E", "\(id) NOT IN CP DIRECTORY"))
                    }
                    target = .user(id)
                }
                i += 2
            case "OFF":
                target = .system
                i += 1
            case "CLASS", "CL":
                guard let value = c.word(i + 1), value.count == 1, let ch = value.first,
                      ch.isLetter || ch.isNumber || ch == "*" else { return c.fail(Messages.operandMissing) }
                spoolClass = ch
                i += 2
            default:
                return c.fail(Messages.invalidOperand(word))
            }
        }
        for address in addresses {
            switch c.vm.io.channels.device(at: address) {
            case let writer as VirtualSpoolWriter:
                switch target {
                case .unchanged: break
                case .user(let id): writer.spoolTo = id
                case .system: writer.spoolTo = nil
                }
                if let spoolClass, spoolClass != "*" { writer.spoolClass = spoolClass }
            case let reader as VirtualReader:
                if case .unchanged = target {} else {
                    return c.fail(Messages.invalidOperand("TO"))
                }
                if let spoolClass { reader.spoolClass = spoolClass == "*" ? nil : spoolClass }
            default:
                break
            }
        }
        return 0
    }
}
