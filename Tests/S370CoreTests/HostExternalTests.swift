import Testing
import S370Core

// An external interruption the layer above makes pending with a code of its
// choosing (VM's VMCF X'4001'): taken under the PSW external mask and, on
// S/370, CR0 bit 31; its data is stored by the owner just as it is taken.

@Suite("Host external interruptions")
struct HostExternalTests {
    static let spin = InterruptionTests.spin

    @Test func takenWithItsCodeAfterThePreparation() {
        let m = TestMachine()
        m.machine.setCR(0, 0x0000_0001)
        var prepared = 0
        m.machine.makeExternalPending(code: 0x4001) {
            prepared += 1
            m.machine.storage.write(0x900, [0xC1, 0xC2])
            return true
        }
        #expect(m.machine.hasExternalPending)
        let r = InterruptionTests.runUntilInterrupted(m, Self.spin, pswHigh: InterruptionTests.bcExternal)
        #expect(r.stop == .disabledWait)
        #expect((m.double(0x18) >> 32) & 0xFFFF == 0x4001)
        #expect(prepared == 1)
        #expect(m.machine.storage.read(0x900, count: 2) == [0xC1, 0xC2])
        #expect(!m.machine.hasExternalPending)
    }

    @Test func maskedByControlRegisterZeroBit31() {
        let m = TestMachine()
        m.machine.setCR(0, 0x0000_00E0)
        m.machine.makeExternalPending(code: 0x4001) { true }
        m.gpr[1] = 10_000
        m.gpr[11] = 0x1000
        let r = m.run(asm("BCT 1,0(0,11)"), pswHigh: InterruptionTests.bcExternal)
        #expect(r.completed, "CR0 bit 31 off: the program runs to its end")
        #expect(m.machine.hasExternalPending, "and the interruption stays pending")
    }

    @Test func aPreparationThatDeclinesWithdrawsIt() {
        let m = TestMachine()
        m.machine.setCR(0, 0x0000_0001)
        m.machine.makeExternalPending(code: 0x4001) { false }
        m.gpr[1] = 10_000
        m.gpr[11] = 0x1000
        let r = m.run(asm("BCT 1,0(0,11)"), pswHigh: InterruptionTests.bcExternal)
        #expect(r.completed)
        #expect(!m.machine.hasExternalPending)
    }

    @Test func withdrawnBeforeItIsTaken() {
        let m = TestMachine()
        m.machine.setCR(0, 0x0000_0001)
        m.machine.makeExternalPending(code: 0x4001) { true }
        m.machine.withdrawExternalPending()
        m.gpr[1] = 10_000
        m.gpr[11] = 0x1000
        #expect(m.run(asm("BCT 1,0(0,11)"), pswHigh: InterruptionTests.bcExternal).completed)
    }
}
