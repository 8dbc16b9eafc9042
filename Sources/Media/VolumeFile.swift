#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that holds (part of) a volume image, as the image code uses it:
/// positioned reads and writes, a durability barrier, truncation. Every
/// failure is a `MediaError` that names the file.
///
/// Going through this protocol (rather than calling the system directly)
/// lets the crash tests run the image code on files that lose, keep or tear
/// the writes that were not yet synced when the "power" goes.
public protocol VolumeFile: AnyObject {
    var path: String { get }
    var isReadOnly: Bool { get }
    /// The current length in bytes.
    func length() throws -> Int
    /// Exactly `count` bytes at `offset`; a short read is an error ("truncated").
    func read(at offset: Int, count: Int) throws -> [UInt8]
    func write(at offset: Int, _ bytes: [UInt8]) throws
    /// Makes every write so far durable (fsync).
    func sync() throws
    func truncate(to length: Int) throws
    func close()
}

/// Where volume files live: the host's file system, or a simulated one in tests.
public protocol VolumeFileSystem: AnyObject {
    func open(_ path: String, readOnly: Bool) throws -> VolumeFile
    /// Creates (or, with `replace`, empties) a file for writing.
    func create(_ path: String, replace: Bool) throws -> VolumeFile
    func exists(_ path: String) -> Bool
    func remove(_ path: String) throws
    /// Makes the creation and removal of files in the directory of `path` durable.
    func syncDirectory(of path: String) throws
}

/// The host's file system.
public final class HostFileSystem: VolumeFileSystem, @unchecked Sendable {
    public static let shared = HostFileSystem()
    public init() {}

    public func open(_ path: String, readOnly: Bool) throws -> VolumeFile {
        try HostVolumeFile(path: path, flags: readOnly ? O_RDONLY : O_RDWR, readOnly: readOnly)
    }

    public func create(_ path: String, replace: Bool) throws -> VolumeFile {
        let flags = O_RDWR | O_CREAT | (replace ? O_TRUNC : O_EXCL)
        return try HostVolumeFile(path: path, flags: flags, readOnly: false)
    }

    public func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw MediaError(path, "cannot remove: \(systemError())")
        }
    }

    public func syncDirectory(of path: String) throws {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let fd = posixOpen(directory.isEmpty ? "/" : directory, O_RDONLY)
        guard fd >= 0 else { return }
        defer { posixClose(fd) }
        _ = fsync(fd)
    }
}

func systemError() -> String { String(cString: strerror(errno)) }

// The system calls under names that do not clash with the methods below.
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags, 0o640) }
private func posixClose(_ fd: Int32) { _ = close(fd) }

/// A file on the host, through a file descriptor.
final class HostVolumeFile: VolumeFile {
    let path: String
    let isReadOnly: Bool
    private var fd: Int32

    init(path: String, flags: Int32, readOnly: Bool) throws {
        self.path = path
        self.isReadOnly = readOnly
        fd = posixOpen(path, flags | O_CLOEXEC)
        guard fd >= 0 else {
            throw MediaError(path, "cannot open\(readOnly ? "" : " for writing"): \(systemError())")
        }
    }

    deinit { close() }

    func length() throws -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw MediaError(path, "cannot stat: \(systemError())") }
        return Int(info.st_size)
    }

    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw MediaError(path, "read error at offset \(offset + done): \(systemError())")
            }
            if n == 0 {
                throw MediaError(path, "truncated: \(count) bytes expected at offset \(offset), the file ends at \(offset + done)")
            }
            done += n
        }
        return buffer
    }

    func write(at offset: Int, _ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                pwrite(fd, raw.baseAddress! + done, bytes.count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw MediaError(path, "write error at offset \(offset + done): \(systemError())")
            }
            done += n
        }
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw MediaError(path, "fsync failed: \(systemError())") }
    }

    func truncate(to length: Int) throws {
        guard ftruncate(fd, off_t(length)) == 0 else {
            throw MediaError(path, "cannot truncate to \(length) bytes: \(systemError())")
        }
    }

    func close() {
        if fd >= 0 {
            posixClose(fd)
            fd = -1
        }
    }
}
