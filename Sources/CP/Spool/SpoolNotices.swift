/// The spool's messages to users: the closer's `PUN FILE nnnn TO user …`
/// and the receiver's `RDR FILE nnnn FROM user …`.
enum SpoolNotices {
    /// A spool id as VM/370 shows it: four digits.
    static func id(_ id: Int) -> String {
        let text = String(id)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    static func copies(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    static func hold(_ held: Bool) -> String { held ? "HOLD" : "NOHOLD" }

    /// To the user who closed a file spooled TO someone (VM/370 R6,
    /// spec §5): `PUN FILE 0342 TO MAINT COPY 01 NOHOLD`. A console file
    /// is a printer file to the closer: `PRT FILE 0343 TO MAINT …`.
    static func sent(_ file: SpoolFile) -> String {
        "\(file.origin == .console ? SpoolFile.Origin.printer.rawValue : file.origin.rawValue) FILE \(id(file.id)) TO \(file.owner) COPY \(copies(file.copies)) \(hold(file.hold))"
    }

    /// To the receiver. The spec has it only as [R]; this is the VM/370 R6
    /// form as we know it: `RDR FILE 0342 FROM ALICE PUN COPY 01 NOHOLD`.
    static func arrived(_ file: SpoolFile, from sender: String) -> String {
        "RDR FILE \(id(file.id)) FROM \(sender) \(file.origin.rawValue) COPY \(copies(file.copies)) \(hold(file.hold))"
    }

    /// `0002 FILES PURGED`, `0001 FILE CHANGED`, `NO FILES ORDERED`.
    static func count(_ n: Int, _ verb: String) -> String {
        n == 0 ? "NO FILES \(verb)" : "\(id(n)) \(n == 1 ? "FILE" : "FILES") \(verb)"
    }
}

extension ControlProgram {
    /// Tells the owner of a file that just reached their reader, when they
    /// are logged on and take informational messages (SET IMSG ON).
    func announceArrival(_ file: SpoolFile, from sender: String) {
        guard file.queue == .reader, let receiver = user(file.owner), receiver.settings.imsg else { return }
        receiver.console.say([SpoolNotices.arrived(file, from: sender)])
    }
}
