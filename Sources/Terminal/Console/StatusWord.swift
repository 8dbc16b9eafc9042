/// What CP says the console is doing; the same words as CP's ConsoleStatus,
/// so an adapter maps one onto the other by raw value.
public enum HostStatus: String, Sendable, CaseIterable {
    /// CP wants a command.
    case cpRead = "CP READ"
    /// The guest has a console read pending.
    case vmRead = "VM READ"
    /// The guest runs with no read pending.
    case running = "RUNNING"
}

/// The status word at the bottom right of the line-mode screen: the host's
/// status, or the console's own when output paging or a refused line
/// overrides it.
public enum StatusWord: String, Sendable, CaseIterable {
    case cpRead = "CP READ"
    case vmRead = "VM READ"
    case running = "RUNNING"
    /// The output area is full and more output waits.
    case more = "MORE..."
    /// The screen is frozen until CLEAR or PA2.
    case holding = "HOLDING"
    /// The last line was refused; it stays in the input area.
    case notAccepted = "NOT ACCEPTED"

    init(_ host: HostStatus) { self = StatusWord(rawValue: host.rawValue)! }
}
