import Media

/// Deterministic track contents for tests: the records of a track depend
/// on (seed, track, generation), so a test can tell which write a track
/// holds after a crash.
enum TrackPatterns {
    /// A track with R0 and a few records whose keys and data come from the seed.
    static func image(geometry: DASDGeometry, cylinder: Int, head: Int, generation: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(cylinder * 1000 + head) &* 0xBF58_476D_1CE4_E5B9 &+ UInt64(generation)
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let count = Int(next() % 6) + 1
        var records = [TrackImage.Record(cylinder: UInt16(cylinder), head: UInt16(head), record: 0,
                                         data: [UInt8](repeating: 0, count: 8))]
        var sizes: [(keyLength: Int, dataLength: Int)] = []
        for r in 1...count {
            let keyLength = next() % 3 == 0 ? 8 : 0
            var dataLength = Int(next() % UInt64(geometry.maximumRecordLength / (count + 1)))
            while !geometry.fits(sizes + [(keyLength, dataLength)]) && dataLength > 0 { dataLength /= 2 }
            sizes.append((keyLength, dataLength))
            let fill = UInt8(truncatingIfNeeded: next())
            // Compressible but not trivially: a repeating ramp with the generation in it.
            let data = (0..<dataLength).map { UInt8(truncatingIfNeeded: ($0 / 7) &+ Int(fill) &+ generation) }
            let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &+ r &+ generation) }
            records.append(TrackImage.Record(cylinder: UInt16(cylinder), head: UInt16(head), record: UInt8(r),
                                             key: key, data: data))
        }
        return TrackImage.build(cylinder: cylinder, head: head, records: records)
    }

    /// Cylinder 0 head 1 holding an empty VTOC (a format-4 and a format-5
    /// DSCB and ten empty ones), as dasdinit builds for Linux volumes, so
    /// that dasdls can list the volume.
    static func emptyVTOC(geometry: DASDGeometry, cylinders: Int) -> [UInt8] {
        var f4 = [UInt8](repeating: 0, count: 96)
        f4[0] = 0xF4
        f4[7] = 10                                          // DSCBs in the VTOC
        f4[15] = 1                                          // one VTOC extent
        f4[18] = UInt8(cylinders >> 8); f4[19] = UInt8(cylinders & 0xFF)
        f4[20] = 0; f4[21] = UInt8(geometry.heads)
        f4[22] = UInt8(geometry.trackCapacity >> 8); f4[23] = UInt8(geometry.trackCapacity & 0xFF)
        f4[27] = 0x30
        f4[30] = 0x0C
        f4[61] = 0x01; f4[66] = 0x01; f4[70] = 0x01          // the VTOC is track 0/1
        var f5key = [UInt8](repeating: 0, count: 44)
        f5key[0] = 5; f5key[1] = 5; f5key[2] = 5; f5key[3] = 5
        var f5 = [UInt8](repeating: 0, count: 96)
        f5[0] = 0xF5
        var records = [TrackImage.Record(cylinder: 0, head: 1, record: 0, data: [UInt8](repeating: 0, count: 8)),
                       TrackImage.Record(cylinder: 0, head: 1, record: 1, key: [UInt8](repeating: 4, count: 44), data: f4),
                       TrackImage.Record(cylinder: 0, head: 1, record: 2, key: f5key, data: f5)]
        for r in 3...12 {
            records.append(TrackImage.Record(cylinder: 0, head: 1, record: UInt8(r), key: [UInt8](repeating: 0, count: 44),
                                             data: [UInt8](repeating: 0, count: 96)))
        }
        return TrackImage.build(cylinder: 0, head: 1, records: records)
    }
}

/// Little-endian helpers for building and patching image bytes in tests.
func leBytes(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
func le32(_ b: [UInt8], _ at: Int) -> UInt32 {
    UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
}
