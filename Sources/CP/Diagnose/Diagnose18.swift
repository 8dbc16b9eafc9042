import Channel

/// DIAGNOSE X'18': standard DASD I/O, as CMS does all its disk I/O. Rx =
/// virtual device address, Ry = channel program, R15 = number of READ and
/// WRITE CCWs (1–15). The program is SEEK, [SET SECTOR], SEARCH ID EQUAL,
/// TIC *-8, READ or WRITE DATA, repeated per record; it runs synchronously
/// and leaves no interruption.
///
/// CC 0 done. CC 1 with R15 = 1 no such device, 2 not a supported DASD,
/// 3 write to a read-only disk, 4 cylinder outside the minidisk, 5 busy or
/// interruption pending. CC 2 with R15 = 5 CCW address not doubleword
/// aligned, 6 seek or search argument outside storage, 7 a CCW that is not
/// one of the above, 8 count 0, 9 count above 2048, 10 buffer outside
/// storage, 11 R15 not 1–15, 12 a seek to another cylinder than the first.
/// CC 3 with R15 = 13 an uncorrectable error (the guest may SENSE).
enum Diagnose18 {
    static let supportedTypes: Set<String> = ["2314", "2319", "3330", "3340", "3350", "3375", "3380"]

    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        func fail(_ cc: UInt8, _ code: UInt32) -> DiagnoseOutcome {
            vm.setGPR(15, code)
            vm.machine.setConditionCode(cc)
            return .done
        }
        let address = vm.gpr(rx)
        guard address <= 0xFFFF, let info = vm.deviceInfo[UInt16(address)],
              vm.io.channels.device(at: UInt16(address)) != nil else { return fail(1, 1) }
        guard info.kind == .dasd, supportedTypes.contains(String(info.type.prefix(4))) else { return fail(1, 2) }
        let expected = vm.gpr(15)
        guard (1...15).contains(expected) else { return fail(2, 11) }
        let chain = vm.gpr(ry) & 0x00FF_FFFF
        guard chain & 7 == 0 else { return fail(2, 5) }

        // Check the whole program before any of it runs.
        var at = chain
        var firstCylinder: Int? = nil
        var dataCCWs: UInt32 = 0
        var steps = 0
        while true {
            steps += 1
            guard steps <= 256, let ccw = vm.guestRead(at, 8) else { return fail(2, 5) }
            let command = ccw[0]
            let dataAddress = UInt32(ccw[1]) << 16 | UInt32(ccw[2]) << 8 | UInt32(ccw[3])
            let flags = ccw[4]
            let count = Int(ccw[6]) << 8 | Int(ccw[7])
            switch command {
            case 0x07, 0x1B:   // SEEK, SEEK HEAD: BBCCHH
                guard let argument = vm.guestRead(dataAddress, 6) else { return fail(2, 6) }
                let cylinder = Int(argument[2]) << 8 | Int(argument[3])
                if cylinder >= info.cylinders { return fail(1, 4) }
                if let first = firstCylinder, first != cylinder { return fail(2, 12) }
                firstCylinder = cylinder
            case 0x31, 0xB1:   // SEARCH ID EQUAL (also multitrack): CCHHR
                guard vm.guestRead(dataAddress, 5) != nil else { return fail(2, 6) }
            case 0x23:         // SET SECTOR
                guard vm.guestRead(dataAddress, 1) != nil else { return fail(2, 6) }
            case 0x08:         // TIC back to the search
                break
            case 0x05, 0x06:   // WRITE DATA, READ DATA
                if command == 0x05 && info.readOnly { return fail(1, 3) }
                if count == 0 { return fail(2, 8) }
                if count > 2048 { return fail(2, 9) }
                guard vm.guestAbsolute(dataAddress, count: count) != nil else { return fail(2, 10) }
                dataCCWs += 1
            case 0x03:         // NOP ends some chains
                break
            default:
                return fail(2, 7)
            }
            let chained = flags & 0x40 != 0
            if command == 0x08 {
                // TIC *-8: the search it returns to was checked already.
                at += 8
                continue
            }
            if !chained { break }
            at += 8
        }
        guard dataCCWs == expected else { return fail(2, 11) }

        guard let absolute = vm.guestAbsolute(chain, count: 8) else { return fail(2, 5) }
        switch vm.io.channels.runSynchronously(device: UInt16(address), ccwAddress: absolute) {
        case .noDevice:
            return fail(1, 1)
        case .busy:
            return fail(1, 5)
        case .timedOut:
            return fail(3, 13)
        case .ended(let csw):
            vm.startIOCount += 1
            if csw.unitStatus.contains(.unitCheck) || !csw.channelStatus.isEmpty {
                if let device = vm.io.channels.device(at: UInt16(address)),
                   case .finished(let result) = device.start(DeviceCommand(code: 0x04, count: 24)) {
                    let sense = result.data
                    // Sense byte 1 bit 6: file protected; byte 0 bit 7: seek check.
                    if sense.count > 1 && sense[1] & 0x04 != 0 { return fail(1, 3) }
                    if sense.first.map({ $0 & 0x01 != 0 }) == true { return fail(1, 4) }
                    // The device keeps its sense for the guest's own SENSE.
                }
                return fail(3, 13)
            }
            vm.machine.setConditionCode(0)
            return .done
        }
    }
}
