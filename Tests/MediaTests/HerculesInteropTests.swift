import Foundation
import Media
import Testing

/// Volumes made by Hercules 3.13's dasdinit are usable by vm67, and volumes
/// vm67 wrote pass Hercules' cckdcdsk and dasdls and read back the same
/// through Hercules' dasdcopy.
@Suite("Hercules interoperability", .serialized, .enabled(if: HerculesTools.available, HerculesTools.missingReason))
struct HerculesInteropTests {
    @Test(arguments: ["2311", "2314", "3330", "3340", "3350", "3375", "3380"])
    func ckdVolumeIsByteForByteWhatDasdinitMakes(model: String) throws {
        let dir = try ScratchDirectory()
        let geometry = try #require(DASDGeometry.named(model))
        let herc = dir.path("herc.ckd"), ours = dir.path("ours.ckd")
        let made = try HerculesTools.run("dasdinit", [herc, geometry.name, "TEST01", "3"])
        #expect(made.status == 0, "\(made.output)")
        try DASDImage.create(ours, geometry: geometry, cylinders: 3, volser: "TEST01", format: .ckd).close()
        let a = try readFile(herc), b = try readFile(ours)
        #expect(a.count == b.count)
        #expect(a == b, "vm67's \(model) image differs from dasdinit's")
    }

