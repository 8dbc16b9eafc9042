import CP
import Testing

@Suite("Password hashes")
struct PasswordHashTests {
    @Test func yescryptRoundTrip() throws {
        let hash = try #require(PasswordHash.make("secret"))
        #expect(hash.hasPrefix("$y$"))
        #expect(PasswordHash.verify("secret", against: hash))
        #expect(!PasswordHash.verify("Secret", against: hash))
    }

    @Test func sha512CryptIsAccepted() throws {
        let hash = try #require(PasswordHash.make("guest", method: "$6$"))
        #expect(hash.hasPrefix("$6$"))
        #expect(PasswordHash.verify("guest", against: hash))
    }

    @Test func garbageHashesNeverMatch() {
        #expect(!PasswordHash.verify("x", against: "$y$nonsense"))
        #expect(!PasswordHash.verify("x", against: ""))
    }
}
