import S370Core

/// What a DIAGNOSE handler did.
enum DiagnoseOutcome {
    /// Done; registers and condition code are set.
    case done
    /// The guest gets this program interruption (suppressed, ILC 4).
    case programCheck(UInt16)
    /// The VM stops in CP READ (DIAGNOSE X'08' with Ry = 0).
    case enterCP
}

/// One DIAGNOSE code: its number, name, and handler (Rx and Ry are register numbers).
struct DiagnoseEntry: Sendable {
    let code: UInt32
    let name: String
    let run: @Sendable (VirtualMachine, Int, Int) -> DiagnoseOutcome
}

/// The DIAGNOSE codes CP provides (VM/370 Release 6 semantics).
enum DiagnoseTable {
    static let entries: [DiagnoseEntry] = [
        DiagnoseEntry(code: 0x00, name: "store extended identification", run: Diagnose00.run),
        DiagnoseEntry(code: 0x08, name: "CP command", run: Diagnose08.run),
        DiagnoseEntry(code: 0x0C, name: "pseudo timer", run: Diagnose0C.run),
        DiagnoseEntry(code: 0x10, name: "release pages", run: Diagnose10.run),
        DiagnoseEntry(code: 0x14, name: "input spool file manipulation", run: Diagnose14.run),
        DiagnoseEntry(code: 0x18, name: "standard DASD I/O", run: Diagnose18.run),
        DiagnoseEntry(code: 0x20, name: "general I/O", run: Diagnose20.run),
        DiagnoseEntry(code: 0x24, name: "device type and features", run: Diagnose24.run),
        DiagnoseEntry(code: 0x54, name: "PA2 function", run: Diagnose54.run),
        DiagnoseEntry(code: 0x58, name: "3270 virtual console interface", run: Diagnose58.run),
        DiagnoseEntry(code: 0x5C, name: "error message editing", run: Diagnose5C.run),
        DiagnoseEntry(code: 0x60, name: "virtual storage size", run: Diagnose60.run),
        DiagnoseEntry(code: 0x64, name: "named saved segments", run: Diagnose64.run),
        DiagnoseEntry(code: 0x68, name: "virtual machine communication facility", run: Diagnose68.run),
    ]

    static let byCode: [UInt32: DiagnoseEntry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })
}

extension VirtualMachine {
    /// A DIAGNOSE the guest issued (in the supervisor state: the core
    /// already gave problem-state callers their privileged-operation exception).
    func diagnose(code: UInt32, rx: Int, ry: Int) {
        let function = code & 0xFFFF
        guard function & 3 == 0, let entry = DiagnoseTable.byCode[function] else {
            machine.raiseProgramInterruption(0x0006)
            return
        }
        switch entry.run(self, rx, ry) {
        case .done: break
        case .programCheck(let code): machine.raiseProgramInterruption(code)
        case .enterCP: enterCPMode()
        }
    }

    // MARK: Guest storage for DIAGNOSE parameters (guest real addresses)

    /// The absolute address of guest real `address`, or nil beyond storage.
    func guestAbsolute(_ address: UInt32, count: Int = 1) -> UInt32? {
        let page = address & ~0xFFF
        let prefix = machine.state.prefix
        let absolute: UInt32 = page == 0 ? address | prefix : (page == prefix ? address & 0xFFF : address)
        return machine.storage.contains(absolute, count: count) ? absolute : nil
    }

    func guestRead(_ address: UInt32, _ count: Int) -> [UInt8]? {
        guard count >= 0, let a = guestAbsolute(address, count: max(1, count)) else { return nil }
        return machine.storage.read(a, count: count)
    }

    func guestWrite(_ address: UInt32, _ bytes: [UInt8]) -> Bool {
        guard let a = guestAbsolute(address, count: max(1, bytes.count)) else { return false }
        machine.storage.write(a, bytes)
        for offset in stride(from: 0, to: bytes.count, by: 2048) {
            machine.storage.markAccess(a + UInt32(offset), store: true)
        }
        if !bytes.isEmpty { machine.storage.markAccess(a + UInt32(bytes.count - 1), store: true) }
        return true
    }

    func gpr(_ n: Int) -> UInt32 { machine.gpr(n) }
    func setGPR(_ n: Int, _ v: UInt32) { machine.setGPR(n, v) }
}

/// Big-endian bytes of a value.
func bytes32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }
func bytes64(_ v: UInt64) -> [UInt8] { bytes32(UInt32(v >> 32)) + bytes32(UInt32(truncatingIfNeeded: v)) }
func ebcdic(_ text: String) -> [UInt8] { Array(text.utf8).map(ebcdicOf) }
func fromEBCDIC(_ bytes: [UInt8]) -> String { String(bytes.map { Character(Unicode.Scalar(cp037ToLatin1[Int($0)])) }) }
