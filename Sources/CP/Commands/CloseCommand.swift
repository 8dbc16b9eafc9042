import Devices

/// CLOSE vaddr|RDR|PRT|PUN|CON [HOLD|NOHOLD] [PURGE] [DIST code] [NAME fn [ft]]
/// [TO userid]: ends the open spool file of a virtual unit record device
/// (VM/370 CP Command Reference, CLOSE). On a reader the file being read
/// is purged, or kept in the reader queue with HOLD, so it can be read
/// again from its start. On a printer or punch the file joins the system
/// queue, or the reader of the user the device is spooled TO (then the
/// closer sees `PUN FILE nnnn TO user COPY nn NOHOLD`), or is thrown away
/// with PURGE. TO on CLOSE itself is a vm67 convenience: it sends this one
/// file as if the device were spooled TO that user.
enum CloseCommand {
    static func close(_ c: inout CommandContext) -> Int {
        let addresses: [UInt16]
        switch SpoolDeviceOperand.resolve(c.word(0), in: c.vm) {
        case .devices(let found): addresses = found
        case .error(let message): return c.fail(message)
        }
        var options = VirtualSpoolWriter.CloseOptions()
        var purge = false
        var i = 1
        while i < c.words.count {
            let word = c.words[i]
            switch word {
            case "HOLD", "HO": options.hold = true
            case "NOHOLD", "NOH": options.hold = false
            case "PURGE", "PUR": purge = true
            case "DIST", "DI":
                guard let code = c.word(i + 1), code.count <= 8 else { return c.fail(Messages.operandMissing) }
                options.distribution = code
                i += 1
            case "NAME", "NA":
                guard let name = c.word(i + 1), name.count <= 8 else { return c.fail(Messages.operandMissing) }
                options.name = name
                i += 1
                if let type = c.word(i + 1), type.count <= 8, !keywords.contains(type) {
                    options.type = type
                    i += 1
                }
            case "TO":
                guard let target = c.word(i + 1) else { return c.fail(SpoolCommand.useridMissing) }
                guard let resolved = SpoolCommand.receiver(target, for: c.vm) else {
                    return c.fail(SpoolCommand.notInDirectory(target))
                }
                options.target = resolved
                i += 1
            default:
                return c.fail(Messages.invalidOperand(word))
            }
            i += 1
        }
        for address in addresses {
            switch c.vm.io.channels.device(at: address) {
            case is Console3215:
                // The console spool file: closed as a printer's is (CONT keeps
                // it open); spooling goes on into a new file if it was started.
                if purge {
                    c.vm.console.spool.discard()
                } else {
                    c.vm.closeConsoleSpool(announce: true, options: options)
                }
            case let reader as VirtualReader:
                reader.close(hold: options.hold == true && !purge)
            case let writer as VirtualSpoolWriter:
                if purge {
                    writer.discard()
                } else if writer.continuous {
                    // SPOOL … CONT: the file stays open across CLOSEs until
                    // the device is spooled NOCONT (VM/370 CP Command Reference, SPOOL).
                    continue
                } else if let file = writer.close(distribution: c.vm.entry.distribution ?? c.vm.userid, options: options),
                          file.queue == .reader {
                    c.say(SpoolNotices.sent(file))
                    c.cp.announceArrival(file, from: c.vm.userid)
                }
            default:
                break
            }
        }
        return 0
    }

    /// Words that end a NAME operand (the file type is optional).
    static let keywords: Set<String> = ["HOLD", "HO", "NOHOLD", "NOH", "PURGE", "PUR", "DIST", "DI", "NAME", "NA", "TO"]
}