    @Test(arguments: ["-z", "-bz2"])
    func compressedDasdinitVolumesRead(option: String) throws {
        let dir = try ScratchDirectory()
        let geometry = try #require(DASDGeometry.named("3350"))
        let herc = dir.path("herc.cckd")
        let made = try HerculesTools.run("dasdinit", [option, herc, "3350", "HERC01", "20"])
        #expect(made.status == 0, "\(made.output)")
        let volume = try DASDImage.open(herc, readOnly: false)
        #expect(volume.geometry == geometry && volume.cylinders == 20)
        let track0 = try volume.readTrack(cylinder: 0, head: 0)
        #expect(VolumeLabel.volser(inTrackZero: track0) == "HERC01")
        #expect(track0 == (try VolumeLabel(volser: "HERC01")).trackZero())
        // dasdinit leaves tracks 2 onwards as null entries, which Hercules 3.13
        // reads as R0 and an empty R1 (format 0).
        #expect(try volume.readTrack(cylinder: 5, head: 7) == NullTrackFormat.endOfFileRecord.image(cylinder: 5, head: 7))
        // Write to it and let Hercules check the result.
        for head in 0..<30 {
            try volume.writeTrack(cylinder: 3, head: head, TrackPatterns.image(geometry: geometry, cylinder: 3, head: head, generation: 2))
        }
        try volume.close()
        for level in 0...3 {
            #expect(try HerculesTools.check(herc, level: level).filter { !$0.contains("trk[1]") && !$0.contains("0 trk images recovered") && !$0.contains("recovery not completed") } == [],
                    "cckdcdsk -\(level)")
        }
    }

    /// vm67 writes a compressed volume; cckdcdsk finds nothing wrong at any
    /// level, and dasdcopy (Hercules reading it) gives back the same tracks.
    @Test(arguments: [TrackCompression.zlib, .bzip2, .none])
    func vm67CompressedVolumesPassCckdcdskAndReadBackInHercules(compression: TrackCompression) throws {
        let dir = try ScratchDirectory()
        let geometry = try #require(DASDGeometry.named("3350"))
        let ours = dir.path("ours.cckd")
        let volume = try DASDImage.create(ours, geometry: geometry, cylinders: 12, volser: "VM67CK",
                                          format: .cckd(compression: compression))
        var written: [Int: [UInt8]] = [:]
        // Several flushes that rewrite tracks, so the file has reused and free space.
        for generation in 0..<5 {
            for track in stride(from: 2 + generation * 7, to: 360, by: 11) {
                let image = TrackPatterns.image(geometry: geometry, cylinder: track / 30, head: track % 30, generation: generation)
                try volume.writeTrack(cylinder: track / 30, head: track % 30, image)
                written[track] = image
            }
            try volume.flush()
        }
        try volume.writeTrack(cylinder: 1, head: 1, TrackImage.empty(cylinder: 1, head: 1))
        written[31] = TrackImage.empty(cylinder: 1, head: 1)
        let vtoc = TrackPatterns.emptyVTOC(geometry: geometry, cylinders: 12)
        try volume.writeTrack(cylinder: 0, head: 1, vtoc)
        written[1] = vtoc
        try volume.close()
        for level in 0...3 {
            #expect(try HerculesTools.check(ours, level: level) == [], "cckdcdsk -\(level) on a volume vm67 wrote")
        }
        let plain = dir.path("plain.ckd")
        let copied = try HerculesTools.run("dasdcopy", ["-q", "-o", "CKD", ours, plain])
        #expect(copied.status == 0, "\(copied.output)")
        let hercules = try DASDImage.open(plain, readOnly: true)
        let again = try DASDImage.open(ours, readOnly: true)
        for cylinder in 0..<12 {
            for head in 0..<30 {
                let mine = try again.readTrack(cylinder: cylinder, head: head)
                #expect(try hercules.readTrack(cylinder: cylinder, head: head) == mine, "track \(cylinder)/\(head)")
                if let image = written[cylinder * 30 + head] { #expect(mine == image) }
            }
        }
        let listing = try HerculesTools.run("dasdls", [ours])
        #expect(listing.output.contains("VOLSER=VM67CK") && !listing.output.contains("not found"), "\(listing.output)")
    }

    /// A real volume (the CMS 191 minidisk) copied by vm67 in both formats:
    /// dasdls lists it and cckdcdsk checks it clean.
    @Test func copiedCMSVolumePassesDasdlsAndCckdcdsk() throws {
        guard let source = SharedFiles.require("guests/cms-r6/cmsuser_191.cckd") else { return }
        let dir = try ScratchDirectory()
        let volume = try DASDImage.open(source.path, readOnly: true)
        #expect(VolumeLabel.volser(inTrackZero: try volume.readTrack(cylinder: 0, head: 0)) == nil, "a CMS disk has CMS=, not VOL1")
        let compressed = dir.path("191.cckd"), plain = dir.path("191.3350")
        try DASDImage.copy(volume, to: compressed, format: .cckd(compression: .zlib))
        try DASDImage.copy(volume, to: plain, format: .ckd)
        for file in [compressed, plain] {
            let listing = try HerculesTools.run("dasdls", [file])
            #expect(listing.output.contains("VOLSER=CMS191"), "\(listing.output)")
        }
        #expect(try HerculesTools.check(compressed, level: 3) == [])
        // Hercules' own conversion of the original gives the same plain image as ours.
        let herc = dir.path("herc.3350")
        #expect(try HerculesTools.run("dasdcopy", ["-q", "-o", "CKD", source.path, herc]).status == 0)
        let theirs = try DASDImage.open(herc, readOnly: true), mine = try DASDImage.open(plain, readOnly: true)
        for cylinder in stride(from: 0, to: volume.cylinders, by: 7) {
            for head in 0..<30 {
                #expect(try theirs.readTrack(cylinder: cylinder, head: head) == mine.readTrack(cylinder: cylinder, head: head))
            }
        }
    }

    /// cckdswap turns an image big-endian; vm67 reads and writes it as such.
    @Test func bigEndianImagesAreReadAndWritten() throws {
        guard HerculesTools.path("cckdswap") != nil else { return }
        let dir = try ScratchDirectory()
        let file = dir.path("swap.cckd")
        #expect(try HerculesTools.run("dasdinit", ["-z", file, "3330", "SWAP01", "4"]).status == 0)
        #expect(try HerculesTools.run("cckdswap", [file]).status == 0)
        #expect((try readFile(file))[515] & 0x02 != 0, "cckdswap set the big-endian option")
        let volume = try DASDImage.open(file, readOnly: false)
        #expect(VolumeLabel.volser(inTrackZero: try volume.readTrack(cylinder: 0, head: 0)) == "SWAP01")
        let geometry = volume.geometry
        try volume.writeTrack(cylinder: 2, head: 2, TrackPatterns.image(geometry: geometry, cylinder: 2, head: 2, generation: 3))
        try volume.close()
        #expect((try readFile(file))[515] & 0x02 != 0, "still big-endian")
        #expect(try HerculesTools.check(file, level: 2) == [])
        let again = try DASDImage.open(file, readOnly: true)
        #expect(try again.readTrack(cylinder: 2, head: 2) == TrackPatterns.image(geometry: geometry, cylinder: 2, head: 2, generation: 3))
    }
}
