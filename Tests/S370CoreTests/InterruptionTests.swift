import Testing
import S370Core

// Interruptions (GA22-7000, chapter 6): external (interval timer, clock
// comparator, CPU timer, interrupt key) with the PSW and CR0 masks and
// pending conditions, I/O presentation through the layer above, restart,
// wait states, the program old PSW and ILC in BC and EC mode, and a program
// new PSW that is itself invalid. Timer tests assert what happens, never how
// long it takes.

@Suite("Interruptions")
struct InterruptionTests {
    /// BC-mode PSW first word with the external mask (bit 7) on.
    static let bcExternal: UInt32 = 0x0100_0000
    /// EC-mode PSW first word with the external mask on.
    static let ecExternal: UInt32 = 0x0108_0000
    /// A tight loop: BC 15 back to itself (base R11 = X'1000').
    static let spin = "BC 15,0(0,11)"

    /// Runs `code` until something ends it (the budget is only a safety net).
    static func runUntilInterrupted(_ m: TestMachine, _ code: String, pswHigh: UInt32) -> TestMachine.Result {
        m.gpr[11] = TestMachine.codeAddress + UInt32(asm(code).count) - 4
        return m.run(asm(code), pswHigh: pswHigh, budget: 2_000_000_000)
    }

    // MARK: Interval timer

    @Test func intervalTimerCountsDownAndInterrupts() {
        let m = TestMachine()
        m.setWord(0x50, 0x0000_0200)       // 512 units of 1/76800 s
        let r = Self.runUntilInterrupted(m, Self.spin, pswHigh: Self.bcExternal)
        #expect(r.stop == .disabledWait)
        #expect(m.machine.psw & 0xFF_FFFF == UInt64(TestMachine.externalMark))
        let old = m.double(0x18)
        #expect((old >> 32) & 0xFFFF == 0x0080, "interval timer code")
        #expect(old & 0xFF_FFFF == 0x1000, "interrupted in the loop")
        #expect(Int32(bitPattern: m.word(0x50)) < 0, "the timer went negative")
    }

    @Test func intervalTimerIsMaskedByControlRegisterZero() {
        let m = TestMachine()
        m.machine.setCR(0, 0x40)           // interrupt key only; interval timer (bit 24) off
        m.setWord(0x50, 0x0000_0001)
        m.gpr[1] = 200_000
        m.gpr[11] = 0x1000
        let r = m.run(asm("BCT 1,0(0,11)"), pswHigh: Self.bcExternal)
        #expect(r.completed, "no interval-timer interruption with CR0 bit 24 off")
        #expect(Int32(bitPattern: m.word(0x50)) <= 1, "the timer never counts up")
    }

    // MARK: Clock comparator and CPU timer

    @Test func clockComparatorInterrupts() {
        let m = TestMachine()
        m.machine.setCR(0, 0x0000_0800)    // clock-comparator subclass mask
        // The comparator is zero after reset, so the condition is there from the
        // start; move it to the far future first, with interruptions disabled.
        m.setDouble(0x808, 0xFFFF_FFFF_FFFF_FFFF)
        #expect(m.run(asm("SCKC X'808'"), pswHigh: PSWBits.ec).completed)
        m.setDouble(0x800, 0)               // a comparator long past
        let r = Self.runUntilInterrupted(m, "SCKC X'800'; " + Self.spin, pswHigh: Self.ecExternal)
        #expect(r.stop == .disabledWait)
        #expect(m.machine.psw & 0xFF_FFFF == UInt64(TestMachine.externalMark))
        #expect(m.bytes(0x86, 2) == [0x10, 0x04], "EC mode: external code at 134-135")
        #expect(m.double(0x18) & 0xFF_FFFF == 0x1004, "taken right after SCKC")
    }

    @Test func cpuTimerInterrupts() {
        let m = TestMachine()
        m.machine.setCR(0, 0x0000_0400)    // CPU-timer subclass mask
        m.setDouble(0x800, 0)               // negative after the next tick
        let r = Self.runUntilInterrupted(m, "SPT X'800'; " + Self.spin, pswHigh: Self.ecExternal)
        #expect(r.stop == .disabledWait)
        #expect(m.bytes(0x86, 2) == [0x10, 0x05])
    }

