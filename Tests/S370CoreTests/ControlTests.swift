import Foundation
import Testing
import S370Core
import S370Spec

// The control instructions (GA22-7000, chapter 10 "Control Instructions";
// GA22-7000-10 chapter 10): PSW and system mask, storage keys with their
// reference and change bits, PSW key, clocks and timers, identification,
// prefixing, control registers, MONITOR CALL, the privileged-operation rule
// for every privileged row of the instruction table, the model-dependent
// operation exceptions, and the instructions that leave the loop as
// intercepts for the layer above.
//
// Cross-checked under Hercules 3.13 (ARCHMODE S/370): every vector of the
// tables below gave the same result there, as did the EC-mode system-mask
// cases (the old PSW shows the mask as loaded), ISK in BC and EC mode, and
// STOSM under SSM suppression.

@Suite("Control")
struct ControlTests {
    // MARK: LOAD PSW

    @Test func loadPSWInBCMode() {
        let m = TestMachine()
        // BC PSW: key 0, CC 2, program mask 5, address X'1008' (the final SVC).
        m.setDouble(0x800, 0x0000_0000_2500_1008)
        let r = m.run(asm("LPSW X'800'; LA 15,1"))
        #expect(r.completed)
        #expect(r.cc == 2)
        #expect((r.oldPSW >> 24) & 0xF == 5)
        #expect(m.gpr[15] == 0, "the instruction after LPSW is not executed")
    }

    @Test func loadPSWInECMode() {
        let m = TestMachine()
        m.setDouble(0x800, 0x0008_1500_0000_1008)   // EC, CC 1, mask 5
        let r = m.run(asm("LPSW X'800'; LA 15,1"))
        #expect(r.completed)
        #expect(r.oldPSW >> 32 == 0x0008_1500)
        #expect(m.bytes(0x88, 4) == [0, 2, 0, 0xFF], "EC-mode SVC code and ILC")
    }

    /// A PSW with a one in an unassigned EC-mode bit (0, 2–4, 16–17 without
    /// DAS, 24–39) is a specification exception recognised immediately after
    /// it becomes active, with ILC 0, before any instruction of it runs; the
    /// invalid PSW is the old PSW, stored as it was (as Hercules 3.13 does).
    @Test(arguments: [UInt64(0x8008_0000_0000_1008), 0x2008_0000_0000_1008, 0x0808_0000_0000_1008,
                      0x0008_8000_0000_1008, 0x0008_4000_0000_1008, 0x0008_0080_0000_1008,
                      0x0008_0000_0100_1008])
    func invalidECPSW(_ psw: UInt64) {
        let m = TestMachine()
        m.setDouble(0x800, psw)
        m.store(0x1008, asm("LA 15,1"))
        m.gpr[15] = 0
        let r = m.run(asm("LPSW X'800'"))
        #expect(r.programInterruption == 0x06)
        #expect(r.ilc == 0)
        #expect(r.oldAddress == 0x1008)
        #expect(r.oldPSW == psw, "the invalid PSW is stored unchanged")
        #expect(m.gpr[15] == 0, "no instruction ran under the invalid PSW")
    }

    @Test func loadPSWExceptions() {
        V("LPSW X'804'", name: "LPSW off a doubleword boundary").interrupts(0x06).check()
        V("LPSW X'800'", name: "LPSW in the problem state").psw(PSWBits.problem).interrupts(0x02).check()
        V("LPSW 0(1)", name: "LPSW beyond storage").regs([1: 0x00F0_0000]).interrupts(0x05).check()
    }

    @Test func loadPSWIntoADisabledWait() {
        let m = TestMachine()
        m.setDouble(0x800, 0x0002_0000_00AB_CDE0)
        let r = m.run(asm("LPSW X'800'"))
        #expect(r.stop == .disabledWait)
        #expect(m.machine.psw == 0x0002_0000_00AB_CDE0)
    }

    // MARK: System mask

