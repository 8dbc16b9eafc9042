import Testing
import Terminal

/// A small deterministic generator (SplitMix64), so a failure repeats.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Garbage and mangled data streams never hurt the model: every operation
/// either succeeds or throws a DataStreamError, and the invariants hold.
@Suite("3270 data stream fuzzing")
struct FuzzTests {
    /// Bytes that are orders or order-like, to reach deeper than uniform noise.
    static let interesting: [UInt8] = [0x11, 0x1D, 0x29, 0x28, 0x2C, 0x13, 0x05, 0x3C, 0x12, 0x08, 0x00, 0x40,
                                       0x7F, 0xFF, 0xC0, 0x41, 0x42, 0x15, 0x19, 0x0C, 0x0D]

    static func garbage(_ rng: inout SplitMix, maxLength: Int) -> [UInt8] {
        let length = Int.random(in: 0...maxLength, using: &rng)
        return (0..<length).map { _ in
            Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
        }
    }

    static func checkInvariants(_ s: Screen3270) {
        #expect(s.cells.count == s.size.cellCount)
        #expect(s.cursor >= 0 && s.cursor < s.cells.count)
        #expect(s.size == .standard || s.size == s.alternateSize)
    }

    @Test(arguments: DisplayModel.allCases)
    func randomStreams(model: DisplayModel) {
        var rng = SplitMix(seed: 0x3270 + UInt64(model.rawValue))
        var screen = Screen3270(model: model, extendedDataStream: model != .model2)
        var errors = 0
        for round in 0..<4000 {
            let stream = Self.garbage(&rng, maxLength: round % 50 == 0 ? 3000 : 60)
            do {
                _ = try screen.process(stream)
            } catch {
                errors += 1
                #expect(error.offset >= 0 && error.offset <= stream.count)
                #expect(!error.description.isEmpty)
            }
            Self.checkInvariants(screen)
            _ = screen.read(.readBuffer)
            _ = screen.read(.readModified)
        }
        #expect(errors > 0)
    }

    @Test func structuredFieldNoise() {
        var rng = SplitMix(seed: 0xF3)
        var screen = Screen3270(model: .model4)
        for _ in 0..<4000 {
            var data = Self.garbage(&rng, maxLength: 40)
            if data.count >= 3, Bool.random(using: &rng) {
                // A plausible length and a known ID.
                data[0] = 0
                data[1] = UInt8(min(data.count, Int.random(in: 0...12, using: &rng)))
                data[2] = [0x01, 0x03, 0x09, 0x40].randomElement(using: &rng)!
            }
            do {
                let outcome = try screen.write(.writeStructuredField, data)
                for reply in outcome.replies { #expect(!reply.isEmpty) }
            } catch {
                #expect(error.offset >= 0 && error.offset <= data.count)
            }
            Self.checkInvariants(screen)
        }
    }

    /// Valid streams with single bytes changed or cut short.
    @Test func mutatedValidStreams() throws {
        var rng = SplitMix(seed: 0xBEEF)
        let valid: [[UInt8]] = [
            [0xF5, 0xC3, 0x1D, 0x60] + Ebcdic.bytes("NAME:") + [0x1D, 0xC1, 0x13] + sba(80) + [0x3C, 0x41, 0x50, 0x5C]
                + [0x29, 0x02, 0xC0, 0x40, 0x42, 0xF2, 0x05, 0x28, 0x41, 0xF1] + Ebcdic.bytes("X") + [0x12, 0x40, 0x40],
            [0xF1, 0xC3, 0x2C, 0x01, 0xC0, 0x60, 0x08, 0xAD, 0x05, 0x05] + sba(1900) + [0x3C, 0x40, 0x50, 0x08, 0xAD],
            [0xF3, 0x00, 0x05, 0x01, 0xFF, 0x02, 0x00, 0x0A, 0x40, 0x00, 0xF1, 0xC7] + Ebcdic.bytes("DATA"),
        ]
        var screen = Screen3270(model: .model5)
        for _ in 0..<6000 {
            var stream = valid.randomElement(using: &rng)!
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: stream[Int.random(in: 0..<stream.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1: stream = Array(stream.prefix(Int.random(in: 0...stream.count, using: &rng)))
            default: stream.insert(Self.interesting.randomElement(using: &rng)!, at: Int.random(in: 0...stream.count, using: &rng))
            }
            _ = try? screen.process(stream)
            Self.checkInvariants(screen)
        }
    }

    @Test func randomKeyboardAndWrites() {
        var rng = SplitMix(seed: 0x4B4B)
        var screen = Screen3270(model: .model3)
        for _ in 0..<20_000 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: _ = try? screen.process(Self.garbage(&rng, maxLength: 30))
            case 1: _ = screen.enter(aid: [AID.enter, .clear, .pa1, .pf(7)!].randomElement(using: &rng)!)
            case 2: screen.tab()
            case 3: screen.backtab()
            case 4: screen.moveCursor(to: Int.random(in: -5000...5000, using: &rng))
            case 5: screen.eraseToEndOfField()
            case 6: screen.eraseInput()
            case 7: screen.insertMode.toggle()
            case 8: _ = try? screen.write(.write, [0x02])
            default: screen.type(UInt8.random(in: 0x40...0xF9, using: &rng))
            }
            Self.checkInvariants(screen)
        }
    }
}
