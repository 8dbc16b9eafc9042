/// TRANSFER [RDR] spoolid|CLASS c|ALL [TO] userid: moves the user's own
/// reader files into another user's reader (VM/370 CP Command Reference,
/// TRANSFER). The file keeps its spool id and originator. The issuer sees
/// a count (`0001 FILE TRANSFERRED`, the form of PURGE's reply; the spec
/// gives no text), the receiver, if logged on, the usual `RDR FILE`
/// notice.
enum TransferCommand {
    static func transfer(_ c: inout CommandContext) -> Int {
        var at = 0
        if let word = c.word(0), SpoolDeviceOperand.queue(word) != nil {
            guard SpoolDeviceOperand.queue(word) == .reader else { return c.fail(Messages.invalidOperand(word)) }
            at = 1
        }
        let selection: SpoolSelection
        switch SpoolSelection.parse(c.words, at: &at, several: true) {
        case .success(let parsed): selection = parsed
        case .failure(let message): return c.fail(message)
        }
        if selection.isEmpty { return c.fail(Messages.operandMissing) }
        if c.word(at) == "TO" { at += 1 }
        guard let word = c.word(at) else { return c.fail(SpoolCommand.useridMissing) }
        guard at + 1 == c.words.count else { return c.fail(Messages.invalidOperand(c.words[at + 1])) }
        guard let target = SpoolCommand.receiver(word, for: c.vm) else { return c.fail(SpoolCommand.notInDirectory(word)) }
        let moved = c.cp.spool.transfer(from: c.vm.userid, to: target, where: selection.matches)
        c.say(SpoolNotices.count(moved.count, "TRANSFERRED"))
        for file in moved where target != c.vm.userid { c.cp.announceArrival(file, from: c.vm.userid) }
        return 0
    }
}
