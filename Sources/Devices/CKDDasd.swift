import Channel
import Dispatch
import Media

/// Cylinders `first..<first+count` of a real volume shown to the channel as
/// cylinders 0..<count (a minidisk). Seeks outside it are rejected as
/// seeks beyond the end of a device are; cylinder numbers in home addresses
/// and count fields are translated both ways, so the extent looks like a
/// small volume of its own.
public struct CKDExtent: Sendable, Equatable {
    public let firstCylinder: Int
    public let cylinders: Int

    public init(firstCylinder: Int, cylinders: Int) {
        self.firstCylinder = firstCylinder
        self.cylinders = cylinders
    }
}

/// An IBM CKD disk drive (2311, 2314, 3330, 3340, 3350, 3375, 3380) on a
/// volume kept in a `TrackStore`.
///
/// The drive keeps the track under its heads parsed into records and an
/// *orientation*: just past the index point, or past the count, key or data
/// field of a record. Reads and searches move it along the track; at the end
/// of the track a multitrack command goes on to the next head (and fails
/// with end of cylinder after the last), any other wraps to the start, and
/// passing the index point a second time in one channel program without
/// reading or writing in between is "no record found". Writes follow the
/// architecture's rules: Write Data and Write Key and Data need a satisfied
/// Search ID Equal (or Search Key Equal) just before, Write CKD and Erase
/// also accept a preceding Write R0 or Write CKD, Write R0 needs Search Home
/// Address Equal or Write Home Address; the file mask of Set File Mask can
/// inhibit writes and seeks (file protected). Changed tracks go back to the
/// store at once; the store makes them durable when it is flushed.
public final class CKDDasd: ChannelDevice, @unchecked Sendable {
    public let deviceType: UInt16
    public let geometry: DASDGeometry
    public let store: TrackStore
    public let extent: CKDExtent?
    public let address: UInt16
    public let isReadOnly: Bool
    /// The last failure of the store (for the operator), if any.
    public private(set) var lastMediaError: MediaError?
    /// Written tracks are flushed when the oldest unflushed write is this
    /// old (host seconds), so that a host crash loses little; 0 turns it off.
    public var flushInterval: Double = 5
    private var unflushedSince: UInt64? = nil

    private let ownsStore: Bool
    private var port: DevicePort?

    /// Cylinders the channel sees.
    public let cylinders: Int
    public var heads: Int { geometry.heads }

    // Position and orientation.
    private var cylinder = 0      // as the channel sees it
    private var head = 0
    private var track: CKDTrack?
    private enum Orientation: Equatable {
        case index
        case count(Int), key(Int), data(Int)
    }
    private var orientation = Orientation.index

    /// What the commands of the current channel program established.
    private struct ChainState {
        var fileMask: UInt8 = 0
        var fileMaskSet = false
        /// A seek, recalibrate or read IPL came first (3880 sequence rule).
        var positioned = false
        /// The index point was passed once already.
        var indexPassed = false
        var homeAddressEqual = false
        var idEqual = false
        var keyEqual = false
        var wroteCountKeyData = false
        var wroteHomeAddress = false
    }
    private var chain = ChainState()
    private var sense: CKDCheck? = nil

    /// - Parameters:
    ///   - store: the volume; its device type must be this model's.
    ///   - readOnly: refuse writes even if the store takes them.
    ///   - ownsStore: close (or flush) the store when the device goes away.
    public init(geometry: DASDGeometry, store: TrackStore, address: UInt16 = 0, readOnly: Bool = false,
                extent: CKDExtent? = nil, ownsStore: Bool = false) throws {
        guard store.deviceType == geometry.deviceType || store.deviceType & 0xFF == geometry.deviceType & 0xFF else {
            throw DeviceConfigurationError("the volume is a \(String(store.deviceType, radix: 16, uppercase: true)), not a \(geometry.name)")
        }
        guard store.heads == geometry.heads else {
            throw DeviceConfigurationError("the volume has \(store.heads) heads; a \(geometry.name) has \(geometry.heads)")
        }
        if let extent {
            guard extent.firstCylinder >= 0, extent.cylinders >= 1,
                  extent.firstCylinder + extent.cylinders <= store.cylinders else {
                throw DeviceConfigurationError("extent of \(extent.cylinders) cylinders from cylinder \(extent.firstCylinder) does not fit a volume of \(store.cylinders) cylinders")
            }
        }
        self.geometry = geometry
        self.deviceType = geometry.deviceType
        self.store = store
        self.address = address
        self.isReadOnly = readOnly || store.isReadOnly
        self.extent = extent
        self.ownsStore = ownsStore
        self.cylinders = extent?.cylinders ?? store.cylinders
    }

