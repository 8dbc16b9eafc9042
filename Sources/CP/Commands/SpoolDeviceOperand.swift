/// The device operand of the spool commands: `RDR`, `PRT`, `PUN` (or
/// READER, PRINTER, PUNCH) mean the user's first device of that kind; a
/// hex address means that device.
enum SpoolDeviceOperand {
    static func kind(_ word: String) -> VirtualDeviceInfo.Kind? {
        switch word {
        case "RDR", "READER", "R": return .reader
        case "PRT", "PRINTER", "P": return .printer
        case "PUN", "PUNCH": return .punch
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
        guard let info = vm.deviceInfo[address], [.reader, .printer, .punch].contains(info.kind) else {
            return .error(CPMessage("CSP", 40, "E", "DEV \(hex3(address)) DOES NOT EXIST"))
        }
        return .devices([address])
    }
}
