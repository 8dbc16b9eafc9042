import Testing
import S370Core

/// Random bytes as a program, with random PSWs, control registers, storage
/// keys and new PSWs: whatever a guest feeds the CPU, the host process must
/// neither crash nor hang, and every run ends in an architected state.
@Suite("Random bytes")
struct RandomBytesTests {
    @Test(arguments: Array(UInt64(1)...40))
    func randomStorageNeverHurtsTheHost(seed: UInt64) {
        var rng = SplitMix(seed: seed &* 0x1234_5678_9ABC)
        let model: MachineModel = seed % 5 == 0 ? .s360_67 : .s370
        let machine = Machine(model: model, storageSize: 256 << 10,
                              facilities: seed % 2 == 0 ? [.ext370] : [])
        let s = machine.storage
        // Random storage, including the new PSWs and the interval timer.
        var bytes = [UInt8](repeating: 0, count: s.size)
        for i in 0..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
        s.write(0, bytes)
        for block in stride(from: 0, to: s.size, by: 2048) where rng.next() % 4 == 0 {
            s.setKey(at: UInt32(block), UInt8(truncatingIfNeeded: rng.next()))
        }
        for r in 0..<16 {
            machine.setGPR(r, UInt32(truncatingIfNeeded: rng.next()))
            if rng.next() % 3 == 0 { machine.setCR(r, UInt32(truncatingIfNeeded: rng.next())) }
        }
        for f in [0, 2, 4, 6] { machine.setFPR(f, rng.next()) }
        machine.loadPSW(rng.next() & ~0x0002_0000_0000_0000)

        var executed: UInt64 = 0
        for _ in 0..<100 {
            let before = machine.state.instructionCount
            let stop = machine.run(budget: 10_000)
            executed += machine.state.instructionCount - before
            switch stop {
            case .intercept(let what):
                // Answer like an empty machine: no devices, DIAGNOSE refused.
                if case .diagnose = what { machine.raiseProgramInterruption(0x0006) } else { machine.setConditionCode(3) }
            case .wait, .disabledWait:
                // Wake it with a fresh random PSW, as an operator would.
                machine.loadPSW(rng.next() & ~0x0002_0000_0000_0000)
            case .ioInterruptionPending, .stopRequested, .budgetExhausted, .woken:
                break
            }
            #expect(model == .s360_67 || machine.state.ia <= 0x00FF_FFFF)
        }
        #expect(executed > 0)
    }
}
