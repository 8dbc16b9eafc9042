/// WRITE STRUCTURED FIELD: the outbound structured fields a display with
/// only the implicit partition needs.
///
/// Each field is a two-byte length (counting itself; 0 means "to the end of
/// the data"), an ID and its parameters. Supported: Read Partition (query,
/// query list, and read buffer / read modified of partition 0), Erase/Reset,
/// Set Reply Mode and Outbound 3270DS.
enum StructuredFieldID {
    static let readPartition: UInt8 = 0x01
    static let eraseReset: UInt8 = 0x03
    static let setReplyMode: UInt8 = 0x09
    static let outbound3270DS: UInt8 = 0x40
}

extension Screen3270 {
    mutating func performStructuredFields(_ data: ArraySlice<UInt8>, base: Int) throws(DataStreamError) -> WriteOutcome {
        var outcome = WriteOutcome()
        var i = data.startIndex
        func offset(_ index: Int) -> Int { base + index - data.startIndex }
        while i < data.endIndex {
            guard data.endIndex - i >= 3 else {
                throw DataStreamError(.badStructuredFieldLength(data.endIndex - i), at: offset(i))
            }
            var length = Int(data[i]) << 8 | Int(data[i + 1])
            if length == 0 { length = data.endIndex - i }
            guard length >= 3, length <= data.endIndex - i else {
                throw DataStreamError(.badStructuredFieldLength(length), at: offset(i))
            }
            let id = data[i + 2]
            let body = data[(i + 3)..<(i + length)]
            let bodyOffset = offset(i + 3)
            func require(_ count: Int) throws(DataStreamError) {
                guard body.count >= count else { throw DataStreamError(.truncatedStructuredField(id), at: offset(i)) }
            }
            func partition(_ pid: UInt8, _ expected: UInt8) throws(DataStreamError) {
                guard pid == expected else { throw DataStreamError(.invalidPartition(pid), at: bodyOffset) }
            }
            switch id {
            case StructuredFieldID.readPartition:
                try require(2)
                let pid = body[body.startIndex], type = body[body.startIndex + 1]
                switch type {
                case 0x02, 0x03:
                    // Query and Query List: this device answers every list
                    // with all its replies, which the architecture allows.
                    try partition(pid, 0xFF)
                    outcome.replies.append(queryReply())
                case 0xF2, 0xF6, 0x6E:
                    try partition(pid, 0x00)
                    let command: InboundCommand = type == 0xF2 ? .readBuffer : type == 0xF6 ? .readModified : .readModifiedAll
                    outcome.replies.append(read(command))
                default:
                    throw DataStreamError(.unsupportedReadPartition(type), at: bodyOffset + 1)
                }
            case StructuredFieldID.eraseReset:
                try require(1)
                // Bit 0: use the alternate size for the implicit partition.
                erase(to: body[body.startIndex] & 0x80 != 0 ? alternateSize : model.defaultSize)
                replyMode = .field
                replyAttributeTypes = []
            case StructuredFieldID.setReplyMode:
                try require(2)
                try partition(body[body.startIndex], 0x00)
                guard let mode = ReplyMode(rawValue: body[body.startIndex + 1]) else {
                    throw DataStreamError(.invalidReplyMode(body[body.startIndex + 1]), at: bodyOffset + 1)
                }
                replyMode = mode
                replyAttributeTypes = mode == .character ? Array(body.dropFirst(2)) : []
            case StructuredFieldID.outbound3270DS:
                try require(2)
                try partition(body[body.startIndex], 0x00)
                let code = body[body.startIndex + 1]
                guard let command = OutboundCommand(code: code), command != .writeStructuredField else {
                    throw DataStreamError(.invalidOutboundCommand(code), at: bodyOffset + 1)
                }
                let inner = try perform(command, body.dropFirst(2), base: bodyOffset + 2)
                if inner.wcc != nil { outcome.wcc = inner.wcc }
            default:
                throw DataStreamError(.unsupportedStructuredField(id), at: offset(i + 2))
            }
            i += length
        }
        return outcome
    }
}