    static let systemMask: [V] = [
        V("SSM X'800'", name: "SSM in BC mode loads the whole byte").mem(0x800, "FE")
            .gives(regs: [:]),
        V("SSM X'800'", name: "SSM suppressed by CR0 bit 1").cr(0, 0x4000_00E0).mem(0x800, "00")
            .interrupts(0x13),
        V("SSM X'800'", name: "SSM in the problem state").psw(PSWBits.problem).mem(0x800, "00").interrupts(0x02),
        V("STNSM X'800',X'00'", name: "STNSM is not subject to SSM suppression").cr(0, 0x4000_00E0)
            .mem(0x800, "FF").leaves(0x800, "00"),
        V("STOSM X'800',X'00'", name: "STOSM is not subject to SSM suppression").cr(0, 0x4000_00E0)
            .mem(0x800, "FF").leaves(0x800, "00"),
    ]

    @Test("system mask vectors", arguments: systemMask)
    func systemMaskVector(_ v: V) { v.check() }

    @Test func storeThenAndAndOrSystemMask() {
        let m = TestMachine()
        // EC mode with the I/O mask on; STOSM adds the external mask, STNSM takes both off.
        m.machine.setCR(0, 0)          // no external subclass enabled: nothing can interrupt
        m.machine.setCR(2, 0)
        let r = m.run(asm("STOSM X'800',X'01'; STNSM X'801',X'FC'; STOSM X'802',X'00'"), pswHigh: 0x0208_0000)
        #expect(r.completed)
        #expect(m.bytes(0x800, 3) == [0x02, 0x03, 0x00])
        #expect(r.oldPSW >> 56 == 0x00)
    }

    /// In EC mode a one in bit 0 or 2–4 of the new system mask is a PSW-format
    /// error: the mask is loaded and a specification exception follows at once,
    /// with the ILC of the instruction and its old PSW showing the bad mask.
    @Test(arguments: [("SSM X'800'", UInt8(0x80)), ("SSM X'800'", 0x20), ("SSM X'800'", 0x08),
                      ("STOSM X'810',X'10'", 0x10)])
    func invalidSystemMaskInECMode(_ c: (String, UInt8)) {
        let m = TestMachine()
        m.store(0x800, [c.1])
        let r = m.run(asm(c.0), pswHigh: PSWBits.ec)
        #expect(r.programInterruption == 0x06)
        #expect(r.ilc == 4)
        #expect(r.oldAddress == 0x1004)
        #expect(UInt8(r.oldPSW >> 56) == c.1, "the mask as loaded")
        // In BC mode the same mask is fine (channel masks).
        let bc = TestMachine()
        bc.machine.setCR(0, 0); bc.machine.setCR(2, 0)
        bc.store(0x800, [c.1])
        #expect(bc.run(asm(c.0)).completed)
    }

    // MARK: Storage keys

    static let keys: [V] = [
        V("SSK 1,2; ISK 3,2", name: "SSK then ISK in EC mode: seven bits").psw(PSWBits.ec)
            .regs([1: 0xFFFF_FF3E, 2: 0x2_0000, 3: 0xAAAA_AAAA]).gives(regs: [3: 0xAAAA_AA3E]),
        V("SSK 1,2; ISK 3,2", name: "ISK in BC mode: access key and fetch bit only")
            .regs([1: 0x3E, 2: 0x2_0000, 3: 0xAAAA_AAAA]).gives(regs: [3: 0xAAAA_AA38]),
        V("ISK 3,2", name: "ISK with a nonzero R2 bits 28-31").regs([2: 0x2_0008]).interrupts(0x06),
        V("SSK 1,2", name: "SSK with a nonzero R2 bits 28-31").regs([2: 0x2_0001]).interrupts(0x06),
        V("SSK 1,2", name: "SSK beyond storage").regs([2: 0x00F0_0000]).interrupts(0x05),
        V("SSK 1,2", name: "SSK in the problem state").psw(PSWBits.problem).interrupts(0x02),
        V("SSK 1,2", name: "SSK on the 360/67 checks R2 bits 28-31 too").on67().regs([2: 0x2_0004]).interrupts(0x06),
        V("RRB 0(2)", name: "RRB: unreferenced, unchanged").regs([2: 0x2_0000]).key(0x2_0000, 0x10).gives(cc: 0),
        V("RRB 0(2)", name: "RRB: changed only").regs([2: 0x2_0000]).key(0x2_0000, 0x12).gives(cc: 1),
        V("RRB 0(2)", name: "RRB: referenced only").regs([2: 0x2_0000]).key(0x2_0000, 0x14).gives(cc: 2),
        V("RRB 0(2); ISK 3,2", name: "RRB: referenced and changed; only the reference bit is reset").psw(PSWBits.ec)
            .regs([2: 0x2_07FF & ~0xF, 3: 0]).key(0x2_0000, 0x16).gives(cc: 3, regs: [3: 0x12]),
    ]

