/// START, DRAIN, FLUSH, REPEAT, HOLD, FREE: the spooling operator's
/// (class D) commands for the real printers, punches and readers.
///
/// Messages: DMKCSO is VM/370's module for these commands. The numbers
/// and texts of 006E and 021E below are our best knowledge, not checked
/// against a listing; the device status replies (`PRT 00E STARTED`, …)
/// are vm67's guesses at the VM/370 wording.
enum UnitRecordCommands {
    static func raddrInvalid() -> CPMessage { CPMessage("CSO", 21, "E", "RADDR MISSING OR INVALID") }
    static func notDevice(_ address: UInt16) -> CPMessage { CPMessage("CSO", 40, "E", "DEV \(hex3(address)) DOES NOT EXIST") }
    static func wrongType(_ address: UInt16) -> CPMessage { CPMessage("CSO", 6, "E", "INVALID DEVICE TYPE - \(hex3(address))") }

    /// The real device operand 0 names, or an error to give.
    private static func device(_ c: inout CommandContext, writers: Bool = false) -> Result<RealUnitRecord, CPMessage> {
        guard let address = parseAddress(c.word(0)) else { return .failure(raddrInvalid()) }
        guard let device = c.cp.unitRecord.device(address) else { return .failure(notDevice(address)) }
        if writers && device.definition.kind == .reader { return .failure(wrongType(address)) }
        return .success(device)
    }

    /// START raddr [CLASS abc]: the device starts taking files (a printer or
    /// punch) or decks (a reader). CLASS changes the classes it takes.
    static func start(_ c: inout CommandContext) -> Int {
        let device: RealUnitRecord
        switch self.device(&c) { case .success(let d): device = d; case .failure(let m): return c.fail(m) }
        var classes: [Character]? = nil
        var i = 1
        while let word = c.word(i) {
            guard word == "CLASS", device.definition.kind != .reader else { return c.fail(Messages.invalidOperand(word)) }
            guard let value = c.word(i + 1), value.count <= 8, value.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                return c.fail(CPMessage("CSP", 28, "E", "CLASS MISSING OR INVALID"))
            }
            classes = Array(value)
            i += 2
        }
        c.cp.unitRecord.update(device.definition.address) { d in
            d.status = .started
            if let classes { d.classes = classes }
        }
        c.say("\(device.name) STARTED")
        c.cp.unitRecord.wake()
        return 0
    }

    /// DRAIN raddr|ALL: stops taking files; a device in the middle of one
    /// finishes it first (and says DRAINED then).
    static func drain(_ c: inout CommandContext) -> Int {
        let addresses: [UInt16]
        if c.word(0) == "ALL" {
            addresses = c.cp.unitRecord.devices.map(\.definition.address)
        } else {
            switch device(&c) { case .success(let d): addresses = [d.definition.address]; case .failure(let m): return c.fail(m) }
        }
        for address in addresses {
            guard let d = c.cp.unitRecord.update(address, { d in
                d.status = d.active == nil ? .drained : .draining
            }) else { continue }
            c.say("\(d.name) \(d.status.rawValue)")
        }
        return 0
    }

    /// FLUSH raddr [HOLD]: the file being written stops after this copy;
    /// it is purged, or kept in hold with HOLD.
    static func flush(_ c: inout CommandContext) -> Int {
        let device: RealUnitRecord
        switch self.device(&c, writers: true) { case .success(let d): device = d; case .failure(let m): return c.fail(m) }
        let hold: Bool
        switch c.word(1) {
        case nil: hold = false
        case "HOLD"?: hold = true
        case let word?: return c.fail(Messages.invalidOperand(word))
        }
        let after = c.cp.unitRecord.update(device.definition.address) { d in
            guard d.active != nil else { return }
            d.flush = true
            d.flushHold = hold
            d.repeats = 0
        }
        guard let active = after?.active else {
            c.say("\(device.name) NOT ACTIVE")
            return 0
        }
        c.say("\(device.name) FILE \(SpoolNotices.id(active.id)) FLUSHED")
        return 0
    }

    /// REPEAT raddr [n]: n more copies (1–99, default 1) of the active file,
    /// or of the last one the device wrote.
    static func repeatFile(_ c: inout CommandContext) -> Int {
        let device: RealUnitRecord
        switch self.device(&c, writers: true) { case .success(let d): device = d; case .failure(let m): return c.fail(m) }
        var count = 1
        if let word = c.word(1) {
            guard let n = Int(word), (1...99).contains(n) else { return c.fail(Messages.invalidOperand(word)) }
            count = n
        }
        guard device.active != nil || device.last != nil else {
            c.say("\(device.name) NOT ACTIVE")
            return 0
        }
        c.cp.unitRecord.update(device.definition.address) { $0.repeats += count }
        c.cp.unitRecord.wake()
        return 0
    }

    /// HOLD userid: the user's printer and punch files stay in the queues.
    static func hold(_ c: inout CommandContext) -> Int {
        guard let userid = c.word(0), userid.count <= 8 else { return c.fail(Messages.operandMissing) }
        guard c.cp.directory.entry(userid) != nil else { return c.fail(Messages.userNotInDirectory(userid)) }
        c.cp.unitRecord.hold(userid)
        return 0
    }

    /// FREE userid: undoes HOLD; the user's files print again.
    static func free(_ c: inout CommandContext) -> Int {
        guard let userid = c.word(0), userid.count <= 8 else { return c.fail(Messages.operandMissing) }
        guard c.cp.unitRecord.free(userid) else {
            c.say("\(userid) NOT HELD") // vm67's reply; VM/370's wording unknown
            return 0
        }
        c.cp.unitRecord.wake()
        return 0
    }

    /// QUERY HOLD: the users whose output is held.
    static func queryHold(_ c: inout CommandContext) -> Int {
        let held = c.cp.unitRecord.heldUsers
        c.say(held.isEmpty ? ["NO USERS HELD"] : held.map { "\($0.padding(8)) HELD" })
        return 0
    }

    /// QUERY PRINTER|PUNCH|READER raddr, QUERY UR: a real device's state,
    /// `PRT 00E STARTED CLASS A` (active: `FILE nnnn`).
    static func status(_ device: RealUnitRecord) -> String {
        var line = "\(device.name) \(device.status.rawValue)"
        if device.definition.kind != .reader { line += " CLASS \(String(device.classes))" }
        if let active = device.active { line += " FILE \(SpoolNotices.id(active.id))" }
        return line
    }

    static func query(_ c: inout CommandContext, _ address: UInt16) -> Int {
        guard let device = c.cp.unitRecord.device(address) else { return c.fail(notDevice(address)) }
        c.say(status(device))
        return 0
    }

    static func queryAll(_ c: inout CommandContext) -> Int {
        let devices = c.cp.unitRecord.devices
        c.say(devices.isEmpty ? ["NO UNIT RECORD DEVICES"] : devices.map(status))
        return 0
    }
}
