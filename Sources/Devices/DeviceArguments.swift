import Channel
import Media

/// What a configuration line says about a device after its address and
/// type: a file name and keyword options (`ebcdic`, `ro`, `eof`, `cp=1047`…).
public struct DeviceArguments: Sendable {
    /// Positional words in order (usually one file name).
    public var positional: [String]
    /// Keyword options, lower case, with their values (empty for flags).
    public var options: [String: String]
    /// Directory relative file names are resolved against.
    public var baseDirectory: String

    public init(_ words: [String], baseDirectory: String = ".") {
        positional = []
        options = [:]
        self.baseDirectory = baseDirectory
        for word in words {
            if let eq = word.firstIndex(of: "=") {
                options[word[..<eq].lowercased()] = String(word[word.index(after: eq)...])
            } else if Self.flagWords.contains(word.lowercased()) {
                options[word.lowercased()] = ""
            } else {
                positional.append(word)
            }
        }
    }

    /// Words that are flags rather than file names.
    static let flagWords: Set<String> = ["ebcdic", "ascii", "eof", "intrq", "ro", "readonly", "rw", "noprompt",
                                         "crlf", "autopad", "trunc", "multifile", "noautomount", "append",
                                         "create", "repair"]

    public func flag(_ name: String) -> Bool { options[name] != nil }

    /// The first positional word as a path, resolved against the base directory.
    public var file: String? {
        guard let name = positional.first, name != "/", name != "*" else { return nil }
        return name.hasPrefix("/") ? name : baseDirectory + "/" + name
    }

    public var codePage: CodePage {
        get throws {
            guard let value = options["cp"] ?? options["codepage"] else { return .cp037 }
            guard let page = CodePage(rawValue: value) else {
                throw DeviceConfigurationError("unknown code page '\(value)': use 037 or 1047")
            }
            return page
        }
    }
}

/// A device definition that cannot be honoured, with the reason.
public struct DeviceConfigurationError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
