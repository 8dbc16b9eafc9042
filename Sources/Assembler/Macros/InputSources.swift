/// What the assembler engine tells the macro processor.
protocol MacroHost: AnyObject {
    /// An ordinary symbol defined so far (for SETA, L', T', D').
    func ordinarySymbol(_ name: String) -> SymbolDefinition?
    /// The name of the current control section (&SYSECT).
    var currentSectionName: String { get }
    /// O' of an operation the assembler knows: 'A' directive, 'O' machine
    /// instruction, 'E' extended mnemonic; nil when unknown.
    func operationKind(_ name: String) -> Character?
}

/// A statement handed to the assembler: to assemble, or only to list.
struct ProcessedStatement: Sendable {
    var statement: Statement
    var assemble: Bool
    var diagnostics: [Diagnostic]
}

/// The logical lines of one file being read (the source, a COPY member).
final class FileInput {
    let path: String
    let lines: [LogicalLine]
    let lineDiagnostics: [Int: [Diagnostic]]
    var position = 0
    /// Statements from this file are listed (library members are not).
    let listed: Bool

    init(path: String, lines: [[Character]], dialect: Dialect, listed: Bool = true) {
        self.path = path
        self.listed = listed
        var reader = LogicalLineReader(file: path, lines: lines, dialect: dialect)
        var logical: [LogicalLine] = []
        var diagnostics: [Int: [Diagnostic]] = [:]
        while true {
            var found: [Diagnostic] = []
            guard let line = reader.read(diagnose: { severity, position, message in
                found.append(Diagnostic(severity: severity, position: position, message: message))
            }) else { break }
            if !found.isEmpty { diagnostics[logical.count] = found }
            logical.append(line)
        }
        self.lines = logical
        self.lineDiagnostics = diagnostics
    }
}

/// One macro expansion in progress.
final class MacroFrame {
    let definition: MacroDefinition
    let scope: MacroScope
    var position = 0
    /// The open-code statement that started the outermost expansion.
    let callLocation: SourcePosition
    let depth: Int
    /// ACTR: conditional branches left before the expansion is stopped.
    var branchesLeft = 4096

    init(definition: MacroDefinition, scope: MacroScope, callLocation: SourcePosition, depth: Int) {
        self.definition = definition
        self.scope = scope
        self.callLocation = callLocation
        self.depth = depth
    }
}

/// Reads statements from the source and its COPY members, keeps macro
/// definitions, expands macro calls and carries out conditional assembly,
/// handing the resulting statements to the assembler one at a time.
