/// Where things are on a line-mode screen of a given size, as VM/370 formats
/// a 3270: the output area is every row but the last two; the input area
/// starts at the second-last row and runs into the last one, up to the
/// status area, whose word starts 20 columns from the right (column 61 of
/// 80); the system name ends the row.
///
/// Three field attributes make the format: one before the input area (the
/// first position of the second-last row), one before the status area, and
/// one in the very last position, which (the buffer wraps) governs the
/// output area from address 0. So output rows keep their full width.
public struct LineConsoleLayout: Sendable, Hashable {
    public let size: ScreenSize

    public init(size: ScreenSize) {
        precondition(size.rows >= 4 && size.columns >= 40, "a line-mode console needs at least 4×40")
        self.size = size
    }

    public var outputRows: Int { size.rows - 2 }
    var columns: Int { size.columns }

    var inputAttribute: Int { outputRows * columns }
    public var inputStart: Int { inputAttribute + 1 }
    /// 138 characters on an 80-column screen.
    public var inputLength: Int { statusAttribute - inputStart }
    var statusAttribute: Int { (size.rows - 1) * columns + columns - 21 }
    /// Where the status word starts.
    public var statusStart: Int { statusAttribute + 1 }
    /// The last cell: the output area's attribute.
    var outputAttribute: Int { size.cellCount - 1 }
    /// Positions between the status attribute and the output attribute.
    var statusLength: Int { outputAttribute - statusStart }

    /// The first address of output row `row`.
    public func outputAddress(row: Int) -> Int { row * columns }
}