    @Test("SSK, ISK, RRB", arguments: keys)
    func storageKeys(_ v: V) { v.check() }

    /// Reference bits are set by fetches and change bits by stores, each in
    /// the 2K block touched, and a fetch after RRB sets the reference bit
    /// again (the TLB must not hide it).
    @Test func referenceAndChangeBitsFollowAccesses() {
        let m = TestMachine()
        for block in stride(from: UInt32(0x2_0000), to: 0x2_2000, by: 0x800) { m.machine.storage.setKey(at: block, 0) }
        m.machine.storageKeysChanged()
        m.gpr[2] = 0x2_0000
        let r = m.run(asm("IC 1,0(0,2); ST 1,X'800'(0,2); RRB 0(2); IC 1,0(0,2); RRB X'800'(2); RRB X'800'(2)"),
                      pswHigh: PSWBits.ec)
        #expect(r.completed)
        #expect(r.cc == 1, "the last RRB: changed, reference already reset")
        #expect(m.machine.storage.key(at: 0x2_0000) == 0x04, "referenced again after RRB, never changed")
        #expect(m.machine.storage.key(at: 0x2_0800) == 0x02, "changed; reference reset")
        #expect(m.machine.storage.key(at: 0x2_1000) == 0x00, "untouched")
    }

    // MARK: PSW key

    static let pswKey: [V] = [
        V("SPKA X'30'; IPK", name: "SPKA then IPK").regs([2: 0xFFFF_FFFF]).gives(regs: [2: 0xFFFF_FF30]),
        V("SPKA X'A0'; IPK", name: "SPKA in the problem state with the key allowed by CR3")
            .psw(PSWBits.problem).cr(3, 0x0020_0000).cr(0, 0x0800_00E0).regs([2: 0]).gives(regs: [2: 0xA0]),
        V("SPKA X'A0'", name: "SPKA in the problem state, key not in the CR3 mask")
            .psw(PSWBits.problem).cr(3, 0x0040_0000).interrupts(0x02),
        V("IPK", name: "IPK in the problem state without extraction authority")
            .psw(PSWBits.problem).cr(0, 0x0000_00E0).interrupts(0x02),
        V("IPK", name: "IPK in the problem state with extraction authority (CR0 bit 4)")
            .psw(PSWBits.problem | PSWBits.key(6)).cr(0, 0x0800_00E0).regs([2: 0x1234_5678]).gives(regs: [2: 0x1234_5660]),
    ]

    @Test("SPKA and IPK", arguments: pswKey)
    func pswKeyInstructions(_ v: V) { v.check() }

    @Test func setPSWKeyChangesProtection() {
        // Key 0 may store anywhere; after SPKA X'10' the store into a key-2 block is refused.
        V("MVI 0(2),1; SPKA X'10'; MVI 0(2),2", name: "SPKA then a protected store")
            .regs([2: 0x2_0000]).key(0x2_0000, 0x20).mem(0x2_0000, "00")
            .interrupts(0x04, ilc: 4, at: 0x100C).leaves(0x2_0000, "01")
            .check()
    }

    // MARK: Clocks and timers

    @Test func storeClockIncreases() {
        let m = TestMachine()
        let r = m.run(asm("STCK X'800'; STCK X'808'; STCK X'810'"))
        #expect(r.completed && r.cc == 0)
        let a = m.double(0x800), b = m.double(0x808), c = m.double(0x810)
        #expect(a < b && b < c)
        // The TOD clock counts from 1900: a date after 2020 has bit 0 set and is below 2100.
        #expect(a > 0xD800_0000_0000_0000 && a < 0xFF00_0000_0000_0000)
    }