    deinit {
        if ownsStore { try? close() }
    }

    /// Makes every write durable.
    public func flush() throws {
        try store.flush()
        unflushedSince = nil
    }

    /// The periodic flush (a failure is kept for the operator; the next
    /// write to a failed volume reports it to the program).
    private func flushIfDue() {
        guard flushInterval > 0, let since = unflushedSince else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard Double(now &- since) / 1e9 >= flushInterval else { return }
        do { try flush() } catch let error as MediaError { lastMediaError = error } catch {}
        unflushedSince = nil
    }

    /// Flushes and, if the device owns its volume, closes it (once).
    public func close() throws {
        guard !closed else { return }
        closed = true
        if let volume = store as? DASDVolume, ownsStore { try volume.close() } else { try store.flush() }
    }
    private var closed = false

    public func attach(_ port: DevicePort) { self.port = port }

    public func reset() {
        chain = ChainState()
        sense = nil
    }

    // MARK: Commands

    public func start(_ command: DeviceCommand) -> DeviceResponse {
        if !command.chained { chain = ChainState() }
        let code = command.code
        let kind = command.kind
        // The index mark survives only searches of IDs and keys and single-track Read Count.
        let searchesIDOrKey = [0x31, 0x51, 0x71, 0x29, 0x49, 0x69].contains(code & 0x7F)
        if kind == .sense || kind == .control || (kind == .write && !searchesIDOrKey)
            || (kind == .read && code != 0x12 && code & 0x7F != 0x22) {
            chain.indexPassed = false
        }
        let startCylinder = cylinder
        var result: DeviceResult
        do {
            result = try perform(command)
            if code != 0x04 && kind != .sense { sense = nil }
        } catch let check as CKDCheck {
            sense = check
            result = .unitCheck(duration: 10)
        } catch {
            sense = .equipmentCheck
            result = .unitCheck(duration: 10)
        }
        updateChainFlags(after: code, status: result.status)
        flushIfDue()
        // Virtual time: a short seek plus a little per cylinder crossed; data
        // at about 8 bytes a microsecond. (Faster than the real drives, so
        // that programs polling with TEST I/O do not spin for long.)
        if startCylinder != cylinder {
            result.duration += 100 + 2 * abs(startCylinder - cylinder)
        }
        return .finished(result)
    }

    /// Which positioning facts carry over to the next command.
    private func updateChainFlags(after code: UInt8, status: UnitStatus) {
        let base = code & 0x7F
        if base != 0x39 && base != 0x19 { chain.homeAddressEqual = false }
        if ![0x31, 0x0E, 0x0D, 0x06, 0x05].contains(base) { chain.idEqual = false }
        if ![0x29, 0x06, 0x05].contains(base) { chain.keyEqual = false }
        if ![0x15, 0x1D, 0x01].contains(code) { chain.wroteCountKeyData = false }
    }

