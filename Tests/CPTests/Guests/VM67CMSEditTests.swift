@testable import CP
import Foundation
import Terminal
import Testing

/// The vm67 CMS editors: EDIT, the line editor of VM/370 R6 CMS, driven
/// line by line through the console; XEDIT, full screen on a 3270 console
/// (DIAGNOSE X'58'), driven by typing on its screen and pressing keys. The
/// files they write are checked with TYPE.
@Suite("vm67 CMS editors", .serialized)
struct VM67CMSEditTests {
    typealias Disk = VM67CMSDiskTests.Disk

    static let keep = ("KEEP", "FILE", "ALPHA LINE\nBETA LINE\nGAMMA LINE\n")

    /// CMSUSER with a 191 holding `files`, CMS IPLed; `display` says what
    /// the user's terminal is.
    static func booted(_ files: [(String, String, String)] = [keep], display: Bool = false) throws -> Session? {
        guard let disk = try VM67CMSWorkTests.disk(files, volser: "EDT191"),
              let system = try VM67CMSDiskTests.system([disk]) else { return nil }
        let user = try system.logon("cmsuser", display: display)
        user.type("ipl cms", until: { $0.contains(where: VM67CMSTests.isReady) })
        #expect(user.waitForStatus(.vmRead, timeout: 10))
        return user
    }

    static func isReady(_ line: String) -> Bool { VM67CMSTests.isReady(line) }

    /// A CMS command, up to its Ready message.
    static func command(_ user: Session, _ line: String) -> [String] {
        user.waitForStatus(.vmRead, timeout: 10)
        return user.type(line, until: { $0.contains(where: isReady) })
    }