    @Test func setClockThenStoreClock() {
        let m = TestMachine()
        m.setDouble(0x800, 0x8000_0000_0000_0000)
        let r = m.run(asm("SCK X'800'; STCK X'808'"))
        #expect(r.completed && r.cc == 0)
        let t = m.double(0x808)
        #expect(t > 0x8000_0000_0000_0000 && t < 0x8000_0100_0000_0000, "within a second of the value set")
    }

    @Test func clockComparatorAndCPUTimerRoundTrip() {
        let m = TestMachine()
        m.setDouble(0x800, 0x1234_5678_9ABC_DEF0)
        m.setDouble(0x810, 0x0000_0100_0000_0000)       // about 0.27 s
        let r = m.run(asm("SCKC X'800'; STCKC X'808'; SPT X'810'; STPT X'818'"))
        #expect(r.completed)
        #expect(m.double(0x808) == 0x1234_5678_9ABC_DEF0)
        let timer = m.double(0x818)
        #expect(timer <= 0x0000_0100_0000_0000 && timer > 0x0000_00F0_0000_0000, "counting down from the value set")
    }

    static let timerExceptions: [V] = [
        V("SCK X'804'").interrupts(0x06), V("SCKC X'804'").interrupts(0x06), V("STCKC X'804'").interrupts(0x06),
        V("SPT X'804'").interrupts(0x06), V("STPT X'804'").interrupts(0x06),
        V("STIDP X'804'").interrupts(0x06), V("STAP X'801'").interrupts(0x06), V("SPX X'802'").interrupts(0x06),
        V("STPX X'802'").interrupts(0x06), V("LCTL 0,0,X'802'").interrupts(0x06), V("STCTL 0,0,X'802'").interrupts(0x06),
        V("STCK X'801'", name: "STCK needs no alignment").gives(cc: 0),
    ]

    @Test("operand alignment", arguments: timerExceptions)
    func operandAlignment(_ v: V) { v.check() }

    // MARK: Identification and prefixing

    @Test func storeCPUIDAndAddress() {
        let m = TestMachine()
        let r = m.run(asm("STIDP X'800'; STAP X'808'"))
        #expect(r.completed)
        let id = m.double(0x800)
        #expect(id >> 56 == UInt64(m.machine.state.cpuVersion))
        #expect((id >> 32) & 0xFF_FFFF == UInt64(m.machine.state.cpuSerial & 0xFF_FFFF))
        #expect((id >> 16) & 0xFFFF == UInt64(m.machine.state.cpuModelNumber))
        #expect(m.bytes(0x808, 2) == [0, 0])
    }

    /// SET PREFIX: real addresses 0–4095 and the 4K block at the prefix swap
    /// places. Code at X'1000' is outside both and runs on.
    @Test func prefixingSwapsLowStorageWithThePrefixArea() {
        let m = TestMachine()
        m.setWord(0x800, 0x0000_4000)          // new prefix
        m.setWord(0x0100, 0xAAAA_AAAA)          // absolute 0-4095
        m.setWord(0x4100, 0xBBBB_BBBB)          // absolute prefix area
        m.setWord(0x480C, 0)                    // the value SPX reads back through the prefix
        m.gpr[4] = 0x4000
        let r = m.run(asm("SPX X'800'; L 1,X'100'; L 2,X'100'(0,4); STPX X'808'; SPX X'80C'; L 3,X'100'"))
        #expect(r.completed)
        #expect(m.gpr[1] == 0xBBBB_BBBB, "real X'100' is absolute X'4100'")
        #expect(m.gpr[2] == 0xAAAA_AAAA, "real X'4100' is absolute X'100'")
        #expect(m.word(0x4808) == 0x4000, "STPX stored through the prefix")
        #expect(m.gpr[3] == 0xAAAA_AAAA, "prefix zero again")
    }

    @Test func interruptionsUseThePrefixArea() {
        let m = TestMachine()
        // New PSWs in the prefix area at X'8000': SVC goes to a disabled wait at X'123456'.
        m.setDouble(0x8060, 0x0002_0000_0012_3456)
        m.setWord(0x800, 0x8000)
        let r = m.run(asm("SPX X'800'; SVC 7"))
        #expect(r.stop == .disabledWait)
        #expect(m.machine.psw & 0xFF_FFFF == 0x12_3456)
        #expect((m.double(0x8020) >> 32) & 0xFFFF == 7, "SVC old PSW stored at prefix + X'20'")
    }

