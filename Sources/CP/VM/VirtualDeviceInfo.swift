/// What CP knows about one virtual device, for QUERY VIRTUAL, DETACH and
/// DIAGNOSE X'24'.
struct VirtualDeviceInfo {
    enum Kind: String { case console = "CONS", reader = "RDR", punch = "PUN", printer = "PRT", dasd = "DASD", tape = "TAPE", graf = "GRAF" }
    var kind: Kind
    /// Device type as QUERY shows it: 3215, 2540, 1403, 3350, 3420.
    var type: String
    var spoolClass: String = "A"
    /// DASD: the real volume, its extent, and read-only.
    var volser: String? = nil
    var cylinders: Int = 0
    var readOnly = false
    /// A temporary disk (released at DETACH and LOGOFF).
    var temporary = false
    /// The minidisk this device links (for the link registry), and the
    /// T-disk space it holds.
    var minidisk: MinidiskKey? = nil
    var temporaryAllocation: TDiskSpace.Allocation? = nil
    /// The real device (hex address) or volume this device is dedicated.
    var dedicated: String? = nil
}

extension VirtualMachine {
    /// QUERY VIRTUAL lines for one device.
    func queryLines(_ address: UInt16, _ info: VirtualDeviceInfo) -> [String] {
        let a = hex3(address)
        switch info.kind {
        case .console:
            // As a printer's lines, with the console's own options: TERM or
            // NOTERM, and START or STOP (whether console spooling is on).
            // Where VM/370 R6 puts TERM and START/STOP is our reading [R].
            let term = console.connection == nil ? "DSC" : (console.connection?.terminalName ?? "TERM")
            let spool = console.spool
            let o = spool.options
            let options = "\(o.continuous ? "CONT  " : "NOCONT") \(o.hold ? "HOLD  " : "NOHOLD") "
                + "COPY \(SpoolNotices.copies(o.copies))".padding(11)
            let destination = o.target.map { "TO \($0)" } ?? "FOR \(o.forUser ?? userid)"
            return ["CONS \(a) ON \(term)   CL \(o.spoolClass)  \(options)READY",
                    "     \(a) \(o.terminal ? "TERM  " : "NOTERM") \(spool.started ? "START" : "STOP ") "
                        + "\(destination) DIST \(entry.distribution ?? userid)"]
        case .reader:
            let reader = io.channels.device(at: address) as? VirtualReader
            let cls = reader.map { $0.spoolClass.map { String($0) } ?? "*" } ?? info.spoolClass
            let options = "\(reader?.continuous == true ? "CONT  " : "NOCONT") \(reader?.hold == true ? "HOLD  " : "NOHOLD") "
                + (reader?.endOfFileIndication == false ? "NOEOF" : "EOF").padding(9)
            return ["RDR  \(a) CL \(cls)  \(options)READY"]
        case .punch, .printer:
            let writer = io.channels.device(at: address) as? VirtualSpoolWriter
            let cls = writer.map { String($0.spoolClass) } ?? info.spoolClass
            let copies = SpoolNotices.copies(writer?.copies ?? 1)
            let options = "\(writer?.continuous == true ? "CONT  " : "NOCONT") \(writer?.hold == true ? "HOLD  " : "NOHOLD") "
                + "COPY \(copies)".padding(11)
            let destination = writer?.target.map { "TO \($0)" } ?? "FOR \(writer?.forUser ?? userid)"
            return ["\(info.kind.rawValue)  \(a) CL \(cls)  \(options)READY",
                    "     \(a) \(destination) DIST \(entry.distribution ?? userid)"]
        case .dasd:
            let mode = info.readOnly ? "R/O" : "R/W"
            let volume = info.temporary ? "(TEMP)" : (info.volser ?? "")
            let cyl = String(info.cylinders)
            return ["DASD \(a) \(info.type) \(volume.padding(6)) \(mode) \(String(repeating: " ", count: max(0, 6 - cyl.count)))\(cyl) CYL"]
        case .tape:
            return ["TAPE \(a) ON DEV \(a) \(info.type)"]
        case .graf:
            return ["GRAF \(a) \(info.type)"]
        }
    }
}

extension TerminalConnection {
    /// The terminal's name for QUERY NAMES (an SSH session number, say).
    public var terminalName: String { "TERM" }
}
