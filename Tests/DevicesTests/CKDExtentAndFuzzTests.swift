import Channel
import Devices
import Media
import Testing

/// Minidisk extents, the catalog rows, and random channel programs.
@Suite("CKD DASD: extents, catalog, fuzz")
struct CKDExtentAndFuzzTests {
    @Test func anExtentLooksLikeASmallVolume() throws {
        let store = TestVolume.store("3350", cylinders: 10)
        try store.writeTrack(cylinder: 4, head: 2, TestVolume.track(4, 2, records: 2))
        let d = try CKDDasd(geometry: DASDGeometry.named("3350")!, store: store, extent: CKDExtent(firstCylinder: 3, cylinders: 4))
        #expect(d.cylinders == 4)
        let ch = MiniChannel(device: d)
        // Virtual cylinder 1 is real cylinder 4; count fields and home addresses read relative to the extent.
        let end = ch.run([MiniChannel.seek(1, 2), .input(0x1A, count: 5), .input(0x12, count: 8),
                          .output(0x31, MiniChannel.id(1, 2, 2)), .tic(3), .input(0x06, count: 200)])
        #expect(end.status == .done)
        #expect(end.input[1] == [0, 0, 1, 0, 2])
        #expect(end.input[2] == MiniChannel.count(1, 2, 1, key: 0, data: 100))
        #expect(end.input[5] == [UInt8](repeating: 0x42, count: 200))
        // Seeks outside the extent are rejected like seeks past the end of a drive.
        #expect(ch.single(MiniChannel.seek(4, 0)).status.contains(.unitCheck))
        #expect(ch.sense()[0] == 0x80)
        // Writes land on the real cylinder with real cylinder numbers.
        let write = ch.run([MiniChannel.seek(3, 0), .output(0x31, MiniChannel.id(3, 0, 0)), .tic(1),
                            .output(0x1D, MiniChannel.count(3, 0, 1, key: 0, data: 2) + [1, 2])])
        #expect(write.status == .done)
        let records = try #require(TrackImage.records(try store.readTrack(cylinder: 6, head: 0)))
        #expect(records[1].cylinder == 6 && records[1].data == [1, 2])
        #expect(ch.run([.input(0x13, count: 1, sli: true), .input(0x1A, count: 5)]).input[1] == [0, 0, 0, 0, 0], "recalibrate to the extent's start")
        #expect(throws: DeviceConfigurationError.self) {
            try CKDDasd(geometry: DASDGeometry.named("3350")!, store: store, extent: CKDExtent(firstCylinder: 8, cylinders: 3))
        }
    }

    @Test func everyModelHasACatalogRowThatOpensItsVolumes() throws {
        let files = HostFilesForTests()
        defer { files.cleanUp() }
        for geometry in DASDGeometry.all {
            let entry = try #require(DeviceCatalog.entry(named: geometry.name), "\(geometry.name)")
            #expect(entry.deviceClass == .dasd && entry.typeCode == geometry.deviceType)
            for alias in geometry.aliases { #expect(DeviceCatalog.entry(named: alias) != nil, "\(alias)") }
        }
        let path = files.path("cat.3330")
        try DASDImage.create(path, geometry: DASDGeometry.named("3330")!, cylinders: 3, volser: "CAT", format: .ckd).close()
        let entry = try #require(DeviceCatalog.entry(named: "3330"))
        let device = try entry.make(0x150, DeviceArguments([path, "ro", "extent=1-2"]), DeviceContext())
        let dasd = try #require(device as? CKDDasd)
        #expect(dasd.isReadOnly && dasd.cylinders == 2 && dasd.extent == CKDExtent(firstCylinder: 1, cylinders: 2))
        #expect(throws: DeviceConfigurationError.self, "wrong type") {
            try DeviceCatalog.entry(named: "3350")!.make(0x150, DeviceArguments([path]), DeviceContext())
        }
        #expect(throws: DeviceConfigurationError.self, "no file") {
            try entry.make(0x150, DeviceArguments([]), DeviceContext())
        }
        #expect(throws: DeviceConfigurationError.self, "bad extent") {
            try entry.make(0x150, DeviceArguments([path, "extent=2"]), DeviceContext())
        }
        // A small image is the smallest model that holds it, unless the configuration names a larger one.
        let small = try #require(try DeviceCatalog.entry(named: "3330-11")!.make(0x151, DeviceArguments([path]), DeviceContext()) as? CKDDasd)
        #expect(small.geometry.name == "3330-11" && small.geometry.senseID?.last == 0x11)
        #expect(throws: MediaError.self, "missing file") {
            try entry.make(0x150, DeviceArguments([files.path("nope.3330")]), DeviceContext())
        }
    }

    /// Random commands, data and chaining never hurt the device: every
    /// command ends with a valid status, and unit checks leave sense.
    @Test(arguments: ["2314", "3330", "3350", "3380"])
    func randomChannelProgramsNeverCrash(model: String) throws {
        let (d, s) = try TestVolume.drive(model)
        var rng = FuzzRandom(seed: model.utf8.reduce(UInt64(7)) { $0 &* 31 &+ UInt64($1) })
        let codes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0B, 0x0D, 0x0E, 0x11, 0x12, 0x13, 0x15, 0x16, 0x17,
                              0x19, 0x1A, 0x1B, 0x1D, 0x1E, 0x1F, 0x22, 0x23, 0x29, 0x31, 0x39, 0x49, 0x51, 0x5E, 0x64,
                              0x69, 0x71, 0x86, 0x8E, 0x92, 0x94, 0x96, 0x9A, 0x9E, 0xA9, 0xB1, 0xB4, 0xB9, 0xC9, 0xD1,
                              0xE4, 0xE9, 0xF1]
        for _ in 0..<3000 {
            let code = Bool.random(using: &rng) ? codes.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            let count = [1, 4, 5, 6, 8, 16, 100, 300, Int.random(in: 1...20000, using: &rng)].randomElement(using: &rng)!
            var data = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if code == 0x07 || code == 0x1B || code == 0x0B, count >= 6 {
                data[0] = 0; data[1] = 0; data[2] = 0; data[3] = UInt8.random(in: 0...5, using: &rng); data[4] = 0
                data[5] = UInt8.random(in: 0...UInt8(d.heads), using: &rng)
            }
            if (code & 0x7F == 0x31 || code & 0x7F == 0x51) && count >= 5 { data[1] = UInt8.random(in: 0...2, using: &rng); data[0] = 0 }
            if code == 0x1F { data[0] &= 0xDF }
            let command = DeviceCommand(code: code, count: count, data: CommandKind(code: code).isOutput ? data : [],
                                        chained: Bool.random(using: &rng))
            guard case .finished(let r) = d.start(command) else {
                Issue.record("DASD command X'\(String(code, radix: 16))' did not finish")
                continue
            }
            #expect(r.status.contains(.channelEnd) && r.status.contains(.deviceEnd))
            #expect(r.duration >= 0)
            if r.status.contains(.unitCheck) {
                let sense = d.start(DeviceCommand(code: 0x04, count: 32))
                if case .finished(let sr) = sense { #expect(sr.data.count == (model == "2314" ? 6 : 24) && sr.data.prefix(3) != [0, 0, 0]) }
            }
        }
        // Whatever was written, every track of the store is still a well-formed image.
        for c in 0..<s.cylinders {
            for h in 0..<s.heads {
                if case .failure(let defect) = TrackImage.validated(try s.readTrack(cylinder: c, head: h), cylinder: c, head: h) {
                    Issue.record("track \(c)/\(h): \(defect)")
                }
            }
        }
    }
}

struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
