import Foundation
import Testing

/// LOGOFF writes the session's accounting record.
@Suite("Accounting")
struct AccountingTests {
    @Test func logoffWritesARecord() throws {
        let system = try TestSystem(directory: """
        USER ALICE ALICE 1M 2M G
         ACCOUNT DEPT42
         CONSOLE 009 3215
        """)
        let alice = try system.logon("alice")
        alice.type("query time")
        alice.type("logoff")
        let path = system.stateDirectory.appendingPathComponent("accounting/accounting.log").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        let record = String(lines[0])
        #expect(record.contains(" ALICE    ACCT=DEPT42   CONNECT="), "\(record)")
        #expect(record.contains(" VIRTCPU=") && record.contains(" TOTCPU=") && record.contains(" SIO=0 "))
    }
}
