/// DIAGNOSE X'00': store extended identification. Rx = address, Ry =
/// length. Stored: system name `VM/370  `, version 6 level 0 PLC 17, the
/// version code, MCEL length, CPU address, userid, program-product map.
enum Diagnose00 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        let address = vm.gpr(rx)
        let length = Int(min(vm.gpr(ry), 40))
        if address & 7 != 0 { return .programCheck(0x0006) }
        var data = ebcdic("VM/370  ")
        data += [0x06, 0x00, 0x11]                  // release 6, level 0, PLC 17
        data += [0x00]                              // version code
        data += [0x00, 0x00]                        // MCEL length
        data += [0x00, 0x00]                        // CPU address
        data += ebcdic(vm.userid.padding(8))
        data += [UInt8](repeating: 0, count: 8)     // program products installed
        guard vm.guestWrite(address, Array(data.prefix(length))) else { return .programCheck(0x0005) }
        return .done
    }
}