    private func perform(_ c: DeviceCommand) throws -> DeviceResult {
        let code = c.code
        switch code {
        case 0x04: return senseCommand(c)
        case 0xB4, 0x94: return senseCommand(c)        // reserve, release: nothing to share; they return sense
        case 0x14 where geometry.controlUnit.type == 0x3880: return senseCommand(c)   // unconditional reserve
        case 0xE4:
            guard let id = geometry.senseID else { throw CKDCheck.invalidCommand }
            return DeviceResult(data: id, duration: 10)
        case 0x64:
            guard let rdc = geometry.deviceCharacteristics(volumeCylinders: cylinders) else { throw CKDCheck.invalidCommand }
            return DeviceResult(data: rdc, duration: 10)
        case 0x03, 0x17:                                  // no operation, restore
            return DeviceResult()
        case 0x07, 0x0B, 0x1B: return try seek(c)
        case 0x13: return try recalibrate()
        case 0x1F: return try setFileMask(c)
        case 0x23:
            guard geometry.hasSectors else { throw CKDCheck.invalidCommand }
            try sequenceCheck()
            guard c.count >= 1 else { throw CKDCheck.countTooSmall }
            return DeviceResult(accepted: 1, duration: 10)
        case 0x22:
            guard geometry.hasSectors else { throw CKDCheck.invalidCommand }
            return DeviceResult(data: [sectorNumber], duration: 10)
        case 0x39, 0xB9: return try searchHomeAddress(c)
        case 0x31, 0x51, 0x71, 0xB1, 0xD1, 0xF1: return try searchID(c)
        case 0x29, 0x49, 0x69, 0xA9, 0xC9, 0xE9: return try searchKey(c)
        case 0x1A, 0x9A: return try readHomeAddress(c)
        case 0x16, 0x96: return try readRecordZero(c)
        case 0x12, 0x92: return try readCount(c)
        case 0x06, 0x86: return try readData(c)
        case 0x0E, 0x8E: return try readKeyAndData(c)
        case 0x1E, 0x9E: return try readCountKeyData(c)
        case 0x5E: return try readMultipleCountKeyData()
        case 0x02: return try readIPL()
        case 0x19: return try writeHomeAddress(c)
        case 0x15: return try writeRecordZero(c)
        case 0x1D: return try writeCountKeyData(c, overflow: false)
        case 0x01:
            guard geometry.hasTrackOverflow else { throw CKDCheck.invalidCommand }
            return try writeCountKeyData(c, overflow: true)
        case 0x05: return try writeData(c)
        case 0x0D: return try writeKeyAndData(c)
        case 0x11: return try erase(c)
        default:
            throw CKDCheck.invalidCommand
        }
    }

    private func senseCommand(_ c: DeviceCommand) -> DeviceResult {
        let bytes = CKDSenseBuilder.bytes(sense ?? CKDCheck(), geometry: geometry, address: address,
                                          cylinder: cylinder, head: head)
        sense = nil
        return DeviceResult(data: bytes, duration: 10)
    }

    /// 3880 control units (3375, 3380) want the chain to position the drive
    /// before they read, search or write.
    private func sequenceCheck() throws {
        if geometry.controlUnit.type == 0x3880 && !chain.positioned {
            throw CKDCheck(byte0: CKDCheck.commandRejectBit, format: 2, message: 2)
        }
    }

    // MARK: Positioning

    private func seek(_ c: DeviceCommand) throws -> DeviceResult {
        let mask = chain.fileMask & 0x18
        switch c.code {
        case 0x07 where mask != 0x00: throw CKDCheck.fileProtected
        case 0x0B where mask != 0x00 && mask != 0x08: throw CKDCheck.fileProtected
        case 0x1B where mask == 0x18: throw CKDCheck.fileProtected
        default: break
        }
        guard c.count >= 6 else { throw CKDCheck.countTooSmall }
        let d = c.data
        let bin = Int(d[0]) << 8 | Int(d[1])
        var newCylinder = Int(d[2]) << 8 | Int(d[3])
        let newHead = Int(d[4]) << 8 | Int(d[5])
        if c.code == 0x1B { newCylinder = cylinder }
        guard bin == 0, newCylinder < cylinders, newHead < heads else { throw CKDCheck.invalidParameter }
        try moveTo(cylinder: newCylinder, head: newHead)
        chain.positioned = true
        return DeviceResult(accepted: 6, duration: 10)
    }

