import BareMachine
import Devices
import Foundation
import Testing

/// IBM programs IPLed from tape: DDR, and the OS/VS1 starter tape's
/// IBCDASDI and IBCDMPRS, with the console output their READMEs give.
@Suite("Tape IPL", .serialized)
struct TapeIPLTests {
    static func machine(_ config: String, baseDirectory: String) throws -> (BareMachine, RecordingConsole) {
        let configuration = try MachineConfiguration.parse(config, file: "tape.cnf", baseDirectory: baseDirectory)
        let recorder = RecordingConsole()
        let machine = try BareMachine(configuration: configuration,
                                      context: DeviceContext(console: { _ in recorder }),
                                      message: { _ in })
        machine.powerOn()
        return (machine, recorder)
    }

    static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        StandaloneProgramTests.eventually(seconds, condition)
    }

    /// The drive at `address`, read on the CPU thread.
    static func tapePosition(_ m: BareMachine, _ address: UInt16) -> Int? {
        m.perform { ($0.io.channels.device(at: address) as? Tape3420)?.medium?.position }
    }

    // MARK: DDR

    static let ddrPrompt = ["VM/370 DASD DUMP/RESTORE PROGRAM RELEASE 6",
                            "ENTER CARD READER ADDRESS OR CONTROL STATEMENTS"]

    @Test func ddrPromptsAndASecondIPLFindsTheTapeMark() throws {
        guard let dir = SharedFiles.require("guests/standalone/ddr") else { return }
        let (m, console) = try Self.machine("001F 3215\n0580 3420 dmkddr.aws ro", baseDirectory: dir.path)
        defer { m.powerOff() }
        #expect(m.command("ipl 580").first?.contains("complete") == true)
        #expect(Self.eventually(30) { console.isReading })
        #expect(Array(console.transcript.prefix(2)) == Self.ddrPrompt)
        #expect(console.transcript.count == 3 && console.transcript[2].hasPrefix("ENTER:"))
        // DDR's loader read exactly its 371 cards: the tape stands before the tape mark.
        #expect(Self.tapePosition(m, 0x580) == 371)
        #expect(m.command("devlist").contains { $0.hasPrefix("580 3420") && $0.contains("file 1 block 371 of 372") })

        // IPL does not rewind: the next IPL reads the tape mark (CSW status 0D00 under Hercules).
        _ = m.command("stop")
        let second = m.command("ipl 580").first ?? ""
        #expect(second.contains("failed") && second.contains("CE+DE+UX, 0"), "\(second)")
        #expect(Self.tapePosition(m, 0x580) == 372)

        // Remounting puts the reel back at the load point, and DDR comes up again.
        #expect(m.command("devinit 580 dmkddr.aws ro").first?.contains("mounted") == true)
        #expect(Self.tapePosition(m, 0x580) == 0)
        #expect(m.command("ipl 580").first?.contains("complete") == true)
        // (The first "ENTER: " was never ended, so the banner continues its line.)
        #expect(Self.eventually(30) { console.isReading && console.transcript.count == 5 })
        let again = console.transcript.suffix(3).map { $0 }
        #expect(again.count == 3 && again[0] == "ENTER: " + Self.ddrPrompt[0] && again[1] == Self.ddrPrompt[1])
        #expect(again.last?.hasPrefix("ENTER:") == true)
    }

    // MARK: OS/VS1 starter tape

    /// Unzips the starter tape into `scratch` and returns its path.
    static func starterTape(into scratch: URL) -> String? {
        guard let zip = SharedFiles.require("guests/osvs1/vs1r60_starter_3330.zip") else { return nil }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else {
            Issue.record("unzip is not installed (Debian package unzip); the starter tape cannot be unpacked")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-q", "-o", zip.path, "-d", scratch.path]
        do { try process.run() } catch {
            Issue.record("unzip failed to start: \(error)")
            return nil
        }
        process.waitUntilExit()
        let tape = scratch.appendingPathComponent("vs1r60_starter_3330.aws").path
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: tape) else {
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dasdinit)
        process.arguments = ["-a", path, "3330", "DLIBA1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Lines of the transcript from the one that starts with `first`, trailing blanks removed.
    static func lines(_ console: RecordingConsole, from first: String) -> [String] {
        let all = console.transcript.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        guard let start = all.lastIndex(where: { $0.hasPrefix(first) }) else { return [] }
        return Array(all[start...])
    }

    /// IPLs the starter tape at 180 and answers the stand-alone program's
    /// request for the input device, as an operator does: request key, then
    /// `input=2540,00c`.
    static func iplStandAlone(_ m: BareMachine, expectedPosition: Int) {
        #expect(m.command("ipl 180").first?.contains("complete") == true)
        // The loader reads the program's cards; then it waits for the request key.
        #expect(eventually(60) { tapePosition(m, 0x180) == expectedPosition },
                "the tape should stand at block \(expectedPosition), not \(tapePosition(m, 0x180) ?? -1)")
        _ = m.command("/input=2540,00c")
    }

    @Test func starterTapeIBCDASDIAndThenIBCDMPRS() throws {
        guard let cards = SharedFiles.require("guests/osvs1/cards") else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-vs1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        guard let tape = Self.starterTape(into: scratch) else { return }

        // Once someone provides a 3330, the whole restore runs; until then,
        // as far as the tape and the console go.
        let has3330 = DeviceCatalog.entry(named: "3330") != nil
        var config = """
            ARCHMODE S/370
            MAINSIZE 8
            001F 3215
            000C 3505 \(cards.path)/ibcdasdi.cards ascii eof
            0180 3420 \(tape) ro
            """
        if has3330 {
            let volume = scratch.appendingPathComponent("dliba1.3330").path
            guard Self.empty3330(volume) else { return }
            config += "\n0150 3330 \(volume)"
        }
        let (m, console) = try Self.machine(config, baseDirectory: scratch.path)
        defer { m.powerOff() }

        // Step 1: IBCDASDI, cards 1–406 of file 1.
        Self.iplStandAlone(m, expectedPosition: 406)
        #expect(Self.eventually(60) { Self.lines(console, from: "IBC105A").count >= 5 })
        #expect(Array(Self.lines(console, from: "IBC105A").prefix(5)) == [
            "IBC105A  DEFINE INPUT DEVICE. DASDI  7.87",
            "                    DASDI  7.87",
            "  JOB",
            "  MSG       TODEV=1052,TOADDR=01F",
            "  DADEF     TODEV=3330,TOADDR=150,VOLID=SCRATCH,FLAGTEST=NO,BYPASS=YES",
        ])
        if has3330 {
            #expect(Self.eventually(300) { console.transcript.contains { $0.hasPrefix("IBC163A  END OF JOB.") } })
        } else {
            // No DASD at 150: IBCDASDI says so and ends the job.
            #expect(Self.eventually(60) { console.transcript.contains { $0.hasPrefix("IBC249W  I/O ERROR.  JOB TERMINATED.") } })
            #expect(console.transcript.contains { $0.hasPrefix("IBC211W NOT AVAILABLE     150") })
        }
        #expect(Self.eventually(60) { !m.perform { $0.isStarted } })
        #expect(Self.tapePosition(m, 0x180) == 406, "IBCDASDI leaves the tape at IBCDMPRS's IPL card")

        // Step 2: IPL the same drive again, without rewinding: IBCDMPRS.
        _ = m.command("stop")
        _ = m.command("attach 00c 3505 \(cards.path)/ibcdmprs.cards ascii eof")
        Self.iplStandAlone(m, expectedPosition: 739)
        #expect(Self.eventually(60) { Self.lines(console, from: "IBC105A DEFINE INPUT DEVICE. DUMPRESTORE").count >= 7 })
        #expect(Array(Self.lines(console, from: "IBC105A DEFINE INPUT DEVICE. DUMPRESTORE").prefix(7)) == [
            "IBC105A DEFINE INPUT DEVICE. DUMPRESTORE 7.91",
            "                    DUMPRESTORE 7.91",
            "  JOB",
            "  MSG         TODEV=1052,TOADDR=01F",
            "  RESTORE     FROMDEV=2400,FROMADDR=180,TODEV=3330,MODE=C3,            C",
            "               TOADDR=150,VOLID=DLIBA1",
            "  END",
        ])
        if has3330 {
            let ends = { console.transcript.filter { $0.hasPrefix("IBC163A  END OF JOB.") }.count }
            #expect(Self.eventually(900) { ends() == 2 }, "IBCDMPRS restores DLIBA1 from file 2 of the tape")
        } else {
            #expect(Self.eventually(60) { console.transcript.filter { $0.hasPrefix("IBC249W") }.count == 2 })
            #expect(console.transcript.contains { $0.hasPrefix("IBC211W NOT AVAILIABLE    150") })
        }
    }
}
