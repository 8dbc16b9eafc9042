import Foundation

/// QUERY READER|PRINTER|PUNCH [ALL|spoolid] and QUERY FILES: the user's
/// closed spool files, in queue order. The VM/370 R6 layout (Operator's
/// Guide, QUERY): the basic columns `ORIGINID FILE CLASS RECDS CPY HOLD`,
/// and with ALL (or one spool id) also `DATE TIME NAME TYPE DIST`.
enum SpoolQuery {
    static func files(_ c: inout CommandContext, queue: SpoolFile.Queue) -> Int {
        var all = false
        var only: Int? = nil
        for word in c.words.dropFirst() {
            if word == "ALL" { all = true } else if let id = Int(word), word.count <= 4 { only = id; all = true } else {
                return c.fail(Messages.invalidOperand(word))
            }
        }
        let files = c.cp.spool.files(of: c.vm.userid, queue: queue).filter { only == nil || $0.id == only }
        guard !files.isEmpty else {
            c.say(only.map { "SPOOLID \(SpoolNotices.id($0)) DOES NOT EXIST" } ?? "NO \(queue.rawValue) FILES")
            return 0
        }
        c.say("ORIGINID FILE CLASS RECDS  CPY HOLD" + (all ? " DATE  TIME     NAME      TYPE      DIST" : ""))
        for f in files { c.say(line(f, all: all)) }
        return 0
    }

    static func line(_ f: SpoolFile, all: Bool) -> String {
        let records = String(f.records.count)
        var text = "\(f.from.padding(8)) \(SpoolNotices.id(f.id)) \(f.spoolClass) \(f.origin.rawValue) "
            + String(repeating: "0", count: max(0, 5 - records.count)) + records
            + " \(String(format: "%03d", f.copies)) \(f.hold ? "USER" : "NONE")"
        if all {
            text += " \(CPClock.dateText(f.created).prefix(5)) \(CPClock.time(f.created)) "
                + "\(f.name.padding(8))  \(f.type.padding(8))  \(f.distribution)"
        }
        return text
    }

    /// `FILES: 0002 RDR, NO PRT, 0001 PUN`.
    static func counts(_ c: inout CommandContext) -> Int {
        let counts = c.cp.spool.fileCounts(for: c.vm.userid)
        func n(_ v: Int, _ name: String) -> String { v == 0 ? "NO \(name)" : "\(SpoolNotices.id(v)) \(name)" }
        c.say("FILES: \(n(counts.reader, "RDR")), \(n(counts.printer, "PRT")), \(n(counts.punch, "PUN"))")
        return 0
    }
}
