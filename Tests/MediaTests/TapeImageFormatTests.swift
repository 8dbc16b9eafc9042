import Media
import Testing

/// The bytes of AWS and HET files, and what vm67 refuses.
@Suite("Tape image format")
struct TapeImageFormatTests {
    /// A chunk header as bytes.
    static func header(_ length: Int, _ previous: Int, _ flags: UInt8, _ flags2: UInt8 = 0) -> [UInt8] {
        TapeChunkHeader(length: length, previousLength: previous, flags: TapeChunkFlags(rawValue: flags), flags2: flags2).bytes
    }

    @Test func headerLayoutIsLittleEndian() {
        let h = TapeChunkHeader(length: 0x1234, previousLength: 0xABCD, flags: [.beginsBlock, .endsBlock])
        #expect(h.bytes == [0x34, 0x12, 0xCD, 0xAB, 0xA0, 0x00])
        #expect(TapeChunkHeader(h.bytes) == h)
        #expect(TapeChunkHeader.tapeMark(previousLength: 80).bytes == [0, 0, 80, 0, 0x40, 0])
    }

    @Test func awsFileIsExactlyWhatTheFormatSays() throws {
        let scratch = TapeScratch()
        let tape = try TapeMedium(path: scratch.path("t.aws"), create: true)
        try tape.write([0xC1, 0xC2, 0xC3])
        try tape.writeTapeMark()
        try tape.write([0xF1])
        try tape.close()
        let expected = Self.header(3, 0, 0xA0) + [0xC1, 0xC2, 0xC3] + Self.header(0, 3, 0x40)
            + Self.header(1, 0, 0xA0) + [0xF1]
        #expect(scratch.bytes(of: "t.aws") == expected)
    }

    @Test(arguments: [TapeCompression.zlib, .bzip2])
    func hetCompressesWhatShrinks(method: TapeCompression) throws {
        let scratch = TapeScratch()
        let text = sampleBlock(8_000, seed: 5)
        let noise = sampleBlock(300, seed: 6, compressible: false)
        let tape = try TapeMedium(path: scratch.path("t.het"), create: true, format: TapeWriteFormat(compression: method))
        try tape.write(text)
        try tape.write(noise)
        try tape.close()
        let bytes = scratch.bytes(of: "t.het")
        let first = TapeChunkHeader(bytes)
        #expect(first.compression == method)
        #expect(first.length < 8_000 / 4)
        let second = TapeChunkHeader(bytes[(6 + first.length)...])
        #expect(second.compression == TapeCompression.none, "noise is stored as it is")
        #expect(second.length == 300 && second.previousLength == first.length)
        let again = try TapeMedium(path: scratch.path("t.het"))
        #expect(try again.readAll() == [.block(text), .block(noise)])
    }

