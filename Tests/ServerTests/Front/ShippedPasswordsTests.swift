import CP
import Server
import Testing

/// Which addresses count as loopback for the shipped-password rule, and which
/// users still have the shipped password.
@Suite("Shipped passwords")
struct ShippedPasswordsTests {
    @Test(arguments: ["127.0.0.1:2367", "127.1.2.3:0", "[::1]:2367", "localhost:2367", "LOCALHOST:1"])
    func loopback(_ address: String) { #expect(ShippedPasswords.isLoopback(address)) }

    @Test(arguments: ["0.0.0.0:2367", "192.168.1.5:22", "[::]:2367", "[2001:db8::1]:2367", "example.org:2367", "128.0.0.1:1"])
    func notLoopback(_ address: String) { #expect(!ShippedPasswords.isLoopback(address)) }

    @Test func usersWhosePasswordIsTheirUserid() throws {
        let guest = try #require(PasswordHash.make("GUEST", method: "$6$"))
        let mixed = try #require(PasswordHash.make("Alice", method: "$6$"))
        let (directory, errors) = UserDirectory.parse("""
            USER GUEST \(guest) 1M 1M G
            USER ALICE \(mixed) 1M 1M G
            USER BOB \(try #require(PasswordHash.make("secret", method: "$6$"))) 1M 1M G
            """, file: "test.direct")
        #expect(errors.isEmpty)
        let cp = ControlProgram(configuration: SystemConfiguration(), directory: directory, stateDirectory: "/nonexistent")
        #expect(ShippedPasswords.users(in: cp) == ["GUEST"])
        #expect(ShippedPasswords.refusal(cp: cp, listen: ["127.0.0.1:2367"]) == nil)
        #expect(ShippedPasswords.refusal(cp: cp, listen: ["0.0.0.0:2367"])?.contains("GUEST still has its shipped password") == true)
        // Upper-case passwords in any case; mixed case exactly.
        #expect(cp.checkPassword(userid: "guest", password: "guest"))
        #expect(cp.checkPassword(userid: "alice", password: "Alice"))
        #expect(!cp.checkPassword(userid: "alice", password: "alice"))
        #expect(!cp.checkPassword(userid: "alice", password: "ALICE"))
    }
}
