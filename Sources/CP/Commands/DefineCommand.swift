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
        // DEFINE READER|CONSOLE vaddr: a new virtual device.
        if ["READER", "RDR", "CONSOLE", "CONS"].contains(what) {
            guard let address = parseAddress(c.word(1)) else { return c.fail(Messages.deviceMissing(c.word(1) ?? "")) }
            guard c.vm.deviceInfo[address] == nil else {
                return c.fail(CPMessage("DEF", 41, "E", "DEV \(hex3(address)) ALREADY DEFINED"))
            }
            if what.hasPrefix("R") {
                let reader = VirtualReader(type: 0x2540, spool: c.cp.spool, userid: c.vm.userid, spoolClass: nil)
                c.vm.io.channels.attach(reader, at: address)
                c.vm.deviceInfo[address] = VirtualDeviceInfo(kind: .reader, type: "2540", spoolClass: "*")
                c.say("RDR \(hex3(address)) DEFINED")
            } else {
                guard c.vm.consoleAddress == nil else {
                    return c.fail(CPMessage("DEF", 41, "E", "CONSOLE ALREADY DEFINED"))
                }
                c.vm.attachConsole(at: address, type: "3215")
                c.say("CONS \(hex3(address)) DEFINED")
            }
            return 0
        }
        // DEFINE T3350 [AS] vaddr [CYL] n: a temporary disk.
        if what.hasPrefix("T"), what.count >= 5, DirectoryParser.dasdTypes.contains(String(what.dropFirst().prefix(4))) {
            return defineTemporaryDisk(&c, deviceType: String(what.dropFirst()))
        }
        return c.fail(Messages.invalidOperand(what))
    }

    static func defineTemporaryDisk(_ c: inout CommandContext, deviceType: String) -> Int {
        var words = Array(c.words.dropFirst())
        if words.first == "AS" { words.removeFirst() }
        guard let address = parseAddress(words.first) else { return c.fail(Messages.deviceMissing(words.first ?? "")) }
        words.removeFirst()
        if let word = words.first, "CYL".hasPrefix(word), word.count >= 1, Int(word) == nil { words.removeFirst() }
        guard let text = words.first, let cylinders = Int(text), cylinders > 0 else {
            return c.fail(CPMessage("DEF", 24, "E", "CYLINDERS MISSING OR INVALID"))
        }
        switch c.cp.devices.attachTemporaryDisk(c.vm, at: address, deviceType: deviceType, cylinders: cylinders) {
        case .success:
            c.say("DASD \(hex3(address)) DEFINED")
            return 0
        case .failure(let message):
            return c.fail(message)
        }
    }

    static func detach(_ c: inout CommandContext) -> Int {
        guard let word = c.word(0), let address = parseAddress(word) else {
            return c.fail(CPMessage("CSP", 22, "E", "VADDR MISSING OR INVALID"))
        }
        guard let info = c.vm.deviceInfo[address] else { return c.fail(Messages.deviceDoesNotExist(address)) }
        (c.vm.io.channels.device(at: address) as? VirtualReader)?.close()
        c.vm.releaseDisk(at: address, info)
        c.vm.releaseDedicated(at: address, info)
        if info.kind == .console { c.vm.consoleDevice = nil }
        c.vm.io.channels.detach(address)
        c.vm.deviceInfo[address] = nil
        c.say("\(info.kind.rawValue) \(hex3(address)) DETACHED")
        return 0
    }
}
