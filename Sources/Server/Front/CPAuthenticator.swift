import CP

/// SSH logins checked against CP's user directory: the crypt(3) hash of
/// the USER statement, or an SSHKEY of the entry. CP's password check does
/// the same hashing work for a userid that does not exist, so neither the
/// answer nor its timing tells which users there are.
struct CPAuthenticator: SSHAuthenticator {
    let cp: ControlProgram

    func checkPassword(user: String, password: String) -> Bool {
        cp.checkPassword(userid: user, password: password)
    }

    func checkPublicKey(user: String, publicKey: String) -> Bool {
        guard let entry = cp.directory.entry(user.uppercased()), entry.canLogOn else { return false }
        let offered = Self.keyWords(publicKey)
        return entry.sshKeys.contains { Self.keyWords($0) == offered }
    }

    /// Type and base64 data of an OpenSSH public key (the comment dropped).
    static func keyWords(_ key: String) -> [Substring] {
        Array(key.split(separator: " ", omittingEmptySubsequences: true).prefix(2))
    }
}
