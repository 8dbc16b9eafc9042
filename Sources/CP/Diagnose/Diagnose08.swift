/// DIAGNOSE X'08': run CP commands. Rx = command text (X'15' separates
/// several), Ry = flags (byte 0) and length (bytes 1–3, at most 132).
/// Flag X'40': the response goes to the buffer at Rx+1 of length Ry+1
/// (lines ended by X'15', whole lines only); then CC 0 with Ry+1 = bytes
/// stored, or CC 1 with Ry+1 = bytes that did not fit. Ry = 0 puts the VM
/// into CP READ. On return Ry is the return code (the message number).
/// After an IPL (`IPL CMS` from a guest) the new system's registers and
/// storage are left alone.
/// Flag X'80' lets a program put a LINK password on the command line
/// where the installation suppresses passwords; vm67 never suppresses
/// them (see `LinkCommand`), so the flag is accepted and has no effect.
enum Diagnose08 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        let flagsAndLength = vm.gpr(ry)
        if flagsAndLength == 0 { return .enterCP }
        let buffered = flagsAndLength & 0x4000_0000 != 0
        if buffered && (rx == 15 || ry == 15 || abs(rx - ry) == 1 || rx & 1 != 0 || ry & 1 != 0) {
            return .programCheck(0x0006)
        }
        let length = Int(flagsAndLength & 0x00FF_FFFF)
        guard length <= 132 else { return .programCheck(0x0006) }
        guard let textBytes = vm.guestRead(vm.gpr(rx), length) else { return .programCheck(0x0005) }
        let commands = textBytes.split(separator: 0x15, omittingEmptySubsequences: false).map { fromEBCDIC(Array($0)) }
        var rc = 0
        var output: [String] = []
        let ipls = vm.iplCount
        for command in commands where !command.trimmingWhitespace.isEmpty {
            let result = vm.execute(command: command, source: buffered ? .diagnoseBuffer : .diagnose)
            output += result.output
            rc = result.rc
            if vm.isLoggedOff { return .done }
            // An IPL replaced the system that asked: nothing returns to it.
            if vm.iplCount != ipls {
                if buffered { vm.say(output) }
                return .done
            }
        }
        vm.setGPR(ry, UInt32(rc))
        if buffered {
            let bufferAddress = vm.gpr(rx + 1)
            let capacity = Int(vm.gpr(ry + 1))
            var stored: [UInt8] = []
            var overflow = 0
            for line in output {
                let bytes = ebcdic(line) + [0x15]
                if overflow == 0 && stored.count + bytes.count <= capacity {
                    stored += bytes
                } else {
                    overflow += bytes.count
                }
            }
            guard vm.guestWrite(bufferAddress, stored) else { return .programCheck(0x0005) }
            vm.setGPR(ry + 1, UInt32(overflow == 0 ? stored.count : overflow))
            vm.machine.setConditionCode(overflow == 0 ? 0 : 1)
        }
        return .done
    }
}
