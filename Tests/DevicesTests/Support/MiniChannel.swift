import Channel
import Devices
import Media

/// A channel in miniature for device tests: runs a list of CCWs against one
/// device with command chaining, TIC, the status-modifier skip, SLI and
/// incorrect length, the way the S/370 channel does, but on Swift values.
struct MiniChannel {
    struct CCW {
        var code: UInt8
        /// Output bytes (write, control, search), or nil for input.
        var data: [UInt8]?
        var count: Int
        var chain = true
        var sli = false
        /// For TIC: the index of the CCW to go to.
        var target: Int? = nil

        static func output(_ code: UInt8, _ data: [UInt8], count: Int? = nil, sli: Bool = false) -> CCW {
            let n = count ?? data.count
            return CCW(code: code, data: Array((data + [UInt8](repeating: 0, count: max(0, n - data.count))).prefix(n)), count: n, sli: sli)
        }
        static func input(_ code: UInt8, count: Int, sli: Bool = false) -> CCW {
            CCW(code: code, data: nil, count: count, sli: sli)
        }
        static func tic(_ target: Int) -> CCW { CCW(code: 0x08, data: nil, count: 1, target: target) }
        static let noop = CCW(code: 0x03, data: [0], count: 1)
    }

    struct Ending: CustomStringConvertible {
        var status: UnitStatus
        var incorrectLength: Bool
        /// Index of the last CCW used.
        var last: Int
        /// Input of each CCW that read, by index (the last read wins).
        var input: [Int: [UInt8]]
        var description: String { "\(status)\(incorrectLength ? "+IL" : "") at CCW \(last)" }
    }

    let device: CKDDasd

    /// Runs the program; the last CCW's chain flag is ignored.
    @discardableResult
    func run(_ program: [CCW]) -> Ending {
        var input: [Int: [UInt8]] = [:]
        var i = 0
        var chained = false
        var steps = 0
        while true {
            steps += 1
            precondition(steps < 100_000, "runaway channel program")
            var ccw = program[i]
            if let target = ccw.target {
                i = target
                ccw = program[i]
            }
            let command = DeviceCommand(code: ccw.code, count: ccw.count, data: ccw.data ?? [], chained: chained)
            guard case .finished(let result) = device.start(command) else { fatalError("DASD commands finish at once") }
            let offered = command.kind.isOutput ? (result.accepted ?? ccw.count) : result.data.count
            if !command.kind.isOutput { input[i] = Array(result.data.prefix(ccw.count)) }
            let il = offered != ccw.count && !ccw.sli
            let last = i == program.count - 1 || !ccw.chain
            if last || il || result.status.subtracting(.statusModifier) != .done {
                return Ending(status: result.status, incorrectLength: il, last: i, input: input)
            }
            i += result.status.contains(.statusModifier) ? 2 : 1
            chained = true
            if i >= program.count { return Ending(status: result.status, incorrectLength: false, last: i - 1, input: input) }
        }
    }

    /// One command on its own (not chained).
    func single(_ ccw: CCW) -> Ending { run([ccw]) }

    /// The sense bytes (a SENSE on its own).
    func sense() -> [UInt8] { single(.input(0x04, count: 24, sli: true)).input[0] ?? [] }

    // Common arguments.
    static func seek(_ cylinder: Int, _ head: Int) -> CCW {
        .output(0x07, [0, 0, UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF)])
    }
    static func id(_ cylinder: Int, _ head: Int, _ record: UInt8) -> [UInt8] {
        [UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF), record]
    }
    static func count(_ cylinder: Int, _ head: Int, _ record: UInt8, key: Int, data: Int) -> [UInt8] {
        id(cylinder, head, record) + [UInt8(key), UInt8(data >> 8), UInt8(data & 0xFF)]
    }
}

/// A DASD on an in-memory volume with a few known records, for the device tests.
enum TestVolume {
    /// Records R1…Rn on cylinder `c` head `h`: record r has `keyLength`
    /// bytes of key (r, r, …) and 100·r bytes of data (r+0x40 repeated).
    static func track(_ c: Int, _ h: Int, records: Int, keyLength: Int = 0) -> [UInt8] {
        var list = [TrackImage.Record(cylinder: UInt16(c), head: UInt16(h), record: 0, data: [UInt8](repeating: 0, count: 8))]
        for r in 1...max(1, records) where records > 0 {
            list.append(TrackImage.Record(cylinder: UInt16(c), head: UInt16(h), record: UInt8(r),
                                          key: [UInt8](repeating: UInt8(r), count: keyLength),
                                          data: [UInt8](repeating: UInt8(0x40 + r), count: 100 * r)))
        }
        return TrackImage.build(cylinder: c, head: h, records: list)
    }

    static func store(_ model: String, cylinders: Int = 5) -> MemoryTrackStore {
        let g = DASDGeometry.named(model)!
        return MemoryTrackStore(deviceType: g.deviceType, cylinders: cylinders, heads: g.heads, trackSize: g.imageTrackSize)
    }

    /// A drive whose cylinder 1 head 0 holds three records (keys of 4 bytes),
    /// head 1 two unkeyed records; the rest of the volume is empty.
    static func drive(_ model: String = "3350", readOnly: Bool = false, extent: CKDExtent? = nil,
                      address: UInt16 = 0x191) throws -> (CKDDasd, MemoryTrackStore) {
        let s = store(model)
        try s.writeTrack(cylinder: 1, head: 0, track(1, 0, records: 3, keyLength: 4))
        try s.writeTrack(cylinder: 1, head: 1, track(1, 1, records: 2))
        s.isReadOnly = readOnly
        let d = try CKDDasd(geometry: DASDGeometry.named(model)!, store: s, address: address, extent: extent)
        return (d, s)
    }
}
