/// How new blocks are laid out in a tape image. Reading does not need it:
/// every chunk header says how its block is stored, so an AWS file with
/// compressed blocks (a HET file under another name) reads fine.
public struct TapeWriteFormat: Sendable, Equatable {
    public var compression: TapeCompression
    /// zlib level 1–9 (bzip2 always uses 9).
    public var level: Int32
    /// Blocks longer than this are split into several chunks.
    public var chunkSize: Int

    /// Hercules' limits for HET chunks.
    public static let smallestChunk = 4096
    public static let largestChunk = TapeChunkHeader.maximumLength

    public init(compression: TapeCompression, level: Int32 = 4, chunkSize: Int = TapeWriteFormat.largestChunk) {
        self.compression = compression
        self.level = min(max(level, 1), 9)
        self.chunkSize = min(max(chunkSize, TapeWriteFormat.smallestChunk), TapeWriteFormat.largestChunk)
    }

    /// AWSTAPE: every block as it is, in one chunk.
    public static let aws = TapeWriteFormat(compression: .none)
    /// HET as Hercules writes it by default: zlib level 4, chunks of up to 65,535 bytes.
    public static let het = TapeWriteFormat(compression: .zlib)

    /// The format a file name suggests: `.het` is HET, anything else AWS.
    public static func suggested(by path: String) -> TapeWriteFormat {
        path.lowercased().hasSuffix(".het") ? .het : .aws
    }

    /// Reads `format=aws|het` and `compress=none|zlib|bzip2` options (either may be nil).
    public static func from(path: String, format: String?, compress: String?) throws -> TapeWriteFormat {
        var result: TapeWriteFormat
        switch format?.lowercased() {
        case nil: result = suggested(by: path)
        case "aws": result = .aws
        case "het": result = .het
        case let other?: throw MediaError(path, "unknown tape format '\(other)': use aws or het")
        }
        if let compress {
            switch compress.lowercased() {
            case "none", "no": result.compression = .none
            case "zlib": result.compression = .zlib
            case "bzip2", "bzlib": result.compression = .bzip2
            default: throw MediaError(path, "unknown tape compression '\(compress)': use none, zlib or bzip2")
            }
        }
        return result
    }
}
