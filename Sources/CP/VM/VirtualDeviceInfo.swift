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
}

extension VirtualMachine {
    /// QUERY VIRTUAL lines for one device.
    func queryLines(_ address: UInt16, _ info: VirtualDeviceInfo) -> [String] {
        let a = hex3(address)
        switch info.kind {
        case .console:
            let term = console.connection == nil ? "DSC" : (console.connection?.terminalName ?? "TERM")
            return ["CONS \(a) ON \(term)"]
        case .reader:
            return ["RDR  \(a) CL \(info.spoolClass)  NOCONT NOHOLD EOF      READY"]
        case .punch:
            return ["PUN  \(a) CL \(info.spoolClass)  NOCONT NOHOLD COPY 01    READY", "     \(a) FOR \(userid) DIST \(entry.distribution ?? userid)"]
        case .printer:
            return ["PRT  \(a) CL \(info.spoolClass)  NOCONT NOHOLD COPY 01    READY", "     \(a) FOR \(userid) DIST \(entry.distribution ?? userid)"]
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
