import BareMachine
import Devices
import Foundation
import Synchronization
import Testing

/// The OS/VS1 starter system of ../shared/guests/osvs1 (see its README):
/// the tape unpacked, an empty 3330 from Hercules' dasdinit, and DLIBA1
/// restored on it by IBCDASDI and IBCDMPRS, IPLed twice from the same tape
/// drive. The restore runs once per test run (about 4 s of CPU in a
/// release build, a minute or two in a debug build); tests that IPL OS/VS1
/// copy the restored volume, so each starts from a fresh DLIBA1.
enum StarterSystem {
    /// What the restore left: files and what the console and tape showed.
    struct Restore: Sendable {
        let directory: URL
        let tape: String
        let volume: String
        let transcript: [String]
        /// Tape position after each stand-alone program read its cards,
        /// after IBCDASDI ended, and after IBCDMPRS ended.
        let positions: [Int?]
        let endsOfJob: Int
    }

    private enum Outcome: Sendable { case untried, done(Restore), failed }
    private static let outcome = Mutex(Outcome.untried)

    /// The restored starter volume, made by the first caller. Nil (with a
    /// recorded issue) when the material or tools are missing or the
    /// restore failed.
    static func restored(sourceLocation: SourceLocation = #_sourceLocation) -> Restore? {
        outcome.withLock { state in
            switch state {
            case .done(let restore): return restore
            case .failed:
                Issue.record("the starter volume could not be restored (see the first test that tried)",
                             sourceLocation: sourceLocation)
                return nil
            case .untried:
                let made = restore()
                state = made.map { .done($0) } ?? .failed
                if made != nil { atexit { StarterSystem.removeScratch() } }
                return made
            }
        }
    }

    private static func removeScratch() {
        if case .done(let restore) = outcome.withLock({ $0 }) {
            try? FileManager.default.removeItem(at: restore.directory)
        }
    }

    /// A new scratch directory under the temporary directory.
    static func scratchDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func restore() -> Restore? {
        guard let cards = SharedFiles.require("guests/osvs1/cards"),
              let scratch = try? scratchDirectory("vs1"),
              let tape = starterTape(into: scratch) else { return nil }
        let volume = scratch.appendingPathComponent("dliba1.3330").path
        guard empty3330(volume) else { return nil }
        let config = """
            ARCHMODE S/370
            MAINSIZE 8
            001F 3215
            000C 3505 \(cards.path)/ibcdasdi.cards ascii eof
            0180 3420 \(tape) ro
            0150 3330 \(volume)
            """
        guard let (m, console) = try? TapeIPLTests.machine(config, baseDirectory: scratch.path) else {
            Issue.record("the restore machine does not configure")
            return nil
        }
        defer { m.powerOff() }
        var positions: [Int?] = []
        let ends = { console.transcript.filter { $0.hasPrefix("IBC163A  END OF JOB.") }.count }

        // Step 1: IBCDASDI, cards 1–406 of file 1, initialises the volume.
        positions.append(iplStandAlone(m, expectedPosition: 406))
        _ = TapeIPLTests.eventually(300) { ends() == 1 }
        _ = TapeIPLTests.eventually(60) { !m.perform { $0.isStarted } }
        positions.append(TapeIPLTests.tapePosition(m, 0x180))

        // Step 2: the same drive again, without rewinding: IBCDMPRS restores file 2.
        _ = m.command("stop")
        _ = m.command("attach 00c 3505 \(cards.path)/ibcdmprs.cards ascii eof")
        positions.append(iplStandAlone(m, expectedPosition: 739))
        _ = TapeIPLTests.eventually(900) { ends() == 2 }
        _ = TapeIPLTests.eventually(60) { !m.perform { $0.isStarted } }
        positions.append(TapeIPLTests.tapePosition(m, 0x180))
        if ends() != 2 { Issue.record("IBCDMPRS did not end: \(console.transcript.suffix(5))") }
        return Restore(directory: scratch, tape: tape, volume: volume, transcript: console.transcript,
                       positions: positions, endsOfJob: ends())
    }

    /// IPLs the starter tape at 180 and answers the stand-alone program's
    /// request for the input device, as an operator does: request key, then
    /// `input=2540,00c`. Returns where the loader left the tape.
    static func iplStandAlone(_ m: BareMachine, expectedPosition: Int) -> Int? {
        guard m.command("ipl 180").first?.contains("complete") == true else { return nil }
        // The loader reads the program's cards; then it waits for the request key.
        _ = TapeIPLTests.eventually(60) { TapeIPLTests.tapePosition(m, 0x180) == expectedPosition }
        let position = TapeIPLTests.tapePosition(m, 0x180)
        _ = m.command("/input=2540,00c")
        return position
    }

    /// Unzips the starter tape into `scratch` and returns its path.
    static func starterTape(into scratch: URL) -> String? {
        guard let zip = SharedFiles.require("guests/osvs1/vs1r60_starter_3330.zip") else { return nil }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else {
            Issue.record("unzip is not installed (Debian package unzip); the starter tape cannot be unpacked")
            return nil
        }
        let tape = scratch.appendingPathComponent("vs1r60_starter_3330.aws").path
        guard run("/usr/bin/unzip", ["-q", "-o", zip.path, "-d", scratch.path]),
              FileManager.default.fileExists(atPath: tape) else {
            Issue.record("unzip of \(zip.path) did not give vs1r60_starter_3330.aws")
            return nil
        }
        return tape
    }

    /// Makes an empty 3330 with Hercules' dasdinit, as the README does.
    static func empty3330(_ path: String) -> Bool {
        let dasdinit = "/usr/bin/dasdinit"
        guard FileManager.default.isExecutableFile(atPath: dasdinit) else {
            Issue.record("dasdinit (Debian package hercules) is not installed; no 3330 volume for IBCDASDI")
            return false
        }
        return run(dasdinit, ["-a", path, "3330", "DLIBA1"])
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