    static let prefixFailures: [V] = [
        V("SPX X'800'", name: "SPX beyond storage").mem(0x800, "00F00000").interrupts(0x05),
        V("SPX X'800'", name: "SPX in the problem state").psw(PSWBits.problem).interrupts(0x02),
    ]

    @Test("SPX exceptions", arguments: prefixFailures)
    func prefixExceptions(_ v: V) { v.check() }

    // MARK: Control registers

    @Test func loadAndStoreControlWrapAround() {
        let m = TestMachine()
        m.store(0x800, hexBytes("11111111 22222222 33333333"))
        let r = m.run(asm("LCTL 14,0,X'800'; STCTL 14,1,X'900'"))
        #expect(r.completed)
        #expect(m.machine.cr(14) == 0x1111_1111 && m.machine.cr(15) == 0x2222_2222 && m.machine.cr(0) == 0x3333_3333)
        #expect(m.bytes(0x900, 16) == hexBytes("11111111 22222222 33333333") + hexBytes(String(format: "%08X", m.machine.cr(1))))
    }

    @Test func purgeTLBCompletes() {
        #expect(TestMachine().run(asm("PTLB")).completed)
    }

    // MARK: MONITOR CALL

    @Test func monitorCallWithTheClassEnabled() {
        let m2 = TestMachine()
        m2.machine.setCR(8, 0x0000_0400)
        m2.gpr[1] = 0xFF00_1000
        let r2 = m2.run(asm("MC X'123'(1),5"), pswHigh: PSWBits.ec)
        #expect(r2.programInterruption == 0x40)
        #expect(r2.ilc == 4)
        #expect(r2.oldAddress == 0x1004, "monitor event completes the instruction")
        #expect(m2.bytes(0x94, 2) == [0, 5], "monitor class")
        #expect(m2.word(0x9C) == 0x1123, "monitor code: the effective address")
    }

    static let monitor: [V] = [
        V("MC X'10',5", name: "MC with the class masked off").cr(8, 0x0000_0200),
        V("MC X'10',X'15'", name: "MC with I2 bits 8-11 nonzero").cr(8, 0xFFFF).interrupts(0x06),
        V("MC X'10',15", name: "MC class 15").cr(8, 0x0001).interrupts(0x40),
    ]

    @Test("MC masks", arguments: monitor)
    func monitorMasks(_ v: V) { v.check() }

    // MARK: Privilege and the model-dependent operation codes

    /// The instruction of `spec` with zero operand fields.
    static func bytes(_ spec: InstructionSpec) -> [UInt8] { zeroOperands(spec) }

    static let privilegedRows: [InstructionSpec] = InstructionTable.all.filter { $0.privilege == .privileged }

    /// Every privileged instruction is a privileged-operation exception in
    /// the problem state, on every model that has it.
    @Test("privileged in the problem state", arguments: privilegedRows)
    func privilegedInProblemState(_ spec: InstructionSpec) {
        for model in MachineModel.allCases {
            let architecture: Architectures = model == .s370 ? .s370 : .s360_67
            guard spec.isAvailable(on: architecture, facilities: []) else { continue }
            // On the 360/67 every 9Cxx is SIO (and so on): the S/370 second byte does not exist.
            let m = TestMachine(model: model, facilities: [])
            let r = m.run(Self.bytes(spec), pswHigh: PSWBits.problem, budget: 10)
            #expect(r.programInterruption == 0x02, "\(spec.mnemonic) on \(model)")
            #expect(r.ilc == spec.length)
            #expect(r.oldAddress == 0x1000 + UInt32(spec.length))
        }
    }

