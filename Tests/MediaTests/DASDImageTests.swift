import Media
import Testing

/// CKD and CCKD images made, written, reopened and copied (in memory and on disk).
@Suite("DASD images")
struct DASDImageTests {
    static let formats: [VolumeFormat] = [.ckd, .cckd(compression: .zlib), .cckd(compression: .bzip2), .cckd(compression: .none)]

    @Test(arguments: formats)
    func newVolumeHasLabelAndEmptyTracks(format: VolumeFormat) throws {
        let fs = SimulatedFileSystem()
        let geometry = try #require(DASDGeometry.named("3330"))
        let volume = try DASDImage.create("v", geometry: geometry, cylinders: 3, volser: "abc123", format: format, fileSystem: fs)
        #expect(volume.cylinders == 3 && volume.heads == 19 && volume.trackSize == 13312)
        let track0 = try volume.readTrack(cylinder: 0, head: 0)
        #expect(VolumeLabel.volser(inTrackZero: track0) == "ABC123")
        #expect(try volume.readTrack(cylinder: 2, head: 18) == TrackImage.empty(cylinder: 2, head: 18))
        try volume.close()
        let again = try DASDImage.open("v", readOnly: true, fileSystem: fs)
        #expect(again.format == format)
        #expect(try again.readTrack(cylinder: 0, head: 0) == track0)
        #expect(try again.usage().usedTracks == 1)
    }

    @Test(arguments: formats)
    func writesSurviveCloseAndReopen(format: VolumeFormat) throws {
        let fs = SimulatedFileSystem()
        let geometry = try #require(DASDGeometry.named("3350"))
        let volume = try DASDImage.create("v", geometry: geometry, cylinders: 2, volser: "W", format: format, fileSystem: fs)
        var expected: [Int: [UInt8]] = [:]
        for generation in 0..<4 {
            for track in stride(from: generation, to: 60, by: 3) {
                let image = TrackPatterns.image(geometry: geometry, cylinder: track / 30, head: track % 30, generation: generation)
                try volume.writeTrack(cylinder: track / 30, head: track % 30, image)
                expected[track] = image
            }
            try volume.flush()
        }
        try volume.close()
        let again = try DASDImage.open("v", readOnly: false, fileSystem: fs)
        for (track, image) in expected {
            #expect(try again.readTrack(cylinder: track / 30, head: track % 30) == image, "track \(track)")
        }
        #expect(try again.usage().usedTracks == expected.count)
        try again.close()
    }

    /// Rewriting the same tracks over and over reuses the freed space: the
    /// file does not grow with the number of rewrites.
    @Test func compressedImageReusesFreeSpace() throws {
        let fs = SimulatedFileSystem()
        let geometry = try #require(DASDGeometry.named("3350"))
        let volume = try DASDImage.create("v", geometry: geometry, cylinders: 1, volser: "W",
                                          format: .cckd(compression: .none), fileSystem: fs)
        var sizes: [Int] = []
        for generation in 0..<30 {
            for head in 0..<10 {
                try volume.writeTrack(cylinder: 0, head: head,
                                      TrackPatterns.image(geometry: geometry, cylinder: 0, head: head, generation: generation % 3))
            }
            try volume.flush()
            sizes.append(fs.contents("v")!.count)
        }
        try volume.close()
        let settled = sizes[5...]
        #expect(settled.max()! <= sizes[4] * 2, "file sizes \(sizes)")
        let again = try DASDImage.open("v", readOnly: true, fileSystem: fs)
        let usage = try again.usage()
        #expect(usage.fileBytes == fs.contents("v")!.count)
        // Each flush writes new copies before the old ones are free, so up to a copy of the rewritten tracks is free.
        #expect(usage.freeBytes <= usage.fileBytes * 2 / 3)
    }

