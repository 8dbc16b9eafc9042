@testable import CP
import Devices
import Foundation
import Media
import Testing

/// OS/VS1 Release 6.0 (../shared/guests/osvs1, see its README) in a CP
/// virtual machine, the whole chain under CP: the starter tape DEDICATEd at
/// 180 is IPLed twice without a rewind (IBCDASDI formats the 3330 minidisk
/// at 150 as DLIBA1, IBCDMPRS restores DLIBA1 onto it), their control cards
/// come through the user's spool reader at 00C; then IPL 150, NIP's
/// questions answered on the virtual 3215 at 01F, JES to `PARTITION
/// WAITING FOR WORK`, and the README's HELLO job from the reader to the
/// virtual 1403 at 00E, whose spool file, closed, holds the job's output.
///
/// CP keeps the guest's TOD clock at the host's time; VS1 R6 takes a 2026
/// clock for invalid (IEE116A TOD CLOCK INVALID) and asks for the date and
/// time as on a bare machine whose clock was never set (IEE058A, IEE055A).
///
/// Time (debug build, two cores shared with other builds): 170 to 250 s,
/// of which the restore takes 100 to 150 s, NIP to PARTITION WAITING FOR
/// WORK 60 to 100 s and the job a few seconds.
@Suite("OS/VS1 under CP", .serialized)
struct OSVS1UnderCPTests {
    static let directory = """
    USER VS1 VS1 8M 16M G
     OPTION ECMODE
     CONSOLE 01F 3215
     SPOOL 00C 2540 READ *
     SPOOL 00E 1403 A
     DEDICATE 180 180
     MDISK 150 3330 200 411 VS1RES MR
    """

