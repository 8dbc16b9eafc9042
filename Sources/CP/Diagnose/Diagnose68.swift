/// DIAGNOSE X'68': the Virtual Machine Communication Facility. Rx = address
/// of a 40-byte VMCPARM parameter list, which must be on a doubleword
/// boundary; Ry ← the return code. The condition code is not changed.
/// The subfunctions and their codes are in `VMCF` and `VMCFFacility`.
///
/// A parameter list that is not doubleword aligned gets a specification
/// exception, one outside storage an addressing exception: the guide only
/// says the list "must be doubleword-aligned"; the program checks are the
/// ones VM/370 gives for other misplaced DIAGNOSE operands (not verified
/// for X'68').
enum Diagnose68 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        // A 24-bit address: the guest's high byte is not part of it.
        let address = vm.gpr(rx) & 0x00FF_FFFF
        guard address & 7 == 0 else { return .programCheck(0x0006) }
        guard let bytes = vm.guestRead(address, VMCF.headerLength) else { return .programCheck(0x0005) }
        let rc = vm.vmcfRequest(VMCFParameterList(bytes))
        vm.setGPR(ry, rc.rawValue)
        return .done
    }
}
