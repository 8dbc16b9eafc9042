/// DIAGNOSE X'58': the 3270 virtual console interface. Rx = CCW address,
/// Ry = the console's virtual address. CCW X'19' displays its data in CP's
/// output area; its CTL byte (CCW byte 5) X'FF' clears the screen instead.
/// CCW X'29' (full-screen write) and X'2A' (full-screen read) are
/// Diagnose58FullScreen's. CC 0 done (or, full screen, started), CC 1 when
/// the address is not the console or the CCW is not one CP knows.
enum Diagnose58 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        let console = vm.gpr(ry) & 0xFFFF
        guard let consoleAddress = vm.consoleAddress, console == UInt32(consoleAddress) else {
            vm.machine.setConditionCode(1)
            return .done
        }
        var at = vm.gpr(rx) & 0x00FF_FFFF
        guard at & 7 == 0 else { return .programCheck(0x0006) }
        var steps = 0
        while true {
            steps += 1
            guard steps <= 64, let bytes = vm.guestRead(at, 8) else { return .programCheck(0x0005) }
            let ccw = DiagnoseCCW(bytes, at: at)
            switch ccw.command {
            case 0x19:
                // A line-mode display: the guest is back in line mode, and
                // CP's screen format shows again.
                if vm.console.fullScreen.isActive { vm.leaveFullScreen() }
                if ccw.control == 0xFF || ccw.control == 0xFE {
                    vm.console.clearScreen()
                } else {
                    guard let data = vm.guestRead(ccw.dataAddress, min(ccw.count, 2032)) else { return .programCheck(0x0005) }
                    if ccw.control & 0x80 != 0 { vm.console.clearScreen() }
                    vm.say(displayLines(data))
                }
            case 0x29, 0x2A:
                // Full-screen I/O ends with an I/O interruption, so it is
                // always the last CCW CP looks at.
                return Diagnose58FullScreen.start(vm, ccw, console: consoleAddress)
            case 0x03:
                break
            default:
                vm.machine.setConditionCode(1)
                return .done
            }
            guard ccw.chainCommand else { break }
            at += 8
        }
        vm.machine.setConditionCode(0)
        return .done
    }

    /// The displayed text: EBCDIC with 3270 orders (SF plus its attribute)
    /// shown as blanks, cut into 80-column lines.
    static func displayLines(_ data: [UInt8]) -> [String] {
        var cleaned: [UInt8] = []
        var i = 0
        while i < data.count {
            if data[i] == 0x1D { cleaned.append(0x40); i += 2; continue }
            cleaned.append(data[i] < 0x40 ? 0x40 : data[i])
            i += 1
        }
        let text = fromEBCDIC(cleaned)
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(80)).trimmingTrailingBlanks)
            rest = rest.dropFirst(80)
        }
        return lines
    }
}

/// One CCW of a DIAGNOSE X'58' program: command, data address, flags, the
/// CTL byte (byte 5, which the channel leaves zero but DIAGNOSE X'58' uses)
/// and count.
struct DiagnoseCCW {
    let address: UInt32
    let command: UInt8
    let dataAddress: UInt32
    let flags: UInt8
    let control: UInt8
    let count: Int

    init(_ ccw: [UInt8], at address: UInt32) {
        self.address = address
        command = ccw[0]
        dataAddress = UInt32(ccw[1]) << 16 | UInt32(ccw[2]) << 8 | UInt32(ccw[3])
        flags = ccw[4]
        control = ccw[5]
        count = Int(ccw[6]) << 8 | Int(ccw[7])
    }

    var chainCommand: Bool { flags & 0x40 != 0 }
    var suppressLength: Bool { flags & 0x20 != 0 }
}
