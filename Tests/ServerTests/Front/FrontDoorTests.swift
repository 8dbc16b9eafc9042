import CP
import Foundation
import Logging
import Server
import Testing

/// `vm67 serve`'s front door end to end: the real OpenSSH client logs on to
/// CP users of a directory, runs CP commands with exec, uses the console in
/// a pty, disconnects and reconnects, and logs on from the logo screen.
@Suite("Front door", .serialized)
final class FrontDoorTests {
    let directory: String
    let cp: ControlProgram
    let server: SSHServer
    let port: String
    let keyPath: String

    init() throws {
        directory = try TestServer.makeTemporaryDirectory()
        keyPath = directory + "/client_key"
        try TestServer.makeClientKey(at: keyPath)
        let key = try TestServer.publicKey(at: keyPath)
        let alice = try #require(PasswordHash.make("wonderland", method: "$6$"))
        let bob = try #require(PasswordHash.make("builder", method: "$6$"))
        let directoryText = """
        USER ALICE \(alice) 1M 2M G
         CONSOLE 009 3215
         SSHKEY \(key)
        USER BOB \(bob) 1M 2M G
         CONSOLE 009 3215
        """
        let (users, errors) = UserDirectory.parse(directoryText, file: "test.direct")
        try #require(errors.isEmpty, "\(errors)")
        let (system, systemErrors) = SystemConfiguration.parse("SYSTEM TESTVM\nLOGON-USER logon\n", file: "test.conf")
        try #require(systemErrors.isEmpty)
        cp = ControlProgram(configuration: system, directory: users, stateDirectory: directory, workers: 2)
        cp.start()
        server = try FrontDoor.makeServer(cp: cp, stateDirectory: directory,
                                          logger: Logger(label: "vm67.test") { _ in SwiftLogNoOpLogHandler() },
                                          listen: ["127.0.0.1:0"])
        try server.start()
        port = String(server.listeningAddresses[0].split(separator: ":").last!)
    }

    deinit {
        server.stop()
        cp.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    var sshOptions: [String] {
        ["-F", "/dev/null", "-p", port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20",
         "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes"]
    }

    var keyOptions: [String] {
        ["-o", "BatchMode=yes", "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
         "-o", "IdentityFile=\(keyPath)"]
    }

    func exec(_ user: String, password: String, _ command: String) throws -> Subprocess.Result {
        try Subprocess.run("sshpass", ["-p", password, "ssh"] + sshOptions +
            ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1",
             "\(user)@127.0.0.1", command])
    }

    func console(_ user: String) throws -> PtyClient {
        try PtyClient(arguments: sshOptions + keyOptions + ["-tt", "\(user)@127.0.0.1"], columns: 80, rows: 24, term: "xterm")
    }

    func waitFor(_ client: PtyClient, _ text: String) -> Bool {
        TestServer.eventually(30) { client.output.contains(text) }
    }

    @Test func execRunsACPCommandWithItsReturnCode() throws {
        let names = try exec("bob", password: "builder", "QUERY NAMES")
        #expect(names.status == 0)
        #expect(names.output.contains("BOB"), "\(names.output)")
        // BOB was logged on for the command only.
        #expect(cp.user("BOB") == nil)

        let unknown = try exec("bob", password: "builder", "FROBNICATE")
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("?CP: FROBNICATE"), "\(unknown.output)")

        let wrong = try exec("bob", password: "nope", "QUERY NAMES")
        #expect(wrong.status == 255)
        #expect(!wrong.output.contains("BOB"))
    }

    @Test func consoleSessionLogsOnAndOff() throws {
        let alice = try console("alice")
        #expect(waitFor(alice, "LOGON AT"), "\(alice.output)")
        #expect(waitFor(alice, "CP READ"))
        alice.type("query virtual\r")
        #expect(waitFor(alice, "CONS 009"), "\(alice.output)")
        alice.type("logoff\r")
        #expect(alice.waitForExit() == 0)
        #expect(TestServer.eventually { self.cp.user("ALICE") == nil })
    }

    @Test func droppedConnectionDisconnectsAndTheNextLoginReconnects() throws {
        let first = try console("alice")
        #expect(waitFor(first, "LOGON AT"))
        first.kill()
        #expect(TestServer.eventually { self.cp.user("ALICE")?.isDisconnected == true })
        let names = try exec("bob", password: "builder", "QUERY NAMES")
        #expect(names.output.contains("ALICE    - DSC"), "\(names.output)")

        let second = try console("alice")
        #expect(waitFor(second, "RECONNECTED AT"), "\(second.output)")
        second.type("logoff\r")
        #expect(second.waitForExit() == 0)
    }

    @Test func twoUsersMessageEachOther() throws {
        let alice = try console("alice")
        #expect(waitFor(alice, "CP READ"))
        let sent = try exec("bob", password: "builder", "MSG ALICE hello from the builder")
        #expect(sent.status == 0, "\(sent.output)")
        #expect(waitFor(alice, "hello from the builder"), "\(alice.output)")
        #expect(alice.output.contains("BOB"))
        alice.type("msg bob not logged on\r")
        #expect(waitFor(alice, "BOB NOT LOGGED ON"), "\(alice.output)")
        alice.type("logoff\r")
        #expect(alice.waitForExit() == 0)
    }

    @Test func aResizedWindowIsDrawnAgain() throws {
        let alice = try console("alice")
        #expect(waitFor(alice, "CP READ"))
        let mark = alice.output.count
        alice.resize(columns: 120, rows: 40)
        // The whole screen comes again, status word included.
        #expect(TestServer.eventually { alice.output.dropFirst(mark).contains("CP READ") })
        alice.type("query time\r")
        #expect(waitFor(alice, "TIME IS"), "\(alice.output)")
        alice.type("logoff\r")
        #expect(alice.waitForExit() == 0)
    }

    @Test func logoScreenTakesUseridAndMaskedPassword() throws {
        let terminal = try PtyClient(arguments: sshOptions + ["-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no",
                                                              "-tt", "logon@127.0.0.1"],
                                     columns: 80, rows: 24, term: "xterm")
        #expect(waitFor(terminal, "TESTVM ONLINE"), "\(terminal.output)")
        terminal.type("logon bob\r")
        #expect(waitFor(terminal, "ENTER PASSWORD:"))
        terminal.type("builder\r")
        #expect(waitFor(terminal, "LOGON AT"), "\(terminal.output)")
        #expect(!terminal.output.contains("builder"), "the password never shows")
        // LOGOFF brings the logo back; LOGOFF there ends the session.
        let mark = terminal.output.count
        terminal.type("logoff\r")
        #expect(TestServer.eventually { terminal.output.dropFirst(mark).contains("TESTVM ONLINE") })
        terminal.type("logoff\r")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func logoScreenDropsTheSessionAfterThreeWrongPasswords() throws {
        let terminal = try PtyClient(arguments: sshOptions + ["-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no",
                                                              "-tt", "logon@127.0.0.1"],
                                     columns: 80, rows: 24, term: "xterm")
        #expect(waitFor(terminal, "TESTVM ONLINE"))
        for _ in 0..<3 {
            let mark = terminal.output.count
            terminal.type("logon bob\r")
            #expect(TestServer.eventually { terminal.output.dropFirst(mark).contains("ENTER PASSWORD:") })
            terminal.type("wrong\r")
            #expect(TestServer.eventually { terminal.output.dropFirst(mark).contains("PASSWORD INCORRECT") })
        }
        #expect(terminal.waitForExit() == 1)
        #expect(cp.user("BOB") == nil)
    }
}
