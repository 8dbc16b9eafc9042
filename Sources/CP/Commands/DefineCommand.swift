/// DEFINE and DETACH.
enum DefineCommand {
    static func define(_ c: inout CommandContext) -> Int {
        guard let what = c.word(0) else { return c.fail(Messages.operandMissing) }
        if "STORAGE".hasPrefix(what) && what.count >= 3 {
            guard let text = c.word(1), let size = DirectoryParser.storageSize(text), size >= 8192 else {
                return c.fail(Messages.storageInvalid)
            }
            guard size <= c.vm.entry.maximumStorage else {
                return c.fail(CPMessage("DEF", 94, "E", "STORAGE EXCEEDS ALLOWED MAXIMUM"))
            }
            c.vm.redefineStorage(size)
            c.vm.enterCPMode()
            c.say("STORAGE = " + QueryCommand.storageText(size))
            return 0
        }
        // DEFINE vaddr AS vaddr2: give a device another address.
        if let from = parseAddress(what), c.word(1) == "AS", let to = parseAddress(c.word(2)) {
            guard let info = c.vm.deviceInfo[from], let device = c.vm.io.channels.device(at: from) else {
                return c.fail(Messages.deviceDoesNotExist(from))
            }
            guard c.vm.deviceInfo[to] == nil else {
                return c.fail(CPMessage("DEF", 41, "E", "DEV \(hex3(to)) ALREADY DEFINED"))
            }
            c.vm.io.channels.detach(from)
            c.vm.io.channels.attach(device, at: to)
            c.vm.deviceInfo[from] = nil
            c.vm.deviceInfo[to] = info
            c.say("\(info.kind.rawValue) \(hex3(to)) DEFINED")
            return 0
        }
        return c.fail(Messages.invalidOperand(what))
    }

    static func detach(_ c: inout CommandContext) -> Int {
        guard let word = c.word(0), let address = parseAddress(word) else {
            return c.fail(CPMessage("CSP", 22, "E", "VADDR MISSING OR INVALID"))
        }
        guard let info = c.vm.deviceInfo[address] else { return c.fail(Messages.deviceDoesNotExist(address)) }
        c.vm.io.channels.detach(address)
        c.vm.deviceInfo[address] = nil
        c.say("\(info.kind.rawValue) \(hex3(address)) DETACHED")
        return 0
    }
}