    /// Both conditions pending while disabled: enabling takes the clock
    /// comparator first (it has the higher priority), right after STOSM.
    @Test func clockComparatorComesBeforeTheCPUTimer() {
        let m = TestMachine()
        m.machine.setCR(0, 0x0000_0C00)
        m.setDouble(0x800, 0)
        m.setDouble(0x808, 0xFFFF_FFFF_0000_0000)     // a negative CPU timer
        let r = Self.runUntilInterrupted(m, "SPT X'808'; SCKC X'800'; STOSM X'810',X'01'; " + Self.spin,
                                         pswHigh: PSWBits.ec)
        #expect(r.stop == .disabledWait)
        #expect(m.bytes(0x86, 2) == [0x10, 0x04])
        #expect(m.double(0x18) & 0xFF_FFFF == 0x100C)
    }

    @Test func timerConditionsNeedTheirSubclassMasks() {
        let m = TestMachine()
        m.machine.setCR(0, 0)               // no subclass enabled
        m.setDouble(0x800, 0)
        m.gpr[1] = 100_000
        m.gpr[11] = 0x1008
        let r = m.run(asm("SCKC X'800'; SPT X'800'; BCT 1,0(0,11)"), pswHigh: Self.ecExternal)
        #expect(r.completed, "enabled in the PSW, masked in CR0: nothing taken")
    }

    // MARK: Interrupt key and pending conditions

    @Test func interruptKeyInterrupts() {
        let m = TestMachine()
        m.machine.setCR(0, 0x40)
        m.machine.requestInterruptKey()
        let r = Self.runUntilInterrupted(m, Self.spin, pswHigh: Self.bcExternal)
        #expect(r.stop == .disabledWait)
        #expect((m.double(0x18) >> 32) & 0xFFFF == 0x0040)
    }

    /// A condition that arrives while the CPU is disabled stays pending and
    /// is taken as soon as an instruction enables for it.
    @Test func pendingWhileDisabledTakenWhenEnabled() {
        let m = TestMachine()
        m.machine.setCR(0, 0x40)
        m.machine.requestInterruptKey()
        m.gpr[1] = 10_000
        m.gpr[11] = 0x1000
        let disabled = m.run(asm("BCT 1,0(0,11)"))
        #expect(disabled.completed, "disabled: the program runs to its end")
        m.store(0x800, [0x01])
        let enabled = m.run(asm("LA 2,1; SSM X'800'; LA 3,1"))
        #expect(enabled.stop == .disabledWait)
        #expect(m.machine.psw & 0xFF_FFFF == UInt64(TestMachine.externalMark))
        let old = m.double(0x18)
        #expect(old & 0xFF_FFFF == 0x1008, "taken right after SSM")
        #expect((old >> 32) & 0xFFFF == 0x0040)
        #expect(m.gpr[2] == 1 && m.gpr[3] == 0)
        // Taken once: the condition is gone.
        let again = m.run(asm("SSM X'800'"))
        #expect(again.completed)
    }

    // MARK: I/O

    @Test func ioInterruptionPendingInBCMode() {
        let m = TestMachine()
        m.machine.state.ioPendingChannels = 0x8000_0000 >> 1          // channel 1
        // Channel 1 masked off (PSW bit 1 zero): the program runs on.
        #expect(m.run(asm("LA 1,1"), pswHigh: 0x2000_0000).completed)
        // Channel 1 enabled: the loop stops for the channel layer to present it.
        let r = m.run(asm("LA 1,1"), pswHigh: 0x4000_0000)
        #expect(r.stop == .ioInterruptionPending)
        #expect(m.machine.state.ioEnabled(channel: 1))
        m.machine.state.ioPendingChannels = 0
        m.machine.presentIOInterruption(device: 0x0190)
        #expect(m.machine.run(budget: 10) == .disabledWait)
        #expect(m.machine.psw & 0xFF_FFFF == UInt64(TestMachine.ioMark))
        let old = m.double(0x38)
        #expect((old >> 32) & 0xFFFF == 0x0190, "device address as the interruption code")
        #expect(old >> 56 == 0x40, "the old PSW keeps the channel mask")
    }

