@testable import CP
import Foundation
import Terminal
import Testing

/// The rest of VM/370 R6 EDIT's subcommands in the vm67 CMS editor: the
/// ...UP forms (toward the top of the file), ALTER, X and Y, STACK, the
/// CMS subset, LONG and SHORT, PRESERVE and RESTORE, IMAGE and TABSET,
/// and line-number editing (LINEMODE, PROMPT, nnnnn, RENUM).
@Suite("vm67 CMS EDIT, R6 subcommands", .serialized)
struct VM67CMSEdit2Tests {
    typealias Edit = VM67CMSEditTests

    static let five = ("FIVE", "FILE", "ONE A\nTWO B\nTHREE A\nFOUR B\nFIVE A\n")

    static func booted(_ files: [(String, String, String)] = [five]) throws -> Session? {
        try Edit.booted(files)
    }

    @Test func upwardFormsSearchTowardTheTop() throws {
        guard let user = try Self.booted() else { return }
        #expect(Edit.edit(user, "edit five file") == ["EDIT:"])
        _ = Edit.edit(user, "bottom")
        #expect(Edit.edit(user, "locateup /TWO/") == ["TWO B"])
        #expect(Edit.edit(user, "locateup /FIVE/") == ["TOF:"], "nothing above: the top")
        #expect(Edit.edit(user, "locateup /FOUR/") == ["FOUR B"], "from the top the search starts at the end")
        #expect(Edit.edit(user, "findup ONE") == ["ONE A"])
        _ = Edit.edit(user, "bottom")
        #expect(Edit.edit(user, "findup") == ["FOUR B"], "no string: up one line")
        #expect(Edit.edit(user, "typeup 3") == ["FOUR B", "THREE A", "TWO B"])
        #expect(Edit.edit(user, "typeup 9") == ["TWO B", "ONE A", "TOF:"])
        _ = Edit.edit(user, "bottom")
        let changed = Edit.edit(user, "changeup /A/Z/ 3")
        #expect(changed == ["FIVE Z", "THREE Z"], "\(changed)")
        #expect(Edit.edit(user, "type") == ["THREE Z"], "the pointer on the last line searched")
        #expect(Edit.edit(user, "changeup /Q/R/") == ["NOT FOUND"])
        _ = Edit.edit(user, "bottom")
        #expect(Edit.edit(user, "deleteup 2") == [])
        #expect(Edit.edit(user, "type") == ["THREE Z"], "the line before the last deleted")
        #expect(Edit.edit(user, "deleteup *") == ["TOF:"])
        #expect(Edit.edit(user, "type *") == ["TOF:", "EOF:"])
        _ = Edit.command(user, "quit")
        #expect(Edit.typed(user, "five file") == ["ONE A", "TWO B", "THREE A", "FOUR B", "FIVE A"])
    }

    @Test func alterChangesOneCharacterByItselfOrItsCode() throws {
        guard let user = try Self.booted() else { return }
        _ = Edit.edit(user, "edit five file")
        _ = Edit.edit(user, "next")
        #expect(Edit.edit(user, "alter A Q") == ["ONE Q"])
        let none = Edit.edit(user, "alter E7 C1 * g")
        #expect(none == ["EOF:", "NOT FOUND"], "no X (X'E7') anywhere: \(none)")
        _ = Edit.edit(user, "top")
        _ = Edit.edit(user, "next")
        let all = Edit.edit(user, "alter E C1 * g")
        #expect(all == ["ONA Q", "THRAA A", "FIVA A", "EOF:"], "X'C1' is A: \(all)")
        _ = Edit.edit(user, "bottom")
        #expect(Edit.edit(user, "alterup A 5B 2") == ["FIV$ A"], "X'5B' is $")
        #expect(Edit.edit(user, "type") == ["FOUR B"])
        #expect(Edit.edit(user, "alter GH C") == ["?EDIT: alter GH C"], "two characters that are not hex digits")
        _ = Edit.command(user, "file")
        #expect(Edit.typed(user, "five file") == ["ONA Q", "TWO B", "THRAA A", "FOUR B", "FIV$ A"])
    }

    @Test func repeatAppliesTheNextOverlayToNLines() throws {
        guard let user = try Self.booted() else { return }
        _ = Edit.edit(user, "edit five file")
        _ = Edit.edit(user, "next")
        #expect(Edit.edit(user, "repeat 3") == [])
        #expect(Edit.edit(user, "overlay      !") == ["ONE A!", "TWO B!", "THREE!A"])
        #expect(Edit.edit(user, "overlay x") == ["XHREE!A"], "REPEAT held for one OVERLAY only")
        _ = Edit.edit(user, "repeat 9")
        _ = Edit.edit(user, "top")
        #expect(Edit.edit(user, "overlay y") == ["TOF:"], "another subcommand in between cancels REPEAT")
        _ = Edit.edit(user, "repeat *")
        #expect(Edit.edit(user, "overlay z") == ["ZNE A!", "ZWO B!", "ZHREE!A", "ZOUR B", "ZIVE A", "EOF:"])
        #expect(Edit.edit(user, "repeat x") == ["?EDIT: repeat x"])
        _ = Edit.command(user, "quit")
    }

