import Foundation

/// DIAGNOSE X'0C': pseudo timer. Rx = doubleword-aligned 32-byte area:
/// MM/DD/YY, HH:MM:SS (EBCDIC), virtual CPU time and total CPU time in
/// microseconds (binary doublewords). The condition code is unchanged.
enum Diagnose0C {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        let address = vm.gpr(rx)
        if address & 7 != 0 { return .programCheck(0x0006) }
        let now = Date()
        var data = ebcdic(CPClock.dateText(now)) + ebcdic(CPClock.time(now))
        data += bytes64(UInt64(vm.virtualCPUSeconds * 1e6))
        data += bytes64(UInt64(vm.totalCPUSeconds * 1e6))
        guard vm.guestWrite(address, data) else { return .programCheck(0x0005) }
        return .done
    }
}
