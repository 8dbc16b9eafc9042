/// DIAGNOSE X'58': the 3270 virtual console interface. Rx = CCW address,
/// Ry = the console's virtual address. CCW X'19' displays its data in CP's
/// output area; its CTL byte (CCW byte 5) X'FF' clears the screen instead.
/// CC 0 done, CC 1 when the address is not the console or the CCW is not
/// one CP knows (the full-screen CCWs X'29'/X'2A' need a 3270 console).
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
            guard steps <= 64, let ccw = vm.guestRead(at, 8) else { return .programCheck(0x0005) }
            let command = ccw[0]
            let dataAddress = UInt32(ccw[1]) << 16 | UInt32(ccw[2]) << 8 | UInt32(ccw[3])
            let flags = ccw[4], control = ccw[5]
            let count = min(Int(ccw[6]) << 8 | Int(ccw[7]), 2032)
            switch command {
            case 0x19:
                if control == 0xFF || control == 0xFE {
                    vm.console.clearScreen()
                } else {
                    guard let data = vm.guestRead(dataAddress, count) else { return .programCheck(0x0005) }
                    if control & 0x80 != 0 { vm.console.clearScreen() }
                    vm.say(displayLines(data))
                }
            case 0x03:
                break
            default:
                vm.machine.setConditionCode(1)
                return .done
            }
            guard flags & 0x40 != 0 else { break }
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
