import Media
import Testing

/// Damaged tape images: whatever the bytes, opening and moving the tape
/// either works or ends in a MediaError naming the file; never a crash.
@Suite("Tape image fuzzing")
struct TapeFuzzTests {
    /// A valid tape to damage: plain, zlib, bzip2 and chunked blocks, tape marks.
    static func original(_ scratch: TapeScratch) throws -> [UInt8] {
        let plain = try TapeMedium(path: scratch.path("orig.het"), create: true, format: .aws)
        try plain.record([.block(sampleBlock(300, seed: 1)), .mark])
        try plain.close()
        let chunked = TapeWriteFormat(compression: .zlib, chunkSize: 4096)
        let tape = try TapeMedium(path: scratch.path("orig.het"), format: chunked)
        _ = tape.spaceFileForward()
        try tape.record([.block(sampleBlock(9_000, seed: 2)), .block(sampleBlock(5_000, seed: 3, compressible: false))])
        try tape.close()
        let bz = try TapeMedium(path: scratch.path("orig.het"), format: TapeWriteFormat(compression: .bzip2))
        _ = bz.spaceFileForward()
        _ = bz.spaceForward()
        _ = bz.spaceForward()
        try bz.record([.block(sampleBlock(2_000, seed: 4)), .mark, .mark])
        try bz.close()
        return scratch.bytes(of: "orig.het")
    }

    /// Everything a drive could do to a reel, none of which may crash.
    static func exercise(_ path: String) {
        do {
            let tape = try TapeMedium(path: path, repair: true)
            for _ in 0..<50 {
                do {
                    if case .endOfData = try tape.readForward() { break }
                } catch let error as MediaError {
                    #expect(error.file == path)
                }
            }
            for _ in 0..<50 {
                do {
                    if case .loadPoint = try tape.readBackward() { break }
                } catch let error as MediaError {
                    #expect(error.file == path)
                }
            }
            _ = tape.spaceFileForward()
            _ = tape.spaceFileBackward()
            _ = tape.spaceForward()
            _ = try? tape.write([1, 2, 3])
            tape.rewind()
            _ = try? tape.readForward()
        } catch let error as MediaError {
            #expect(error.file == path)
            #expect(!error.reason.isEmpty)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func randomByteDamage() throws {
        let scratch = TapeScratch("fuzz")
        let original = try Self.original(scratch)
        var random = SeededRandom(seed: 0x7A9E)
        for round in 0..<400 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 6)) {
                let i = Int(random.next() % UInt64(bytes.count))
                bytes[i] = UInt8(truncatingIfNeeded: random.next())
            }
            let path = scratch.write(bytes, to: "fuzz\(round % 4).het")
            Self.exercise(path)
        }
    }

    @Test func everyTruncation() throws {
        let scratch = TapeScratch("fuzz")
        let original = try Self.original(scratch)
        // Every cut in the headers' neighbourhood, and a stride through the data.
        for cut in stride(from: 0, to: original.count, by: 7) {
            let path = scratch.write(Array(original.prefix(cut)), to: "cut.het")
            Self.exercise(path)
        }
    }

    @Test func randomFiles() {
        let scratch = TapeScratch("fuzz")
        var random = SeededRandom(seed: 42)
        for round in 0..<300 {
            let length = Int(random.next() % 200)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Some with plausible headers, to get past the first check.
            if round % 2 == 0 && bytes.count >= 6 {
                bytes[1] = 0; bytes[2] = 0; bytes[3] = 0
                bytes[0] = UInt8(min(bytes.count - 6, Int(bytes[0])))
                bytes[4] = [0xA0, 0xA1, 0xA2, 0x40, 0x80][Int(random.next() % 5)]
            }
            Self.exercise(scratch.write(bytes, to: "random.aws"))
        }
    }
}
