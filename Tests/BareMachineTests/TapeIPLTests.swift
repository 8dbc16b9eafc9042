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

    /// IBCDASDI initialises an empty 3330 as DLIBA1 and IBCDMPRS, IPLed from
    /// the same drive without a rewind, restores DLIBA1 from file 2 (the
    /// restore itself is StarterSystem's, shared with the OS/VS1 tests).
    @Test func starterTapeIBCDASDIAndThenIBCDMPRS() throws {
        guard let restore = StarterSystem.restored() else { return }
        let all = restore.transcript.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        let dasdi = all.drop { !$0.hasPrefix("IBC105A  DEFINE INPUT DEVICE. DASDI") }
        #expect(Array(dasdi.prefix(5)) == [
            "IBC105A  DEFINE INPUT DEVICE. DASDI  7.87",
            "                    DASDI  7.87",
            "  JOB",
            "  MSG       TODEV=1052,TOADDR=01F",
            "  DADEF     TODEV=3330,TOADDR=150,VOLID=SCRATCH,FLAGTEST=NO,BYPASS=YES",
        ])
        let dumpRestore = all.drop { !$0.hasPrefix("IBC105A DEFINE INPUT DEVICE. DUMPRESTORE") }
        #expect(Array(dumpRestore.prefix(8)) == [
            "IBC105A DEFINE INPUT DEVICE. DUMPRESTORE 7.91",
            "                    DUMPRESTORE 7.91",
            "  JOB",
            "  MSG         TODEV=1052,TOADDR=01F",
            "  RESTORE     FROMDEV=2400,FROMADDR=180,TODEV=3330,MODE=C3,            C",
            "               TOADDR=150,VOLID=DLIBA1",
            "  END",
            "IBC163A  END OF JOB.",
        ])
        #expect(restore.endsOfJob == 2, "IBCDMPRS restores DLIBA1 from file 2 of the tape")
        // IBCDASDI's loader read its 406 cards and left the tape at IBCDMPRS's IPL card.
        #expect(restore.positions.prefix(2) == [406, 406])
        #expect(restore.positions.count == 4 && restore.positions[2] == 739)
    }
}
