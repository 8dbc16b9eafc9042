import CP
import Foundation
import Media
import Testing

/// REXX in vm67 CMS: an EXEC whose first line starts with a comment runs in
/// the REXX interpreter (guest/cms/src/rexx*.c), as in VM/SP; other EXECs stay
/// CMS EXEC. The EXECs are put on a CMS disk made on the host and run
/// through CP's console API.
@Suite("vm67 CMS REXX", .serialized)
struct VM67CMSRexxTests {
    /// REXX is slower than CMS EXEC in a debug build of vm67: room for that.
    static let patience = 60.0

    static func run(_ user: Session, _ line: String) -> [String] {
        user.type(line, until: { $0.contains(where: VM67CMSTests.isReady) }, timeout: patience)
    }

    static func booted(_ files: [(String, String, String)], volser: String) throws -> Session? {
        guard let a191 = try VM67CMSWorkTests.disk(files, volser: volser),
              let (_, user) = try VM67CMSDiskTests.booted([a191]) else { return nil }
        return user
    }

    static let calc = """
    /* CALC EXEC: arithmetic and strings */
    say 1 + 2 7 / 2 10 / 3 2 ** 10 17 % 5 (-17 // 5)
    say 1.5 + 1.50 0.1 * 3 12345678 * 1000 1 / 4 2 ** -2
    numeric digits 20
    say 2 ** 64
    numeric digits
    x = 'abc'; y = x || 'def'
    say y length(y) substr(y, 2, 3) left('ab', 4, '.')'|'right('ab', 4)'|' reverse(x)
    say 'a'   'b' 'a'||'b' 'a'/* abut */'b' copies('-', 3) translate('up') c2x('A') x2c('C1C2') d2x(255) x2d('FF')
    say word('a b c', 2) words('a b  c') pos('c', 'abc') lastpos('a', 'banana') strip('  x  ')'|' space(' a   b ')'|'
    say max(3, 7, 2) min(3, 7, 2) abs(-4) sign(-2) trunc(3.789, 2) format(3.14159, 3, 2) datatype(12) datatype('x')
    say ('a' = ' a ') ('a' == ' a ')
    say insert('XY', 'abcd', 2) overlay('XY', 'abcd', 2) delstr('abcdef', 2, 3) delword('a b c d', 2, 2) subword('a b c d', 2, 2)
    """

