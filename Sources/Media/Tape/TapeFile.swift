#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host file that holds a tape image, read and written at explicit
/// offsets. Every failure names the file.
final class TapeFile {
    let path: String
    let isReadOnly: Bool
    private var descriptor: Int32

    /// Opens `path`; with `create`, a missing file becomes an empty tape.
    /// A file the host does not let us write is opened read-only, like a
    /// reel without its write ring: the drive reports it file-protected.
    init(path: String, readOnly: Bool, create: Bool) throws {
        self.path = path
        var flags = readOnly ? O_RDONLY : O_RDWR
        if create && !readOnly { flags |= O_CREAT }
        var fd = open(path, flags | O_CLOEXEC, 0o644)
        var protected = readOnly
        if fd < 0 && !readOnly && (errno == EACCES || errno == EROFS || errno == EPERM) {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            protected = true
        }
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT && !create && !readOnly {
                throw MediaError(path, "cannot open: \(reason) (add 'create' to make a new blank tape)")
            }
            throw MediaError(path, "cannot open: \(reason)")
        }
        isReadOnly = protected
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            systemClose(fd)
            throw MediaError(path, "is not a regular file")
        }
        descriptor = fd
    }

    deinit { close() }

    var isOpen: Bool { descriptor >= 0 }

    /// The file's length in bytes.
    func size() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot find its size") }
        return Int64(info.st_size)
    }

    /// Exactly `count` bytes at `offset`; fewer means the file ends early.
    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("read error at offset \(offset)")
            }
            if n == 0 { throw MediaError(path, "ends at offset \(offset + Int64(done)), inside data that should be \(count) bytes long") }
            done += n
        }
        return buffer
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("write error at offset \(offset)")
            }
            done += n
        }
    }

    /// Cuts the file at `length` bytes.
    func truncate(to length: Int64) throws {
        while ftruncate(descriptor, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw failure("cannot cut the file at offset \(length)")
        }
    }

    /// Makes everything written so far durable.
    func sync() throws {
        guard !isReadOnly, isOpen else { return }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush to disk") }
    }

    func close() {
        if descriptor >= 0 { systemClose(descriptor) }
        descriptor = -1
    }

    private func failure(_ what: String) -> MediaError {
        MediaError(path, "\(what): \(String(cString: strerror(errno)))")
    }
}

/// The C library's close (the method of the same name hides it inside TapeFile).
private func systemClose(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}