    private func recalibrate() throws -> DeviceResult {
        guard chain.fileMask & 0x18 == 0 else { throw CKDCheck.fileProtected }
        try moveTo(cylinder: 0, head: 0)
        chain.positioned = true
        return DeviceResult(duration: 10)
    }

    private func setFileMask(_ c: DeviceCommand) throws -> DeviceResult {
        guard !chain.fileMaskSet else { throw CKDCheck.invalidSequence }
        guard c.count >= 1 else { throw CKDCheck.countTooSmall }
        guard c.data[0] & 0x20 == 0 else { throw CKDCheck.invalidParameter }
        chain.fileMask = c.data[0]
        chain.fileMaskSet = true
        return DeviceResult(accepted: 1, duration: 5)
    }

    /// Positions the heads at a track (as the channel numbers cylinders)
    /// and reads it into the drive, oriented at the index point.
    private func moveTo(cylinder newCylinder: Int, head newHead: Int) throws {
        cylinder = newCylinder
        head = newHead
        orientation = .index
        let real = realCylinder(newCylinder)
        if let t = track, t.cylinder == real, t.head == newHead { return }
        track = nil
        let image: [UInt8]
        do {
            image = try store.readTrack(cylinder: real, head: newHead)
        } catch let error as MediaError {
            lastMediaError = error
            throw CKDCheck.equipmentCheck
        }
        guard let parsed = CKDTrack(image: image, cylinder: real, head: newHead) else {
            lastMediaError = MediaError("(track \(real)/\(newHead))", "malformed track image")
            throw CKDCheck.equipmentCheck
        }
        track = parsed
    }

    /// The track under the heads (read on first use after a reset).
    private func currentTrack() throws -> CKDTrack {
        if track == nil { try moveTo(cylinder: cylinder, head: head) }
        return track!
    }

    /// On to the next head, for a multitrack command or a track-overflow record.
    private func advanceTrack() throws {
        if chain.fileMask & 0x18 == 0x18 { throw CKDCheck.fileProtected }
        guard head + 1 < heads else { throw CKDCheck.endOfCylinder }
        try moveTo(cylinder: cylinder, head: head + 1)
    }

    private func realCylinder(_ c: Int) -> Int { c + (extent?.firstCylinder ?? 0) }

    /// A sector number for the current orientation (the fraction of the track passed).
    private var sectorNumber: UInt8 {
        guard let t = track, geometry.sectors > 0 else { return 0 }
        let passed: Int
        switch orientation {
        case .index: passed = 0
        case .count(let i), .key(let i), .data(let i): passed = i + 1
        }
        return UInt8(min(geometry.sectors - 1, passed * geometry.sectors / max(1, t.records.count + 1)))
    }

    // MARK: Moving along the track

    /// Moves to the next count field and returns its record's index.
    /// Record 0 is passed over unless `includeR0`. At the end of the track,
    /// a multitrack command continues on the next head; another wraps to the
    /// index point, unless it passed there already in this channel program
    /// (no record found). Multitrack reads and key searches may go round.
    private func nextCount(code: UInt8, includeR0: Bool) throws -> Int {
        let multitrack = code & 0x80 != 0
        let searchesID = [0x31, 0x51, 0x71].contains(code & 0x7F)
        let searchesKey = [0x29, 0x49, 0x69].contains(code & 0x7F)
        let reads = CommandKind(code: code) == .read
        while true {
            let t = try currentTrack()
            var next: Int
            switch orientation {
            case .index: next = 0
            case .count(let i), .key(let i), .data(let i): next = i + 1
            }
            if next < t.records.count {
                orientation = .count(next)
                if !includeR0 && t.records[next].number == 0 { continue }
                return next
            }
            if chain.indexPassed && !(multitrack && (reads || searchesKey)) { throw CKDCheck.noRecordFound }
            if multitrack {
                try advanceTrack()
                if !searchesID && !searchesKey { chain.indexPassed = true }
            } else {
                orientation = .index
                chain.indexPassed = true
            }
        }
    }