    @Test(arguments: [TapeCompression.none, .zlib])
    func longBlocksAreSplitIntoChunks(method: TapeCompression) throws {
        let scratch = TapeScratch()
        let block = sampleBlock(20_000, seed: 7, compressible: false)
        let format = TapeWriteFormat(compression: method, chunkSize: 4096)
        let tape = try TapeMedium(path: scratch.path("t.het"), create: true, format: format)
        try tape.write(block)
        try tape.writeTapeMark()
        try tape.close()
        let bytes = scratch.bytes(of: "t.het")
        var flags: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let h = TapeChunkHeader(bytes[i...])
            flags.append(h.flags.rawValue)
            i += 6 + h.length
        }
        #expect(flags == [0x80, 0x00, 0x00, 0x00, 0x20, 0x40], "BOR, three middle chunks, EOR, tape mark")
        let again = try TapeMedium(path: scratch.path("t.het"))
        #expect(try again.readAll() == [.block(block), .mark])
        #expect(try again.readBackward() == .tapeMark)
        #expect(try again.readBackward() == .block(block))
    }

    @Test func readsBusTechZlibBlocks() throws {
        let scratch = TapeScratch()
        let block = sampleBlock(1_000, seed: 8)
        let packed = Compression.deflate(block)
        let path = scratch.write(Self.header(packed.count, 0, 0xA0, 0x80) + packed, to: "bustech.aws")
        #expect(try TapeMedium(path: path).readAll() == [.block(block)])
    }

    @Test func aZeroLengthBlockReadsAsATapeMark() throws {
        let scratch = TapeScratch()
        let path = scratch.write(Self.header(0, 0, 0xA0) + Self.header(2, 0, 0xA0) + [1, 2], to: "t.aws")
        #expect(try TapeMedium(path: path).readAll() == [.mark, .block([1, 2])])
    }

    /// Files that are not tapes, each with the reason vm67 gives.
    static let corrupt: [(String, [UInt8], String)] = [
        ("previous length wrong", header(2, 0, 0xA0) + [1, 2] + header(2, 7, 0xA0) + [3, 4], "previous chunk is 7 bytes long, but it is 2"),
        ("no beginning", header(2, 0, 0x20) + [1, 2], "continues a block that never began"),
        ("two beginnings", header(2, 0, 0x80) + [1, 2] + header(2, 2, 0xA0) + [3, 4], "a new block begins before"),
        ("mark in a block", header(2, 0, 0x80) + [1, 2] + header(0, 2, 0x40), "a tape mark inside the block"),
        ("mark with data", header(3, 0, 0x40) + [1, 2, 3], "a tape mark with 3 bytes of data"),
        ("method 3", header(2, 0, 0xA3) + [1, 2], "unknown compression"),
        ("both compression bytes", header(2, 0, 0xA1, 0x80) + [1, 2], "unknown compression"),
        ("mixed compression", header(2, 0, 0x81) + [1, 2] + header(2, 2, 0x20) + [3, 4], "compression differs"),
        ("oversized block", header(0xFFFF, 0, 0x80) + [UInt8](repeating: 0, count: 0xFFFF) + header(1, 0xFFFF, 0x20) + [0],
         "more than 65535 bytes"),
    ]

    @Test func refusesCorruptFilesWithTheReason() {
        let scratch = TapeScratch()
        for (name, bytes, reason) in Self.corrupt {
            let path = scratch.write(bytes, to: "bad.aws")
            let error = #expect(throws: MediaError.self, "\(name)") { try TapeMedium(path: path) }
            #expect(error?.file == path, "\(name)")
            #expect(error?.reason.contains(reason) == true, "\(name): \(error?.reason ?? "no error")")
        }
    }

    /// A write cut off by a crash: the last block is incomplete.
    static let torn: [(String, [UInt8])] = [
        ("inside a header", header(2, 0, 0xA0) + [1, 2] + [2, 0, 2]),
        ("inside the data", header(2, 0, 0xA0) + [1, 2] + header(5, 2, 0xA0) + [1, 2]),
        ("no last chunk", header(2, 0, 0xA0) + [1, 2] + header(1, 2, 0x80) + [9]),
    ]

    @Test func refusesTornTailsUnlessAskedToRepair() throws {
        let scratch = TapeScratch()
        for (name, bytes) in Self.torn {
            let path = scratch.write(bytes, to: "torn.aws")
            let error = #expect(throws: MediaError.self, "\(name)") { try TapeMedium(path: path) }
            #expect(error?.reason.hasPrefix("truncated") == true, "\(name): \(error?.reason ?? "")")
            #expect(error?.reason.contains("repair") == true, "\(name)")
            let repaired = try TapeMedium(path: path, repair: true)
            #expect(try repaired.readAll() == [.block([1, 2])], "\(name)")
            try repaired.write([3])
            try repaired.close()
            #expect(try TapeMedium(path: path, readOnly: true).readAll() == [.block([1, 2]), .block([3])], "\(name)")
        }
    }

    @Test func repairLeavesAnythingLongerThanOneBlockAlone() throws {
        let scratch = TapeScratch()
        // A "chunk" claiming 60,000 bytes at the start of 100,000 bytes of
        // something else: no torn write looks like that.
        let bytes = Self.header(60_000, 0, 0x80) + [UInt8](repeating: 0, count: 100_000)
        let path = scratch.write(bytes, to: "big.aws")
        #expect(throws: MediaError.self) { try TapeMedium(path: path, repair: true) }
        #expect(scratch.bytes(of: "big.aws").count == bytes.count, "nothing was cut")
    }

    @Test func corruptCompressedDataIsAReadErrorNotAMountError() throws {
        let scratch = TapeScratch()
        let good = Compression.deflate(sampleBlock(500, seed: 1))
        var bad = good
        bad[bad.count / 2] ^= 0xFF
        let bytes = Self.header(bad.count, 0, 0xA1) + bad + Self.header(good.count, bad.count, 0xA1) + good
        let path = scratch.write(bytes, to: "t.het")
        let tape = try TapeMedium(path: path)
        let error = #expect(throws: MediaError.self) { try tape.readForward() }
        #expect(error?.reason.contains("zlib data is corrupt") == true)
        #expect(tape.position == 1, "the bad block was passed, as on a real tape")
        #expect(try tape.readForward() == .block(sampleBlock(500, seed: 1)))
    }

    @Test func refusesWhatIsNotAFile() {
        let scratch = TapeScratch()
        let error = #expect(throws: MediaError.self) { try TapeMedium(path: scratch.url.path, readOnly: true) }
        #expect(error?.reason.contains("not a regular file") == true)
    }

    @Test func writeFormatOptions() throws {
        #expect(try TapeWriteFormat.from(path: "x.het", format: nil, compress: nil) == .het)
        #expect(try TapeWriteFormat.from(path: "x.aws", format: nil, compress: nil) == .aws)
        #expect(try TapeWriteFormat.from(path: "x.aws", format: "het", compress: "bzip2").compression == .bzip2)
        #expect(throws: MediaError.self) { try TapeWriteFormat.from(path: "x", format: "oma", compress: nil) }
        #expect(throws: MediaError.self) { try TapeWriteFormat.from(path: "x", format: nil, compress: "lzw") }
    }
}
