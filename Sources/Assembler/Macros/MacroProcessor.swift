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
final class MacroProcessor {
    enum Source {
        case file(FileInput)
        case macro(MacroFrame)
    }

    weak var host: (any MacroHost)?
    let options: AssemblerOptions
    var sources: [Source] = []
    var macros: [String: MacroDefinition] = [:]
    var globals: [String: SetSymbol] = [:]
    let openScope = MacroScope(isMacro: false)
    private var sysndxCounter = 0
    private var pending: [ProcessedStatement] = []
    private var librarySearched: [String: Bool] = [:]
    var openCodeBranchesLeft = 4096

    static let conditionalOperations: Set<String> = [
        "SETA", "SETB", "SETC", "LCLA", "LCLB", "LCLC", "GBLA", "GBLB", "GBLC",
        "AIF", "AGO", "ANOP", "ACTR", "MEXIT", "MNOTE", "MEND", "MACRO", "AIFB", "AGOB",
    ]

    init(host: any MacroHost, options: AssemblerOptions, path: String, lines: [[Character]]) {
        self.host = host
        self.options = options
        sources = [.file(FileInput(path: path, lines: lines, dialect: options.dialect))]
    }

    var frames: [MacroFrame] {
        sources.compactMap { if case .macro(let f) = $0 { return f } else { return nil } }
    }

    // MARK: - The statement stream

