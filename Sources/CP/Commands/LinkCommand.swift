/// LINK [TO] userid vaddr1 [AS] vaddr2 [mode] [[PASS=]password]: adds
/// another user's minidisk (or one of your own again) to your virtual
/// machine (VM/370 CP Command Reference, LINK; spec §6). The mode rules
/// are `MinidiskLinks`'s; the default mode is R for another user's disk
/// and the directory mode for your own.
///
/// Passwords: your own disks need none, nor do users with OPTION
/// LNKNOPAS, nor a disk whose password for the mode is `ALL`. Otherwise
/// the password for the mode class (R and RR: read; W and WR: write; M,
/// MR and MW: multiple) must match the owner's MDISK statement. Without
/// one on the line CP prompts `ENTER READ PASSWORD:` (WRITE, MULT) and
/// takes the next line unseen.
///
/// vm67 has no installation password suppression: a password on the
/// command line is always accepted, so the DIAGNOSE X'08' flag X'80'
/// (which lets a program give one despite suppression) changes nothing.
/// A command from a program or from outside a session cannot be
/// prompted, so there a missing password is an incorrect one, like a
/// CMS batch LINK [V S7].
///
/// VM/370 LINK answers nothing when it links; a write link given read-only
/// brings the DMKLNK101W–103W warning.
enum LinkCommand {
    static func link(_ c: inout CommandContext) -> Int {
        var at = 0
        if c.word(at) == "TO" { at += 1 }
        guard let userid = c.word(at), userid.count <= 8 else {
            return c.fail(CPMessage("LNK", 20, "E", "USERID MISSING OR INVALID"))
        }
        guard let ownerAddress = parseAddress(c.word(at + 1)) else { return c.fail(vaddrInvalid) }
        at += 2
        if c.word(at) == "AS" { at += 1 }
        guard let address = parseAddress(c.word(at)) else { return c.fail(vaddrInvalid) }
        at += 1
        var mode: LinkMode?
        if let word = c.word(at), let asked = LinkMode(rawValue: word) {
            mode = asked
            at += 1
        }
        var password: String?
        if let word = c.word(at) {
            password = word.hasPrefix("PASS=") ? String(word.dropFirst(5)) : word
            at += 1
        }
        if let extra = c.word(at) { return c.fail(Messages.invalidOperand(extra)) }

        let ownerID = userid == "*" ? c.vm.userid : userid
        guard let owner = c.cp.directory.entry(ownerID) else {
            return c.fail(CPMessage("LNK", 53, "E", "\(ownerID) NOT IN CP DIRECTORY"))
        }
        let request = Request(owner: owner.userid, ownerAddress: ownerAddress, address: address,
                              mode: mode ?? .r, askedMode: mode)
        guard let disk = owner.minidisks.first(where: { $0.address == ownerAddress }), disk.volser != nil else {
            return c.fail(CPMessage("LNK", 107, "E", "\(request.named) NOT LINKED; NOT IN CP DIRECTORY"))
        }
        var resolved = request
        if owner.userid == c.vm.userid { resolved.mode = mode ?? disk.mode }
        guard let required = requiredPassword(resolved, disk, for: c.vm) else {
            return complete(&c, resolved, disk)
        }
        guard let expected = required.password else {
            return c.fail(CPMessage("LNK", required.noPasswordNumber, "E",
                                    "\(request.named) NOT LINKED; NO \(required.name) PASSWORD"))
        }
        if let password {
            guard password == expected.uppercased() else { return c.fail(passwordIncorrect) }
            return complete(&c, resolved, disk)
        }
        guard c.source == .console else { return c.fail(passwordIncorrect) }
        // Ask, and finish when the answer comes (the VM stays in CP READ).
        c.say("ENTER \(required.name) PASSWORD:")
        c.vm.console.connection?.maskNextInput()
        c.vm.pendingPrompt = { vm, answer in
            var later = CommandContext(vm: vm, verb: "LINK", text: "", source: .console)
            if answer.trimmingWhitespace.uppercased() == expected.uppercased() {
                _ = complete(&later, resolved, disk)
            } else {
                _ = later.fail(passwordIncorrect)
            }
            vm.say(later.output)
        }
        return 0
    }

    static let vaddrInvalid = CPMessage("LNK", 22, "E", "VADDR MISSING OR INVALID")
    /// [R]: the spec names the case but not its number or text.
    static let passwordIncorrect = CPMessage("LNK", 116, "E", "PASSWORD INCORRECT")

    struct Request {
        let owner: String
        let ownerAddress: UInt16
        let address: UInt16
        var mode: LinkMode
        let askedMode: LinkMode?
        /// The disk as its owner knows it, for messages: `MAINT 190`.
        var named: String { "\(owner) \(hex3(ownerAddress))" }
    }

    /// The password a link needs: nil when none is needed.
    struct Required {
        let name: String
        let password: String?
        /// DMKLNK113E–115E: the owner set no password for this mode, so
        /// nobody else may link in it [R].
        let noPasswordNumber: Int
    }

    static func requiredPassword(_ request: Request, _ disk: MinidiskDefinition, for vm: VirtualMachine) -> Required? {
        if request.owner == vm.userid || vm.entry.options.contains("LNKNOPAS") { return nil }
        let required: Required
        switch request.mode {
        case .r, .rr: required = Required(name: "READ", password: disk.readPassword, noPasswordNumber: 113)
        case .w, .wr: required = Required(name: "WRITE", password: disk.writePassword, noPasswordNumber: 114)
        case .m, .mr, .mw: required = Required(name: "MULT", password: disk.multiPassword, noPasswordNumber: 115)
        }
        if required.password?.uppercased() == "ALL" { return nil }
        return required
    }

    /// Links the disk; a forced read-only link is a warning, anything
    /// refused an error.
    static func complete(_ c: inout CommandContext, _ request: Request, _ disk: MinidiskDefinition) -> Int {
        guard let volser = disk.volser, let first = disk.startCylinder else {
            return c.fail(CPMessage("LNK", 107, "E", "\(request.named) NOT LINKED; NOT IN CP DIRECTORY"))
        }
        let result = c.cp.devices.attachMinidisk(c.vm, at: request.address, deviceType: disk.deviceType, volser: volser,
                                                 firstCylinder: first, cylinders: disk.cylinders, mode: request.mode,
                                                 owner: request.owner, ownerAddress: request.ownerAddress)
        switch result {
        case .success(.forcedReadOnly(let warning)):
            _ = c.fail(warning)
            return 0
        case .success:
            return 0
        case .failure(let message):
            return c.fail(message)
        }
    }
}
