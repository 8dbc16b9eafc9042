import Testing
import Terminal

/// WRITE STRUCTURED FIELD and the query reply.
@Suite("3270 structured fields")
struct StructuredFieldTests {
    /// Splits an inbound AID X'88' record into its structured fields.
    static func replies(_ record: [UInt8]) -> [(code: UInt8, body: [UInt8])] {
        var out: [(UInt8, [UInt8])] = []
        var i = 1
        while i + 4 <= record.count {
            let length = Int(record[i]) << 8 | Int(record[i + 1])
            guard length >= 4, i + length <= record.count, record[i + 2] == 0x81 else { return [] }
            out.append((record[i + 3], Array(record[(i + 4)..<(i + length)])))
            i += length
        }
        return i == record.count ? out : []
    }

    @Test func readPartitionQuery() throws {
        var s = Screen3270(model: .model5)
        let outcome = try s.write(.writeStructuredField, [0x00, 0x05, 0x01, 0xFF, 0x02])
        #expect(outcome.replies.count == 1)
        let record = outcome.replies[0]
        #expect(record.first == 0x88)
        let parts = Self.replies(record)
        #expect(parts.map(\.code) == [0x80, 0x81, 0x86, 0x87, 0x88, 0xA6])
        #expect(parts[0].body == [0x80, 0x81, 0x86, 0x87, 0x88, 0xA6], "the summary lists them all")
        let usable = parts[1].body
        #expect(usable[0] & 0x0D == 0x01, "12/14-bit addressing")
        #expect(Array(usable[2..<6]) == [0x00, 132, 0x00, 27], "width and height of the largest screen")
        #expect(Array(usable[17..<19]) == [0x0D, 0xEC], "buffer size 3564")
        let implicit = parts[5].body
        #expect(Array(implicit[5...]) == [0x00, 80, 0x00, 24, 0x00, 132, 0x00, 27])
        #expect(parts[4].body == [0x00, 0x01, 0x02])
    }

    @Test func queryListAndLengthZero() throws {
        var s = Screen3270(model: .model3)
        let outcome = try s.write(.writeStructuredField, [0x00, 0x00, 0x01, 0xFF, 0x03, 0x80])
        let parts = Self.replies(outcome.replies[0])
        #expect(Array(parts[1].body[2..<6]) == [0x00, 80, 0x00, 32])
    }

    @Test func readPartitionReadModified() throws {
        var s = Screen3270()
        try s.write(.eraseWrite, [0xC3, 0x1D, 0xC1] + Ebcdic.bytes("Q"))
        let outcome = try s.write(.writeStructuredField, [0x00, 0x05, 0x01, 0x00, 0xF6])
        #expect(outcome.replies == [[0x60, 0x40, 0x40, 0x11, 0x40, 0xC1, 0xD8]])
    }

    @Test func eraseResetAndOutbound3270DS() throws {
        var s = Screen3270(model: .model4)
        try s.write(.writeStructuredField, [0x00, 0x04, 0x03, 0x80])
        #expect(s.size == ScreenSize(rows: 43, columns: 80))
        // Two fields in one WSF: an outbound 3270DS write, then a query.
        let outcome = try s.write(.writeStructuredField,
                                  [0x00, 0x0A, 0x40, 0x00, 0xF1, 0xC7] + Ebcdic.bytes("DATA") + [0x00, 0x05, 0x01, 0xFF, 0x02])
        #expect(s.string(at: 0, count: 4) == "DATA")
        #expect(outcome.soundAlarm && outcome.replies.count == 1)
        try s.write(.writeStructuredField, [0x00, 0x04, 0x03, 0x00])
        #expect(s.size == .standard && s.cells.allSatisfy { $0 == .null })
    }

    @Test func badStructuredFields() {
        var s = Screen3270()
        #expect(throws: DataStreamError(.badStructuredFieldLength(2), at: 0)) { try s.write(.writeStructuredField, [0x00, 0x02, 0x01]) }
        #expect(throws: DataStreamError(.badStructuredFieldLength(9), at: 0)) { try s.write(.writeStructuredField, [0x00, 0x09, 0x01]) }
        #expect(throws: DataStreamError(.badStructuredFieldLength(2), at: 0)) { try s.write(.writeStructuredField, [0x00, 0x05]) }
        #expect(throws: DataStreamError(.unsupportedStructuredField(0x77), at: 2)) { try s.write(.writeStructuredField, [0x00, 0x03, 0x77]) }
        #expect(throws: DataStreamError(.invalidPartition(0x05), at: 3)) {
            try s.write(.writeStructuredField, [0x00, 0x05, 0x01, 0x05, 0x02])
        }
        #expect(throws: DataStreamError(.unsupportedReadPartition(0x99), at: 4)) {
            try s.write(.writeStructuredField, [0x00, 0x05, 0x01, 0xFF, 0x99])
        }
        #expect(throws: DataStreamError(.invalidReplyMode(0x07), at: 4)) {
            try s.write(.writeStructuredField, [0x00, 0x05, 0x09, 0x00, 0x07])
        }
        #expect(throws: DataStreamError(.truncatedStructuredField(0x01), at: 0)) { try s.write(.writeStructuredField, [0x00, 0x04, 0x01, 0xFF]) }
        #expect(throws: DataStreamError(.invalidOutboundCommand(0xF3), at: 4)) {
            try s.write(.writeStructuredField, [0x00, 0x05, 0x40, 0x00, 0xF3])
        }
        // An error inside an outbound 3270DS reports the offset in the whole WSF.
        #expect(throws: DataStreamError(.truncatedOrder(0x11), at: 6)) {
            try s.write(.writeStructuredField, [0x00, 0x08, 0x40, 0x00, 0xF1, 0xC3, 0x11, 0x40])
        }
    }
}