    /// One line typed to the editor (a subcommand or input), and what it
    /// answered once the editor reads again.
    static func edit(_ user: Session, _ line: String) -> [String] {
        user.waitForStatus(.vmRead, timeout: 10)
        let mark = user.terminal.lines.count
        user.vm.console.submit(.line(line))
        // The editor reads the console again when it is done with the line.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            usleep(5_000)
            if user.terminal.status == .vmRead && user.vm.isIdleForTests { break }
        }
        return user.terminal.lines(after: mark).filter { $0 != line }
    }

    /// The file as TYPE shows it.
    static func typed(_ user: Session, _ fileid: String) -> [String] {
        command(user, "type \(fileid)").filter { !isReady($0) && $0.lowercased() != "type \(fileid)" }
    }

    // MARK: - EDIT, line mode

    @Test func editMakesANewFile() throws {
        guard let user = try Self.booted() else { return }
        let start = Self.edit(user, "edit notes data")
        #expect(start.contains("NEW FILE:") && start.contains("EDIT:"), "\(start)")
        #expect(Self.edit(user, "input").contains("INPUT:"))
        for line in ["first line", "second line", "third line"] { _ = Self.edit(user, line) }
        #expect(Self.edit(user, "").contains("EDIT:"), "a null line ends input mode")
        #expect(Self.edit(user, "top") == ["TOF:"])
        #expect(Self.edit(user, "locate /second/") == ["SECOND LINE"], "CASE U: the string is upper case too")
        #expect(Self.edit(user, "c /SECOND/2ND/") == ["2ND LINE"])
        #expect(Self.edit(user, "next") == ["THIRD LINE"])
        #expect(Self.edit(user, "delete") == ["EOF:"])
        let all = Self.edit(user, "type *")
        #expect(all == ["EOF:"], "at the end, TYPE has nothing to show: \(all)")
        _ = Self.edit(user, "top")
        #expect(Self.edit(user, "type *") == ["TOF:", "FIRST LINE", "2ND LINE", "EOF:"])
        #expect(Self.edit(user, "xyzzy 3") == ["?EDIT: xyzzy 3"])
        _ = Self.edit(user, "top")
        #expect(Self.edit(user, "locate /NOWHERE/") == ["EOF:"])
        let file = Self.command(user, "file")
        #expect(file.contains { $0.hasPrefix("Ready;") }, "\(file)")
        #expect(Self.typed(user, "notes data") == ["FIRST LINE", "2ND LINE"])
        let state = Self.command(user, "listfile notes data a (label")
        #expect(state.contains { $0.hasPrefix("NOTES    DATA     A1 F    80") }, "\(state)")
        // SERIAL ON numbers columns 73-80 when the file is written.
        #expect(Self.edit(user, "edit notes data") == ["EDIT:"])
        #expect(Self.edit(user, "serial on") == [])
        _ = Self.command(user, "file")
        let serial = Self.typed(user, "notes data")
        #expect(serial == ["FIRST LINE".padding(toLength: 72, withPad: " ", startingAt: 0) + "NOT00010",
                           "2ND LINE".padding(toLength: 72, withPad: " ", startingAt: 0) + "NOT00020"], "\(serial)")
    }

    @Test func quitLeavesTheFileAsItWas() throws {
        guard let user = try Self.booted() else { return }
        #expect(Self.edit(user, "edit keep file") == ["EDIT:"])
        #expect(Self.edit(user, "next 2") == ["BETA LINE"])
        _ = Self.edit(user, "delete 2")
        _ = Self.edit(user, "top")
        #expect(Self.edit(user, "t *") == ["TOF:", "ALPHA LINE", "EOF:"])
        let quit = Self.command(user, "quit")
        #expect(quit.contains { $0.hasPrefix("Ready;") }, "QUIT asks nothing: \(quit)")
        #expect(Self.typed(user, "keep file") == ["ALPHA LINE", "BETA LINE", "GAMMA LINE"])
    }

    @Test func changeRepeatSaveAndSettings() throws {
        guard let user = try Self.booted() else { return }
        _ = Self.edit(user, "edit keep file")
        _ = Self.edit(user, "next")
        let global = Self.edit(user, "change /LINE/ROW/ * g")
        #expect(global == ["ALPHA ROW", "BETA ROW", "GAMMA ROW", "EOF:"], "\(global)")
        _ = Self.edit(user, "top")
        #expect(Self.edit(user, "find BETA") == ["BETA ROW"])
        #expect(Self.edit(user, "c/ROW/LINE/") == ["BETA LINE"])
        #expect(Self.edit(user, "?") == ["c/ROW/LINE/"])
        #expect(Self.edit(user, "=") == ["NOT FOUND"], "the line has no ROW any more")
        #expect(Self.edit(user, "case") == ["CASE U"])
        _ = Self.edit(user, "case m")
        #expect(Self.edit(user, "input Mixed Case") == [])
        #expect(Self.edit(user, "zone") == ["ZONE 1 80"])
        #expect(Self.edit(user, "zone 3 20") == [])
        _ = Self.edit(user, "top")
        #expect(Self.edit(user, "locate /ALPHA/") == ["EOF:"], "ALPHA starts in column 1, outside the zone")
        #expect(Self.edit(user, "recfm") == ["RECFM V"])
        #expect(Self.edit(user, "save copy file a") == [])
        #expect(Self.edit(user, "fname") == ["FNAME COPY"])
        _ = Self.command(user, "quit")
        #expect(Self.typed(user, "copy file") == ["ALPHA ROW", "BETA LINE", "Mixed Case", "GAMMA ROW"])
        #expect(Self.typed(user, "keep file") == ["ALPHA LINE", "BETA LINE", "GAMMA LINE"])
    }

    @Test func editErrorsSayWhyAndLoseNothing() throws {
        guard let user = try Self.booted() else { return }
        let none = Self.command(user, "edit")
        #expect(none.contains("DMSEDI054E INCOMPLETE FILEID SPECIFIED"), "\(none)")
        #expect(none.contains { $0.hasPrefix("Ready(00024);") }, "\(none)")
        let option = Self.command(user, "edit keep file a (wrong")
        #expect(option.contains("DMSEDI003E INVALID OPTION 'WRONG'"), "\(option)")
        let disk = Self.command(user, "edit keep file z")
        #expect(disk.contains("DMSEDI069E DISK 'Z' NOT ACCESSED"), "\(disk)")
        #expect(disk.contains { $0.hasPrefix("Ready(00036);") }, "\(disk)")
        let lrecl = Self.command(user, "edit big file (lrecl 999")
        #expect(lrecl.contains("DMSEDI029E INVALID PARAMETER '999' IN THE OPTION 'LRECL' FIELD"), "\(lrecl)")
        // Bad subcommands change nothing.
        _ = Self.edit(user, "edit keep file")
        #expect(Self.edit(user, "next x") == ["?EDIT: next x"])
        #expect(Self.edit(user, "delete -1") == ["?EDIT: delete -1"])
        #expect(Self.edit(user, "file a b c d") == ["?EDIT: file a b c d"])
        let file = Self.command(user, "file")
        #expect(file.contains { $0.hasPrefix("Ready;") }, "\(file)")
        #expect(Self.typed(user, "keep file") == ["ALPHA LINE", "BETA LINE", "GAMMA LINE"])
    }

    @Test func xeditOnATypewriterIsTheLineEditor() throws {
        guard let user = try Self.booted(display: false) else { return }
        #expect(Self.edit(user, "xedit keep file") == ["EDIT:"])
        #expect(Self.edit(user, "bottom") == ["GAMMA LINE"])
        _ = Self.edit(user, "input delta line")
        _ = Self.command(user, "file")
        #expect(Self.typed(user, "keep file") == ["ALPHA LINE", "BETA LINE", "GAMMA LINE", "DELTA LINE"])
    }

    // MARK: - XEDIT, full screen

    /// Waits for the guest's screen to satisfy `condition`.
    @discardableResult
    static func screen(_ user: Session, timeout: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(2_000)
        }
        return condition()
    }

    /// The screen rows, for failure messages.
    static func rows(_ user: Session) -> String {
        (0..<24).map { "\($0): \(user.display.text(row: $0))" }.joined(separator: "\n")
    }

    /// Presses a key and waits for the guest's next screen.
    static func press(_ user: Session, _ aid: AID) {
        let writes = user.display.fullScreenWrites
        user.press(aid)
        screen(user) { user.display.fullScreenWrites > writes }
    }

    @Test func xeditShowsTheFileAndTakesChangesFromTheScreen() throws {
        guard let user = try Self.booted(display: true) else { return }
        user.type("xedit keep file", until: { _ in user.display.isFullScreen })
        #expect(Self.screen(user) { user.display.text(row: 0).contains("Size=3") })
        let id = user.display.text(row: 0)
        #expect(id.contains("KEEP     FILE     A1  V 80  Trunc=80 Size=3 Line=0 Col=1 Alt=0"), "\(id)")
        // The current line (the top of file) in the middle, then the file.
        #expect(user.display.text(row: 11).contains("===== * * * Top of File * * *"), "\(Self.rows(user))")
        #expect(user.display.text(row: 12).hasPrefix(" ===== ALPHA LINE"), "\(Self.rows(user))")
        #expect(user.display.text(row: 14).contains("GAMMA LINE"))
        #expect(user.display.text(row: 15).contains("* * * End of File * * *"))
        #expect(user.display.text(row: 22).hasPrefix(" ====>"))

        // Typed over a line, and D in the prefix of another: one ENTER.
        user.display.type("alpha changed", row: 12, column: 7)
        user.display.type("d", row: 13, column: 1)
        Self.press(user, .enter)
        #expect(Self.screen(user) { user.display.text(row: 0).contains("Size=2") }, "\(Self.rows(user))")
        #expect(user.display.text(row: 12).contains("ALPHA CHANGED"), "CASE U: \(Self.rows(user))")
        #expect(user.display.text(row: 13).contains("GAMMA LINE"), "\(Self.rows(user))")

        // QUIT of a changed file asks for QQUIT.
        user.display.type("quit", row: 22, column: 7)
        Self.press(user, .enter)
        #expect(user.display.text(row: 1).contains("FILE HAS BEEN CHANGED. USE QQUIT TO QUIT ANYWAY."), "\(Self.rows(user))")

        // PF8: a screen forward, to the end of the file.
        Self.press(user, AID.pf(8)!)
        #expect(user.display.text(row: 0).contains("Line=3"), "\(Self.rows(user))")
        #expect(user.display.text(row: 11).contains("* * * End of File * * *"), "\(Self.rows(user))")
        Self.press(user, AID.pf(7)!)
        #expect(user.display.text(row: 0).contains("Line=0"), "\(Self.rows(user))")

        // The command line: a change, then FILE.
        user.display.type("c/GAMMA/OMEGA/ 2", row: 22, column: 7)
        Self.press(user, .enter)
        #expect(user.display.text(row: 0).contains("Line=2"), "the last line changed: \(Self.rows(user))")
        #expect(user.display.text(row: 11).contains("OMEGA LINE"), "\(Self.rows(user))")
        let mark = user.terminal.lines.count
        user.display.type("file", row: 22, column: 7)
        user.press(.enter)
        let after = user.collect(after: mark, until: { $0.contains(where: Self.isReady) }, timeout: 10)
        #expect(after.contains(where: Self.isReady), "\(after)")
        #expect(Self.typed(user, "keep file") == ["ALPHA CHANGED", "OMEGA LINE"])
    }

    @Test func xeditPrefixInsertCopyAndQQuit() throws {
        guard let user = try Self.booted(display: true) else { return }
        user.type("xedit keep file", until: { _ in user.display.isFullScreen })
        #expect(Self.screen(user) { user.display.text(row: 0).contains("Size=3") })
        // C on ALPHA, F on GAMMA: ALPHA is copied after GAMMA; I on the top
        // of file adds an empty first line, " duplicates BETA.
        user.display.type("c", row: 12, column: 1)
        user.display.type("f", row: 14, column: 1)
        Self.press(user, .enter)
        #expect(Self.screen(user) { user.display.text(row: 0).contains("Size=4") }, "\(Self.rows(user))")
        #expect(user.display.text(row: 15).contains("ALPHA LINE"), "\(Self.rows(user))")
        user.display.type("\"", row: 13, column: 1)
        user.display.type("i", row: 11, column: 1)
        Self.press(user, .enter)
        #expect(Self.screen(user) { user.display.text(row: 0).contains("Size=6") }, "\(Self.rows(user))")
        user.display.type("new first", row: 12, column: 7)
        user.display.type("/", row: 14, column: 1)
        Self.press(user, .enter)
        #expect(user.display.text(row: 0).contains("Line=3"), "\(Self.rows(user))")
        user.display.type("save", row: 22, column: 7)
        Self.press(user, .enter)
        #expect(user.display.text(row: 0).contains("Alt=0"), "\(Self.rows(user))")
        // After SAVE a change and QQUIT: the saved file stays.
        user.display.type("delete 3", row: 22, column: 7)
        Self.press(user, .enter)
        let mark = user.terminal.lines.count
        user.display.type("qquit", row: 22, column: 7)
        user.press(.enter)
        let after = user.collect(after: mark, until: { $0.contains(where: Self.isReady) }, timeout: 10)
        #expect(after.contains(where: Self.isReady), "\(after)")
        #expect(Self.typed(user, "keep file") == ["NEW FIRST", "ALPHA LINE", "BETA LINE", "BETA LINE", "GAMMA LINE",
                                                  "ALPHA LINE"])
    }

    @Test func cpOutputDuringXeditIsFollowedByARepaint() throws {
        guard let user = try Self.booted(display: true) else { return }
        user.type("xedit keep file", until: { _ in user.display.isFullScreen })
        #expect(Self.screen(user) { user.display.text(row: 0).contains("Size=3") })
        let writes = user.display.fullScreenWrites
        // CP writes a line (as a message from another user would): CP takes
        // the screen; when the user gives it back, XEDIT paints it again.
        user.vm.post { vm in vm.say("MSG FROM OPERATOR: LUNCH") }
        #expect(Self.screen(user) { user.display.isInterrupted })
        #expect(user.terminal.lines.contains("MSG FROM OPERATOR: LUNCH"))
        user.releaseScreen()
        #expect(Self.screen(user) {
            user.display.fullScreenWrites > writes && user.display.text(row: 12).contains("ALPHA LINE")
        }, "\(Self.rows(user))")
        user.display.type("omega line", row: 13, column: 7)
        Self.press(user, .enter)
        let mark = user.terminal.lines.count
        user.display.type("file", row: 22, column: 7)
        user.press(.enter)
        let after = user.collect(after: mark, until: { $0.contains(where: Self.isReady) }, timeout: 10)
        #expect(after.contains(where: Self.isReady), "\(after)")
        #expect(Self.typed(user, "keep file") == ["ALPHA LINE", "OMEGA LINE", "GAMMA LINE"])
    }

    @Test func fileOfAnEmptiedFileErasesIt() throws {
        guard let user = try Self.booted() else { return }
        _ = Self.edit(user, "edit keep file")
        #expect(Self.edit(user, "delete *") == ["EOF:"])
        _ = Self.command(user, "file")
        let state = Self.command(user, "state keep file")
        #expect(state.contains("DMSSTT002E FILE 'KEEP FILE *' NOT FOUND"), "\(state)")
    }

    @Test func autosaveWritesEveryNUpdates() throws {
        guard let user = try Self.booted() else { return }
        _ = Self.edit(user, "edit keep file")
        #expect(Self.edit(user, "autosave") == ["AUTOSAVE OFF"])
        _ = Self.edit(user, "autosave 2")
        _ = Self.edit(user, "next")
        #expect(Self.edit(user, "c/ALPHA/A1/") == ["A1 LINE"])
        #expect(Self.edit(user, "c/A1/A2/") == ["A2 LINE", "SAVED"])
        #expect(Self.edit(user, "c/A2/A3/") == ["A3 LINE"])
        _ = Self.command(user, "quit")
        #expect(Self.typed(user, "keep file") == ["A2 LINE", "BETA LINE", "GAMMA LINE"])
    }

    @Test func xeditMoveAndBlockDelete() throws {
        guard let user = try Self.booted(display: true) else { return }
        user.type("xedit keep file", until: { _ in user.display.isFullScreen })
        #expect(Self.screen(user) { user.display.text(row: 0).contains("Size=3") })
        // M on GAMMA, F on the top of file: GAMMA becomes the first line.
        user.display.type("m", row: 14, column: 1)
        user.display.type("f", row: 11, column: 1)
        Self.press(user, .enter)
        #expect(user.display.text(row: 12).contains("GAMMA LINE"), "\(Self.rows(user))")
        #expect(user.display.text(row: 14).contains("BETA LINE"), "\(Self.rows(user))")
        // A DD block over ALPHA and BETA.
        user.display.type("dd", row: 13, column: 1)
        user.display.type("dd", row: 14, column: 1)
        Self.press(user, .enter)
        #expect(user.display.text(row: 0).contains("Size=1"), "\(Self.rows(user))")
        // One DD alone is not done, and says why.
        user.display.type("dd", row: 12, column: 1)
        Self.press(user, .enter)
        #expect(user.display.text(row: 1).contains("DD NEEDS ITS PAIR"), "\(Self.rows(user))")
        #expect(user.display.text(row: 0).contains("Size=1"), "\(Self.rows(user))")
        let mark = user.terminal.lines.count
        user.press(AID.pf(3)!)          // PF3: QUIT, which asks for QQUIT
        #expect(Self.screen(user) { user.display.text(row: 1).contains("USE QQUIT") }, "\(Self.rows(user))")
        user.display.type("file", row: 22, column: 7)
        user.press(.enter)
        let after = user.collect(after: mark, until: { $0.contains(where: Self.isReady) }, timeout: 10)
        #expect(after.contains(where: Self.isReady), "\(after)")
        #expect(Self.typed(user, "keep file") == ["GAMMA LINE"])
    }

    @Test func anExecDrivesEditThroughTheStack() throws {
        let exec = ("MAKE", "EXEC", "&STACK INPUT HELLO FROM AN EXEC\n&STACK FILE\nEDIT MADE DATA\n&EXIT &RETCODE\n")
        guard let user = try Self.booted([Self.keep, exec]) else { return }
        let run = Self.command(user, "make")
        #expect(run.contains("NEW FILE:") && run.contains { $0.hasPrefix("Ready;") }, "\(run)")
        #expect(Self.typed(user, "made data") == ["HELLO FROM AN EXEC"])
    }
}
