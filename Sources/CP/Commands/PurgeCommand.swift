/// PURGE RDR|PRT|PUN [spoolid…|CLASS c…|ALL], PURGE ALL: removes the
/// user's own closed spool files from the reader queue or the system
/// printer or punch queue (VM/370 CP Command Reference, PURGE); PURGE ALL
/// empties all three. Without a selection, ALL. The response counts the
/// files: `0002 FILES PURGED`, `0001 FILE PURGED`; nothing purged is
/// `NO FILES PURGED`. The files leave the spool directory as well.
enum PurgeCommand {
    static func purge(_ c: inout CommandContext) -> Int {
        guard let word = c.word(0) else { return c.fail(Messages.operandMissing) }
        if word == "ALL" && c.words.count == 1 {
            let count = [SpoolFile.Queue.reader, .printer, .punch].reduce(0) {
                $0 + c.cp.spool.purge(of: c.vm.userid, queue: $1) { _ in true }
            }
            c.say(SpoolNotices.count(count, "PURGED"))
            return 0
        }
        guard let queue = SpoolDeviceOperand.queue(word) else { return c.fail(Messages.operandMissing) }
        var at = 1
        var selection: SpoolSelection
        switch SpoolSelection.parse(c.words, at: &at, several: true) {
        case .success(let parsed): selection = parsed
        case .failure(let message): return c.fail(message)
        }
        if at < c.words.count { return c.fail(Messages.invalidOperand(c.words[at])) }
        if selection.isEmpty { selection.all = true }
        let count = c.cp.spool.purge(of: c.vm.userid, queue: queue, where: selection.matches)
        c.say(SpoolNotices.count(count, "PURGED"))
        return 0
    }
}