    @Test func readOnlyVolumesRefuseWrites() throws {
        let fs = SimulatedFileSystem()
        let geometry = try #require(DASDGeometry.named("3330"))
        for format in Self.formats {
            try DASDImage.create("v", geometry: geometry, cylinders: 1, volser: "R", format: format, replace: true, fileSystem: fs).close()
            let volume = try DASDImage.open("v", readOnly: true, fileSystem: fs)
            #expect(volume.isReadOnly)
            #expect(throws: MediaError.self) {
                try volume.writeTrack(cylinder: 0, head: 1, TrackImage.empty(cylinder: 0, head: 1))
            }
        }
    }

    @Test func malformedTrackImagesAreRefusedOnWrite() throws {
        let fs = SimulatedFileSystem()
        let geometry = try #require(DASDGeometry.named("3330"))
        for format in Self.formats {
            let volume = try DASDImage.create("v", geometry: geometry, cylinders: 1, volser: "R", format: format,
                                              replace: true, fileSystem: fs)
            #expect(throws: MediaError.self, "wrong home address") {
                try volume.writeTrack(cylinder: 0, head: 1, TrackImage.empty(cylinder: 0, head: 2))
            }
            #expect(throws: MediaError.self, "too long") {
                try volume.writeTrack(cylinder: 0, head: 1, [UInt8](repeating: 0, count: 20000))
            }
            #expect(throws: MediaError.self, "beyond the volume") {
                try volume.writeTrack(cylinder: 1, head: 0, TrackImage.empty(cylinder: 1, head: 0))
            }
            try volume.close()
        }
    }

    @Test(arguments: [(VolumeFormat.ckd, VolumeFormat.cckd(compression: .zlib)),
                      (.cckd(compression: .zlib), .ckd), (.cckd(compression: .bzip2), .cckd(compression: .none))])
    func copyConvertsBetweenFormats(from: VolumeFormat, to: VolumeFormat) throws {
        let fs = SimulatedFileSystem()
        let geometry = try #require(DASDGeometry.named("3340"))
        let source = try DASDImage.create("a", geometry: geometry, cylinders: 2, volser: "COPY", format: from, fileSystem: fs)
        for track in [3, 5, 13, 23] {
            try source.writeTrack(cylinder: track / 12, head: track % 12,
                                  TrackPatterns.image(geometry: geometry, cylinder: track / 12, head: track % 12, generation: 1))
        }
        try source.flush()
        var calls = 0
        try DASDImage.copy(source, to: "b", format: to, fileSystem: fs) { done, total in
            calls += 1
            #expect(done <= total && total == 24)
        }
        #expect(calls == 24)
        let copy = try DASDImage.open("b", readOnly: true, fileSystem: fs)
        #expect(copy.geometry == source.geometry && copy.cylinders == 2)
        for c in 0..<2 {
            for h in 0..<12 {
                #expect(try copy.readTrack(cylinder: c, head: h) == source.readTrack(cylinder: c, head: h))
            }
        }
    }

    @Test func splitVolumesAreReadAcrossTheirFiles() throws {
        // Two files of a 3330 volume, as Hercules names and heads them.
        let fs = SimulatedFileSystem()
        let geometry = try #require(DASDGeometry.named("3330"))
        let trackSize = geometry.imageTrackSize
        func part(sequence: UInt8, high: Int, cylinders: Range<Int>) -> [UInt8] {
            // The 512-byte header: CKD_P370, heads and track size (little-endian),
            // type byte, file sequence, high cylinder.
            var bytes = Array("CKD_P370".utf8) + leBytes(19) + leBytes(UInt32(trackSize))
            bytes += [0x30, sequence, UInt8(high & 0xFF), UInt8(high >> 8)] + [UInt8](repeating: 0, count: 492)
            for c in cylinders {
                for h in 0..<19 {
                    let image = c == 3 && h == 4 ? TrackPatterns.image(geometry: geometry, cylinder: 3, head: 4, generation: 7)
                        : TrackImage.empty(cylinder: c, head: h)
                    bytes += image + [UInt8](repeating: 0, count: trackSize - image.count)
                }
            }
            return bytes
        }
        fs.install("dlib_1.3330", part(sequence: 1, high: 1, cylinders: 0..<2))
        fs.install("dlib_2.3330", part(sequence: 2, high: 0, cylinders: 2..<5))
        let volume = try DASDImage.open("dlib_1.3330", readOnly: false, fileSystem: fs)
        #expect(volume.cylinders == 5)
        #expect(try volume.readTrack(cylinder: 3, head: 4) == TrackPatterns.image(geometry: geometry, cylinder: 3, head: 4, generation: 7))
        try volume.writeTrack(cylinder: 4, head: 18, TrackPatterns.image(geometry: geometry, cylinder: 4, head: 18, generation: 1))
        try volume.close()
        let again = try DASDImage.open("dlib_1.3330", readOnly: true, fileSystem: fs)
        #expect(try again.readTrack(cylinder: 4, head: 18) == TrackPatterns.image(geometry: geometry, cylinder: 4, head: 18, generation: 1))
        #expect(try CKDImage.partName("/x/y.z/dlib_1.3330", part: 2) == "/x/y.z/dlib_2.3330")
        fs.install("dlib_2.3330", Array(fs.contents("dlib_2.3330")!.dropLast(100)))
        #expect(throws: MediaError.self) { try DASDImage.open("dlib_1.3330", readOnly: true, fileSystem: fs) }
    }

    @Test func volumeSerialsAreChecked() {
        #expect(throws: MediaError.self) { try VolumeLabel(volser: "TOOLONG") }
        #expect(throws: MediaError.self) { try VolumeLabel(volser: "") }
        #expect(throws: MediaError.self) { try VolumeLabel(volser: "A B") }
        #expect((try? VolumeLabel(volser: "sys#01"))?.volser == "SYS#01")
    }
}
