/// Macro calls: binding operands to parameters and turning model
/// statements into generated ones.
extension MacroProcessor {
    // MARK: - Macro expansions

    func processModel(_ model: Statement, frame: MacroFrame) -> ProcessedStatement? {
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
    func substituteFields(_ statement: Statement, scope: MacroScope) throws -> Statement {
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

    // MARK: - Macro calls

    func startExpansion(_ definition: MacroDefinition, call: Statement, parent: MacroFrame?) throws {
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
}
