import Channel
import Devices
import Media
import Testing

/// The tape rows of the device catalog and their arguments.
@Suite("Tape drives in the catalog")
struct TapeCatalogTests {
    static func make(_ type: String, _ words: [String], in scratch: TapeScratch) throws -> Tape3420? {
        guard let entry = DeviceCatalog.entry(named: type) else { return nil }
        let device = try entry.make(0x580, DeviceArguments(words, baseDirectory: scratch.url.path), DeviceContext())
        return device as? Tape3420
    }

    @Test func namesAndTypes() {
        for (name, code) in [("3420", 0x3420), ("3420-8", 0x3420), ("2400", 0x2400), ("2401", 0x2400), ("2415", 0x2400)] {
            let entry = DeviceCatalog.entry(named: name)
            #expect(entry?.typeCode == UInt16(code), "\(name)")
            #expect(entry?.deviceClass == .tape, "\(name)")
        }
    }

    @Test func argumentsMountAReel() throws {
        let scratch = TapeScratch()
        let empty = try #require(try Self.make("3420", [], in: scratch))
        #expect(!empty.isReady)
        let created = try #require(try Self.make("3420", ["new.het", "create", "compress=bzip2"], in: scratch))
        #expect(created.isReady && created.medium?.format.compression == .bzip2)
        #expect(created.medium?.isReadOnly == false)
        let old = try #require(try Self.make("2401", ["new.het", "ro"], in: scratch))
        #expect(old.deviceType == 0x2400 && old.medium?.isReadOnly == true)
        let sized = try #require(try Self.make("3420", ["new.het", "maxsize=40M", "eotmargin=1M"], in: scratch))
        #expect(sized.medium?.capacity == TapeCapacity(length: 40 << 20, warningMargin: 1 << 20))
    }

    @Test func badArgumentsAreExplained() {
        let scratch = TapeScratch()
        let missing = #expect(throws: MediaError.self) { try Self.make("3420", ["nothere.aws"], in: scratch) }
        #expect(missing?.file.hasSuffix("nothere.aws") == true && missing?.reason.contains("create") == true)
        let size = #expect(throws: DeviceConfigurationError.self) {
            try Self.make("3420", ["x.aws", "create", "maxsize=lots"], in: scratch)
        }
        #expect(size?.reason.contains("maxsize=lots") == true)
        #expect(throws: DeviceConfigurationError.self) {
            try Self.make("3420", ["x.aws", "create", "maxsize=1M", "eotmargin=2M"], in: scratch)
        }
        #expect(throws: MediaError.self) { try Self.make("3420", ["x.aws", "create", "format=oma"], in: scratch) }
    }
}