    /// Moves to the count of the record whose key or data comes next, if the
    /// drive is not already between that count and its data.
    private func recordForKeyOrData(code: UInt8, keyToo: Bool) throws -> Int {
        switch orientation {
        case .count(let i): return i
        case .key(let i) where !keyToo: return i
        default: return try nextCount(code: code, includeR0: false)
        }
    }

    /// The count field as the channel sees it: overflow flag off, cylinder
    /// relative to the extent.
    private func visibleCount(_ record: CKDTrack.Record) -> [UInt8] {
        var count = record.count
        count[0] &= 0x7F
        if let extent {
            let cc = record.cylinder
            if cc >= extent.firstCylinder {
                count[0] = UInt8((cc - extent.firstCylinder) >> 8)
                count[1] = UInt8((cc - extent.firstCylinder) & 0xFF)
            }
        }
        return count
    }

    private func visibleHomeAddress(_ t: CKDTrack) -> [UInt8] {
        var ha = t.homeAddress
        let cc = Int(ha[1]) << 8 | Int(ha[2])
        if let extent, cc >= extent.firstCylinder {
            ha[1] = UInt8((cc - extent.firstCylinder) >> 8)
            ha[2] = UInt8((cc - extent.firstCylinder) & 0xFF)
        }
        return ha
    }

    // MARK: Searches

    /// Compares up to `field.count` bytes; the status modifier when the
    /// condition of the command's bits 2–3 (equal X'20', high X'40') holds.
    private func searchResult(_ code: UInt8, field: [UInt8], argument: [UInt8], count: Int) -> (DeviceResult, Bool) {
        let n = min(count, field.count)
        var order = 0
        for i in 0..<n where field[i] != argument[i] {
            order = field[i] > argument[i] ? 1 : -1
            break
        }
        let satisfied = (code & 0x20 != 0 && order == 0) || (code & 0x40 != 0 && order > 0)
        let status: UnitStatus = satisfied ? [.channelEnd, .deviceEnd, .statusModifier] : .done
        return (DeviceResult(status: status, accepted: field.count, duration: 10), order == 0 && n == field.count)
    }

    private func searchHomeAddress(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        if c.code & 0x80 != 0 { try advanceTrack() }
        let t = try currentTrack()
        orientation = .index
        let (result, equal) = searchResult(0x20, field: Array(visibleHomeAddress(t)[1..<5]), argument: c.data, count: c.count)
        chain.homeAddressEqual = equal
        return result
    }

    private func searchID(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        let i = try nextCount(code: c.code, includeR0: true)
        let field = Array(visibleCount(track!.records[i])[0..<5])
        let (result, equal) = searchResult(c.code, field: field, argument: c.data, count: c.count)
        chain.idEqual = equal && c.code & 0x7F == 0x31
        return result
    }

    private func searchKey(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        let i = try recordForKeyOrData(code: c.code, keyToo: true)
        let record = track!.records[i]
        orientation = .key(i)
        guard record.keyLength > 0 else { return DeviceResult(accepted: 0, duration: 10) }
        let (result, equal) = searchResult(c.code, field: record.key, argument: c.data, count: c.count)
        chain.keyEqual = equal && c.code & 0x7F == 0x29
        return result
    }

    // MARK: Reads

    private func readHomeAddress(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        if c.code & 0x80 != 0 { try advanceTrack() }
        let t = try currentTrack()
        orientation = .index
        return DeviceResult(data: visibleHomeAddress(t), duration: 10)
    }

    private func readRecordZero(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        if c.code & 0x80 != 0 { try advanceTrack() }
        _ = try currentTrack()
        orientation = .index
        let i = try nextCount(code: c.code, includeR0: true)
        let r = track!.records[i]
        orientation = .data(i)
        return transfer(visibleCount(r) + r.key + r.data, endOfFile: r.dataLength == 0)
    }

    private func readCount(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        let i = try nextCount(code: c.code, includeR0: false)
        return transfer(visibleCount(track!.records[i]), endOfFile: false)
    }

