/// One real printer, punch or reader and what the operator made of it.
/// Kept in `UnitRecordSystem`'s lock; the writing itself happens on the
/// unit record queue, never on a VM worker.
struct RealUnitRecord: Sendable {
    enum Status: String, Sendable {
        /// Not taking files (the state at system start for printers and punches).
        case drained = "DRAINED"
        /// Taking files of its classes as they come.
        case started = "STARTED"
        /// DRAIN while a file was being written: stops after it.
        case draining = "DRAINING"
    }

    let definition: UnitRecordDefinition
    /// Absolute directory on the host.
    let directory: String
    var status: Status
    var classes: [Character]
    /// The file being written and the copy (1-based) it is at.
    var active: (id: Int, copy: Int)?
    /// FLUSH: the active file stops after the copy being written.
    var flush = false
    var flushHold = false
    /// REPEAT: copies to add to the active file, or to write again of the
    /// last file when none is active (vm67 writes a file in moments, so
    /// the operator is rarely in time for the active one).
    var repeats = 0
    var last: SpoolFile?

    var name: String { "\(definition.kind.rawValue) \(hex3(definition.address))" }

    init(_ definition: UnitRecordDefinition, directory: String) {
        self.definition = definition
        self.directory = directory
        // A real reader reads whenever cards are there; printers and
        // punches wait for START, as after a VM/370 IPL.
        status = definition.kind == .reader ? .started : .drained
        classes = definition.classes
    }
}