    @Test func starterTapeRestoreIPLAndTheHelloJob() throws {
        guard let osvs1 = SharedFiles.require("guests/osvs1"),
              let starterZip = SharedFiles.require("guests/osvs1/vs1r60_starter_3330.zip") else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-vs1cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        guard let tape = Self.unzipTape(starterZip, into: scratch) else { return }
        // An empty 3330-11 (with its alternate cylinders, as dasdinit -a
        // makes it): the minidisk is 411 cylinders from cylinder 200, so
        // every seek and every home address and count field VS1 sees is
        // relocated, as a 3330-1 volume of its own with alternates.
        let volume = scratch.appendingPathComponent("vs1res.3330").path
        let geometry = try #require(DASDGeometry.named("3330-11"))
        try DASDImage.create(volume, geometry: geometry, cylinders: geometry.cylindersWithAlternates,
                             volser: "VS1RES", format: .ckd).close()

        let system = try TestSystem(directory: Self.directory, configuration: """
            DEVICE 180 3420 \(tape) ro
            VOLUME VS1RES 3330 \(volume)
            """)
        let user = try system.logon("vs1", noIPL: true)
        defer {
            if let path = ProcessInfo.processInfo.environment["VM67_VS1_TRANSCRIPT"] {
                try? user.terminal.lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        let started = Date()
        let cards = osvs1.appendingPathComponent("cards")

        // 1. IBCDASDI: the tape's first program initialises the minidisk.
        try Self.sendCards(cards.appendingPathComponent("ibcdasdi.cards"), to: system)
        #expect(!user.type("ipl 180").contains { $0.hasPrefix("DMK") })
        // Its loader reads its 406 cards from the tape, then the program
        // waits for the request key: a line typed now raises attention.
        #expect(TestSystemWait.until(120) { Self.tapePosition(user) == 406 }, "\(String(describing: Self.tapePosition(user)))")
        user.type("input=2540,00c")
        #expect(user.waitFor("IBC163A  END OF JOB.", timeout: 300), "\(user.terminal.lines.suffix(10))")
        #expect(user.waitForStatus(.cpRead, timeout: 60))

        // 2. IBCDMPRS: the same drive again, not rewound, restores DLIBA1.
        try Self.sendCards(cards.appendingPathComponent("ibcdmprs.cards"), to: system)
        #expect(!user.type("ipl 180").contains { $0.hasPrefix("DMK") })
        #expect(TestSystemWait.until(120) { Self.tapePosition(user) == 739 })
        user.type("input=2540,00c")
        #expect(TestSystemWait.until(900) { Self.count("IBC163A  END OF JOB.", in: user) == 2 },
                "\(user.terminal.lines.suffix(10))")
        #expect(user.waitForStatus(.cpRead, timeout: 60))
        let restored = Date()
        // IBCDMPRS stopped at its END card: its deck is still open in the
        // reader, short of its end of file. The operator closes the reader,
        // which purges it, so that VS1's reader starts with the job.
        #expect(user.type("close 00c").isEmpty)
        #expect(system.cp.spool.readerFiles(of: "VS1").isEmpty)
        // The label went to the minidisk's first track, cylinder 200 of the
        // real volume, whose own label stayed where it was.
        let real = try system.cp.volumes.volume("VS1RES")
        #expect(Self.holds(try real.readTrack(cylinder: 200, head: 0), "VOL1DLIBA1"))
        #expect(Self.holds(try real.readTrack(cylinder: 0, head: 0), "VOL1VS1RES"))
        #expect(Self.inOrder(["IBC105A  DEFINE INPUT DEVICE. DASDI  7.87", "IBC163A  END OF JOB.",
                              "IBC105A DEFINE INPUT DEVICE. DUMPRESTORE 7.91", "IBC163A  END OF JOB."], user))

        // 3. OS/VS1 from the restored minidisk. NIP's questions first (it reads the console after each).
        #expect(!user.type("ipl 150").contains { $0.hasPrefix("DMK") })
        // Whatever NIP and the master scheduler ask, in the order they ask
        // it. The date and time are asked only if VS1 does not take the TOD
        // clock CP keeps set.
        try Self.respond(until: "IEF005I PARTITION WAITING FOR WORK", user, [
            .init("IEA760A SPECIFY VIRTUAL STORAGE SIZE", ""),
            .init("IEA101A", "r 00,'auto=starter,page=(v=dliba1,blk=4096),q=(,f)'"),
            .init("IEE058A", "r 00,'date=76.001,clock=00.00.00,gmt'"),
            .init("IEE055A", "r 00,'date=76.001,clock=00.00.00'"),
            .init("IEA135A", ""),
            // The master scheduler's replies are typed with the request key.
            .init("IEF068A  VOLUME DLIBA1 REQUIRES FORMATTING", "r 00,'formatv'", onRead: false),
            .init("IEC107D E 150,DLIBA1,MASTER,SCHEDULR,SYS1.SYSPOOL", "r 01,u", onRead: false),
            .init("IEC107D E 150,DLIBA1,MASTER,SCHEDULR,SYS1.SYSWADS", "r 02,u", onRead: false),
        ])
        try Self.waitFor("IEF005I PARTITION WAITING FOR WORK", user)
        #expect(Self.inOrder(["IEA760A SPECIFY VIRTUAL STORAGE SIZE",
                              "IEA101A SPECIFY SYSTEM AND/OR SET PARAMETERS FOR RELEASE 06.0E OS/VS1",
                              "IEA210I  SYS1.PAGE ALLOCATED ON DLIBA1", "IEE140I SYSTEM CONSOLES",
                              "IEE048I INITIALIZATION COMPLETED", "IEF005I PARTITION WAITING FOR WORK  P00"], user),
                "\(user.terminal.lines.suffix(30))")
        let ipled = Date()

        // 4. The writer, then the HELLO job through the spool reader.
        try Self.reply("IEF005I PARTITION WAITING FOR WORK", "startf ,00e", user)
        try Self.waitFor("IEF868I 00E WTR WAITING FOR WORK", user)
        try Self.sendCards(cards.appendingPathComponent("hello.jcl"), to: system)
        try Self.reply("IEF868I 00E WTR WAITING FOR WORK", "startf ,00c", user)
        try Self.waitFor("IEF404I HELLO    ENDED", user, timeout: 300)
        try Self.waitFor("IEF049I HELLO    ON DEVICE 00E", user)
        #expect(Self.inOrder(["IEF039I 00C RDR WAITING FOR WORK", "IEF403I HELLO    STARTED",
                              "IEF404I HELLO    ENDED", "IEF049I HELLO    ON DEVICE 00E"], user))

        // The printer's spool file, closed: NIP's nucleus map, then the job,
        // line for line what Hercules' 1403 printed.
        #expect(TestSystemWait.until(60) { Self.count("IEF868I 00E WTR WAITING FOR WORK", in: user) == 2 })
        user.type("#cp close 00e")
        let files = system.cp.spool.outputFiles(of: "VS1", queue: .printer)
        try #require(files.count == 1, "\(files.map(\.id))")
        let printed = Self.lines(PrintText.render(files[0].records))
        let expected = Self.lines(Array(try Data(contentsOf: osvs1.appendingPathComponent("expected/prt00e.txt"))))
        let job = printed.drop { !$0.contains("//HELLO    JOB") }
        #expect(job.filter { $0.contains("IEF142I - STEP WAS EXECUTED - COND CODE 0000") }.count == 2)
        #expect(job.contains { $0.hasSuffix("HELLO FROM OS/VS1 RELEASE 6 STARTER SYSTEM") })
        #expect(job.contains { $0.hasPrefix("IEF285I   SYS1.PARMLIB") && $0.hasSuffix("KEPT") })
        #expect(printed.first?.hasPrefix("IEAAIH00  000000    IEAIOS00  000B80") == true, "the nucleus map")
        #expect(printed == expected, "\(zip(printed, expected).enumerated().first { $0.element.0 != $0.element.1 }.map { "line \($0.offset): \($0.element)" } ?? "lengths \(printed.count) \(expected.count)")")
        let finished = Date()
        print("OS/VS1 under CP: restore \(Int(restored.timeIntervalSince(started))) s, IPL \(Int(ipled.timeIntervalSince(restored))) s, job \(Int(finished.timeIntervalSince(ipled))) s")
    }

    // MARK: Helpers

    /// Unzips the starter tape into `scratch`.
    static func unzipTape(_ zip: URL, into scratch: URL) -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else {
            Issue.record("unzip is not installed (Debian package unzip); the starter tape cannot be unpacked")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-q", "-o", zip.path, "-d", scratch.path]
        let tape = scratch.appendingPathComponent("vs1r60_starter_3330.aws").path
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: tape) else {
            Issue.record("unzip of \(zip.path) did not give vs1r60_starter_3330.aws")
            return nil
        }
        return tape
    }

    /// An ASCII card file, one card a line, into VS1's reader (as a deck
    /// punched to it would arrive).
    static func sendCards(_ file: URL, to system: TestSystem) throws {
        let text = try String(contentsOf: file, encoding: .ascii)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        system.cp.spool.sendToReader(of: "VS1", from: "VS1", cards: lines.map { CodePage.cp037.ebcdic($0) },
                                     name: file.deletingPathExtension().lastPathComponent.uppercased(),
                                     type: file.pathExtension.uppercased())
    }

    /// Where the dedicated starter tape stands (blocks from the load point).
    static func tapePosition(_ user: Session) -> Int? {
        (user.vm.io.channels.device(at: 0x180) as? Tape3420)?.medium?.position
    }

    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let last: [String]
        var description: String { "no console line with '\(waitingFor)'; last lines: \(last)" }
    }

    static func waitFor(_ text: String, _ user: Session, timeout: Double = 300) throws {
        if !user.waitFor(text, timeout: timeout) {
            throw Timeout(waitingFor: text, last: Array(user.terminal.lines.suffix(15)))
        }
    }

    /// A console question and its answer: NIP's are typed when it reads
    /// the console (VM READ); others raise attention.
    struct Prompt {
        let text: String
        let answer: String
        var onRead = true
        init(_ text: String, _ answer: String, onRead: Bool = true) {
            self.text = text
            self.answer = answer
            self.onRead = onRead
        }
    }

    /// Answers each prompt once it shows, until a line with `end` does.
    static func respond(until end: String, _ user: Session, _ prompts: [Prompt], timeout: Double = 600) throws {
        var waiting = prompts
        let deadline = Date().addingTimeInterval(timeout)
        var from = 0
        while Date() < deadline {
            let lines = user.terminal.lines
            if lines.contains(where: { $0.contains(end) }) { return }
            if let i = waiting.firstIndex(where: { prompt in lines[from...].contains { $0.contains(prompt.text) } }) {
                let prompt = waiting.remove(at: i)
                if prompt.onRead && !user.waitForStatus(.vmRead, timeout: 120) {
                    throw Timeout(waitingFor: "a console read after \(prompt.text)", last: Array(user.terminal.lines.suffix(15)))
                }
                from = lines.lastIndex { $0.contains(prompt.text) }! + 1
                user.vm.console.submit(.line(prompt.answer))
                continue
            }
            usleep(20_000)
        }
        throw Timeout(waitingFor: end, last: Array(user.terminal.lines.suffix(15)))
    }

    /// A reply or command once `text` is shown: typed while VS1 runs, it
    /// raises attention and VS1 reads it.
    static func reply(_ text: String, _ line: String, _ user: Session) throws {
        try waitFor(text, user)
        user.vm.console.submit(.line(line))
    }

    /// Whether a track image holds `text` in EBCDIC.
    static func holds(_ track: [UInt8], _ text: String) -> Bool {
        let wanted = CodePage.cp037.ebcdic(text)
        return track.count >= wanted.count
            && (0...(track.count - wanted.count)).contains { track[$0..<($0 + wanted.count)].elementsEqual(wanted) }
    }

    static func count(_ text: String, in user: Session) -> Int {
        user.terminal.lines.filter { $0.contains(text) }.count
    }

    /// Whether lines containing `texts` appear in this order.
    static func inOrder(_ texts: [String], _ user: Session) -> Bool {
        let lines = user.terminal.lines
        var index = lines.startIndex
        for text in texts {
            guard let found = lines[index...].firstIndex(where: { $0.contains(text) }) else { return false }
            index = found + 1
        }
        return true
    }

    /// The printed lines of printer text, trailing blanks dropped, without
    /// blank lines and page ejects: Hercules' file (CR LF, a form feed
    /// that follows the last line's CRs) and CP's rendering of a spool
    /// file (LF, a form feed on a line of its own) lay pages out
    /// differently, but must print the same lines in the same order.
    static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" })
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty }
    }
}