    /// An opcode that exists only on the other model is an operation
    /// exception, in either state. Opcodes the other model uses for
    /// something else (84/85, the 9C–9F second byte) are left out.
    static let otherModelRows: [(InstructionSpec, MachineModel)] = InstructionTable.all.compactMap { spec in
        let missing: MachineModel = spec.architectures == .s370 ? .s360_67 : (spec.architectures == .s360_67 ? .s370 : .s370)
        guard spec.architectures != .both else { return nil }
        let architecture: Architectures = missing == .s370 ? .s370 : .s360_67
        let shared = InstructionTable.all.contains { other in
            other.firstByte == spec.firstByte && other.isAvailable(on: architecture, facilities: [.ext370])
        }
        return shared ? nil : (spec, missing)
    }

    @Test("operation exception on the other model", arguments: otherModelRows)
    func operationExceptionOnTheOtherModel(_ c: (InstructionSpec, MachineModel)) {
        for problem in [false, true] {
            let m = TestMachine(model: c.1, facilities: c.1 == .s370 ? [.ext370] : [])
            let r = m.run(Self.bytes(c.0), pswHigh: problem ? PSWBits.problem : 0, budget: 10)
            #expect(r.programInterruption == 0x01, "\(c.0.mnemonic) on \(c.1)")
            #expect(r.ilc == c.0.length)
        }
    }

    @Test func theOtherModelRowsIncludeTheKnownOnes() {
        let names = Set(Self.otherModelRows.map { $0.0.mnemonic })
        for n in ["LMC", "STMC", "MVCL", "CLCL", "CS", "CDS", "ICM", "STCM", "CLM", "SRP", "STCK", "LCTL", "STCTL",
                  "SPKA", "IPK", "PTLB", "MC", "STNSM", "STOSM", "SIGP", "STIDP", "SPX", "RRB", "LRVR", "MVCLE", "LARL"] {
            #expect(names.contains(n), "\(n)")
        }
    }

    // MARK: Intercepts

    static let intercepts: [(String, Intercept)] = [
        ("SIO X'00E'", .io(.startIO, address: 0x00E)),
        ("SIOF X'123'(1)", .io(.startIOFastRelease, address: 0x2123)),
        ("TIO X'191'", .io(.testIO, address: 0x191)),
        ("CLRIO X'00C'", .io(.clearIO, address: 0x00C)),
        ("HIO X'282'", .io(.haltIO, address: 0x282)),
        ("HDV X'282'", .io(.haltDevice, address: 0x282)),
        ("TCH X'100'", .io(.testChannel, address: 0x100)),
        ("STIDC X'200'", .storeChannelID(address: 0x200)),
        ("DIAG 1,2,X'08'", .diagnose(r1: 1, r3: 2, code: 0x08)),
        ("SIGP 4,6,X'02'(1)", .signalProcessor(r1: 4, r3: 6, address: 0x2002)),
    ]

    @Test("I/O, DIAGNOSE and SIGP leave the loop", arguments: intercepts)
    func interceptLeavesTheLoop(_ c: (String, Intercept)) {
        let m = TestMachine(facilities: [])
        m.gpr[1] = 0x2000
        let code = asm(c.0)
        let r = m.run(code + asm("LA 15,1"), budget: 100)
        #expect(r.stop == .intercept(c.1))
        #expect(m.machine.psw & 0x00FF_FFFF == 0x1000 + UInt32(code.count), "instruction address advanced")
        // The layer above sets the condition code and runs on.
        m.machine.setConditionCode(1)
        #expect(m.machine.run(budget: 100) == .disabledWait)
        #expect(m.gpr[15] == 1)
        #expect((m.double(0x20) >> 28) & 3 == 1)
    }

    @Test func directControlInterceptsWithoutTheFacility() {
        let m = TestMachine(facilities: [])
        #expect(m.run(asm("WRD X'40',X'5A'")).stop == .intercept(.directControl(read: false, address: 0x40, immediate: 0x5A)))
        #expect(m.run(asm("RDD X'41',X'01'")).stop == .intercept(.directControl(read: true, address: 0x41, immediate: 1)))
    }

    @Test func inputOutputInterceptsOnThe67() {
        let m = TestMachine(model: .s360_67)
        #expect(m.run(asm("SIO X'00E'")).stop == .intercept(.io(.startIO, address: 0x00E)))
        #expect(m.run(asm("DIAG 3,4,X'18'")).stop == .intercept(.diagnose(r1: 3, r3: 4, code: 0x18)))
    }
}
