/// ATTACH (class B): a real device (config DEVICE) or a volume to a
/// logged-on user, for that user alone until DETACH or LOGOFF.
///
///     ATTACH raddr|volser [TO] userid [AS] vaddr
enum AttachCommand {
    static func attach(_ c: inout CommandContext) -> Int {
        var words = c.words
        guard let real = words.first else { return c.fail(CPMessage("ATT", 21, "E", "RADDR MISSING OR INVALID")) }
        words.removeFirst()
        if words.first == "TO" { words.removeFirst() }
        guard let userid = words.first else { return c.fail(CPMessage("ATT", 20, "E", "USERID MISSING OR INVALID")) }
        words.removeFirst()
        if words.first == "AS" { words.removeFirst() }
        guard let address = parseAddress(words.first) else { return c.fail(Messages.deviceMissing(words.first ?? "")) }
        guard let target = c.cp.user(userid) else { return c.fail(Messages.notLoggedOn(userid)) }
        if let owner = c.cp.realDevices.owner(real), owner != target.userid {
            return c.fail(CPMessage("ATT", 121, "E", "DEV \(real) ATTACHED TO \(owner)"))   // [R] text
        }
        // The target's devices change on its own worker; the operator hears
        // the outcome from there.
        let issuer = c.vm
        target.post { vm in
            switch vm.cp.devices.dedicate(vm, at: address, real: real) {
            case .success:
                let kind = vm.deviceInfo[address]?.kind.rawValue ?? "DEV"
                vm.say("\(kind) \(hex3(address)) ATTACHED")
                issuer.post { $0.say("\(kind) \(real) ATTACHED TO \(vm.userid) \(hex3(address))") }
            case .failure(let message):
                issuer.post { operatorVM in
                    if let line = message.line(operatorVM.settings.emsg) { operatorVM.say(line) }
                }
            }
        }
        return 0
    }
}
