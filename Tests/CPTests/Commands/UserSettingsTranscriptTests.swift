import CP
import Foundation
import Testing

/// SET, TERMINAL, logical line editing, PF keys, MSG, SLEEP, INDICATE, HELP.
@Suite("CP settings and messages")
struct UserSettingsTranscriptTests {
    @Test func setEmsgChangesHowErrorsLook() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("set emsg on") == [])
        #expect(alice.type("xyz") == ["DMKCFC001E ?CP: XYZ"])
        #expect(alice.type("set emsg code") == [])
        #expect(alice.type("xyz") == ["DMKCFC001E"])
        #expect(alice.type("set emsg off") == [])
        #expect(alice.type("xyz") == [])
        #expect(alice.type("set emsg text") == [])
        #expect(alice.type("set emsg loud") == ["OPERAND MISSING OR INVALID"])
        #expect(alice.type("set frobnicate on") == ["INVALID OPTION - FROBNICATE"])
        #expect(alice.type("set") == ["OPERAND MISSING OR INVALID"])
    }

    @Test func setMsgAndMessages() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        let bob = try system.logon("bob")
        #expect(alice.type("msg bob hello there") == [])
        #expect(bob.waitFor("MSG FROM ALICE   : hello there"))
        #expect(alice.type("m * note to self") == ["MSG FROM ALICE   : note to self"])
        #expect(bob.type("set msg off") == [])
        #expect(alice.type("msg bob are you there") == ["BOB NOT RECEIVING; MSG OFF"])
        #expect(alice.type("msg carol hi") == ["CAROL NOT LOGGED ON"])
        #expect(alice.type("msg") == ["OPERAND MISSING OR INVALID"])
        // WARNING is for operators only.
        #expect(alice.type("warning bob x") == ["?CP: WARNING"])
    }

    @Test func terminalCharactersAndLineEditing() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        // # ends a logical line: two commands in one.
        #expect(alice.type("q stor#q users") == ["STORAGE = 01024K", "    1 USERS,     0 DIALED"])
        // @ deletes a character, ¢ the line so far, " escapes.
        #expect(alice.type("q storx@") == ["STORAGE = 01024K"])
        #expect(alice.type("garbage¢q stor") == ["STORAGE = 01024K"])
        #expect(alice.type("term linend %") == [])
        #expect(alice.type("q stor%q users") == ["STORAGE = 01024K", "    1 USERS,     0 DIALED"])
        #expect(alice.type("term linend off") == [])
        #expect(alice.type("q term") == ["LINEND OFF, LINEDEL ¢, CHARDEL @, ESCAPE \"", "LINESIZE 130, ATTN ON, MODE CP"])
        #expect(alice.type("term mode vm") == [])
        #expect(alice.type("term linesize 80") == [])
        #expect(alice.type("q term").last == "LINESIZE 80, ATTN ON, MODE VM")
        #expect(alice.type("term mode sideways") == ["OPERAND MISSING OR INVALID"])
        #expect(alice.type("term colour on") == ["INVALID OPTION - COLOUR"])
    }

    @Test func pfKeys() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("set pf3 q stor") == [])
        #expect(alice.type("set pf4 delayed q users") == [])
        #expect(alice.type("q pf3") == ["PF03 IMMED q stor"])
        #expect(alice.type("q pf") == ["PF03 IMMED q stor", "PF04 DELAYED q users"])
        let mark = alice.terminal.lines.count
        alice.vm.console.submit(.programFunction(3))
        #expect(alice.collect(after: mark, until: { $0.contains("STORAGE = 01024K") }, timeout: 10) == ["STORAGE = 01024K"])
        #expect(alice.type("set pf3") == [])
        #expect(alice.type("q pf3") == ["PF03 UNDEFINED"])
    }

    @Test func setRunLetsTheMachineRunOnAfterACommand() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        system.cp.spool.sendToReader(of: "alice", from: "alice", cards: try GuestPrograms.deck(GuestPrograms.loop))
        #expect(alice.type("set run on") == [])
        alice.type("ipl 00c", until: { _ in alice.terminal.status == .running })
        alice.attention(until: { _ in alice.terminal.status == .cpRead })
        #expect(alice.terminal.status == .cpRead)
        alice.type("q stor", until: { _ in alice.terminal.status == .running })
        #expect(alice.terminal.status == .running)
        #expect(alice.type("#cp set run off") == [])
    }

    @Test func setTimer() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        #expect(alice.type("set timer real") == [])
        #expect(alice.type("q set")[1] == "LINEDIT ON , TIMER REAL, ISAM OFF, ECMODE OFF")
        #expect(alice.type("set timer off") == [])
        #expect(alice.type("set timer sometimes") == ["OPERAND MISSING OR INVALID"])
    }

    @Test func indicateSleepHelp() throws {
        let system = try TestSystem(directory: SessionTranscriptTests.directory)
        let alice = try system.logon("alice")
        let load = alice.type("ind")
        #expect(load.count == 1)
        #expect(load.first?.wholeMatch(of: #/CPU-\d\d\d% APU-000% Q1-\d\d Q2-\d\d STORAGE-\d\d\d% RATIO-\d\d\.\d/#) != nil, "\(load)")
        let user = alice.type("ind user")
        #expect(user.first?.hasPrefix("VTIME=") == true)
        #expect(alice.type("ind queues") == ["INVALID OPTION - QUEUES"])
        #expect(alice.type("sleep 1 sec") == [])
        #expect(alice.type("sleep x") == ["INVALID OPTION - X"])
        let help = alice.type("help")
        #expect(help.joined(separator: " ").contains("QUERY"))
        #expect(alice.type("help ipl") == ["IPL vaddr|sysname [CLEAR] [PARM text]"])
    }
}
