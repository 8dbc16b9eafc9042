/// A place in the source: file, 1-based line and 1-based column.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, the form editors and compilers use.
    public var description: String { "\(file):\(line):\(column)" }
}

/// How bad a diagnostic is. Only errors make an assembly fail.
public enum Severity: Int, Sendable, Comparable {
    case note = 0
    case warning = 4
    case error = 8

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    public var word: String {
        switch self {
        case .note: return "note"
        case .warning: return "warning"
        case .error: return "error"
        }
    }
}

/// One message about the source, tied to where the problem is.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var position: SourcePosition
    public var message: String
    /// The listing statement number the message belongs to (0 when none).
    public var statementNumber: Int

    public init(severity: Severity, position: SourcePosition, message: String, statementNumber: Int = 0) {
        self.severity = severity
        self.position = position
        self.message = message
        self.statementNumber = statementNumber
    }

    /// `FILE:LINE:COLUMN: error: message`.
    public var description: String { "\(position): \(severity.word): \(message)" }
}

/// An error found while working on one statement; carries the character
/// offset inside the operand field so the caller can turn it into a column.
struct AssemblyError: Error {
    /// Which field of the statement the problem is in.
    enum Field: Sendable { case label, operation, operand }

    var message: String
    /// Offset into the operand text of the statement, if known.
    var operandOffset: Int?
    var field: Field = .operand
    var severity: Severity = .error
    /// Set when the problem is a symbol not (yet) defined, so pass 1 can
    /// try again once more symbols are known.
    var undefinedSymbol: String?

    init(_ message: String, at operandOffset: Int? = nil) {
        self.message = message
        self.operandOffset = operandOffset
    }

    init(_ message: String, in field: Field) {
        self.message = message
        self.field = field
    }

    static func undefined(_ name: String, at offset: Int?) -> AssemblyError {
        var e = AssemblyError("undefined symbol \(name)", at: offset)
        e.undefinedSymbol = name
        return e
    }
}
