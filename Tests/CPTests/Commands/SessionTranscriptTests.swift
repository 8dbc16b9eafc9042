import CP
import Foundation
import Testing

@Suite("CP sessions")
struct SessionTranscriptTests {
    static let directory = """
    USER ALICE SECRET 1M 4M G
     CONSOLE 009 3215
     SPOOL 00C 2540 READ *
    USER BOB BOBPW 2M 16M G
     CONSOLE 009 3215
    USER OPER OPERPW 1M 16M ABCDEFG
     CONSOLE 009 3215
    """

    @Test func logonQueryLogoff() throws {
        let system = try TestSystem(directory: Self.directory)
        let alice = try system.logon("alice")
        #expect(alice.waitForStatus(.cpRead))
        print(alice.terminal.lines)
        print(alice.type("q time"))
        print(alice.type("q virtual"))
        print(alice.type("q names"))
        print(alice.type("def stor 2m"))
        print(alice.type("q stor"))
        print(alice.type("xyzzy"))
        print(alice.type("logoff"))
        print(alice.terminal.ended as Any)
    }
}
