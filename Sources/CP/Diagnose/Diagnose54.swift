/// DIAGNOSE X'54': what PA2 does. Rx ≠ 0: PA2 gives the guest an external
/// interruption; Rx = 0: PA2 clears the output area (the default).
enum Diagnose54 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        vm.pa2External = vm.gpr(rx) != 0
        vm.console.fullScreen.pa2ToHost = vm.pa2External
        // The terminal decides what the key does, so it must know now.
        vm.console.connection?.setPA2ToHost(vm.pa2External)
        return .done
    }
}
