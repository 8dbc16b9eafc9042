/// DIAGNOSE X'10': release pages. Rx = first page, Ry = last page (4 KB
/// boundaries); the pages read as zeros afterwards and their host memory
/// is given back.
enum Diagnose10 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        let first = vm.gpr(rx) & 0x00FF_FFFF, last = vm.gpr(ry) & 0x00FF_FFFF
        guard first & 0xFFF == 0, last & 0xFFF == 0, first <= last else { return .programCheck(0x0006) }
        guard vm.machine.storage.contains(last, count: 4096) else { return .programCheck(0x0005) }
        vm.machine.storage.release(from: first, through: last)
        vm.machine.storageKeysChanged()
        return .done
    }
}
