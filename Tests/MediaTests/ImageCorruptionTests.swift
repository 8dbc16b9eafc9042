import Media
import Testing

/// Corrupt and truncated images are refused with the file name and the
/// reason; random damage never crashes the readers.
@Suite("Corrupt images")
struct ImageCorruptionTests {
    static let geometry = DASDGeometry.named("3330")!

    /// A small valid image of `format` with a few written tracks, as bytes.
    static func validImage(_ format: VolumeFormat) throws -> [UInt8] {
        let fs = SimulatedFileSystem()
        let volume = try DASDImage.create("v", geometry: geometry, cylinders: 2, volser: "FUZZ", format: format, fileSystem: fs)
        for track in [1, 5, 6, 20, 37] {
            try volume.writeTrack(cylinder: track / 19, head: track % 19,
                                  TrackPatterns.image(geometry: geometry, cylinder: track / 19, head: track % 19, generation: track))
        }
        try volume.close()
        return fs.contents("v")!
    }

    /// Opens `bytes` as an image and reads (and, if writable, writes) every
    /// track; returns the first error's text, or nil if all went well.
    static func exercise(_ bytes: [UInt8], readOnly: Bool) -> String? {
        let fs = SimulatedFileSystem()
        fs.install("damaged.img", bytes)
        do {
            let volume = try DASDImage.open("damaged.img", readOnly: readOnly, fileSystem: fs)
            for c in 0..<volume.cylinders {
                for h in 0..<volume.heads { _ = try volume.readTrack(cylinder: c, head: h) }
            }
            _ = try volume.usage()
            if !readOnly {
                try volume.writeTrack(cylinder: 0, head: 2, TrackPatterns.image(geometry: volume.geometry, cylinder: 0, head: 2, generation: 99))
                try volume.close()
                _ = try DASDImage.open("damaged.img", readOnly: true, fileSystem: fs).readTrack(cylinder: 0, head: 2)
            }
            return nil
        } catch let error as MediaError {
            #expect(error.file == "damaged.img", "the error names the file: \(error)")
            #expect(!error.reason.isEmpty)
            return error.reason
        } catch {
            Issue.record("unexpected error type: \(error)")
            return "\(error)"
        }
    }

    @Test(arguments: [VolumeFormat.cckd(compression: .zlib), .cckd(compression: .bzip2), .cckd(compression: .none), .ckd])
    func randomDamageNeverCrashes(format: VolumeFormat) throws {
        let original = try Self.validImage(format)
        #expect(Self.exercise(original, readOnly: false) == nil)
        var rng = SplitMix(seed: 1403)
        var refused = 0
        for round in 0..<400 {
            var bytes = original
            switch round % 4 {
            case 0:
                bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &rng)...)
            case 1:
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    // Mostly the headers and tables, where damage matters most.
                    let limit = Bool.random(using: &rng) ? min(bytes.count, 4096) : bytes.count
                    bytes[Int.random(in: 0..<limit, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            case 2:
                let at = Int.random(in: 0..<bytes.count - 4, using: &rng)
                let value = [UInt32(0), 0xFFFF_FFFF, UInt32(bytes.count), UInt32.random(in: 0...UInt32(bytes.count * 2), using: &rng)]
                    .randomElement(using: &rng)!
                bytes.replaceSubrange(at..<at + 4, with: leBytes(value))
            default:
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.replaceSubrange(at..<min(bytes.count, at + 64), with: [UInt8](repeating: 0xFF, count: min(64, bytes.count - at)))
            }
            if Self.exercise(bytes, readOnly: round % 3 == 0) != nil { refused += 1 }
        }
        #expect(refused > 50, "most damage is noticed")
    }

    @Test func compressedImageDefectsAreNamed() throws {
        let original = try Self.validImage(.cckd(compression: .zlib))
        func damaged(_ change: (inout [UInt8]) -> Void) -> String? {
            var bytes = original
            change(&bytes)
            return Self.exercise(bytes, readOnly: true)
        }
        #expect(damaged { $0.removeSubrange(600...) }?.contains("truncated") == true)
        #expect(damaged { $0[0] = 0x41 }?.contains("not a Hercules CKD volume") == true)
        #expect(damaged { $0.replaceSubrange(512 + 40..<512 + 44, with: [0, 0, 0, 0]) }?.contains("cylinders") == true)
        #expect(damaged { $0[512 + 45] = 7 }?.contains("compression code") == true)
        // Point the first level-1 entry past the end of the file.
        #expect(damaged { $0.replaceSubrange(1024..<1028, with: leBytes(UInt32($0.count))) }?.contains("outside the file") == true)
        // Point the first level-2 table at the headers: it overlaps them.
        #expect(damaged { $0.replaceSubrange(1024..<1028, with: leBytes(600)) }?.contains("outside the file") == true)
        // Find track 1's image and damage it in three ways.
        let level2 = Int(le32(original, 1024))
        let track1 = Int(le32(original, level2 + 8))
        #expect(damaged { $0[track1] = 9 }?.contains("compression code") == true)
        #expect(damaged { $0[track1 + 2] ^= 0x40 }?.contains("home address") == true)
        #expect(damaged { $0[track1 + 20] ^= 0xFF }?.contains("corrupt") == true)
        // Two tracks at the same place.
        #expect(damaged { $0.replaceSubrange(level2 + 40..<level2 + 48, with: Array($0[level2 + 8..<level2 + 16])) }?.contains("overlaps") == true)
    }

    @Test func plainImageDefectsAreNamed() throws {
        let original = try Self.validImage(.ckd)
        let trackSize = Self.geometry.imageTrackSize
        func damaged(_ change: (inout [UInt8]) -> Void) -> String? {
            var bytes = original
            change(&bytes)
            return Self.exercise(bytes, readOnly: true)
        }
        #expect(damaged { $0.removeLast(100) }?.contains("whole number") == true)
        #expect(damaged { $0.removeSubrange(100...) }?.contains("truncated") == true)
        #expect(damaged { $0[8] = 0 }?.contains("heads") == true)
        #expect(damaged { $0[16] = 0x99 }?.contains("unknown device type") == true)
        #expect(damaged { $0[512 + trackSize * 3 + 4] = 7 }?.contains("home address") == true)
        #expect(damaged { $0.replaceSubrange(512 + trackSize * 3 + 5 + 6..<512 + trackSize * 3 + 5 + 8, with: [0xFF, 0xF0]) }?
            .contains("runs past the end of the track") == true)
    }

    @Test func journalDamageNeverCrashes() {
        let journal = TrackJournal(entries: [(1, [UInt8](repeating: 1, count: 300)), (2, [5, 6])]).bytes
        var rng = SplitMix(seed: 9)
        for _ in 0..<2000 {
            var bytes = journal
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &rng)) }
            _ = TrackJournal.decode(bytes)
        }
    }
}
