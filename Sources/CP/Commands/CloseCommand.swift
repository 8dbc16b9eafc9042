/// CLOSE vaddr|RDR|PRT|PUN [HOLD|NOHOLD|PURGE]: ends the open spool file
/// of a virtual unit record device (VM/370 CP Command Reference, CLOSE).
/// On a reader the file being read is purged, or kept in the reader queue
/// with HOLD, so it can be read again from its start. On a printer or
/// punch the file joins the system queue, or is thrown away with PURGE.
enum CloseCommand {
    static func close(_ c: inout CommandContext) -> Int {
        let addresses: [UInt16]
        switch SpoolDeviceOperand.resolve(c.word(0), in: c.vm) {
        case .devices(let found): addresses = found
        case .error(let message): return c.fail(message)
        }
        var hold: Bool? = nil
        var purge = false
        for word in c.words.dropFirst() {
            switch word {
            case "HOLD", "HO": hold = true
            case "NOHOLD", "NOH": hold = false
            case "PURGE", "PUR": purge = true
            default: return c.fail(Messages.invalidOperand(word))
            }
        }
        for address in addresses {
            switch c.vm.io.channels.device(at: address) {
            case let reader as VirtualReader:
                reader.close(hold: hold == true && !purge)
            case let writer as VirtualSpoolWriter:
                if purge {
                    writer.discard()
                } else {
                    let target = writer.spoolTo
                    // A file for another user's reader: CP says which (VM/370 CLOSE).
                    if let id = writer.close(distribution: c.vm.entry.distribution ?? c.vm.userid), let target {
                        let kind = writer.queue == .printer ? "PRT" : "PUN"
                        let number = String(id)
                        let spoolid = String(repeating: "0", count: max(0, 4 - number.count)) + number
                        c.say("\(kind) FILE \(spoolid) TO \(target) COPY 01 NOHOLD")
                    }
                }
            default:
                break
            }
        }
        return 0
    }
}
