/// DIAGNOSE X'5C': error-message editing. Rx = message address, Ry =
/// length; CP adjusts them as SET EMSG asks: TEXT skips the 10-character
/// code and its blank, CODE keeps only the code, OFF makes the length 0.
enum Diagnose5C {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        let address = vm.gpr(rx), length = vm.gpr(ry)
        switch vm.settings.emsg {
        case .on:
            break
        case .text:
            if length > 11 {
                vm.setGPR(rx, address &+ 11)
                vm.setGPR(ry, length - 11)
            }
        case .code:
            vm.setGPR(ry, min(length, 10))
        case .off:
            vm.setGPR(ry, 0)
        }
        return .done
    }
}