    @Test func getfileCopiesRecordsOfAnotherFile() throws {
        guard let user = try Self.booted([Self.five, Edit.keep]) else { return }
        _ = Edit.edit(user, "edit five file")
        _ = Edit.edit(user, "next")
        #expect(Edit.edit(user, "getfile keep") == [], "the filetype defaults to the edited file's")
        #expect(Edit.edit(user, "type") == ["GAMMA LINE"], "the last line copied is the current one")
        #expect(Edit.edit(user, "getfile keep file a 2 5") == ["EOF REACHED"], "records 2 and 3 only")
        #expect(Edit.edit(user, "getfile none file") == ["FILE 'NONE FILE A' NOT FOUND"])
        #expect(Edit.edit(user, "getfile keep file a 0") == ["?EDIT: getfile keep file a 0"])
        #expect(Edit.edit(user, "trunc 4") == [])
        #expect(Edit.edit(user, "getfile keep file * 1 1") == ["TRUNCATED"])
        #expect(Edit.edit(user, "type") == ["ALPH"])
        _ = Edit.command(user, "file")
        #expect(Edit.typed(user, "five file") == ["ONE A", "ALPHA LINE", "BETA LINE", "GAMMA LINE", "BETA LINE",
                                                  "GAMMA LINE", "ALPH", "TWO B", "THREE A", "FOUR B", "FIVE A"])
    }

    @Test func xAndYRunASavedSubcommandNTimes() throws {
        guard let user = try Self.booted() else { return }
        _ = Edit.edit(user, "edit five file")
        #expect(Edit.edit(user, "x") == ["?EDIT: x"], "nothing saved yet")
        #expect(Edit.edit(user, "x change /A/Z/") == [], "saving runs nothing")
        #expect(Edit.edit(user, "y next") == [])
        #expect(Edit.edit(user, "y 2") == ["ONE A", "TWO B"])
        #expect(Edit.edit(user, "x") == ["NOT FOUND"])
        #expect(Edit.edit(user, "y") == ["THREE A"])
        #expect(Edit.edit(user, "x") == ["THREE Z"])
        #expect(Edit.edit(user, "y *") == ["FOUR B", "FIVE A", "EOF:"], "* runs it to the end")
        #expect(Edit.edit(user, "x 0") == ["?EDIT: x 0"])
        #expect(Edit.edit(user, "=") == ["?EDIT: x 0"], "= repeats X's line as typed")
        _ = Edit.command(user, "file")
        #expect(Edit.typed(user, "five file") == ["ONE A", "TWO B", "THREE Z", "FOUR B", "FIVE A"])
    }

    @Test func stackPutsLinesOrASubcommandOnTheConsoleStack() throws {
        guard let user = try Self.booted() else { return }
        _ = Edit.edit(user, "edit five file")
        // The stacked lines are the editor's next input: here subcommands
        // it does not know.
        _ = Edit.edit(user, "next 2")
        let two = Edit.edit(user, "stack 2")
        #expect(two.filter { $0.hasPrefix("?EDIT:") } == ["?EDIT: TWO B", "?EDIT: THREE A"], "\(two)")
        #expect(Edit.edit(user, "type") == ["THREE A"], "the pointer on the last line stacked")
        let up = Edit.edit(user, "stackup 2")
        #expect(up.filter { $0.hasPrefix("?EDIT:") } == ["?EDIT: THREE A", "?EDIT: TWO B"], "\(up)")
        #expect(Edit.edit(user, "type") == ["TWO B"])
        let sub = Edit.edit(user, "stack next 3")
        #expect(sub.last == "FIVE A", "the stacked subcommand ran: \(sub)")
        #expect(Edit.edit(user, "stack 0") == [])
        _ = Edit.command(user, "quit")
    }

    @Test func cmsSubsetRunsCommandsAndReturns() throws {
        guard let user = try Self.booted() else { return }
        _ = Edit.edit(user, "edit five file")
        _ = Edit.edit(user, "next 3")
        #expect(Edit.edit(user, "cms") == ["CMS SUBSET"])
        let list = Edit.edit(user, "listfile five file a")
        #expect(list.contains { $0.hasPrefix("FIVE     FILE     A1") }, "\(list)")
        #expect(list.contains { $0.hasPrefix("Ready;") }, "each command is answered by Ready: \(list)")
        for refused in ["load five", "edit other file", "xedit five file"] {
            let out = Edit.edit(user, refused)
            #expect(out.first == "INVALID SUBSET COMMAND", "\(refused): \(out)")
            #expect(out.contains { $0.hasPrefix("Ready(-0002);") }, "\(refused): \(out)")
        }
        #expect(Edit.edit(user, "return") == ["EDIT:"])
        #expect(Edit.edit(user, "type") == ["THREE A"], "the file and its pointer as they were")
        #expect(Edit.edit(user, "cms now") == ["?EDIT: cms now"])
        _ = Edit.command(user, "quit")
    }

    @Test func longShortPreserveAndRestore() throws {
        guard let user = try Self.booted() else { return }
        _ = Edit.edit(user, "edit five file")
        #expect(Edit.edit(user, "short") == [])
        #expect(Edit.edit(user, "bogus") == ["?EDIT:"], "SHORT: the prefix alone")
        #expect(Edit.edit(user, "long") == [])
        #expect(Edit.edit(user, "bogus") == ["?EDIT: bogus"])
        #expect(Edit.edit(user, "restore") == ["?EDIT: restore"], "nothing preserved yet")
        #expect(Edit.edit(user, "preserve") == [])
        for setting in ["zone 3 10", "case m", "trunc 20", "short", "fname other", "image off"] {
            #expect(Edit.edit(user, setting) == [], "\(setting)")
        }
        #expect(Edit.edit(user, "zone") == ["ZONE 3 10"])
        #expect(Edit.edit(user, "fname") == ["FNAME OTHER"])
        #expect(Edit.edit(user, "restore") == [])
        #expect(Edit.edit(user, "zone") == ["ZONE 1 80"])
        #expect(Edit.edit(user, "case") == ["CASE U"])
        #expect(Edit.edit(user, "trunc") == ["TRUNC 80"])
        #expect(Edit.edit(user, "fname") == ["FNAME FIVE"])
        #expect(Edit.edit(user, "image") == ["IMAGE ON"])
        #expect(Edit.edit(user, "bogus") == ["?EDIT: bogus"], "LONG again")
        _ = Edit.command(user, "quit")
    }

    static let assembler = "LR       R1,R2,R3" + String(repeating: " ", count: 13) + "* COMMENT"

    @Test func imageExpandsTabsToTheTabsetStops() throws {
        guard let user = try Self.booted() else { return }
        _ = Edit.edit(user, "edit tabs assemble")
        #expect(Edit.edit(user, "image") == ["IMAGE ON"])
        #expect(Edit.edit(user, "input lr\tr1,r2,r3\t* comment") == [])
        #expect(Edit.edit(user, "type") == [Self.assembler],
                "ASSEMBLE's stops 1 10 16 31 ...")
        #expect(Edit.edit(user, "tabset 1 10 16") == [])
        #expect(Edit.edit(user, "input lr\tr1,r2\t* comment") == [])
        #expect(Edit.edit(user, "type") == ["LR       R1,R2 * COMMENT"])
        #expect(Edit.edit(user, "tabset 10 5") == ["?EDIT: tabset 10 5"], "stops go up")
        #expect(Edit.edit(user, "image canon") == ["?EDIT: image canon"])
        #expect(Edit.edit(user, "image off") == [])
        #expect(Edit.edit(user, "image") == ["IMAGE OFF"])
        _ = Edit.command(user, "file")
        #expect(Edit.typed(user, "tabs assemble") == [Self.assembler, "LR       R1,R2 * COMMENT"])
    }

    @Test func lineNumberEditing() throws {
        guard let user = try Self.booted() else { return }
        #expect(Edit.edit(user, "edit prog vsbasic") == ["NEW FILE:", "EDIT:"])
        #expect(Edit.edit(user, "linemode") == ["LINEMODE OFF"])
        #expect(Edit.edit(user, "15") == ["?EDIT: 15"], "no line numbers without LINEMODE")
        #expect(Edit.edit(user, "linemode left") == [])
        #expect(Edit.edit(user, "input") == ["INPUT:", "00010"], "input prompts with the next number")
        #expect(Edit.edit(user, "print x") == ["00020"])
        #expect(Edit.edit(user, "end") == ["00030"])
        #expect(Edit.edit(user, "") == ["EDIT:"])
        _ = Edit.edit(user, "top")
        #expect(Edit.edit(user, "type *") == ["TOF:", "00010 PRINT X", "00020 END", "EOF:"])
        #expect(Edit.edit(user, "15 let y=1") == [])
        #expect(Edit.edit(user, "type") == ["00015 LET Y=1"], "added in its place")
        #expect(Edit.edit(user, "20 stop") == [])
        #expect(Edit.edit(user, "10") == ["00010 PRINT X"])
        #expect(Edit.edit(user, "17") == ["00015 LET Y=1"], "no line 17: the one before")
        #expect(Edit.edit(user, "prompt 5") == [])
        #expect(Edit.edit(user, "prompt") == ["PROMPT 5"])
        _ = Edit.edit(user, "bottom")
        #expect(Edit.edit(user, "input") == ["INPUT:", "00025"])
        #expect(Edit.edit(user, "") == ["EDIT:"])
        #expect(Edit.edit(user, "renum 100 100") == [])
        _ = Edit.edit(user, "top")
        #expect(Edit.edit(user, "type *") == ["TOF:", "00100 PRINT X", "00200 LET Y=1", "00300 STOP", "EOF:"])
        #expect(Edit.edit(user, "renum 0") == ["?EDIT: renum 0"])
        #expect(Edit.edit(user, "linemode right") == [])
        #expect(Edit.edit(user, "linemode") == ["LINEMODE RIGHT"])
        #expect(Edit.edit(user, "linemode off") == [])
        _ = Edit.command(user, "file")
        #expect(Edit.typed(user, "prog vsbasic") == ["00100 PRINT X", "00200 LET Y=1", "00300 STOP"])
        // RENUM is for VSBASIC and FREEFORT files only.
        _ = Edit.edit(user, "edit five file")
        #expect(Edit.edit(user, "renum") == ["?EDIT: renum"])
        _ = Edit.command(user, "quit")
    }

    // MARK: - XEDIT's input zone

    @Test func xeditInputWithoutALineOpensAnInputZone() throws {
        guard let user = try Edit.booted(display: true) else { return }
        user.type("xedit keep file", until: { _ in user.display.isFullScreen })
        #expect(Edit.screen(user) { user.display.text(row: 0).contains("Size=3") })
        user.display.type("input", row: 22, column: 7)
        Edit.press(user, .enter)
        #expect(user.display.text(row: 23).contains("Input-mode"), "\(Edit.rows(user))")
        #expect(user.display.text(row: 12).trimmingCharacters(in: .whitespaces).isEmpty,
                "below the current line, an empty input zone: \(Edit.rows(user))")
        user.display.type("first new", row: 12, column: 7)
        user.display.type("second new", row: 13, column: 7)
        Edit.press(user, .enter)
        #expect(user.display.text(row: 0).contains("Size=5 Line=2"), "\(Edit.rows(user))")
        #expect(user.display.text(row: 10).contains("FIRST NEW"), "\(Edit.rows(user))")
        #expect(user.display.text(row: 11).contains("SECOND NEW"), "\(Edit.rows(user))")
        #expect(user.display.text(row: 23).contains("Input-mode"), "still input mode: \(Edit.rows(user))")
        // ENTER with nothing typed: back to the file.
        Edit.press(user, .enter)
        #expect(user.display.text(row: 23).contains("X E D I T"), "\(Edit.rows(user))")
        #expect(user.display.text(row: 12).contains("ALPHA LINE"), "\(Edit.rows(user))")
        let mark = user.terminal.lines.count
        user.display.type("file", row: 22, column: 7)
        user.press(.enter)
        let after = user.collect(after: mark, until: { $0.contains(where: Edit.isReady) }, timeout: 10)
        #expect(after.contains(where: Edit.isReady), "\(after)")
        #expect(Edit.typed(user, "keep file") == ["FIRST NEW", "SECOND NEW", "ALPHA LINE", "BETA LINE", "GAMMA LINE"])
    }

    @Test func xeditCmsLeavesTheScreenForTheSubsetAndReturnComesBack() throws {
        guard let user = try Edit.booted(display: true) else { return }
        user.type("xedit keep file", until: { _ in user.display.isFullScreen })
        #expect(Edit.screen(user) { user.display.text(row: 0).contains("Size=3") })
        let mark = user.terminal.lines.count
        user.display.type("cms", row: 22, column: 7)
        user.press(.enter)
        let subset = user.collect(after: mark, until: { $0.contains("CMS SUBSET") }, timeout: 10)
        #expect(subset.contains("CMS SUBSET"), "\(subset)")
        #expect(Edit.screen(user) { !user.display.isFullScreen }, "line mode for the subset")
        let list = user.type("listfile keep file a", until: { $0.contains(where: Edit.isReady) })
        #expect(list.contains { $0.hasPrefix("KEEP     FILE     A1") }, "\(list)")
        user.waitForStatus(.vmRead, timeout: 10)
        user.vm.console.submit(.line("return"))
        #expect(Edit.screen(user) { user.display.isFullScreen && user.display.text(row: 12).contains("ALPHA LINE") },
                "the file's screen again: \(Edit.rows(user))")
        let end = user.terminal.lines.count
        user.display.type("quit", row: 22, column: 7)
        user.press(.enter)
        let after = user.collect(after: end, until: { $0.contains(where: Edit.isReady) }, timeout: 10)
        #expect(after.contains(where: Edit.isReady), "\(after)")
    }
}