    private func readData(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        let i = try recordForKeyOrData(code: c.code, keyToo: false)
        let r = track!.records[i]
        orientation = .data(i)
        return transfer(try withOverflow(r, r.data), endOfFile: r.dataLength == 0)
    }

    private func readKeyAndData(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        let i = try recordForKeyOrData(code: c.code, keyToo: true)
        let r = track!.records[i]
        orientation = .data(i)
        return transfer(try withOverflow(r, r.key + r.data), endOfFile: r.dataLength == 0)
    }

    private func readCountKeyData(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        let i = try nextCount(code: c.code, includeR0: false)
        let r = track!.records[i]
        orientation = .data(i)
        return transfer(try withOverflow(r, visibleCount(r) + r.key + r.data), endOfFile: r.dataLength == 0)
    }

    /// Every record after R0 to the end of the track, count, key and data.
    private func readMultipleCountKeyData() throws -> DeviceResult {
        try sequenceCheck()
        let t = try currentTrack()
        var out: [UInt8] = []
        var start: Int
        switch orientation {
        case .index: start = 0
        case .count(let i), .key(let i), .data(let i): start = i + 1
        }
        while start < t.records.count {
            let r = t.records[start]
            if !(start == 0 && r.number == 0) { out += visibleCount(r) + r.key + r.data }
            orientation = .data(start)
            start += 1
        }
        return transfer(out, endOfFile: false)
    }

    /// Read IPL: record 1 of cylinder 0 head 0, after an implied seek there.
    private func readIPL() throws -> DeviceResult {
        guard !chain.fileMaskSet else { throw CKDCheck.invalidSequence }
        try moveTo(cylinder: 0, head: 0)
        chain.positioned = true
        let i = try nextCount(code: 0x02, includeR0: false)
        let r = track!.records[i]
        orientation = .data(i)
        return transfer(r.data, endOfFile: r.dataLength == 0)
    }

    /// The data of a track-overflow record continues with the first record
    /// of each following track until a segment without the overflow flag.
    private func withOverflow(_ first: CKDTrack.Record, _ bytes: [UInt8]) throws -> [UInt8] {
        var out = bytes
        var segment = first
        do {
            while segment.isOverflowSegment {
                try advanceTrack()
                let j = try nextCount(code: 0x06, includeR0: false)
                segment = track!.records[j]
                out += segment.data
                orientation = .data(j)
            }
        } catch let check as CKDCheck {
            throw check.duringOverflow
        }
        return out
    }

    /// A read's result; a zero-length data field ends with unit exception (end of file).
    private func transfer(_ bytes: [UInt8], endOfFile: Bool) -> DeviceResult {
        DeviceResult(status: endOfFile ? [.channelEnd, .deviceEnd, .unitException] : .done,
                     data: bytes, duration: 10 + bytes.count / 8)
    }

    // MARK: Writes

    /// The write permission bits of the file mask: 00 inhibits Write Home
    /// Address and Write R0, 01 inhibits every write, 10 allows updates only
    /// (Write Data, Write Key and Data), 11 allows everything.
    private enum WriteKind { case homeAddressOrR0, format, update }

    private func checkWritable(_ kind: WriteKind) throws {
        let mask = chain.fileMask & 0xC0
        let allowed: Bool
        switch kind {
        case .homeAddressOrR0: allowed = mask == 0xC0
        case .format: allowed = mask == 0xC0 || mask == 0x00
        case .update: allowed = mask != 0x40
        }
        guard allowed else { throw CKDCheck.fileProtected }
        if isReadOnly {
            var check = CKDCheck.fileProtected
            if geometry.controlUnit.senseBytes == 24 { check.byte1 |= CKDCheck.writeInhibitedBit }
            throw check
        }
    }

