#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads source files (the main source, COPY members, library macros).
/// The assembler asks through this so tests can give it text from memory.
public protocol SourceFileReader: Sendable {
    /// The bytes of the file at `path`, or nil when it cannot be read.
    func contents(of path: String) -> [UInt8]?
}

/// Reads files from the file system with the C library, so the assembler
/// needs no Foundation.
public struct FileSystemReader: SourceFileReader {
    public init() {}

    public func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { result.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count { break }
        }
        if ferror(file) != 0 { return nil }
        return result
    }
}

/// Source text held in memory, keyed by path; for tests and for callers
/// that assemble generated text.
public struct InMemoryReader: SourceFileReader {
    public var files: [String: String]

    public init(_ files: [String: String]) { self.files = files }

    public func contents(of path: String) -> [UInt8]? {
        files[path].map { Array($0.utf8) }
    }
}

/// Splits file bytes into lines of characters: CR LF and LF both end a line,
/// tabs are expanded to the next multiple of 8 columns (mainframe source has
/// no tabs, but files edited on a workstation sometimes do).
enum SourceLines {
    static func split(_ bytes: [UInt8]) -> [[Character]] {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines: [[Character]] = []
        var current: [Character] = []
        for character in text {
            switch character {
            case "\n", "\r\n":
                lines.append(current)
                current = []
            case "\r":
                continue
            case "\t":
                repeat { current.append(" ") } while current.count % 8 != 0
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

/// Joins a directory and a file name.
func joinPath(_ directory: String, _ name: String) -> String {
    if directory.isEmpty || name.hasPrefix("/") { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
}

/// The directory part of a path ("" when there is none).
func directoryOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
}
