/// A control section, dummy section or external symbol: anything an
/// address can be relative to.
struct Section: Sendable {
    enum Kind: Sendable, Equatable {
        /// CSECT or START: assembled into storage.
        case control
        /// DSECT: describes storage, generates nothing.
        case dummy
        /// EXTRN, WXTRN or a V-constant target: defined elsewhere.
        case external(weak: Bool)
    }

    var name: String
    var kind: Kind
    /// Location counter: offset of the next byte.
    var locationCounter: Int
    /// The highest location counter value reached (the section's end).
    var highWater: Int
    /// The lowest offset (START's value for the first section).
    var lowOffset: Int
    /// Absolute address of offset 0, fixed at the end of pass 1.
    var origin: Int = 0
    /// Where the section was first defined.
    var definedAt: SourcePosition?
    /// External symbol dictionary number in the object deck (0 = none).
    var esdID: Int = 0

    init(name: String, kind: Kind, start: Int = 0, definedAt: SourcePosition?) {
        self.name = name
        self.kind = kind
        self.locationCounter = start
        self.highWater = start
        self.lowOffset = start
        self.definedAt = definedAt
    }

    var isControl: Bool { kind == .control }
    var isExternal: Bool { if case .external = kind { return true } else { return false } }

    /// Bytes from the lowest to the highest offset.
    var length: Int { highWater - lowOffset }
}

/// The bytes assembled into one control section, with a mark for each byte
/// actually generated (DS leaves bytes unmarked, so they stay out of TXT cards).
struct SectionImage: Sendable {
    var bytes: [UInt8]
    var written: [Bool]
    /// Offset of `bytes[0]` in the section.
    var lowOffset: Int

    init(lowOffset: Int, length: Int) {
        self.lowOffset = lowOffset
        bytes = [UInt8](repeating: 0, count: max(0, length))
        written = [Bool](repeating: false, count: max(0, length))
    }

    mutating func store(_ data: [UInt8], at offset: Int) {
        let start = offset - lowOffset
        guard start >= 0 else { return }
        if start + data.count > bytes.count {
            let grow = start + data.count - bytes.count
            bytes.append(contentsOf: [UInt8](repeating: 0, count: grow))
            written.append(contentsOf: [Bool](repeating: false, count: grow))
        }
        for (i, b) in data.enumerated() {
            bytes[start + i] = b
            written[start + i] = true
        }
    }
}
