/// The device operand of the spool commands: `RDR`, `PRT`, `PUN`, `CON`
/// (or READER, PRINTER, PUNCH, CONSOLE) mean the user's devices of that
/// kind; a hex address means that device (the console's address is the
/// console, for console spooling).
enum SpoolDeviceOperand {
    static func kind(_ word: String) -> VirtualDeviceInfo.Kind? {
        switch word {
        case "RDR", "READER", "R": return .reader
        case "PRT", "PRINTER", "P": return .printer
        case "PUN", "PUNCH": return .punch
        case "CON", "CONS", "CONSOLE": return .console
        default: return nil
        }
    }

    enum Resolved { case devices([UInt16]), error(CPMessage) }

    /// The addresses `word` names, or the message for a bad operand.
    static func resolve(_ word: String?, in vm: VirtualMachine) -> Resolved {
        guard let word else { return .error(Messages.deviceMissing("")) }
        if let kind = kind(word) {
            return .devices(vm.deviceInfo.filter { $0.value.kind == kind }.keys.sorted())
        }
        guard let address = parseAddress(word) else { return .error(Messages.deviceMissing(word)) }
        guard let info = vm.deviceInfo[address], [.reader, .printer, .punch, .console].contains(info.kind) else {
            return .error(CPMessage("CSP", 40, "E", "DEV \(hex3(address)) DOES NOT EXIST"))
        }
        return .devices([address])
    }
}

extension SpoolDeviceOperand {
    /// The queue of a RDR/PRT/PUN operand.
    static func queue(_ word: String?) -> SpoolFile.Queue? {
        switch word.flatMap(kind) {
        case .reader?: return .reader
        case .printer?: return .printer
        case .punch?: return .punch
        default: return nil
        }
    }
}

/// Which closed files a spool command works on: spool ids, `CLASS c`,
/// `ALL` (CHANGE, PURGE, TRANSFER, ORDER).
struct SpoolSelection {
    var ids: [Int] = []
    var classes: [Character] = []
    var all = false

    var isEmpty: Bool { ids.isEmpty && classes.isEmpty && !all }

    func matches(_ file: SpoolFile) -> Bool {
        all || ids.contains(file.id) || classes.contains(file.spoolClass)
    }

    /// Reads selections from `words[at...]` while they are selections;
    /// `at` ends on the first word that is not one. `several`: more than
    /// one spool id or class may be given (PURGE, ORDER).
    static func parse(_ words: [String], at: inout Int, several: Bool) -> Result<SpoolSelection, CPMessage> {
        var selection = SpoolSelection()
        while at < words.count {
            let word = words[at]
            if word == "ALL" {
                selection.all = true
            } else if word == "CLASS" || word == "CL" {
                guard at + 1 < words.count, words[at + 1].count == 1, let ch = words[at + 1].first,
                      ch.isLetter || ch.isNumber else { return .failure(SpoolCommand.classInvalid) }
                selection.classes.append(ch)
                at += 1
            } else if let id = Int(word), word.count <= 4 {
                guard (1...9900).contains(id) else { return .failure(Messages.invalidOperand(word)) }
                selection.ids.append(id)
            } else {
                break
            }
            at += 1
            if !several { break }
        }
        return .success(selection)
    }
}