    /// Sends the changed track to the store.
    private func storeTrack(_ t: CKDTrack) throws {
        track = t
        if unflushedSince == nil { unflushedSince = DispatchTime.now().uptimeNanoseconds }
        do {
            try store.writeTrack(cylinder: t.cylinder, head: t.head, t.image)
        } catch let error as MediaError {
            lastMediaError = error
            track = nil
            throw CKDCheck.equipmentCheck
        }
    }

    /// A count field from the channel's data: cylinder relocated to the
    /// extent, overflow flag set for a track-overflow segment.
    private func storedCount(_ data: [UInt8], overflow: Bool) -> [UInt8] {
        var count = Array((data + [UInt8](repeating: 0, count: 8)).prefix(8))
        if let extent {
            let cc = (Int(count[0]) << 8 | Int(count[1])) + extent.firstCylinder
            count[0] = UInt8((cc >> 8) & 0x7F)
            count[1] = UInt8(cc & 0xFF)
        }
        if overflow { count[0] |= 0x80 }
        return count
    }

    private func writeHomeAddress(_ c: DeviceCommand) throws -> DeviceResult {
        try sequenceCheck()
        try checkWritable(.homeAddressOrR0)
        _ = try currentTrack()
        orientation = .index
        chain.wroteHomeAddress = true
        // The image format has no room for flag bytes or skip displacements:
        // the home address stays what it is (as under Hercules).
        let size = geometry.deviceType == 0x3350 ? 11 : geometry.deviceType == 0x3340 ? 7 : 5
        return DeviceResult(accepted: size, duration: 10)
    }

    private func writeRecordZero(_ c: DeviceCommand) throws -> DeviceResult {
        guard chain.homeAddressEqual || chain.wroteHomeAddress else { throw CKDCheck.invalidSequence }
        try checkWritable(.homeAddressOrR0)
        var t = try currentTrack()
        let record = try newRecord(c, overflow: false)
        t.records = [record]
        try checkCapacity(t)
        try storeTrack(t)
        orientation = .data(0)
        chain.wroteCountKeyData = true
        return DeviceResult(accepted: 8 + record.keyLength + record.dataLength, duration: 10 + c.count / 8)
    }

    private func writeCountKeyData(_ c: DeviceCommand, overflow: Bool) throws -> DeviceResult {
        guard chain.idEqual || chain.keyEqual || chain.wroteCountKeyData else { throw CKDCheck.invalidSequence }
        try checkWritable(.format)
        var t = try currentTrack()
        let after = positionAfterCurrentRecord()
        let record = try newRecord(c, overflow: overflow)
        t.records.removeSubrange(after...)
        t.records.append(record)
        try checkCapacity(t)
        try storeTrack(t)
        orientation = .data(t.records.count - 1)
        chain.wroteCountKeyData = true
        return DeviceResult(accepted: 8 + record.keyLength + record.dataLength, duration: 10 + c.count / 8)
    }

    /// The index of the first record a format write replaces: the one after
    /// the record the drive is in.
    private func positionAfterCurrentRecord() -> Int {
        switch orientation {
        case .index: return 0
        case .count(let i), .key(let i), .data(let i): return i + 1
        }
    }

    /// The record a Write R0 or Write CKD carries: count, key, data (zeros
    /// where the channel program gave too few bytes).
    private func newRecord(_ c: DeviceCommand, overflow: Bool) throws -> CKDTrack.Record {
        guard c.count >= 8 else { throw CKDCheck.countTooSmall }
        let count = storedCount(c.data, overflow: overflow)
        let kl = Int(count[5]), dl = Int(count[6]) << 8 | Int(count[7])
        var bytes = Array(c.data.dropFirst(8).prefix(kl + dl))
        if bytes.count < kl + dl { bytes += [UInt8](repeating: 0, count: kl + dl - bytes.count) }
        return CKDTrack.Record(count: count, key: Array(bytes[0..<kl]), data: Array(bytes[kl...]))
    }

