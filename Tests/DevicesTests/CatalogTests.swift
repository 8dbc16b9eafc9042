import Devices
import Foundation
import Media
import Terminal
import Testing

/// The unit-record and 3270 rows of the device catalog.
@Suite("Device catalog: unit record and 3270")
struct CatalogTests {
    static let directory: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-catalog-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func make(_ type: String, _ words: [String], context: DeviceContext = DeviceContext()) throws -> Any {
        guard let entry = DeviceCatalog.entry(named: type) else { throw DeviceConfigurationError("no \(type)") }
        return try entry.make(0x00E, DeviceArguments(words, baseDirectory: directory), context)
    }

    @Test func everyNewTypeIsThere() {
        for (name, code) in [("1403", 0x1403), ("3211", 0x3211), ("2540P", 0x2540), ("3525", 0x3525),
                             ("3278", 0x3278), ("3270", 0x3278), ("3277", 0x3277), ("3286", 0x3286)] {
            #expect(DeviceCatalog.entry(named: name)?.typeCode == UInt16(code), "\(name)")
        }
    }

    @Test func printersAndPunchesNeedAFile() {
        for type in ["1403", "3211", "2540P", "3525", "3286"] {
            #expect(throws: DeviceConfigurationError.self) { _ = try Self.make(type, []) }
        }
        #expect(throws: MediaError.self) { _ = try Self.make("1403", ["/nonexistent-dir/x.txt"]) }
    }

    @Test func makesWorkingDevices() throws {
        let printer = try Self.make("1403", ["prt.txt", "crlf", "lpp=60", "ch12=55"]) as? Printer
        #expect(printer?.deviceType == 0x1403)
        #expect(FileManager.default.fileExists(atPath: Self.directory + "/prt.txt"))
        let punch = try Self.make("2540P", ["pch.txt", "ascii", "cp=1047"]) as? CardPunch
        #expect(punch?.format == .ascii && punch?.codePage == .cp1047)
        let endpoint = RecordingDisplay()
        let display = try Self.make("3278", ["model=5"], context: DeviceContext(display: { _ in endpoint })) as? Display3270
        #expect(display?.model == .model5)
        #expect(try Self.make("3286", ["p3286.txt"]) is Printer3286)
    }

    @Test func badOptions() {
        #expect(throws: DeviceConfigurationError.self) { _ = try Self.make("3278", ["model=6"]) }
        #expect(throws: DeviceConfigurationError.self) { _ = try Self.make("3277", ["model=3"]) }
        #expect(throws: DeviceConfigurationError.self) { _ = try Self.make("1403", ["x.txt", "lpp=zero"]) }
        #expect(throws: DeviceConfigurationError.self) { _ = try Self.make("2540P", ["x.txt", "cp=500"]) }
    }

    @Test func appendKeepsEarlierOutput() throws {
        let path = Self.directory + "/append.txt"
        try "EARLIER\n".write(toFile: path, atomically: true, encoding: .utf8)
        let printer = try Self.make("1403", ["append.txt", "append"]) as! Printer
        _ = printer.start(.init(code: 0x09, count: 3, data: CodePage.cp037.ebcdic("NEW")))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "EARLIER\nNEW\n")
    }
}
