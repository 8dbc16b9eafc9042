import Testing
import S370Core

@Suite("Smoke")
struct SmokeTests {
    @Test func addRegisters() {
        let m = TestMachine()
        m.gpr[1] = 5
        m.gpr[2] = 7
        let r = m.run([0x1A, 0x12])
        #expect(r.completed)
        #expect(r.cc == 2)
        #expect(m.gpr[1] == 12)
    }

    @Test func operationException() {
        let m = TestMachine()
        let r = m.run([0x00, 0x00])
        #expect(r.programInterruption == 0x0001)
        #expect(r.ilc == 2)
        #expect(r.oldAddress == 0x1002)
    }
}
