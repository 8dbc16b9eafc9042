import Foundation

/// The separator a real printer puts before each copy of a file, so the
/// operator can split the paper by user: the owner, spool id, name and
/// type, distribution code, class, records and copy, and when it printed.
/// VM/370 prints the userid and DIST in block letters; plain lines carry
/// the same facts.
enum SeparatorPage {
    static func lines(_ file: SpoolFile, device: String, copy: Int, at date: Date = Date()) -> [String] {
        let rule = String(repeating: "*", count: 72)
        return [
            rule,
            "*  USERID   \(file.owner.padding(8))   SPOOLID \(SpoolNotices.id(file.id))   CLASS \(file.spoolClass)"
                + "   ORIGIN \(file.from)",
            "*  NAME     \(file.name.padding(8))   TYPE    \(file.type.padding(8))   DIST \(file.distribution)",
            "*  RECORDS  \(file.records.count)   COPY \(SpoolNotices.copies(copy)) OF \(SpoolNotices.copies(file.copies))"
                + "   CREATED \(CPClock.dateText(file.created)) \(CPClock.time(file.created))",
            "*  PRINTED  \(CPClock.dateText(date)) \(CPClock.time(date)) ON \(device)",
            rule,
        ]
    }
}
