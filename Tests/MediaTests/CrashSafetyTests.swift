import Media
import Testing

/// Power fails at every step of a flush, with the unsynced writes kept,
/// lost, reordered or torn at random. After the restart the volume opens,
/// every track holds either what it held after the last complete flush or
/// what the interrupted flush was writing (never a mix, never garbage), and
/// a flush that returned is never lost.
@Suite("Crash safety")
struct CrashSafetyTests {
    static let geometry = DASDGeometry.named("3350")!
    static let tracks = 60

    /// What the test writes: the base state (flushed), then one flush that
    /// the crash interrupts. Returns the expected contents of both states.
    struct Scenario {
        var before: [Int: [UInt8]] = [:]
        var after: [Int: [UInt8]] = [:]
    }

    static func image(_ track: Int, _ generation: Int) -> [UInt8] {
        TrackPatterns.image(geometry: geometry, cylinder: track / 30, head: track % 30, generation: generation)
    }

    /// Makes the volume, writes and flushes generation 1, then writes
    /// generation 2 (some new tracks, some rewritten, some emptied) without flushing.
    static func prepare(_ fs: SimulatedFileSystem, format: VolumeFormat) throws -> (DASDVolume, Scenario) {
        var s = Scenario()
        let volume = try DASDImage.create("v", geometry: geometry, cylinders: 2, volser: "CRASH", format: format, fileSystem: fs)
        for track in 0..<tracks { s.before[track] = try volume.readTrack(cylinder: track / 30, head: track % 30) }
        for track in stride(from: 2, to: tracks, by: 3) {
            try volume.writeTrack(cylinder: track / 30, head: track % 30, image(track, 1))
            s.before[track] = image(track, 1)
        }
        try volume.flush()
        s.after = s.before
        for track in stride(from: 4, to: tracks, by: 4) {
            let new = track % 20 == 0 ? TrackImage.empty(cylinder: track / 30, head: track % 30) : image(track, 2)
            try volume.writeTrack(cylinder: track / 30, head: track % 30, new)
            s.after[track] = new
        }
        return (volume, s)
    }

    /// Opens the volume after the crash and checks every track; returns
    /// whether the interrupted flush is fully visible.
    @discardableResult
    static func verify(_ fs: SimulatedFileSystem, _ s: Scenario, step: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let volume = try DASDImage.open("v", readOnly: false, fileSystem: fs)
        var allNew = true
        for track in 0..<tracks {
            let found = try volume.readTrack(cylinder: track / 30, head: track % 30)
            let old = s.before[track]!, new = s.after[track]!
            #expect(found == old || found == new, "step \(step): track \(track) holds neither the old nor the new image",
                    sourceLocation: sourceLocation)
            if found != new { allNew = false }
        }
        // The recovered volume keeps working: write, flush, close, reopen.
        try volume.writeTrack(cylinder: 1, head: 29, image(59, 9))
        try volume.close()
        let again = try DASDImage.open("v", readOnly: true, fileSystem: fs)
        #expect(try again.readTrack(cylinder: 1, head: 29) == image(59, 9), sourceLocation: sourceLocation)
        for track in 0..<59 {
            let found = try again.readTrack(cylinder: track / 30, head: track % 30)
            #expect(found == s.before[track]! || found == s.after[track]!, sourceLocation: sourceLocation)
        }
        return allNew
    }

    /// Counts the mutating operations of the flush under test.
    static func stepsOfFlush(format: VolumeFormat) throws -> Int {
        let fs = SimulatedFileSystem()
        let (volume, _) = try prepare(fs, format: format)
        let before = fs.operations
        try volume.flush()
        return fs.operations - before
    }

    @Test(arguments: [VolumeFormat.cckd(compression: .zlib), .cckd(compression: .none), .ckd])
    func powerFailsAtEveryStepOfAFlush(format: VolumeFormat) throws {
        let steps = try Self.stepsOfFlush(format: format)
        #expect(steps >= 4)
        var rng = SplitMix(seed: 67)
        var sawOld = false, sawNew = false
        for step in 1...steps + 1 {
            for _ in 0..<4 {
                let fs = SimulatedFileSystem()
                let (volume, scenario) = try Self.prepare(fs, format: format)
                fs.failAfter = fs.operations + step
                let completed = (try? volume.flush()) != nil
                fs.powerLoss(using: &rng)
                let allNew = try Self.verify(fs, scenario, step: step)
                if completed {
                    #expect(allNew, "step \(step): a flush that returned was lost")
                }
                if allNew { sawNew = true } else { sawOld = true }
            }
        }
        #expect(sawOld && sawNew, "the crashes should land both before and after the commit")
    }

    /// A crash while the volume is being closed (free-space chain, trim,
    /// header) loses nothing: the data was flushed first.
    @Test(arguments: [VolumeFormat.cckd(compression: .zlib), .ckd])
    func powerFailsWhileClosing(format: VolumeFormat) throws {
        var rng = SplitMix(seed: 3350)
        for step in 1...12 {
            let fs = SimulatedFileSystem()
            let (volume, scenario) = try Self.prepare(fs, format: format)
            try volume.flush()
            fs.failAfter = fs.operations + step
            try? volume.close()
            fs.powerLoss(using: &rng)
            #expect(try Self.verify(fs, scenario, step: step), "close step \(step) lost flushed data")
        }
    }

    /// Many rounds of writes and crashes on the same volume: free space is
    /// reused across restarts and nothing the committed state uses is hit.
    @Test func repeatedCrashesOnOneCompressedVolume() throws {
        let fs = SimulatedFileSystem()
        var rng = SplitMix(seed: 42)
        var committed: [Int: [UInt8]] = [:]
        let volume = try DASDImage.create("v", geometry: Self.geometry, cylinders: 2, volser: "LOOP",
                                          format: .cckd(compression: .zlib), fileSystem: fs)
        for track in 0..<Self.tracks { committed[track] = try volume.readTrack(cylinder: track / 30, head: track % 30) }
        try volume.close()
        for round in 0..<25 {
            let v = try DASDImage.open("v", readOnly: false, fileSystem: fs)
            var pending = committed
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                let track = Int.random(in: 2..<Self.tracks, using: &rng)
                let image = Self.image(track, round * 10 + Int.random(in: 0..<10, using: &rng))
                try v.writeTrack(cylinder: track / 30, head: track % 30, image)
                pending[track] = image
            }
            fs.failAfter = fs.operations + Int.random(in: 1...30, using: &rng)
            let flushed = (try? v.flush()) != nil
            if flushed { committed = pending }
            fs.powerLoss(using: &rng)
            let check = try DASDImage.open("v", readOnly: true, fileSystem: fs)
            for track in 0..<Self.tracks {
                let found = try check.readTrack(cylinder: track / 30, head: track % 30)
                #expect(found == committed[track]! || found == pending[track]!, "round \(round) track \(track)")
                committed[track] = found
            }
        }
    }

    @Test func journalsRoundTripAndTornOnesAreRejected() {
        let journal = TrackJournal(entries: [(3, [1, 2, 3]), (70, [UInt8](repeating: 9, count: 1000))])
        let bytes = journal.bytes
        #expect(TrackJournal.decode(bytes) == journal)
        for cut in [0, 10, bytes.count / 2, bytes.count - 1] {
            #expect(TrackJournal.decode(Array(bytes.prefix(cut))) == nil)
        }
        var flipped = bytes
        flipped[40] ^= 0x10
        #expect(TrackJournal.decode(flipped) == nil)
    }
}

/// A small deterministic random number generator.
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
