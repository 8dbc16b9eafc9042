/// The size of a 3270 presentation space, in character cells.
public struct ScreenSize: Hashable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// Buffer positions (addresses 0 ..< cellCount).
    public var cellCount: Int { rows * columns }

    public var description: String { "\(rows)x\(columns)" }

    /// The default size every model has: what ERASE/WRITE selects.
    public static let standard = ScreenSize(rows: 24, columns: 80)
}

/// The display models 2 to 5 of the 3278 (and the 3277 model 2). All of them
/// show 24×80 after ERASE/WRITE; ERASE/WRITE ALTERNATE selects the model's
/// own, larger size.
public enum DisplayModel: Int, Sendable, CaseIterable, CustomStringConvertible {
    case model2 = 2, model3, model4, model5

    /// The size ERASE/WRITE ALTERNATE selects.
    public var alternateSize: ScreenSize {
        switch self {
        case .model2: return ScreenSize(rows: 24, columns: 80)
        case .model3: return ScreenSize(rows: 32, columns: 80)
        case .model4: return ScreenSize(rows: 43, columns: 80)
        case .model5: return ScreenSize(rows: 27, columns: 132)
        }
    }

    public var defaultSize: ScreenSize { .standard }

    public var description: String { "model \(rawValue)" }
}
