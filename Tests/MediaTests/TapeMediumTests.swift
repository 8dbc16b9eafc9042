import Media
import Testing

/// A reel's motion and writing, on AWS and HET files alike.
@Suite("Tape medium")
struct TapeMediumTests {
    static let layout: [Item] = [
        .block(sampleBlock(80, seed: 1)), .block(sampleBlock(4000, seed: 2)), .mark,
        .block(sampleBlock(12_976, seed: 3, compressible: false)), .mark, .mark,
    ]

    /// A fresh tape holding `layout`, rewound.
    static func tape(_ scratch: TapeScratch, _ name: String = "t.aws", format: TapeWriteFormat? = nil,
                     capacity: TapeCapacity? = nil, items: [Item] = layout) throws -> TapeMedium {
        let tape = try TapeMedium(path: scratch.path(name), create: true, format: format, capacity: capacity)
        try tape.record(items)
        tape.rewind()
        return tape
    }

    @Test(arguments: ["t.aws", "t.het"])
    func writesAndReadsBackAcrossReopening(name: String) throws {
        let scratch = TapeScratch()
        let tape = try Self.tape(scratch, name)
        #expect(try tape.readAll() == Self.layout)
        try tape.close()
        let again = try TapeMedium(path: scratch.path(name), readOnly: true)
        #expect(again.entryCount == 6)
        #expect(try again.readAll() == Self.layout)
    }

    @Test func positionQueries() throws {
        let scratch = TapeScratch()
        let tape = try Self.tape(scratch)
        #expect(tape.isAtLoadPoint && !tape.isAtEndOfData && tape.fileNumber == 1 && tape.offset == 0)
        _ = tape.spaceForward()
        #expect(!tape.isAtLoadPoint && tape.position == 1 && tape.offset == 86)
        #expect(tape.spaceFileForward() == .tapeMark)
        #expect(tape.position == 3 && tape.fileNumber == 2 && tape.followsTapeMark)
        #expect(tape.spaceFileForward() == .tapeMark)
        #expect(tape.spaceFileForward() == .tapeMark)
        #expect(tape.isAtEndOfData && tape.fileNumber == 4)
        #expect(try tape.readForward() == .endOfData && tape.position == 6, "the end of data does not move the tape")
        #expect(tape.spaceForward() == .endOfData)
        #expect(tape.spaceFileForward() == .endOfData)
    }

    @Test func movesBackward() throws {
        let scratch = TapeScratch()
        let tape = try Self.tape(scratch)
        #expect(try tape.readBackward() == .loadPoint)
        #expect(tape.spaceBackward() == .loadPoint && tape.spaceFileBackward() == .loadPoint)
        _ = tape.spaceFileForward()                        // past the first tape mark
        #expect(try tape.readBackward() == .tapeMark, "backward over the tape mark")
        #expect(try tape.readBackward() == Self.layout[1].asRecord, "data in written order")
        #expect(tape.position == 1)
        _ = tape.spaceFileForward()
        _ = tape.spaceFileForward()                        // after the second tape mark, in file 3
        #expect(tape.spaceFileBackward() == .tapeMark)
        #expect(tape.position == 4, "before the tape mark it spaced over")
        #expect(tape.spaceFileBackward() == .tapeMark && tape.position == 2)
        #expect(tape.spaceFileBackward() == .loadPoint && tape.isAtLoadPoint)
    }

    @Test func writingInTheMiddleDiscardsWhatFollows() throws {
        let scratch = TapeScratch()
        let tape = try Self.tape(scratch)
        _ = tape.spaceForward()
        let replacement = sampleBlock(100, seed: 9)
        try tape.write(replacement)
        #expect(tape.isAtEndOfData && tape.entryCount == 2)
        try tape.writeTapeMark()
        try tape.close()
        #expect(scratch.bytes(of: "t.aws").count == 86 + 106 + 6, "the file is cut at the write point")
        let again = try TapeMedium(path: scratch.path("t.aws"))
        #expect(try again.readAll() == [Self.layout[0], .block(replacement), .mark])
    }

    @Test func eraseDiscardsWhatFollows() throws {
        let scratch = TapeScratch()
        let tape = try Self.tape(scratch)
        _ = tape.spaceFileForward()
        try tape.eraseToEnd()
        #expect(tape.entryCount == 3 && tape.isAtEndOfData)
        tape.rewind()
        #expect(try tape.readAll() == Array(Self.layout.prefix(3)))
    }

    @Test func readOnlyTapeRefusesWriting() throws {
        let scratch = TapeScratch()
        try Self.tape(scratch).close()
        let tape = try TapeMedium(path: scratch.path("t.aws"), readOnly: true)
        #expect(throws: TapeMedium.WriteRefusal.readOnly) { try tape.write([1, 2, 3]) }
        #expect(throws: TapeMedium.WriteRefusal.readOnly) { try tape.writeTapeMark() }
        #expect(throws: TapeMedium.WriteRefusal.readOnly) { try tape.eraseToEnd() }
        #expect(tape.entryCount == 6)
    }

    @Test func blockLengthsAreThoseOfA3420() throws {
        let scratch = TapeScratch()
        let tape = try TapeMedium(path: scratch.path("t.aws"), create: true)
        #expect(throws: TapeMedium.WriteRefusal.badLength(0)) { try tape.write([]) }
        #expect(throws: TapeMedium.WriteRefusal.badLength(65_536)) { try tape.write([UInt8](repeating: 1, count: 65_536)) }
        try tape.write([UInt8](repeating: 7, count: 65_535))
        tape.rewind()
        #expect(try tape.readForward() == .block([UInt8](repeating: 7, count: 65_535)))
    }

    @Test func endOfTapeMarkerAndPhysicalEnd() throws {
        let scratch = TapeScratch()
        let capacity = TapeCapacity(length: 10_000, warningMargin: 3_000)
        let tape = try TapeMedium(path: scratch.path("t.aws"), create: true, capacity: capacity)
        var past: [Bool] = []
        for i in 0..<3 { past.append(try tape.write(sampleBlock(2_994, seed: UInt64(i)))) }
        #expect(past == [false, false, true], "the third block ends at 9,000, beyond the marker at 7,000")
        #expect(tape.isPastEndOfTapeMarker)
        #expect(throws: TapeMedium.WriteRefusal.endOfTape) { try tape.write(sampleBlock(2_000, seed: 4)) }
        #expect(tape.entryCount == 3, "a block that does not fit is not written")
        #expect(try tape.writeTapeMark())
        tape.rewind()
        #expect(!tape.isPastEndOfTapeMarker)
    }

    @Test func createsOnlyWhenAsked() throws {
        let scratch = TapeScratch()
        let missing = scratch.path("missing.aws")
        let error = #expect(throws: MediaError.self) { try TapeMedium(path: missing) }
        #expect(error?.file == missing)
        #expect(error?.reason.contains("create") == true)
        let blank = try TapeMedium(path: missing, create: true)
        #expect(blank.entryCount == 0 && blank.isAtLoadPoint && blank.isAtEndOfData)
        #expect(try blank.readForward() == .endOfData)
    }
}

extension Item {
    var asRecord: TapeRecord {
        switch self {
        case .block(let b): return .block(b)
        case .mark: return .tapeMark
        }
    }
}
