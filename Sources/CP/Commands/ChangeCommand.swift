/// CHANGE RDR|PRT|PUN spoolid|CLASS c|ALL [CLASS c] [COPY n] [HOLD|NOHOLD]
/// [DIST code] [NAME fn [ft]]: changes attributes of the user's closed
/// spool files (VM/370 CP Command Reference, CHANGE). The response counts
/// the files as PURGE does (`0001 FILE CHANGED`); VM/370 R6's exact reply
/// is not in the spec, this follows the form of its PURGE and ORDER.
enum ChangeCommand {
    static func change(_ c: inout CommandContext) -> Int {
        guard let queue = SpoolDeviceOperand.queue(c.word(0)) else { return c.fail(Messages.operandMissing) }
        var at = 1
        let selection: SpoolSelection
        switch SpoolSelection.parse(c.words, at: &at, several: false) {
        case .success(let parsed): selection = parsed
        case .failure(let message): return c.fail(message)
        }
        if selection.isEmpty { return c.fail(Messages.operandMissing) }
        var edits: [(inout SpoolFile) -> Void] = []
        while at < c.words.count {
            let word = c.words[at]
            switch word {
            case "CLASS", "CL":
                guard let value = c.word(at + 1), value.count == 1, let ch = value.first, ch.isLetter || ch.isNumber else {
                    return c.fail(SpoolCommand.classInvalid)
                }
                edits.append { $0.spoolClass = ch }
                at += 1
            case "COPY", "CO":
                guard let value = c.word(at + 1), let n = Int(value), (1...99).contains(n) else {
                    return c.fail(Messages.operandMissing)
                }
                edits.append { $0.copies = n }
                at += 1
            case "HOLD", "HO": edits.append { $0.hold = true }
            case "NOHOLD", "NOH": edits.append { $0.hold = false }
            case "DIST", "DI":
                guard let value = c.word(at + 1), value.count <= 8 else { return c.fail(Messages.operandMissing) }
                edits.append { $0.distribution = value }
                at += 1
            case "NAME", "NA":
                guard let name = c.word(at + 1), name.count <= 8 else { return c.fail(Messages.operandMissing) }
                var type = ""
                if let next = c.word(at + 2), next.count <= 8, !CloseCommand.keywords.contains(next), !["CLASS", "CL", "COPY", "CO"].contains(next) {
                    type = next
                    at += 1
                }
                edits.append { $0.name = name; $0.type = type }
                at += 1
            default:
                return c.fail(Messages.invalidOperand(word))
            }
            at += 1
        }
        if edits.isEmpty { return c.fail(Messages.operandMissing) }
        let changed = c.cp.spool.change(of: c.vm.userid, queue: queue, where: selection.matches) { file in
            for edit in edits { edit(&file) }
        }
        c.say(SpoolNotices.count(changed.count, "CHANGED"))
        // A reader file released from hold may be read at once.
        if queue == .reader && !changed.isEmpty { c.vm.readerFilesArrived() }
        return 0
    }
}

extension VirtualMachine {
    /// Tells this VM's readers that files may be read (device end).
    func readerFilesArrived() {
        for address in io.channels.addresses {
            (io.channels.device(at: address) as? VirtualReader)?.fileArrived()
        }
    }
}
