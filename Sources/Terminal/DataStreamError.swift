/// Why a data stream was refused, and where. The device stops at the first
/// error: what came before it stays applied (as on a 3274, which performs
/// the stream as it arrives), and the program gets an operation check.
public struct DataStreamError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case emptyStream
        case unknownCommand(UInt8)
        /// An order whose operands run past the end of the data.
        case truncatedOrder(UInt8)
        case addressOutOfRange(address: Int, size: Int)
        /// SFE, SA, MF or a structured field sent to a device without the extended data stream.
        case extendedDataStreamNotSupported(UInt8)
        /// A structured field whose length field is impossible.
        case badStructuredFieldLength(Int)
        case unsupportedStructuredField(UInt8)
        case unsupportedReadPartition(UInt8)
        case invalidPartition(UInt8)
        case invalidReplyMode(UInt8)
        /// A structured field with too few bytes for what it must carry.
        case truncatedStructuredField(UInt8)
        /// An outbound 3270DS structured field carrying a command it may not.
        case invalidOutboundCommand(UInt8)
    }

    public let kind: Kind
    /// Offset of the offending byte in the data the caller passed.
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let what: String
        switch kind {
        case .emptyStream: what = "empty data stream"
        case .unknownCommand(let c): what = "unknown 3270 command X'\(hex(c))'"
        case .truncatedOrder(let o): what = "order X'\(hex(o))' is cut short by the end of the data"
        case .addressOutOfRange(let a, let s): what = "buffer address \(a) is outside the \(s)-position buffer"
        case .extendedDataStreamNotSupported(let o):
            what = "X'\(hex(o))' needs the extended data stream, which this device does not have"
        case .badStructuredFieldLength(let l): what = "structured field length \(l) is impossible"
        case .unsupportedStructuredField(let id): what = "structured field X'\(hex(id))' is not supported"
        case .unsupportedReadPartition(let t): what = "read partition type X'\(hex(t))' is not supported"
        case .invalidPartition(let p): what = "partition X'\(hex(p))' does not exist (only the implicit partition 0)"
        case .invalidReplyMode(let m): what = "reply mode X'\(hex(m))' is not defined"
        case .truncatedStructuredField(let id): what = "structured field X'\(hex(id))' is too short"
        case .invalidOutboundCommand(let c): what = "command X'\(hex(c))' cannot be sent in an outbound 3270DS structured field"
        }
        return "\(what) (at byte \(offset))"
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
