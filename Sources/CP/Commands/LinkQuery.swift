/// QUERY LINKS vaddr: who is linked to the minidisk at my vaddr, and how.
/// The spec gives no layout; this is the one later VM releases use
/// (z/VM QUERY LINKS): `userid vaddr R/W` entries, comma-separated, four
/// to a line, the links in the order they were made.
enum LinkQuery {
    static func links(_ c: inout CommandContext) -> Int {
        guard let address = parseAddress(c.word(1)) else { return c.fail(Messages.deviceMissing(c.word(1) ?? "")) }
        guard let info = c.vm.deviceInfo[address] else { return c.fail(Messages.deviceDoesNotExist(address)) }
        guard info.kind == .dasd, let key = info.minidisk else {
            return c.fail(CPMessage("CQG", 40, "E", "DEV \(hex3(address)) IS NOT A MINIDISK"))
        }
        let entries = c.cp.minidiskLinks.links(key).map { "\($0.userid.padding(8)) \(hex3($0.address)) \($0.write ? "R/W" : "R/O")" }
        for start in stride(from: 0, to: entries.count, by: 4) {
            c.say(entries[start..<min(start + 4, entries.count)].joined(separator: ", "))
        }
        return 0
    }
}
