/// PURGE RDR|PRT|PUN [spoolid…|CLASS c|ALL]: removes the user's own closed
/// spool files from the reader queue or the system printer or punch queue
/// (VM/370 CP Command Reference, PURGE). Without a selection, ALL.
/// The response counts the files: `0002 FILES PURGED`, `0001 FILE PURGED`;
/// nothing purged is `NO FILES PURGED`.
enum PurgeCommand {
    static func purge(_ c: inout CommandContext) -> Int {
        guard let word = c.word(0), let kind = SpoolDeviceOperand.kind(word) else {
            return c.fail(Messages.operandMissing)
        }
        let queue: SpoolFile.Queue = kind == .reader ? .reader : (kind == .printer ? .printer : .punch)
        var ids: Set<Int> = []
        var spoolClass: Character? = nil
        var all = c.words.count == 1
        var i = 1
        while i < c.words.count {
            let w = c.words[i]
            if w == "ALL" {
                all = true
            } else if w == "CLASS" || w == "CL", let next = c.word(i + 1), next.count == 1 {
                spoolClass = next.first
                i += 1
            } else if let id = Int(w), (1...9900).contains(id) {
                ids.insert(id)
            } else {
                return c.fail(Messages.invalidOperand(w))
            }
            i += 1
        }
        let count = c.cp.spool.purge(of: c.vm.userid, queue: queue) { file in
            all || ids.contains(file.id) || (spoolClass.map { $0 == file.spoolClass } ?? false)
        }
        let number = String(count)
        c.say(count == 0 ? "NO FILES PURGED"
              : String(repeating: "0", count: max(0, 4 - number.count)) + number + (count == 1 ? " FILE PURGED" : " FILES PURGED"))
        return 0
    }
}
