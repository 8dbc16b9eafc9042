import Foundation

/// One spool file: cards or print lines with VM/370's attributes.
public struct SpoolFile: Sendable, Equatable {
    public enum Origin: String, Sendable, Codable { case reader = "RDR", punch = "PUN", printer = "PRT", console = "CON" }

    /// Spool id, 1–9900.
    public let id: Int
    /// Which queue the file is in: a reader, or the system's printer or punch queue.
    public enum Queue: String, Sendable, Codable { case reader = "RDR", printer = "PRT", punch = "PUN" }
    public var queue: Queue
    /// Who the file belongs to now (whose queue it is in).
    public var owner: String
    /// Who created it.
    public let from: String
    public let origin: Origin
    public var spoolClass: Character
    /// 80-byte EBCDIC cards, or print lines (with their carriage-control byte).
    public var records: [[UInt8]]
    public var name: String
    public var type: String
    public var distribution: String
    public var copies: Int = 1
    public var hold = false
    public let created: Date
    /// TAG FILE text (routing for RSCS), at most 136 characters.
    public var tag = ""
    /// Queue position: lower comes first. Kept with the file on disk so
    /// the order (ORDER, a file put back) survives a restart.
    var sequence = 0
}
