/// How one terminal cell looks, in 3279 terms; the renderer turns it into
/// the terminal's own colours or, without colours, bold and reverse.
public struct CellStyle: Hashable, Sendable {
    public var foreground: Color3270 = .default
    public var background: Color3270 = .default
    /// Intensified: drawn bold where the terminal has no colours.
    public var intensified = false
    public var reverse = false
    public var underline = false
    public var blink = false

    public init(foreground: Color3270 = .default, background: Color3270 = .default, intensified: Bool = false,
                reverse: Bool = false, underline: Bool = false, blink: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.intensified = intensified
        self.reverse = reverse
        self.underline = underline
        self.blink = blink
    }

    public static let plain = CellStyle()
}

public struct FrameCell: Hashable, Sendable {
    public var character: Unicode.Scalar
    public var style: CellStyle

    public init(_ character: Unicode.Scalar = " ", _ style: CellStyle = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = FrameCell()
}

/// A whole terminal's worth of cells and where its cursor goes: what the
/// composer makes from the console and the renderer diffs against what the
/// client shows.
public struct Frame: Hashable, Sendable {
    public let size: ScreenSize
    public var cells: [FrameCell]
    /// Row and column of the cursor; nil hides it.
    public var cursor: (row: Int, column: Int)? {
        get { cursorAddress.map { ($0 / size.columns, $0 % size.columns) } }
        set { cursorAddress = newValue.map { $0.row * size.columns + $0.column } }
    }
    var cursorAddress: Int?

    public init(size: ScreenSize) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.cellCount)
    }

    public subscript(row: Int, column: Int) -> FrameCell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    /// Writes `text` from (row, column), cut at the right edge.
    public mutating func put(_ text: String, row: Int, column: Int, style: CellStyle = .plain) {
        guard row >= 0 && row < size.rows else { return }
        var c = column
        for scalar in text.unicodeScalars {
            guard c < size.columns else { break }
            if c >= 0 { self[row, c] = FrameCell(scalar, style) }
            c += 1
        }
    }

    /// The rows as text (golden screens in tests, logs).
    public var lines: [String] {
        (0..<size.rows).map { row in
            var scalars = String.UnicodeScalarView()
            for column in 0..<size.columns { scalars.append(self[row, column].character) }
            return String(scalars)
        }
    }
}
