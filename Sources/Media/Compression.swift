import CBzip2
import CZlib

/// zlib and bzip2 (de)compression of whole buffers, for compressed volumes
/// (CCKD) and tapes (HET).
public enum Compression {
    /// zlib-deflates `data` (zlib format, with header and checksum).
    public static func deflate(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let rc = data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &length, src.baseAddress, uLong(data.count), level)
            }
        }
        precondition(rc == Z_OK, "zlib compress2 failed: \(rc)")
        out.removeSubrange(Int(length)...)
        return out
    }

    /// Inflates zlib data that expands to at most `maximum` bytes; nil if it is corrupt.
    public static func inflate(_ data: [UInt8], maximum: Int) -> [UInt8]? {
        var length = uLongf(maximum)
        var out = [UInt8](repeating: 0, count: maximum)
        let rc = data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                uncompress(dst.baseAddress, &length, src.baseAddress, uLong(data.count))
            }
        }
        guard rc == Z_OK else { return nil }
        out.removeSubrange(Int(length)...)
        return out
    }

    /// Decompresses bzip2 data that expands to at most `maximum` bytes; nil if it is corrupt.
    public static func bunzip(_ data: [UInt8], maximum: Int) -> [UInt8]? {
        var length = UInt32(maximum)
        var out = [UInt8](repeating: 0, count: maximum)
        var input = data
        let rc = input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                src.baseAddress!.withMemoryRebound(to: CChar.self, capacity: src.count) { s in
                    dst.baseAddress!.withMemoryRebound(to: CChar.self, capacity: dst.count) { d in
                        BZ2_bzBuffToBuffDecompress(d, &length, s, UInt32(src.count), 0, 0)
                    }
                }
            }
        }
        guard rc == BZ_OK else { return nil }
        out.removeSubrange(Int(length)...)
        return out
    }

    /// bzip2-compresses `data`.
    public static func bzip(_ data: [UInt8]) -> [UInt8] {
        var length = UInt32(data.count + data.count / 100 + 600)
        var out = [UInt8](repeating: 0, count: Int(length))
        var input = data
        let rc = input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                src.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, src.count)) { s in
                    dst.baseAddress!.withMemoryRebound(to: CChar.self, capacity: dst.count) { d in
                        BZ2_bzBuffToBuffCompress(d, &length, s, UInt32(src.count), 9, 0, 0)
                    }
                }
            }
        }
        precondition(rc == BZ_OK, "bzip2 compress failed: \(rc)")
        out.removeSubrange(Int(length)...)
        return out
    }
}
