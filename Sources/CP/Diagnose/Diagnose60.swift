/// DIAGNOSE X'60': the virtual machine's storage size in bytes, into Rx.
enum Diagnose60 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        vm.setGPR(rx, UInt32(vm.entry.storage))
        return .done
    }
}
