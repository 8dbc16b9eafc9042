import Foundation
import Testing

/// `vm67 core run`, the interface scripts and outside checks rely on: the
/// built executable runs the shared benchmark image for N = 1000 and its JSON
/// must carry every field with the results listed in ../shared/bench/README.md.
@Suite("vm67 core run", .enabled(if: BuiltExecutable.vm67 != nil,
                                  "vm67 is not built: run `swift build` (or `swift build -c release`) first"))
struct CoreRunCommandTests {
    static var executable: URL? { BuiltExecutable.vm67 }

    /// Runs `vm67 core run` with `arguments` and returns its JSON object.
    static func run(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = executable!
        process.arguments = ["core", "run"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? [String: Any], "not a JSON object: \(String(decoding: data, as: UTF8.self))")
    }

    static func isHex(_ s: Any?, digits: Int) -> Bool {
        guard let s = s as? String else { return false }
        return s.count == digits && s.allSatisfy(\.isHexDigit)
    }

    @Test func benchmarkForAThousandIterations() throws {
        let image = try #require(SharedFiles.require("bench/s370bench.core"))
        let json = try Self.run([image.path, "--set", "400=000003E8", "--dump", "418:14"])

        #expect(json["stop"] as? String == "disabled-wait")
        let psw = try #require(json["psw"] as? String)
        #expect(Self.isHex(psw, digits: 16))
        let pswValue = try #require(UInt64(psw, radix: 16))
        #expect(pswValue & 0x0002_0000_0000_0000 != 0, "wait bit")
        #expect(pswValue & 0x00FF_FFFF == 0, "address 0: the program's self-check passed")

        let gpr = try #require(json["gpr"] as? [Any])
        #expect(gpr.count == 16 && gpr.allSatisfy { Self.isHex($0, digits: 8) })
        let fpr = try #require(json["fpr"] as? [Any])
        #expect(fpr.count == 4 && fpr.allSatisfy { Self.isHex($0, digits: 16) })
        let cr = try #require(json["cr"] as? [Any])
        #expect(cr.count == 16 && cr.allSatisfy { Self.isHex($0, digits: 8) })

        #expect((json["instructions"] as? NSNumber)?.intValue == 15 + 114 * 1000)
        let seconds = try #require((json["seconds"] as? NSNumber)?.doubleValue)
        #expect(seconds >= 0 && seconds < 60)

        // X'418' R9, X'41C' R10, X'420' the packed sum, X'428' the call counter (README, N = 1000).
        let dumps = try #require(json["dumps"] as? [String: Any])
        #expect(dumps["418:14"] as? String == "05F579C3" + "203C6017" + "000000000500500C" + "000003E8")
        // The checksum registers agree with the dump.
        #expect(gpr[9] as? String == "05F579C3" && gpr[10] as? String == "203C6017")
    }

    @Test func instructionLimitStopsTheRun() throws {
        let image = try #require(SharedFiles.require("bench/s370bench.core"))
        let json = try Self.run([image.path, "--max-instructions", "1000"])
        #expect(json["stop"] as? String == "limit")
        #expect((json["instructions"] as? NSNumber)?.intValue == 1000)
    }
}

/// The vm67 executable of the configuration these tests were built in
/// (falling back to the other one), under .build next to Package.swift.
enum BuiltExecutable {
    static let vm67: URL? = {
        #if DEBUG
        let order = ["debug", "release"]
        #else
        let order = ["release", "debug"]
        #endif
        let build = SharedFiles.repositoryRoot.appendingPathComponent(".build")
        return order.map { build.appendingPathComponent($0).appendingPathComponent("vm67") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