    func next() -> ProcessedStatement? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            guard let top = sources.last else { return nil }
            switch top {
            case .file(let input):
                guard input.position < input.lines.count else {
                    sources.removeLast()
                    continue
                }
                let index = input.position
                input.position += 1
                let statement = FieldSplitter.split(input.lines[index])
                if let out = processFileStatement(statement, input: input,
                                                  diagnostics: input.lineDiagnostics[index] ?? []) {
                    return out
                }
            case .macro(let frame):
                guard frame.position < frame.definition.body.count else {
                    sources.removeLast()
                    continue
                }
                let model = frame.definition.body[frame.position]
                frame.position += 1
                if let out = processModel(model, frame: frame) { return out }
            }
        }
    }

    private func listed(_ statement: Statement, _ diagnostics: [Diagnostic] = [], hidden: Bool = false) -> ProcessedStatement {
        var s = statement
        s.hiddenInListing = hidden
        return ProcessedStatement(statement: s, assemble: false, diagnostics: diagnostics)
    }

    private func diagnostic(_ error: AssemblyError, _ statement: Statement) -> Diagnostic {
        var message = error.message
        if statement.macroDepth > 0, let name = statement.macroName { message += " (generated by macro \(name))" }
        return Diagnostic(severity: error.severity, position: statement.position(of: error), message: message)
    }

    // MARK: - Open code

    private func processFileStatement(_ raw: Statement, input: FileInput, diagnostics: [Diagnostic]) -> ProcessedStatement? {
        var statement = raw
        if !input.listed { statement.hiddenInListing = true }
        switch statement.kind {
        case .blank, .comment, .macroComment:
            return listed(statement, diagnostics, hidden: !input.listed)
        case .instruction:
            break
        }
        if statement.opcode == "MACRO" {
            var out = [listed(statement, diagnostics, hidden: !input.listed)]
            out += readDefinition(from: input, macroStatement: statement)
            pending += out.dropFirst()
            return out[0]
        }
        var diagnostics = diagnostics
        do {
            statement = try substituteFields(statement, scope: openScope)
        } catch let e as AssemblyError {
            diagnostics.append(diagnostic(e, statement))
            return listed(statement, diagnostics)
        } catch {}
        return dispatch(statement, scope: openScope, frame: nil, input: input, diagnostics: diagnostics)
    }

    // MARK: - Macro expansions

    private func processModel(_ model: Statement, frame: MacroFrame) -> ProcessedStatement? {
        switch model.kind {
        case .blank, .macroComment:
            return nil
        case .comment:
            var s = model
            s.location = frame.callLocation
            s.macroDepth = frame.depth
            s.macroName = frame.definition.name
            s.operandPositions = []
            return listed(s)
        case .instruction:
            break
        }
        var statement = model
        statement.location = frame.callLocation
        statement.labelPosition = frame.callLocation
        statement.operationPosition = frame.callLocation
        statement.operandPositions = []
        statement.macroDepth = frame.depth
        statement.macroName = frame.definition.name
        do {
            statement = try substituteFields(statement, scope: frame.scope)
        } catch let e as AssemblyError {
            return listed(statement, [diagnostic(e, statement)])
        } catch {}
        if statement.label.hasPrefix(".") && !Self.conditionalOperations.contains(statement.opcode) {
            statement.label = ""   // a sequence symbol only marks the place
        }
        statement.listingLines = [Self.format(statement)]
        return dispatch(statement, scope: frame.scope, frame: frame, input: nil, diagnostics: [])
    }

    /// One listing line for a generated statement.
    static func format(_ s: Statement) -> String {
        var line = s.label.padding(toLength: 8, withPad: " ") + " "
        line += s.operation.padding(toLength: 5, withPad: " ") + " " + s.operandText
        if !s.remarks.isEmpty { line = line.padding(toLength: 30, withPad: " ") + " " + s.remarks }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Replaces variable symbols in the name, operation and operand fields.
    /// SET statements keep their target, conditional statements their
    /// operands (their expressions name variables directly).
    private func substituteFields(_ statement: Statement, scope: MacroScope) throws -> Statement {
        var s = statement
        if s.operation.contains("&") {
            s.operation = try substitute(Array(s.operation), scope: scope)
        }
        let op = s.opcode
        let isConditional = Self.conditionalOperations.contains(op)
        if s.label.contains("&") && !["SETA", "SETB", "SETC"].contains(op) && !s.label.hasPrefix(".") {
            s.label = try substitute(Array(s.label), scope: scope)
        }
        if !isConditional && s.operands.contains("&") {
            let text = try substitute(s.operands, scope: scope)
            // A substituted value may bring a blank: the operands end there.
            let (operands, remarks) = Self.cutAtBlank(Array(text))
            s.operands = operands
            if !remarks.isEmpty { s.remarks = remarks + (s.remarks.isEmpty ? "" : " " + s.remarks) }
            s.operandPositions = []
        }
        return s
    }

    static func cutAtBlank(_ chars: [Character]) -> ([Character], String) {
        var inQuote = false
        var before: [Character] = []
        for (i, c) in chars.enumerated() {
            if c == "'" && (inQuote || !FieldSplitter.isAttributeQuote(before, next: i + 1 < chars.count ? chars[i + 1] : nil)) {
                inQuote.toggle()
            }
            if c == " " && !inQuote {
                return (Array(chars[..<i]), String(chars[i...]).trimmingBlanks())
            }
            before.append(c)
        }
        return (chars, "")
    }

    // MARK: - Dispatch

    private func dispatch(_ statement: Statement, scope: MacroScope, frame: MacroFrame?, input: FileInput?,
                          diagnostics: [Diagnostic]) -> ProcessedStatement? {
        var statement = statement
        var diagnostics = diagnostics
        let op = statement.opcode
        let inMacro = frame != nil
        func fail(_ e: Error) -> ProcessedStatement {
            if let e = e as? AssemblyError { diagnostics.append(diagnostic(e, statement)) }
            return listed(statement, diagnostics, hidden: false)
        }
        do {
            switch op {
            case "SETA", "SETB", "SETC":
                try setStatement(statement, scope: scope)
                return listed(statement, diagnostics, hidden: inMacro)
            case "LCLA", "LCLB", "LCLC", "GBLA", "GBLB", "GBLC":
                try declare(statement, scope: scope)
                return listed(statement, diagnostics, hidden: inMacro)
            case "AIF", "AIFB":
                if let target = try conditionalTarget(statement, scope: scope) {
                    try branch(to: target, statement: statement, frame: frame, input: input)
                }
                return listed(statement, diagnostics, hidden: inMacro)
            case "AGO", "AGOB":
                if let target = try unconditionalTarget(statement, scope: scope) {
                    try branch(to: target, statement: statement, frame: frame, input: input)
                }
                return listed(statement, diagnostics, hidden: inMacro)
            case "ANOP":
                return listed(statement, diagnostics, hidden: inMacro)
            case "ACTR":
                var e = ConditionalExpression(statement.operands, processor: self, scope: scope)
                let v = try e.integer(try e.evaluate(), at: 0)
                if let frame { frame.branchesLeft = v } else { openCodeBranchesLeft = v }
                return listed(statement, diagnostics, hidden: inMacro)
            case "MEXIT":
                guard frame != nil else { throw AssemblyError("MEXIT is only allowed inside a macro", in: .operation) }
                sources.removeLast()
                return listed(statement, diagnostics, hidden: true)
            case "MNOTE":
                let (d, text) = try mnote(statement, scope: scope)
                if let d { diagnostics.append(d) }
                if inMacro {
                    var shown = statement
                    shown.operands = Array(text)
                    shown.listingLines = [Self.format(shown)]
                    return listed(shown, diagnostics)
                }
                return listed(statement, diagnostics)
            case "MEND":
                throw AssemblyError("MEND without a matching MACRO", in: .operation)
            case "MACRO":
                throw AssemblyError("macro definitions inside a macro expansion are not supported", in: .operation)
            case "COPY":
                try copy(statement)
                return listed(statement, diagnostics)
            default:
                break
            }
        } catch {
            return fail(error)
        }
        if statement.label.hasPrefix(".") { statement.label = "" }
        if let definition = macros[op] ?? (host?.operationKind(op) == nil ? libraryMacro(op) : nil) {
            if frames.count >= 100 {
                diagnostics.append(diagnostic(AssemblyError("macro calls nested more than 100 deep", in: .operation), statement))
                return listed(statement, diagnostics)
            }
            do {
                try startExpansion(definition, call: statement, parent: frame)
            } catch {
                return fail(error)
            }
            return listed(statement, diagnostics)
        }
        return ProcessedStatement(statement: statement, assemble: true, diagnostics: diagnostics)
    }

    // MARK: - Macro calls

    private func startExpansion(_ definition: MacroDefinition, call: Statement, parent: MacroFrame?) throws {
        sysndxCounter += 1
        let scope = MacroScope(isMacro: true)
        scope.sysndx = sysndxCounter
        scope.macroName = definition.name
        var positional: [String] = []
        var keywordValues: [String: String] = [:]
        for piece in OperandSplitter.split(call.operands) {
            let text = String(piece.text)
            if let eq = text.firstIndex(of: "="), eq != text.startIndex {
                let name = String(text[..<eq]).uppercased()
                if AssemblyEngine.isValidSymbol(name) {
                    guard definition.keywords.contains(where: { $0.name == name }) else {
                        throw AssemblyError("macro \(definition.name) has no keyword parameter \(name)=", at: piece.offset)
                    }
                    keywordValues[name] = String(text[text.index(after: eq)...])
                    continue
                }
            }
            positional.append(text)
        }
        if call.operands.isEmpty { positional = [] }
        for (i, name) in definition.positional.enumerated() {
            scope.parameters[name] = MacroArgument(text: i < positional.count ? positional[i] : "")
        }
        for keyword in definition.keywords {
            scope.parameters[keyword.name] = MacroArgument(text: keywordValues[keyword.name] ?? keyword.defaultValue)
        }
        let label = call.label.hasPrefix(".") ? "" : call.label
        if let nameParameter = definition.nameParameter {
            scope.parameters[nameParameter] = MacroArgument(text: label)
        }
        scope.syslist = [MacroArgument(text: label)] + positional.map { MacroArgument(text: $0) }
        let location = parent?.callLocation ?? call.operationPosition
        let frame = MacroFrame(definition: definition, scope: scope, callLocation: location,
                               depth: (parent?.depth ?? 0) + 1)
        sources.append(.macro(frame))
    }

    // MARK: - Definitions

    /// Reads MACRO … MEND from a file (the MACRO statement was just read);
    /// returns the definition's lines for the listing.
    private func readDefinition(from input: FileInput, macroStatement: Statement) -> [ProcessedStatement] {
        var out: [ProcessedStatement] = []
        var prototype: Statement?
        var body: [Statement] = []
        var depth = 1
        var closed = false
        while input.position < input.lines.count {
            let index = input.position
            input.position += 1
            let statement = FieldSplitter.split(input.lines[index])
            out.append(listed(statement, input.lineDiagnostics[index] ?? [], hidden: !input.listed))
            if statement.kind != .instruction {
                if prototype != nil && statement.kind == .comment { body.append(statement) }
                continue
            }
            if prototype == nil {
                prototype = statement
                continue
            }
            let op = statement.opcode
            if op == "MACRO" { depth += 1 }
            if op == "MEND" {
                depth -= 1
                if depth == 0 {
                    closed = true
                    // A sequence symbol on MEND marks the end of the body.
                    if statement.label.hasPrefix(".") {
                        var end = statement
                        end.operation = "ANOP"
                        end.operands = []
                        body.append(end)
                    }
                    break
                }
            }
            if op == "COPY" && depth == 1 {
                do {
                    try copy(statement, into: &body)
                } catch let e as AssemblyError {
                    out[out.count - 1].diagnostics.append(diagnostic(e, statement))
                } catch {}
                continue
            }
            body.append(statement)
        }
        guard let prototype else {
            out.append(listed(macroStatement, [diagnostic(AssemblyError("expected a macro prototype after MACRO", in: .operation), macroStatement)], hidden: true))
            return out
        }
        if !closed {
            let e = AssemblyError("expected MEND to end the definition of macro \(prototype.opcode) before the end of \(input.path)", in: .operation)
            if out.isEmpty { out.append(listed(prototype, [], hidden: true)) }
            out[out.count - 1].diagnostics.append(diagnostic(e, prototype))
        }
        do {
            let definition = try MacroDefinition.make(prototype: prototype, body: body)
            macros[definition.name] = definition
        } catch let e as AssemblyError {
            if !out.isEmpty { out[0].diagnostics.append(diagnostic(e, prototype)) }
        } catch {}
        return out
    }

    /// Finds a macro in the libraries (--maclib), defining every macro in
    /// the member found.
    private func libraryMacro(_ name: String) -> MacroDefinition? {
        guard librarySearched[name] == nil else { return macros[name] }
        librarySearched[name] = true
        guard let (path, bytes) = findLibraryMember(name) else { return nil }
        let input = FileInput(path: path, lines: SourceLines.split(bytes), dialect: options.dialect, listed: false)
        while input.position < input.lines.count {
            let statement = FieldSplitter.split(input.lines[input.position])
            input.position += 1
            if statement.kind == .instruction && statement.opcode == "MACRO" {
                _ = readDefinition(from: input, macroStatement: statement)
            }
        }
        return macros[name]
    }

    func libraryMacroExists(_ name: String) -> Bool { findLibraryMember(name) != nil }

    private func findLibraryMember(_ name: String) -> (String, [UInt8])? {
        for directory in options.macroLibraries {
            for candidate in Self.memberNames(name) {
                let path = joinPath(directory, candidate)
                if let bytes = options.reader.contents(of: path) { return (path, bytes) }
            }
        }
        return nil
    }

    /// File names tried for a macro or COPY member called `name`.
    static func memberNames(_ name: String) -> [String] {
        var result: [String] = []
        for base in [name, name.lowercased(), name.uppercased()] {
            for ext in ["", ".mac", ".macro", ".copy", ".cpy", ".asm", ".MAC", ".MACRO", ".COPY", ".ASM"] {
                let candidate = base + ext
                if !result.contains(candidate) { result.append(candidate) }
            }
        }
        return result
    }

    // MARK: - COPY

    /// `COPY member` or `COPY 'file'`: read from the including file's
    /// directory, then the macro libraries; the member's statements are read next.
    private func copy(_ statement: Statement) throws {
        sources.append(.file(try copyMember(statement)))
    }

    /// COPY inside a macro definition: the member's statements join the body.
    private func copy(_ statement: Statement, into body: inout [Statement]) throws {
        let input = try copyMember(statement)
        for line in input.lines {
            let s = FieldSplitter.split(line)
            if s.kind == .instruction || s.kind == .comment { body.append(s) }
        }
    }

    private func copyMember(_ statement: Statement) throws -> FileInput {
        var name = statement.operandText.trimmingBlanks()
        var quoted = false
        if name.hasPrefix("'") && name.hasSuffix("'") && name.count >= 2 {
            name = String(name.dropFirst().dropLast())
            quoted = true
        }
        guard !name.isEmpty else { throw AssemblyError("expected a member name after COPY", at: 0) }
        var directories: [String] = []
        for source in sources.reversed() {
            if case .file(let f) = source { directories.append(directoryOf(f.path)); break }
        }
        directories += options.macroLibraries
        let names = quoted ? [name] : Self.memberNames(name)
        for directory in directories {
            for candidate in names {
                let path = joinPath(directory, candidate)
                guard let bytes = options.reader.contents(of: path) else { continue }
                if sources.contains(where: { if case .file(let f) = $0 { return f.path == path } else { return false } }) {
                    throw AssemblyError("COPY \(name) includes itself", at: 0)
                }
                return FileInput(path: path, lines: SourceLines.split(bytes), dialect: options.dialect)
            }
        }
        throw AssemblyError("COPY member \(name) not found in \(directories.map { $0.isEmpty ? "." : $0 }.joined(separator: ", "))", at: 0)
    }
}