    @Test func arithmeticAndStrings() throws {
        guard let user = try Self.booted([("CALC", "EXEC", Self.calc)], volser: "RXA191") else { return }
        let out = Self.run(user, "calc")
        #expect(Array(out.dropLast()) == [
            "3 3.5 3.33333333 1024 3 -2",
            "3.00 0.3 1.23456780E+10 0.25 0.25",
            "18446744073709551616",
            "abcdef 6 bcd ab..|  ab| cba",
            "a b ab ab --- UP C1 AB FF 255",
            "b 3 3 6 x| a b|",
            "7 2 4 -1 3.78   3.14 NUM CHAR",
            "1 0",
            "abXYcd aXYd aef a d b c",
        ], "\(out)")
        #expect(out.last?.hasPrefix("Ready;") == true, "\(out)")
    }

    static let flow = """
    /* FLOW EXEC: arguments, loops, SELECT, functions, EXIT */
    parse arg first second rest
    say 'ARGS' first'/'second'/'rest
    arg upper .
    say 'UPPER' upper
    parse value 'key=value;more' with k '=' v ';' m
    say k v m
    parse value '1234567890' with 3 p1 +2 p2 7 p3
    say p1 p2 p3
    total = 0
    do i = 1 to 10 by 2 while total < 100
      total = total + i
    end
    say 'SUM' total
    do i = 1 to 3
      do j = 1 to 3
        if j = 2 then iterate j
        if i = 3 then leave i
        say 'PAIR' i j
      end
    end
    n = 0
    do forever
      n = n + 1
      if n = 4 then leave
    end
    do 2; say 'TWICE'; end
    do until n >= 6; n = n + 1; end
    say 'N' n
    do k = 1 to 3
      select
        when k = 1 then say 'ONE'
        when k = 2 then nop
        otherwise say 'OTHER' k
      end
    end
    stem. = 0; stem.2 = 'two'; idx = 2
    say stem.1 stem.idx
    say 'FACT' fact(10)
    call tally 'a b c', 'second'
    say 'RESULT' result 'COUNT' count
    signal done
    say 'NOT SHOWN'
    done:
    interpret 'say "INTERPRETED" 6 * 7'
    exit 5

    fact: procedure
      arg n
      if n <= 1 then return 1
      return n * fact(n - 1)

    tally: procedure expose count
      parse arg words, other
      count = words(words)
      return other
    """

    @Test func argumentsLoopsSelectFunctionsAndExit() throws {
        guard let user = try Self.booted([("FLOW", "EXEC", Self.flow)], volser: "RXB191") else { return }
        let out = Self.run(user, "flow Alpha beta gamma delta")
        #expect(Array(out.dropLast()) == [
            "ARGS Alpha/beta/gamma delta",
            "UPPER ALPHA",
            "key value more",
            "34 56 7890",
            "SUM 25",
            "PAIR 1 1", "PAIR 1 3", "PAIR 2 1", "PAIR 2 3",
            "TWICE", "TWICE",
            "N 6",
            "ONE", "OTHER 3",
            "0 two",
            "FACT 3628800",
            "RESULT second COUNT 3",
            "INTERPRETED 42",
        ], "\(out)")
        #expect(out.last?.hasPrefix("Ready(00005);") == true, "EXIT 5 is the return code: \(out)")
        // The EXEC command runs it too; CMS EXEC files stay CMS EXEC.
        let again = Self.run(user, "exec flow x")
        #expect(again.first == "ARGS x//", "\(again)")
    }

    static let ask = """
    /* ASK EXEC: PULL reads the terminal, after the program stack */
    say 'What is your name?'
    pull name
    parse pull exact
    say 'HELLO' name 'AND' exact
    queue 'first'
    push 'pushed'
    say 'QUEUED' queued()
    pull a
    parse pull b
    say a b queued()
    """

    @Test func pullReadsTheTerminalAndTheStack() throws {
        guard let user = try Self.booted([("ASK", "EXEC", Self.ask)], volser: "RXC191") else { return }
        let question = user.type("ask", until: { $0.contains("What is your name?") }, timeout: Self.patience)
        #expect(question.contains("What is your name?"), "\(question)")
        #expect(user.waitForStatus(.vmRead))
        user.type("Ada Lovelace", until: nil, timeout: 1)
        #expect(user.waitForStatus(.vmRead))
        let out = Self.run(user, "Mixed Case")
        #expect(Array(out.dropLast()) == ["HELLO ADA LOVELACE AND Mixed Case", "QUEUED 2", "PUSHED first 0"], "\(out)")
        #expect(out.last?.hasPrefix("Ready;") == true, "\(out)")
    }

    static let commands = """
    /* CMDS EXEC: commands go to CMS (the default) or CP */
    'STATE NOSUCH FILE A'
    say 'STATE RC' rc
    'CP QUERY TIME'
    address cp 'QUERY USERID'
    say 'CP RC' rc 'USER' userid()
    address cp
    'QUERY NONSENSE'
    say 'CP RC' rc
    address
    'NOTACOMMAND'
    say 'CMS RC' rc
    """

    static let trap = """
    /* TRAP EXEC: SIGNAL ON ERROR, DIAG(8), ERRORTEXT */
    say 'CP SAYS' left(diag(8, 'QUERY USERID'), 7)
    say errortext(35)
    signal on error
    'STATE TRAP EXEC *'
    say 'FOUND RC' rc
    'STATE NOSUCH FILE A'
    say 'NOT REACHED'
    exit 1
    error:
    say 'ERROR TRAP RC' rc 'FROM LINE' sigl
    exit rc
    """

    @Test func commandsGoToCMSAndCP() throws {
        guard let user = try Self.booted([("CMDS", "EXEC", Self.commands), ("TRAP", "EXEC", Self.trap)],
                                         volser: "RXD191") else { return }
        let out = Self.run(user, "cmds")
        #expect(out.prefix(2) == ["DMSSTT002E FILE 'NOSUCH FILE A' NOT FOUND", "STATE RC 28"], "\(out)")
        #expect(out.contains { $0.hasPrefix("TIME IS ") }, "\(out)")
        #expect(out.contains("CMSUSER  AT VM67") || out.contains { $0.hasPrefix("CMSUSER ") }, "\(out)")
        #expect(out.contains("CP RC 0 USER CMSUSER"), "\(out)")
        #expect(out.contains { $0.contains("NONSENSE NOT LOGGED ON") }, "\(out)")
        #expect(out.contains("CP RC 45"), "\(out)")
        // A command that fails with a negative return code is traced (TRACE NORMAL).
        #expect(out.contains("    11 *-* 'NOTACOMMAND'"), "\(out)")
        #expect(out.contains("       +++ RC(-3) +++"), "\(out)")
        #expect(out.contains("CMS RC -3"), "\(out)")
        #expect(out.last?.hasPrefix("Ready;") == true, "\(out)")
        let trapped = Self.run(user, "trap")
        #expect(Array(trapped.dropLast()) == [
            "CP SAYS CMSUSER",
            "Invalid expression",
            "FOUND RC 0",
            "DMSSTT002E FILE 'NOSUCH FILE A' NOT FOUND",
            "ERROR TRAP RC 28 FROM LINE 7",
        ], "\(trapped)")
        #expect(trapped.last?.hasPrefix("Ready(00028);") == true, "\(trapped)")
    }

    @Test func errorsNameTheLineAndEndTheExec() throws {
        let bad = "/* BAD EXEC */\nsay 'before'\nx = (1\nsay 'after'\n"
        let deep = "/* DEEP EXEC */\nsay down(1)\nexit\ndown: procedure\n  return down(arg(1) + 1)\n"
        let halfDo = "/* HALF EXEC */\ndo i = 1 to 2\n  say i\n"
        let quote = "/* QUOTE EXEC */\nsay 'fine'\nsay 'not ended\n"
        guard let user = try Self.booted([("BAD", "EXEC", bad), ("DEEP", "EXEC", deep), ("HALF", "EXEC", halfDo),
                                          ("QUOTE", "EXEC", quote)], volser: "RXE191") else { return }
        let out = Self.run(user, "bad")
        #expect(Array(out.dropLast()) == [
            "before",
            "     3 +++ x = (1",
            "DMSREX472E Error 36 running BAD EXEC, line 3: Unmatched \"(\" in expression",
        ], "\(out)")
        #expect(out.last?.hasPrefix("Ready(20036);") == true, "\(out)")
        // Recursion without end: the control stack fills, the EXEC ends, CMS goes on.
        let down = Self.run(user, "deep")
        #expect(down.contains("DMSREX458E Error 11 running DEEP EXEC, line 5: Control stack full"), "\(down.suffix(3))")
        #expect(down.contains("     2 +++ say down(1)"), "the traceback ends at the first call")
        #expect(down.last?.hasPrefix("Ready(20011);") == true, "\(down.suffix(3))")
        let half = Self.run(user, "half")
        #expect(half.contains("DMSREX461E Error 14 running HALF EXEC, line 2: Incomplete DO/SELECT/IF"), "\(half)")
        // The program is read whole first: nothing runs when a string is not ended.
        let open = Self.run(user, "quote")
        #expect(Array(open.dropLast()) == [
            "     3 +++ say 'not ended",
            "DMSREX453E Error 6 running QUOTE EXEC, line 3: Unmatched \"/*\" or quote",
        ], "\(open)")
        #expect(open.last?.hasPrefix("Ready(20006);") == true, "\(open)")
        #expect(Self.run(user, "query impex").contains("IMPEX = ON"), "the nucleus is still there")
    }

    /// Every string and variable goes back to free storage: a long loop with
    /// procedure calls, stems and growing strings runs out of nothing.
    @Test func longLoopsGiveStorageBack() throws {
        let loop = """
        /* LOOP EXEC */
        line = ''
        do i = 1 to 300
          line = right(line || twice(i), 60)
          cell.i = i
          drop cell.i
        end
        say 'DONE' i - 1 length(line) symbol('cell.5')
        exit
        twice: procedure
          return 2 * arg(1)
        """
        guard let user = try Self.booted([("LOOP", "EXEC", loop)], volser: "RXF191") else { return }
        for _ in 1...2 {
            let out = Self.run(user, "loop")
            #expect(out.first == "DONE 300 60 LIT", "\(out)")
            #expect(out.last?.hasPrefix("Ready;") == true, "\(out)")
        }
    }

    @Test func rexxProfileRunsAtIPL() throws {
        let profile = """
        /* PROFILE EXEC */
        say 'REXX PROFILE FOR' userid() 'ARGS' arg()
        'SET RDYMSG SMSG'
        """
        guard let a191 = try VM67CMSWorkTests.disk([("PROFILE", "EXEC", profile)], volser: "RXP191"),
              let system = try VM67CMSWorkTests.system(directory: """
        USER AUTO AUTO 2M 16M G
         IPL CMS PARM AUTOCR
         CONSOLE 009 3215
         MDISK 191 3350 000 002 RXP191 MR
        """, disks: [a191]) else { return }
        let auto = try system.logon("auto")
        let first = auto.collect(after: 0, until: { $0.contains(where: VM67CMSTests.isReady) }, timeout: Self.patience)
        let ran = first.firstIndex(of: "REXX PROFILE FOR AUTO ARGS 0")
        let ready = first.firstIndex(where: VM67CMSTests.isReady)
        #expect(ran != nil && ready != nil && ran! < ready!, "\(first)")
        #expect(first.last?.hasPrefix("R; T=") == true, "the profile's SET RDYMSG SMSG: \(first)")
    }

    @Test func helpExplainsRexx() throws {
        guard let (_, user) = try VM67CMSDiskTests.booted([VM67CMSDiskTests.Disk.s190]) else { return }
        _ = Self.run(user, "")
        let help = Self.run(user, "help rexx")
        #expect(help.first?.hasPrefix("REXX") == true, "\(help)")
        #expect(help.contains { $0.contains("PARSE") }, "\(help)")
    }
}
