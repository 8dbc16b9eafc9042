/// A spool file cut into VM/370's 4 KB spool buffers (DSECT SPLINK), the
/// form DIAGNOSE X'14' hands a reader file to a guest.
///
/// VM/370 Release 6 (Data Areas and Control Block Logic, SPLINK; System
/// Logic and Problem Determination Guide, "Spool data and file format"):
///
///     +0    SPNXTPAG  DASD location of the next buffer (0: last)
///     +4    SPPREPAG  DASD location of the previous buffer (0: first)
///     +8    SPRMISC   use varies
///     +C    SPRECNUM  number of data records in the buffer
///     +10   the records
///     +FD0  first buffer only: 3800 data, SPFILID (+FF8, the spool id)
///           and SPTIME (+FFA); other buffers use the page to its end.
///
/// Each record is the CCW that moves it (READ or WRITE, command chained,
/// SLI), a TIC to the next CCW, and the data with trailing blanks left
/// out; a printer's skip or space without data is one immediate CCW.
/// CP leaves room at the end of a buffer for a SENSE CCW.
///
/// vm67 keeps no spool pages on DASD: a "DASD location" here is the page
/// number plus one, and CCW addresses point into the guest's own buffer
/// (where the guest finds the data), not into CP storage.
struct SpoolPages {
    static let pageSize = 4096
    static let headerSize = 16
    /// The first buffer's records end where its 3800 area begins.
    static let firstDataEnd = 4096 - 48
    /// Room for the SENSE CCW CP may add.
    static let senseRoom = 8
    /// Card files are written with X'01' (write, feed); a reader reads them.
    static let cardCommand: UInt8 = 0x01

    /// Record indices in each page.
    let ranges: [Range<Int>]
    let isPrint: Bool

    init(_ file: SpoolFile) {
        isPrint = file.origin == .printer || file.origin == .console
        var ranges: [Range<Int>] = []
        var start = 0
        var used = Self.headerSize
        var limit = Self.firstDataEnd - Self.senseRoom
        for (i, record) in file.records.enumerated() {
            let size = Self.size(Self.stored(record, print: isPrint))
            if used + size > limit && i > start {
                ranges.append(start..<i)
                start = i
                used = Self.headerSize
                limit = Self.pageSize - Self.senseRoom
            }
            used += size
        }
        ranges.append(start..<file.records.count)
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    /// Page `index` as it is stored in the guest's buffer at `address`.
    func bytes(_ index: Int, of file: SpoolFile, at address: UInt32) -> [UInt8] {
        var page = [UInt8](repeating: 0, count: Self.pageSize)
        func put32(_ value: UInt32, _ at: Int) { page.replaceSubrange(at..<at + 4, with: bytes32(value)) }
        put32(index + 1 < ranges.count ? UInt32(index + 2) : 0, 0)
        put32(index > 0 ? UInt32(index) : 0, 4)
        put32(UInt32(ranges[index].count), 12)
        var at = Self.headerSize
        for record in file.records[ranges[index]] {
            let stored = Self.stored(record, print: isPrint)
            let ccwAddress = address &+ UInt32(at)
            if stored.data.isEmpty {
                // A skip or space: an immediate command, no data, no TIC.
                page.replaceSubrange(at..<at + 8, with: Self.ccw(stored.command, 0, flags: 0x60, count: 1))
                at += 8
                continue
            }
            let size = Self.size(stored)
            page.replaceSubrange(at..<at + 8, with: Self.ccw(stored.command, ccwAddress &+ 16, flags: 0x60,
                                                             count: stored.data.count))
            page.replaceSubrange(at + 8..<at + 16, with: Self.ccw(0x08, ccwAddress &+ UInt32(size), flags: 0, count: 0))
            page.replaceSubrange(at + 16..<at + 16 + stored.data.count, with: stored.data)
            at += size
        }
        if index == 0 {
            // SPFILID: the file's identity, for verification.
            page[0xFF8] = UInt8(truncatingIfNeeded: file.id >> 8)
            page[0xFF9] = UInt8(truncatingIfNeeded: file.id)
        }
        return page
    }

    /// The command and data of one record: a card without its trailing
    /// blanks (one byte at least: a CCW count is never zero), or a print
    /// line after its command byte.
    static func stored(_ record: [UInt8], print: Bool) -> (command: UInt8, data: ArraySlice<UInt8>) {
        if print {
            return (record.first ?? 0x09, record.dropFirst())
        }
        var end = record.count
        while end > 1 && record[end - 1] == 0x40 { end -= 1 }
        return (cardCommand, record[..<max(end, min(1, record.count))])
    }

    /// Bytes one record takes: CCW, TIC and data to a doubleword, or an
    /// immediate CCW alone.
    static func size(_ stored: (command: UInt8, data: ArraySlice<UInt8>)) -> Int {
        stored.data.isEmpty ? 8 : 16 + (stored.data.count + 7) / 8 * 8
    }

    static func ccw(_ command: UInt8, _ address: UInt32, flags: UInt8, count: Int) -> [UInt8] {
        [command, UInt8(truncatingIfNeeded: address >> 16), UInt8(truncatingIfNeeded: address >> 8),
         UInt8(truncatingIfNeeded: address), flags, 0, UInt8(truncatingIfNeeded: count >> 8), UInt8(truncatingIfNeeded: count)]
    }
}
