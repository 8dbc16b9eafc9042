import S370Core

/// A small S/370 (or 360/67) for instruction tests. Code goes at X'1000' and
/// is followed by `SVC 255`, the normal end. Every new PSW is a disabled
/// wait whose address names the interruption class, so a run always ends in
/// a disabled wait that tells what happened; the old PSW of that class holds
/// the condition code and the address.
///
///     let m = TestMachine()
///     m.gpr[1] = 5; m.gpr[2] = 7
///     let r = m.run([0x1A, 0x12])          // AR 1,2
///     #expect(r.completed && r.cc == 2 && m.gpr[1] == 12)
struct TestMachine {
    let machine: Machine
    static let codeAddress: UInt32 = 0x1000
    static let externalMark: UInt32 = 0xE0E058
    static let svcMark: UInt32 = 0xE0E060
    static let programMark: UInt32 = 0xE0E068
    static let machineCheckMark: UInt32 = 0xE0E070
    static let ioMark: UInt32 = 0xE0E078
    /// The SVC number that ends a test program.
    static let endSVC: UInt8 = 0xFF

    init(model: MachineModel = .s370, facilities: Facilities = [.ext370], storageSize: Int = 1 << 20) {
        machine = Machine(model: model, storageSize: storageSize, facilities: facilities)
        let s = machine.storage
        s.store64(0x58, 0x0002_0000_0000_0000 | UInt64(TestMachine.externalMark))
        s.store64(0x60, 0x0002_0000_0000_0000 | UInt64(TestMachine.svcMark))
        s.store64(0x68, 0x0002_0000_0000_0000 | UInt64(TestMachine.programMark))
        s.store64(0x70, 0x0002_0000_0000_0000 | UInt64(TestMachine.machineCheckMark))
        s.store64(0x78, 0x0002_0000_0000_0000 | UInt64(TestMachine.ioMark))
    }

    /// General registers, settable before and readable after a run.
    var gpr: Registers { Registers(machine: machine) }

    struct Registers {
        let machine: Machine
        subscript(i: Int) -> UInt32 {
            get { machine.gpr(i) }
            nonmutating set { machine.setGPR(i, newValue) }
        }
    }

    struct Result {
        let stop: StopReason
        /// The PSW the run ended with.
        let psw: UInt64
        /// True when the code ran to its final SVC 255.
        let completed: Bool
        /// The program interruption code, if the run ended in one.
        let programInterruption: UInt16?
        /// The old PSW of the interruption that ended the run.
        let oldPSW: UInt64
        /// ILC (in bytes) of that interruption.
        let ilc: Int
        /// Condition code at the end (from the old PSW).
        let cc: UInt8
        /// Instruction address in the old PSW.
        var oldAddress: UInt32 { UInt32(oldPSW & 0x00FF_FFFF) }
    }

    /// Runs `code` at X'1000' with a PSW whose first word is `pswHigh`
    /// (BC mode, key 0, supervisor state, all interruptions disabled by default).
    @discardableResult
    func run(_ code: [UInt8], pswHigh: UInt32 = 0, cc: UInt8 = 0, programMask: UInt8 = 0,
             budget: Int = 1_000_000) -> Result {
        let s = machine.storage
        s.write(TestMachine.codeAddress, code + [0x0A, TestMachine.endSVC])
        let ec = pswHigh & 0x0008_0000 != 0
        var high = pswHigh
        var low = TestMachine.codeAddress
        if ec {
            high |= UInt32(cc & 3) << 12 | UInt32(programMask & 0xF) << 8
        } else {
            low |= UInt32(cc & 3) << 28 | UInt32(programMask & 0xF) << 24
        }
        machine.loadPSW(UInt64(high) << 32 | UInt64(low))
        let stop = machine.run(budget: budget)
        let psw = machine.psw
        let mark = UInt32(psw & 0x00FF_FFFF)
        let oldLocation: UInt32
        switch mark {
        case TestMachine.svcMark: oldLocation = 0x20
        case TestMachine.programMark: oldLocation = 0x28
        case TestMachine.externalMark: oldLocation = 0x18
        case TestMachine.ioMark: oldLocation = 0x38
        default: oldLocation = 0x30
        }
        let old = s.load64(oldLocation)
        let oldEC = old & (1 << 51) != 0 && machine.model == .s370
        let code: UInt16 = oldEC
            ? (oldLocation == 0x28 ? s.load16(0x8E) : s.load16(0x8A))
            : UInt16((old >> 32) & 0xFFFF)
        let ilc: Int = oldEC
            ? Int(s.bytes(oldLocation == 0x28 ? 0x8D : 0x89)) & 6
            : Int((old >> 30) & 3) * 2
        let cc = oldEC ? UInt8((old >> 44) & 3) : UInt8((old >> 28) & 3)
        let completed = mark == TestMachine.svcMark && code == UInt16(TestMachine.endSVC)
        return Result(stop: stop, psw: psw, completed: completed,
                      programInterruption: mark == TestMachine.programMark ? code : nil,
                      oldPSW: old, ilc: ilc, cc: cc)
    }

    func store(_ address: UInt32, _ bytes: [UInt8]) { machine.storage.write(address, bytes) }
    func bytes(_ address: UInt32, _ count: Int) -> [UInt8] { machine.storage.read(address, count: count) }
    func word(_ address: UInt32) -> UInt32 { machine.storage.load32(address) }
    func setWord(_ address: UInt32, _ v: UInt32) { machine.storage.store32(address, v) }
    func double(_ address: UInt32) -> UInt64 { machine.storage.load64(address) }
    func setDouble(_ address: UInt32, _ v: UInt64) { machine.storage.store64(address, v) }
}

private extension Storage {
    func bytes(_ address: UInt32) -> UInt8 { read(address, count: 1)[0] }
}
