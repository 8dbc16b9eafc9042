/// DIAGNOSE X'54': what PA2 does. Rx ≠ 0: PA2 gives the guest an external
/// interruption; Rx = 0: PA2 clears the output area (the default).
enum Diagnose54 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        vm.pa2External = vm.gpr(rx) != 0
        return .done
    }
}
