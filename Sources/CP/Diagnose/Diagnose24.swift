/// DIAGNOSE X'24': device type and features. Rx = virtual address, or −1
/// for the virtual console (its address comes back in Rx). Ry ← VDEVTYPC,
/// VDEVTYPE, VDEVSTAT, VDEVFLAG; Ry+1 ← RDEVTYPC, RDEVTYPE, RDEVMDL,
/// RDEVFTR (the line length for a console). CC 0, or CC 3 when there is no
/// such device. The values are those VM/370 Release 6 returns.
enum Diagnose24 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        var requested = vm.gpr(rx)
        if requested == 0xFFFF_FFFF {
            guard let console = vm.consoleAddress else {
                vm.machine.setConditionCode(3)
                return .done
            }
            requested = UInt32(console)
            vm.setGPR(rx, requested)
        }
        guard requested <= 0xFFFF, let info = vm.deviceInfo[UInt16(requested)] else {
            vm.machine.setConditionCode(3)
            return .done
        }
        var (virtual, real) = DeviceCharacteristics.words(for: info)
        // The console's real half describes the user's terminal: a 3270
        // display (80 columns) tells the guest it may use DIAGNOSE X'58'
        // full-screen I/O; a line terminal stays a 130-column typewriter.
        if info.kind == .console, vm.console.connection?.isDisplay == true {
            real = DeviceCharacteristics.displayTerminal
        }
        vm.setGPR(ry, virtual)
        if ry != 15 { vm.setGPR(ry + 1, real) }
        vm.machine.setConditionCode(0)
        return .done
    }
}

/// VM's device class and type codes (VDEVTYPC/VDEVTYPE, RDEVTYPC/RDEVTYPE).
enum DeviceCharacteristics {
    static let terminal: UInt8 = 0x80, graphics: UInt8 = 0x40, unitRecordIn: UInt8 = 0x20,
               unitRecordOut: UInt8 = 0x10, tape: UInt8 = 0x08, dasd: UInt8 = 0x04

    /// Type byte within the class, by device type.
    static let typeCodes: [String: UInt8] = [
        "3215": 0x00, "1052": 0x00, "3277": 0x04, "3278": 0x04, "3279": 0x04, "3270": 0x04,
        "2540": 0x82, "3505": 0x84, "2501": 0x81, "1442": 0x88,
        "3525": 0x84, "1403": 0x41, "3211": 0x42, "3203": 0x41,
        "3420": 0x10, "3410": 0x08, "3411": 0x08, "2401": 0x10, "3480": 0x01,
        "2311": 0x80, "2314": 0x40, "2319": 0x40, "3330": 0x10, "3340": 0x01,
        "3350": 0x08, "3375": 0x04, "3380": 0x20, "2305": 0x02,
    ]

    /// RDEVTYPC/RDEVTYPE/model/line length of a 3277-style display terminal.
    static let displayTerminal: UInt32 = UInt32(graphics) << 24 | 0x04 << 16 | 0x02 << 8 | 80

    static func words(for info: VirtualDeviceInfo) -> (UInt32, UInt32) {
        let type = typeCodes[info.type] ?? 0x00
        func word(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt32 {
            UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
        }
        switch info.kind {
        case .console:
            // A line-mode console of 130 characters, whatever the real terminal is.
            return (word(terminal, 0x00, 0, 0), word(terminal, 0x00, 0, 130))
        case .graf:
            return (word(graphics, type, 0, 0), word(graphics, type, 0x02, 0))
        case .reader:
            return (word(unitRecordIn, type, 0, 0), word(0, 0, 0, 0x40))
        case .punch, .printer:
            return (word(unitRecordOut, type, 0, 0), word(0, 0, 0, 0x40))
        case .tape:
            return (word(tape, type, 0x03, 0x02), word(tape, type, 0x08, 0x02))
        case .dasd:
            var flags: UInt8 = 0
            if info.readOnly { flags |= 0x80 }
            if info.temporary { flags |= 0x40 }
            let model: UInt8 = info.type == "3380" ? 0x02 : 0x00
            return (word(dasd, type, 0, flags), word(dasd, type, model, 0))
        }
    }
}