    @Test func ioMasksForHigherChannelsAndECMode() {
        let m = TestMachine()
        m.machine.setCR(2, 0x0200_0000)        // channel 6 only
        let s = m.machine.state
        #expect(m.run(asm("LA 1,1"), pswHigh: 0x0200_0000).completed)
        m.machine.state.ioPendingChannels = 0x8000_0000 >> 6
        // BC mode: channel 6 needs PSW bit 6 and CR2 bit 6.
        #expect(m.run(asm("LA 1,1"), pswHigh: 0x0200_0000).stop == .ioInterruptionPending)
        m.machine.setCR(2, 0x0100_0000)
        #expect(m.run(asm("LA 1,1"), pswHigh: 0x0200_0000).completed)
        // EC mode: PSW bit 6 and the CR2 bit, for every channel.
        m.machine.setCR(2, 0x0200_0000)
        #expect(m.run(asm("LA 1,1"), pswHigh: 0x0208_0000).stop == .ioInterruptionPending)
        s.ioPendingChannels = 0
        m.machine.presentIOInterruption(device: 0x0612)
        #expect(m.machine.run(budget: 10) == .disabledWait)
        #expect(m.bytes(0xB8, 4) == [0, 0, 0x06, 0x12], "EC mode: device address at 186-187")
    }

    // MARK: Restart

    @Test func restartStoresTheCurrentPSWAtEight() {
        let m = TestMachine()
        m.setDouble(0x00, 0x0002_0000_00AB_C000)
        m.machine.loadPSW(0x0000_0000_2000_1000)
        m.machine.restart()
        #expect(m.double(0x08) == 0x0000_0000_2000_1000)
        #expect(m.machine.psw == 0x0002_0000_00AB_C000)
        // From another thread: taken when the CPU next looks.
        m.machine.loadPSW(0x0000_0000_0000_1000)
        m.store(0x1000, asm("BC 15,0(0,11)"))
        m.gpr[11] = 0x1000
        m.machine.requestRestart()
        #expect(m.machine.run(budget: 1_000_000) == .disabledWait)
        #expect(m.machine.psw == 0x0002_0000_00AB_C000)
        #expect(m.double(0x08) & 0xFF_FFFF == 0x1000)
    }

    // MARK: Wait states

    @Test(arguments: [(UInt64(0x0102_0000_0000_2000), StopReason.wait),       // BC, external enabled
                      (0x4002_0000_0000_2000, .wait),                          // BC, channel 1 enabled
                      (0x0002_0000_0000_2000, .disabledWait),                  // BC, nothing enabled
                      (0x020A_0000_0000_2000, .wait),                          // EC, I/O enabled
                      (0x000A_0000_0000_2000, .disabledWait)])                 // EC, nothing enabled
    func waitStates(_ c: (UInt64, StopReason)) {
        let m = TestMachine()
        m.machine.setCR(0, 0)      // no external subclass can fire during the test
        m.setDouble(0x800, c.0)
        let r = m.run(asm("LPSW X'800'"))
        #expect(r.stop == c.1)
        #expect(m.machine.psw == c.0)
    }

    // MARK: Program interruptions

    @Test func programOldPSWInBCMode() {
        let m = TestMachine()
        let r = m.run(asm("LA 1,1") + [0xE9, 0x00, 0, 0, 0, 0], cc: 2, programMask: 0xA)
        let old = m.double(0x28)
        #expect(r.programInterruption == 0x01)
        #expect((old >> 32) & 0xFFFF == 0x0001)
        #expect((old >> 30) & 3 == 3, "ILC 3: six bytes")
        #expect((old >> 28) & 3 == 2 && (old >> 24) & 0xF == 0xA)
        #expect(old & 0xFF_FFFF == 0x100A)
    }

    @Test func programOldPSWInECMode() {
        let m = TestMachine()
        m.gpr[3] = 1
        let r = m.run(asm("DR 3,4"), pswHigh: PSWBits.ec, cc: 1)
        let old = m.double(0x28)
        #expect(r.programInterruption == 0x06)
        #expect(m.bytes(0x8C, 4) == [0, 2, 0, 6], "ILC at 141, code at 142-143")
        #expect(old == 0x0008_1000_0000_1002, "the EC old PSW holds no code")
    }

    /// A program new PSW that is itself invalid gives a string of program
    /// interruptions; the run still returns when the budget is spent.
    @Test(arguments: [UInt64(0x8008_0000_0000_2000),   // EC PSW with bit 0 on
                      0x0000_0000_0000_2001])          // odd instruction address
    func invalidProgramNewPSWDoesNotHang(_ newPSW: UInt64) {
        let m = TestMachine()
        m.setDouble(0x68, newPSW)
        m.store(0x1000, [0x00, 0x00])
        m.machine.loadPSW(0x0000_0000_0000_1000)
        let r = m.machine.run(budget: 10_000)
        #expect(r == .budgetExhausted)
        #expect(m.machine.state.lastProgramInterruption == 0x06)
    }
}
