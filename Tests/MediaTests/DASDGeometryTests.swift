import Media
import Testing

/// Geometry facts against the IBM device references' capacity tables.
@Suite("DASD geometry")
struct DASDGeometryTests {
    @Test(arguments: [("2311", 203, 10, 4096), ("2314", 203, 20, 7680), ("3330", 411, 19, 13312),
                      ("3330-11", 815, 19, 13312), ("3340", 349, 12, 8704), ("3340-70", 698, 12, 8704),
                      ("3350", 560, 30, 19456), ("3375", 962, 12, 35840), ("3380", 886, 15, 47616),
                      ("3380-E", 1772, 15, 47616), ("3380-K", 2658, 15, 47616)])
    func sizes(name: String, cylinders: Int, heads: Int, imageTrackSize: Int) throws {
        let g = try #require(DASDGeometry.named(name))
        #expect(g.cylindersWithAlternates == cylinders)
        #expect(g.heads == heads)
        #expect(g.imageTrackSize == imageTrackSize, "Hercules' track size: HA, R0, maximum R1, end marker, in 512s")
    }

    /// The largest data length for n equal unkeyed records per track, from
    /// the IBM capacity tables; one byte more must not fit.
    @Test(arguments: [("2311", 1, 3625), ("2311", 2, 1740), ("2314", 1, 7294), ("2314", 2, 3520),
                      ("3330", 1, 13030), ("3330", 2, 6447), ("3330", 10, 1181), ("3340", 1, 8368),
                      ("3350", 1, 19069), ("3350", 2, 9442), ("3350", 19, 828), ("3375", 1, 35616), ("3375", 2, 17600),
                      ("3380", 1, 47476), ("3380", 2, 23476), ("3380", 10, 4276)])
    func recordsPerTrack(name: String, records: Int, maximum: Int) throws {
        let g = try #require(DASDGeometry.named(name))
        let fitting = [(keyLength: Int, dataLength: Int)](repeating: (0, maximum), count: records)
        let tooBig = [(keyLength: Int, dataLength: Int)](repeating: (0, maximum + 1), count: records)
        #expect(g.fits(fitting))
        #expect(!g.fits(tooBig))
    }

    @Test func keysCostTheirOverhead() throws {
        let g = try #require(DASDGeometry.named("3330"))
        // 3330: a keyed record pays 56 bytes more than an unkeyed one.
        #expect(g.space(keyLength: 8, dataLength: 100, last: false) == 8 + 100 + 56 + 135)
        #expect(g.fits([(keyLength: 8, dataLength: 13030 - 8 - 56)]))
        #expect(!g.fits([(keyLength: 8, dataLength: 13030 - 8 - 55)]))
    }

    @Test func namesAndAliases() {
        #expect(DASDGeometry.named("3330-2")?.name == "3330-11")
        #expect(DASDGeometry.named("3340-35")?.name == "3340")
        #expect(DASDGeometry.named("3380-k")?.name == "3380-K")
        #expect(DASDGeometry.named("3390") == nil)
    }

    @Test func imageHeaderTypeAndSizePickTheModel() {
        #expect(DASDGeometry.model(deviceType: 0x30, volumeCylinders: 411)?.name == "3330")
        #expect(DASDGeometry.model(deviceType: 0x30, volumeCylinders: 412)?.name == "3330-11")
        #expect(DASDGeometry.model(deviceType: 0x50, volumeCylinders: 1)?.name == "3350")
        #expect(DASDGeometry.model(deviceType: 0x80, volumeCylinders: 2000)?.name == "3380-K")
        #expect(DASDGeometry.model(deviceType: 0x3375, volumeCylinders: 10)?.name == "3375")
        #expect(DASDGeometry.model(deviceType: 0x99, volumeCylinders: 10) == nil)
    }

    @Test func senseIDAndDeviceCharacteristics() throws {
        #expect(DASDGeometry.named("2314")?.senseID == nil, "the 2314 control unit rejects SENSE ID")
        #expect(DASDGeometry.named("3350")?.senseID == [0xFF, 0x38, 0x30, 0x02, 0x33, 0x50, 0x00])
        #expect(DASDGeometry.named("3330-11")?.senseID == [0xFF, 0x38, 0x30, 0x02, 0x33, 0x30, 0x11])
        #expect(DASDGeometry.named("3350")?.deviceCharacteristics(volumeCylinders: 555) == nil)
        let rdc = try #require(DASDGeometry.named("3380")?.deviceCharacteristics(volumeCylinders: 886))
        #expect(rdc.count == 64)
        #expect(Array(rdc[0..<6]) == [0x38, 0x80, 0x05, 0x33, 0x80, 0x02])
        #expect(Array(rdc[12..<16]) == [0x03, 0x75, 0x00, 0x0F], "885 primary cylinders, 15 heads")
        #expect(rdc[16] == 222, "sectors")
        #expect(Array(rdc[18..<20]) == [0xBB, 0x60], "track length 47968")
        #expect(Array(rdc[22..<28]) == [0x01, 32, 0x01, 0xEC, 0x00, 0xEC], "formula 1: 32, 492, 236")
        #expect(Array(rdc[28..<32]) == [0x03, 0x75, 0x00, 15], "one alternate cylinder")
    }
}
