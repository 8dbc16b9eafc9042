import CP
import Foundation
import Media
import Testing

/// Many users at once, each running a different real stand-alone program
/// from ../shared/guests/standalone, next to a guest that loops, one that
/// program-checks in a loop and one that loads a disabled wait. Every user
/// gets their own program's output and the right CP messages; the
/// misbehaving guests harm nobody.
@Suite("Many users at once", .serialized)
struct ManyUsersTests {
    static let directory = """
    USER HELLO PW 1M 1M G
     CONSOLE 01F 3215
     SPOOL 00C 2540 READ *
    USER ECHO PW 1M 1M G
     CONSOLE 01F 3215
     SPOOL 00C 2540 READ *
    USER CARDS PW 1M 1M G
     CONSOLE 01F 3215
     SPOOL 10C 2540 READ *
    USER MENU PW 1M 1M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER TASKS PW 1M 1M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER CLOCK PW 1M 1M G
     OPTION REALTIMER
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER LOOPER PW 1M 1M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER PCLOOP PW 1M 1M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER DWAIT PW 1M 1M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    """

    static func deck(_ relative: String) throws -> [[UInt8]]? {
        guard let url = SharedFiles.require("guests/standalone/\(relative)") else { return nil }
        let bytes = try readFile(url.path)
        return stride(from: 0, to: bytes.count, by: 80).map { Array(bytes[$0..<min($0 + 80, bytes.count)]) }
    }

    @Test func everyoneGetsTheirOwnResult() throws {
        guard let hello = try Self.deck("simh-tests/hello.deck"), let echo = try Self.deck("simh-tests/echo.deck"),
              let cards = try Self.deck("simh-tests/crd2consl.ipl"), let menu = try Self.deck("sattape/t3215.deck"),
              let tasks = try Self.deck("sattape/tswtch.deck"), let clock = try Self.deck("sattape/itimrcl2.deck") else { return }
        let system = try TestSystem(directory: Self.directory)
        let decks: [(String, [[UInt8]], String)] = [
            ("HELLO", hello, "00C"), ("ECHO", echo, "00C"), ("CARDS", cards, "10C"), ("MENU", menu, "00C"),
            ("TASKS", tasks, "00C"), ("CLOCK", clock, "00C"),
            ("LOOPER", try GuestPrograms.deck(GuestPrograms.loop), "00C"),
            ("PCLOOP", try GuestPrograms.deck(GuestPrograms.programCheckLoop), "00C"),
            ("DWAIT", try GuestPrograms.deck(GuestPrograms.disabledWait), "00C"),
        ]
        var sessions: [String: Session] = [:]
        for (user, deck, _) in decks {
            system.cp.spool.sendToReader(of: user, from: "OPERATOR", cards: deck)
            sessions[user] = try system.logon(user)
        }
        // Start the misbehaving ones first, then the rest.
        for (user, _, reader) in decks.reversed() {
            sessions[user]!.vm.console.submit(.line("ipl \(reader)"))
        }

        let s = sessions
        #expect(s["HELLO"]!.waitFor("Hello Bare-Metal World!"))
        // The PSW as the program loaded it (Hercules' display adds the ILC of the LPSW: 80000000).
        #expect(s["HELLO"]!.waitFor("CP ENTERED; DISABLED WAIT PSW '00020000 00000000'"))
        #expect(s["CARDS"]!.waitFor("HAPPY TESTING FROM AN IPL CARD"))
        #expect(s["CARDS"]!.waitFor("CP ENTERED; DISABLED WAIT PSW '00020000 00000000'"))
        #expect(s["DWAIT"]!.waitFor("CP ENTERED; DISABLED WAIT PSW '00020000 0000BEEF'"))
        #expect(s["PCLOOP"]!.waitFor("CP ENTERED; PROGRAM INTERRUPT LOOP"))
        #expect(s["LOOPER"]!.waitForStatus(.running))

        // The interactive programs answer while the looper and the task switcher burn CPU.
        let echoSession = s["ECHO"]!
        #expect(echoSession.waitForStatus(.vmRead))
        echoSession.type("hello there", until: { $0.contains { $0.contains("ENTER: hello there") || $0 == "hello there" } })
        #expect(echoSession.waitForStatus(.vmRead))
        echoSession.type("quit", until: { $0.contains { $0.contains("DISABLED WAIT") } })
        #expect(echoSession.waitFor("CP ENTERED; DISABLED WAIT PSW '00020000 00000000'"))

        let menuSession = s["MENU"]!
        #expect(menuSession.waitFor("4: QUIT"))
        for choice in ["1", "2", "3", "4"] {
            #expect(menuSession.waitForStatus(.vmRead))
            menuSession.type(choice)
        }
        #expect(menuSession.waitFor("ALL DONE"))
        #expect(menuSession.waitFor("CP ENTERED; DISABLED WAIT PSW '00020000 0099FACE'"))

        #expect(s["TASKS"]!.waitFor("COUNTER VALUE: ONE"))
        #expect(s["CLOCK"]!.waitFor("00:00:02", timeout: 30))

        // Nobody saw anybody else's output.
        for (user, session) in s {
            let lines = session.terminal.lines
            if user != "HELLO" { #expect(!lines.contains("Hello Bare-Metal World!"), "\(user)") }
            if user != "TASKS" { #expect(!lines.contains { $0.hasPrefix("COUNTER VALUE") }, "\(user)") }
            if user != "PCLOOP" { #expect(!lines.contains { $0.contains("PROGRAM INTERRUPT LOOP") }, "\(user)") }
        }
        // The looper is still running and still answers CP.
        #expect(s["LOOPER"]!.type("#cp q stor") == ["STORAGE = 01024K"])
        #expect(s["LOOPER"]!.terminal.status == .running)
    }
}