    /// A track must hold its records: by the model's capacity formula, and
    /// in the image's track size. Otherwise: invalid track format.
    private func checkCapacity(_ t: CKDTrack) throws {
        guard t.imageSize <= store.trackSize, geometry.fits(t.userRecordLengths) else {
            throw t.records.last?.isOverflowSegment == true ? CKDCheck.invalidTrackFormat.duringOverflow : CKDCheck.invalidTrackFormat
        }
        if let first = t.records.first, first.number == 0,
           first.keyLength + first.dataLength > geometry.recordZeroCapacity {
            throw CKDCheck.invalidTrackFormat
        }
    }

    private func writeData(_ c: DeviceCommand) throws -> DeviceResult {
        guard chain.idEqual || chain.keyEqual else { throw CKDCheck.invalidSequence }
        try checkWritable(.update)
        let i: Int
        switch orientation {
        case .count(let n), .key(let n): i = n
        default: throw CKDCheck.invalidSequence
        }
        var t = try currentTrack()
        let dl = t.records[i].dataLength
        if dl == 0 { return DeviceResult(status: [.channelEnd, .deviceEnd, .unitException], accepted: 0) }
        var offered = c.data[...]
        t.records[i].data = Self.take(&offered, dl)
        try storeTrack(t)
        orientation = .data(i)
        var taken = dl
        if t.records[i].isOverflowSegment {
            taken += try writeOverflowSegments(&offered)
        }
        return DeviceResult(accepted: taken, duration: 10 + taken / 8)
    }

    /// The rest of an overflow record's data goes into the first record of the following tracks.
    private func writeOverflowSegments(_ offered: inout ArraySlice<UInt8>) throws -> Int {
        var taken = 0
        do {
            var continues = true
            while continues {
                try advanceTrack()
                let j = try nextCount(code: 0x05, includeR0: false)
                var t = track!
                let n = t.records[j].dataLength
                t.records[j].data = Self.take(&offered, n)
                try storeTrack(t)
                orientation = .data(j)
                taken += n
                continues = t.records[j].isOverflowSegment
            }
        } catch let check as CKDCheck {
            throw check.duringOverflow
        }
        return taken
    }

    private func writeKeyAndData(_ c: DeviceCommand) throws -> DeviceResult {
        guard chain.idEqual else { throw CKDCheck.invalidSequence }
        try checkWritable(.update)
        guard case .count(let i) = orientation else { throw CKDCheck.invalidSequence }
        var t = try currentTrack()
        let kl = t.records[i].keyLength, dl = t.records[i].dataLength
        if dl == 0 { return DeviceResult(status: [.channelEnd, .deviceEnd, .unitException], accepted: 0) }
        var offered = c.data[...]
        t.records[i].key = Self.take(&offered, kl)
        t.records[i].data = Self.take(&offered, dl)
        try storeTrack(t)
        orientation = .data(i)
        var taken = kl + dl
        if t.records[i].isOverflowSegment {
            taken += try writeOverflowSegments(&offered)
        }
        return DeviceResult(accepted: taken, duration: 10 + taken / 8)
    }

    /// Erase: the rest of the track after the current record goes.
    private func erase(_ c: DeviceCommand) throws -> DeviceResult {
        guard chain.idEqual || chain.keyEqual || chain.wroteCountKeyData else { throw CKDCheck.invalidSequence }
        try checkWritable(.format)
        guard c.count >= 8 else { throw CKDCheck.countTooSmall }
        var t = try currentTrack()
        let after = positionAfterCurrentRecord()
        t.records.removeSubrange(after...)
        try storeTrack(t)
        orientation = after > 0 ? .data(after - 1) : .index
        let kl = Int(c.data[5]), dl = Int(c.data[6]) << 8 | Int(c.data[7])
        return DeviceResult(accepted: 8 + kl + dl, duration: 10)
    }

    /// `n` bytes from the front of `offered`, padded with zeros when it runs short.
    private static func take(_ offered: inout ArraySlice<UInt8>, _ n: Int) -> [UInt8] {
        let part = Array(offered.prefix(n))
        offered = offered.dropFirst(n)
        return part.count == n ? part : part + [UInt8](repeating: 0, count: n - part.count)
    }
}
