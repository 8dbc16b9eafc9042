/// TAG DEV vaddr|PRT|PUN [text], TAG FILE spoolid [text], TAG QUERY
/// DEV vaddr | FILE spoolid: the routing text of a spool device (given to
/// each file it closes) or of one closed file, used by RSCS (VM/370 CP
/// Command Reference, TAG). Text is kept as typed, up to 136 characters;
/// no text clears the tag. TAG QUERY answers the text (nothing when
/// there is none, as VM/370 does [R]). QUERY TAG DEV|FILE is the same as
/// TAG QUERY.
enum TagCommand {
    static let maximumLength = 136

    static func tag(_ c: inout CommandContext) -> Int {
        switch c.word(0) {
        case "DEV", "DEVICE":
            guard let writer = writer(c.word(1), in: c.vm) else { return c.fail(Messages.deviceMissing(c.word(1) ?? "")) }
            writer.tag = String(c.rest(after: 2).prefix(maximumLength))
            return 0
        case "FILE":
            guard let word = c.word(1), let id = Int(word) else { return c.fail(Messages.operandMissing) }
            let text = String(c.rest(after: 2).prefix(maximumLength))
            let changed = [SpoolFile.Queue.reader, .printer, .punch].flatMap { queue in
                c.cp.spool.change(of: c.vm.userid, queue: queue, where: { $0.id == id }) { $0.tag = text }
            }
            if changed.isEmpty { return c.fail(noSuchFile(word)) }
            return 0
        case "QUERY", "Q":
            return query(&c, from: 1)
        default:
            return c.fail(Messages.operandMissing)
        }
    }

    /// TAG QUERY and QUERY TAG: operands from `from` on.
    static func query(_ c: inout CommandContext, from: Int) -> Int {
        switch c.word(from) {
        case "DEV", "DEVICE":
            guard let writer = writer(c.word(from + 1), in: c.vm) else {
                return c.fail(Messages.deviceMissing(c.word(from + 1) ?? ""))
            }
            if !writer.tag.isEmpty { c.say(writer.tag) }
            return 0
        case "FILE":
            guard let word = c.word(from + 1), let id = Int(word) else { return c.fail(Messages.operandMissing) }
            guard let file = c.cp.spool.file(id), file.owner == c.vm.userid else { return c.fail(noSuchFile(word)) }
            if !file.tag.isEmpty { c.say(file.tag) }
            return 0
        default:
            return c.fail(Messages.operandMissing)
        }
    }

    /// `DMKCSU042E SPOOLID nnnn DOES NOT EXIST` [R].
    static func noSuchFile(_ word: String) -> CPMessage {
        CPMessage("CSU", 42, "E", "SPOOLID \(word) DOES NOT EXIST")
    }

    /// The printer or punch a TAG DEV operand names (readers have no tag).
    static func writer(_ word: String?, in vm: VirtualMachine) -> VirtualSpoolWriter? {
        guard case .devices(let addresses) = SpoolDeviceOperand.resolve(word, in: vm) else { return nil }
        return addresses.lazy.compactMap { vm.io.channels.device(at: $0) as? VirtualSpoolWriter }.first
    }
}
