import Foundation
import Testing
import S370Core

extension FloatTests {
    /// The Hercules conformance test `float` (PoO appendix A examples: AE, AU,
    /// CDR, DER, HDR, MDR), run from its core image in /work/shared. The program
    /// checks itself: it ends in a disabled wait at address 0 on success, and
    /// leaves the failing test number at X'600'.
    @Suite("Hercules float.core")
    struct Conformance {
        /// `../shared/conformance/hercules-s370/float.core` relative to the package root.
        static let coreURL: URL = {
            let packageRoot = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent()   // S370CoreTests
                .deletingLastPathComponent()   // Tests
                .deletingLastPathComponent()   // package root
            return packageRoot.appendingPathComponent("../shared/conformance/hercules-s370/float.core").standardized
        }()

        static var coreAvailable: Bool { FileManager.default.fileExists(atPath: coreURL.path) }

        @Test("float.core passes (needs ../shared/conformance/hercules-s370/float.core)",
              .enabled(if: coreAvailable, "../shared/conformance/hercules-s370/float.core is missing (no /work/shared checkout next to the package); test skipped"))
        func floatCore() throws {
            let image = try [UInt8](Data(contentsOf: Self.coreURL))
            let machine = Machine(model: .s370, storageSize: 2 << 20)
            machine.storage.write(0, image)
            machine.setCR(0, 0)   // float.tst: "cr 0=00000000"
            machine.restart()
            var stop = StopReason.budgetExhausted
            for _ in 0..<100 where stop != .disabledWait {
                stop = machine.run(budget: 1_000_000)
            }
            #expect(stop == .disabledWait)
            let address = machine.psw & 0x00FF_FFFF
            #expect(address == 0, "disabled wait at \(String(address, radix: 16)) (BADCC/BADBAD/DEAD mean a failed check)")
            #expect(machine.storage.read(0x600, count: 2) == [0, 0], "test/sub-test failure flags at X'600'")
            #expect(machine.fpr(0) == 0x4CC0_C0C1_8181_8241)
            #expect(machine.fpr(2) == 0xDA20_0000_2000_0020)
            #expect(machine.fpr(4) == 0x4100_1234_5678_9ABC)
            #expect(machine.fpr(6) == 0x3F12_3456_789A_BC0F)
        }
    }
}
