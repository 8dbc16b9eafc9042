import Channel
import Devices
import Media
import Terminal
import Testing

/// Random commands and data never hurt a device: every command finishes
/// (or, for a write that asks for a reply, is finished through the port).
@Suite("Unit record and 3270 device fuzzing")
struct DeviceFuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static func devices() -> [ChannelDevice] {
        [Printer(type: 0x1403, output: MemoryOutput()), Printer(type: 0x3211, output: MemoryOutput()),
         CardPunch(type: 0x2540, output: MemoryOutput()), CardPunch(type: 0x3525, output: MemoryOutput(), format: .ascii),
         Display3270(type: 0x3278, model: .model5), Display3270(type: 0x3277), Printer3286(output: MemoryOutput())]
    }

    @Test func randomCommandsThroughTheChannel() {
        var rng = Generator(state: 1403)
        for device in Self.devices() {
            let bench = ChannelBench(device)
            for _ in 0..<1500 {
                let code = UInt8.random(in: 1...255, using: &rng)
                guard CommandKind(code: code) != .transferInChannel && CommandKind(code: code) != .invalid else { continue }
                let length = Int.random(in: 1...300, using: &rng)
                let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let end = bench.run(code, data: data, count: length)
                #expect(end.startCC <= 1)
                if let display = device as? Display3270, Bool.random(using: &rng) {
                    display.press([AID.enter, .clear, .pa2, .pf(24)!].randomElement(using: &rng)!)
                    display.type("xyz")
                    _ = bench.pendingStatus()
                }
            }
        }
    }
}
