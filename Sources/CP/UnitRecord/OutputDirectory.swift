import Foundation

/// Writes a real printer's or punch's output file so that nobody looking
/// at the directory sees it half written: a hidden temporary name first,
/// renamed when complete. Names say whose file it was:
/// `ALICE.0007.PROFILE.EXEC.txt` (a number is added if that name is taken).
enum OutputDirectory {
    static func write(_ bytes: [UInt8], for file: SpoolFile, in directory: String, suffix: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var stem = "\(file.owner).\(SpoolNotices.id(file.id))"
        for part in [file.name, file.type] where !part.isEmpty { stem += "." + safe(part) }
        var path = "\(directory)/\(stem).\(suffix)"
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(directory)/\(stem)-\(n).\(suffix)"
            n += 1
        }
        let temporary = "\(directory)/.\(stem).\(UUID().uuidString).tmp"
        let data = Data(bytes)
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
        return path
    }

    /// File names and types come from guests: keep them to harmless characters.
    static func safe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "@#$-_+".contains($0)) ? $0 : "_" })
    }
}
