import CLibSSH
import Foundation

/// One host key read from disk. Owns the libssh key until it is handed to an
/// ssh_bind (which takes ownership) or released.
struct HostKey {
    let info: SSHHostKeyInfo
    let key: ssh_key

    func release() { ssh_key_free(key) }
}

enum HostKeyStore {
    /// Loads both keys; when the directory holds neither, makes them first.
    static func loadOrCreate(directory: String, made: (String) -> Void) throws -> [HostKey] {
        let paths = HostKeyKind.allCases.map { (directory as NSString).appendingPathComponent($0.fileName) }
        let present = paths.map { FileManager.default.fileExists(atPath: $0) }
        if !present.contains(true) {
            try create(directory: directory)
            made(directory)
        }
        return try load(directory: directory)
    }

    /// Loads both keys, never making any.
    static func load(directory: String) throws -> [HostKey] {
        let paths = HostKeyKind.allCases.map { (directory as NSString).appendingPathComponent($0.fileName) }
        let present = paths.map { FileManager.default.fileExists(atPath: $0) }
        if !present.contains(true) {
            throw HostKeyError(path: directory, reason: "no host keys here yet (they are made at the first start of the server)")
        }
        if let missing = zip(paths, present).first(where: { !$0.1 })?.0,
           let other = zip(paths, present).first(where: { $0.1 })?.0 {
            throw HostKeyError(path: missing, reason: "missing while \(other) exists; not making a new key, since clients would see the host key change. Restore the file, or remove every key in \(directory) to start afresh")
        }
        var keys: [HostKey] = []
        do {
            for (kind, path) in zip(HostKeyKind.allCases, paths) {
                keys.append(try loadOne(kind: kind, path: path))
            }
        } catch {
            keys.forEach { $0.release() }
            throw error
        }
        return keys
    }

    private static func loadOne(kind: HostKeyKind, path: String) throws -> HostKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw HostKeyError(path: path, reason: "cannot stat: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw HostKeyError(path: path, reason: "not a regular file")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw HostKeyError(path: path, reason: "permissions \(String(mode, radix: 8)) let others read the private key; chmod 600 it")
        }
        let text = try readKeyText(path: path)
        var key: ssh_key?
        guard ssh_pki_import_privkey_base64(text, nil, nil, nil, &key) == SSH_OK, let key else {
            throw HostKeyError(path: path, reason: "damaged: libssh cannot parse the private key in it (or it is protected by a passphrase)")
        }
        guard ssh_key_type(key) == kind.libsshType else {
            let found = String(cString: ssh_key_type_to_char(ssh_key_type(key)))
            ssh_key_free(key)
            throw HostKeyError(path: path, reason: "holds a \(found) key, expected \(kind.label)")
        }
        guard let fingerprint = fingerprint(of: key), let publicKey = publicKeyLine(of: key),
              let info = SSHHostKeyInfo(kind: kind, path: path, publicKey: publicKey, fingerprint: fingerprint) else {
            ssh_key_free(key)
            throw HostKeyError(path: path, reason: "damaged: libssh could not derive the public key")
        }
        return HostKey(info: info, key: key)
    }

    /// Reads the file ourselves, so that "cannot open" and "empty" come with
    /// their real reason rather than libssh's one answer for every failure.
    private static func readKeyText(path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw HostKeyError(path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw HostKeyError(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            guard bytes.count <= 64 * 1024 else {
                throw HostKeyError(path: path, reason: "damaged: far too large for a private key")
            }
        }
        guard !bytes.isEmpty else { throw HostKeyError(path: path, reason: "damaged: the file is empty") }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("-----BEGIN ") else {
            throw HostKeyError(path: path, reason: "damaged: does not start with a -----BEGIN line")
        }
        return text
    }

    /// Makes both keys. Each is written to a temporary file (created 0600,
    /// never readable by others even for a moment), synced, then renamed.
    private static func create(directory: String) throws {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            // The parent (the state directory) may not exist yet on a first start.
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw HostKeyError(path: directory, reason: "cannot create the directory: \(error.localizedDescription)")
            }
        }
        var written: [(temporary: String, final: String)] = []
        defer { written.forEach { unlink($0.temporary) } }
        for kind in HostKeyKind.allCases {
            let path = (directory as NSString).appendingPathComponent(kind.fileName)
            let text = try generate(kind: kind, path: path)
            let temporary = path + ".new"
            try writePrivate(text, to: temporary)
            written.append((temporary, path))
        }
        for file in written where rename(file.temporary, file.final) != 0 {
            throw HostKeyError(path: file.final, reason: "cannot rename \(file.temporary) into place: \(String(cString: strerror(errno)))")
        }
        let directoryFD = open(directory, O_RDONLY)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }

    private static func generate(kind: HostKeyKind, path: String) throws -> String {
        var key: ssh_key?
        guard ssh_pki_generate(kind.libsshType, kind.generationBits, &key) == SSH_OK, let key else {
            throw HostKeyError(path: path, reason: "libssh could not generate a \(kind.label) key")
        }
        defer { ssh_key_free(key) }
        var text: UnsafeMutablePointer<CChar>?
        guard ssh_pki_export_privkey_base64(key, nil, nil, nil, &text) == SSH_OK, let text else {
            throw HostKeyError(path: path, reason: "libssh could not export the new \(kind.label) key")
        }
        defer { ssh_string_free_char(text) }
        return String(cString: text)
    }

    private static func writePrivate(_ text: String, to path: String) throws {
        unlink(path)  // a leftover from an interrupted first start
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw HostKeyError(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else {
                throw HostKeyError(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += count
        }
        guard fsync(fd) == 0 else {
            throw HostKeyError(path: path, reason: "cannot sync: \(String(cString: strerror(errno)))")
        }
    }

    static func fingerprint(of key: ssh_key) -> String? {
        var hash: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == SSH_OK, let digest = hash else { return nil }
        defer { ssh_clean_pubkey_hash(&hash) }
        guard let text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, digest, length) else { return nil }
        defer { ssh_string_free_char(text) }
        return String(cString: text)
    }

    /// `type base64`, the form of authorized_keys and known_hosts lines.
    static func publicKeyLine(of key: ssh_key) -> String? {
        var base64: UnsafeMutablePointer<CChar>?
        guard ssh_pki_export_pubkey_base64(key, &base64) == SSH_OK, let base64 else { return nil }
        defer { ssh_string_free_char(base64) }
        guard let type = ssh_key_type_to_char(ssh_key_type(key)) else { return nil }
        return String(cString: type) + " " + String(cString: base64)
    }
}
