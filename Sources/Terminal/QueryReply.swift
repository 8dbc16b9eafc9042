/// The inbound reply to Read Partition Query: AID X'88' and one Query
/// Reply structured field per function the device has (IBM 3270 Data
/// Stream Programmer's Reference, chapter 6).
enum QueryCode {
    static let summary: UInt8 = 0x80
    static let usableArea: UInt8 = 0x81
    static let color: UInt8 = 0x86
    static let highlighting: UInt8 = 0x87
    static let replyModes: UInt8 = 0x88
    static let implicitPartition: UInt8 = 0xA6
}

extension Screen3270 {
    /// The codes this device answers, in the order it sends them.
    static let supportedQueryCodes: [UInt8] = [QueryCode.summary, QueryCode.usableArea, QueryCode.color,
                                               QueryCode.highlighting, QueryCode.replyModes,
                                               QueryCode.implicitPartition]

    func queryReply() -> [UInt8] {
        var out: [UInt8] = [AID.structuredField.rawValue]
        for code in Self.supportedQueryCodes {
            let body = queryReplyBody(code)
            let length = body.count + 4
            out += [UInt8(length >> 8), UInt8(length & 0xFF), 0x81, code] + body
        }
        return out
    }

    private func queryReplyBody(_ code: UInt8) -> [UInt8] {
        let alternate = alternateSize, standard = model.defaultSize
        switch code {
        case QueryCode.summary:
            return Self.supportedQueryCodes
        case QueryCode.usableArea:
            // 12/14-bit addressing; the usable area is the largest screen;
            // cells measured in millimetres (a nominal 0.1 mm grid, 2.5 × 5 mm cells).
            return [0x01, 0x00] + be16(alternate.columns) + be16(alternate.rows) + [0x01]
                + be16(1) + be16(10) + be16(1) + be16(10) + [25, 50] + be16(alternate.cellCount)
        case QueryCode.color:
            // Eight colours; the default is shown green.
            var pairs: [UInt8] = [0x00, Color3270.green.rawValue]
            for c in Color3270.allCases where c.rawValue >= 0xF1 { pairs += [c.rawValue, c.rawValue] }
            return [0x00, UInt8(pairs.count / 2)] + pairs
        case QueryCode.highlighting:
            let pairs: [UInt8] = [0x00, 0xF0, 0xF0, 0xF0, 0xF1, 0xF1, 0xF2, 0xF2, 0xF4, 0xF4]
            return [UInt8(pairs.count / 2)] + pairs
        case QueryCode.replyModes:
            return [ReplyMode.field.rawValue, ReplyMode.extendedField.rawValue, ReplyMode.character.rawValue]
        case QueryCode.implicitPartition:
            // Flags, then the self-defining parameter with the default and alternate sizes.
            return [0x00, 0x00, 0x0B, 0x01, 0x00] + be16(standard.columns) + be16(standard.rows)
                + be16(alternate.columns) + be16(alternate.rows)
        default:
            return []
        }
    }

    private func be16(_ value: Int) -> [UInt8] { [UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
}
