/// ORDER RDR|PRT|PUN spoolid…|CLASS c…: puts the named files, in the
/// order given, at the head of the user's queue (VM/370 CP Command
/// Reference, ORDER). `CLASS c` names every file of that class, in queue
/// order. Reply: `0001 FILE ORDERED` (spec §2.1, [V S21]).
enum OrderCommand {
    static func order(_ c: inout CommandContext) -> Int {
        guard let queue = SpoolDeviceOperand.queue(c.word(0)) else { return c.fail(Messages.operandMissing) }
        var ids: [Int] = []
        var at = 1
        let files = c.cp.spool.files(of: c.vm.userid, queue: queue)
        while at < c.words.count {
            var single = SpoolSelection()
            switch SpoolSelection.parse(c.words, at: &at, several: false) {
            case .success(let parsed): single = parsed
            case .failure(let message): return c.fail(message)
            }
            if single.isEmpty || single.all { return c.fail(Messages.invalidOperand(c.words[min(at, c.words.count - 1)])) }
            for file in files where single.matches(file) && !ids.contains(file.id) { ids.append(file.id) }
            // A spool id that is not mine still counts as asked for: it is
            // simply not found.
            for id in single.ids where !ids.contains(id) { ids.append(id) }
        }
        if ids.isEmpty { return c.fail(Messages.operandMissing) }
        let count = c.cp.spool.order(of: c.vm.userid, queue: queue, ids: ids)
        c.say(SpoolNotices.count(count, "ORDERED"))
        return 0
    }
}
