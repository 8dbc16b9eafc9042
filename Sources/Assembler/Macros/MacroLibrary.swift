/// Macro definitions (in the source, COPY members and --maclib
/// libraries) and COPY members.
extension MacroProcessor {
    // MARK: - Definitions

    /// Reads MACRO … MEND from a file (the MACRO statement was just read);
    /// returns the definition's lines for the listing.
    func readDefinition(from input: FileInput, macroStatement: Statement) -> [ProcessedStatement] {
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
    func libraryMacro(_ name: String) -> MacroDefinition? {
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

    func findLibraryMember(_ name: String) -> (String, [UInt8])? {
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
    func copy(_ statement: Statement) throws {
        sources.append(.file(try copyMember(statement)))
    }

    /// COPY inside a macro definition: the member's statements join the body.
    func copy(_ statement: Statement, into body: inout [Statement]) throws {
        let input = try copyMember(statement)
        for line in input.lines {
            let s = FieldSplitter.split(line)
            if s.kind == .instruction || s.kind == .comment { body.append(s) }
        }
    }

    func copyMember(_ statement: Statement) throws -> FileInput {
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
