/// SETA/SETB/SETC, LCLx/GBLx, AIF/AGO and MNOTE.
extension MacroProcessor {
    /// `&NAME[(targetIndex)] SETx value[,value…]`.
    func setStatement(_ statement: Statement, scope: MacroScope) throws {
        let kind: SetKind
        switch statement.opcode {
        case "SETA": kind = .arithmetic
        case "SETB": kind = .boolean
        default: kind = .character
        }
        let (name, targetIndex) = try setTarget(statement.label, scope: scope)
        if scope.parameters[name] != nil {
            throw AssemblyError("&\(name) is a macro parameter; it cannot be changed with \(statement.opcode)", in: .label)
        }
        let pieces = OperandSplitter.split(statement.operands)
        guard !pieces.isEmpty else { throw AssemblyError("expected a value after \(statement.opcode)", at: 0) }
        if pieces.count > 1 && targetIndex == nil {
            throw AssemblyError("expected one value: several values need a subscripted target such as &A(1)", at: pieces[1].offset)
        }
        var values: [SetValue] = []
        for piece in pieces {
            var e = ConditionalExpression(piece.text, base: piece.offset, processor: self, scope: scope)
            let v = try e.evaluate()
            try e.expectEnd()
            switch kind {
            case .arithmetic: values.append(.arithmetic(try e.integer(v, at: piece.offset)))
            case .boolean: values.append(.boolean(try e.bool(v)))
            case .character: values.append(.character(v.text))
            }
        }
        var symbol: SetSymbol
        var isGlobal = false
        if let local = scope.locals[name] {
            symbol = local
        } else if scope.globalNames.contains(name), let global = globals[name] {
            symbol = global
            isGlobal = true
        } else {
            symbol = SetSymbol(kind: kind, isArray: targetIndex != nil)
        }
        guard symbol.kind == kind else {
            throw AssemblyError("&\(name) is a \(symbol.kind.name) symbol; it cannot be set with \(statement.opcode)", in: .label)
        }
        if symbol.isArray && targetIndex == nil {
            throw AssemblyError("expected a targetIndex: &\(name) is an array", in: .label)
        }
        if !symbol.isArray && targetIndex != nil {
            throw AssemblyError("&\(name) is not an array; it cannot take a targetIndex", in: .label)
        }
        for (k, value) in values.enumerated() {
            symbol.set(value, at: targetIndex.map { $0 + k })
        }
        if isGlobal { globals[name] = symbol } else { scope.locals[name] = symbol }
    }

    private func setTarget(_ label: String, scope: MacroScope) throws -> (String, Int?) {
        var scanner = CharacterScanner(label)
        guard scanner.take("&"), let name = scanner.readSymbol() else {
            throw AssemblyError("expected a variable symbol such as &COUNT in the name field", in: .label)
        }
        guard scanner.current == "(" else {
            guard scanner.atEnd else { throw AssemblyError("expected a variable symbol in the name field, found '\(label)'", in: .label) }
            return (name, nil)
        }
        let inner = Array(label.dropFirst(scanner.index + 1).dropLast())
        guard label.hasSuffix(")") else { throw AssemblyError("expected ')' after the targetIndex", in: .label) }
        var e = ConditionalExpression(inner, processor: self, scope: scope)
        let v = try e.integer(try e.evaluate(), at: 0)
        guard v >= 1 else { throw AssemblyError("expected a targetIndex of 1 or more, found \(v)", in: .label) }
        return (name, v)
    }

    /// LCLA, LCLB, LCLC, GBLA, GBLB, GBLC.
    func declare(_ statement: Statement, scope: MacroScope) throws {
        let op = statement.opcode
        let kind: SetKind = op.hasSuffix("A") ? .arithmetic : (op.hasSuffix("B") ? .boolean : .character)
        let global = op.hasPrefix("G")
        for piece in OperandSplitter.split(statement.operands) where !piece.isEmpty {
            var scanner = CharacterScanner(piece.text, base: piece.offset)
            guard scanner.take("&"), let name = scanner.readSymbol() else {
                throw AssemblyError("expected a variable symbol such as &NAME to declare", at: piece.offset)
            }
            let isArray = scanner.current == "("
            if global {
                if let existing = globals[name] {
                    guard existing.kind == kind else {
                        throw AssemblyError("global &\(name) was declared as \(existing.kind.name), not \(kind.name)", at: piece.offset)
                    }
                } else {
                    globals[name] = SetSymbol(kind: kind, isArray: isArray)
                }
                scope.globalNames.insert(name)
            } else {
                if scope.parameters[name] != nil {
                    throw AssemblyError("&\(name) is a macro parameter; it cannot also be a local SET symbol", at: piece.offset)
                }
                scope.locals[name] = SetSymbol(kind: kind, isArray: isArray)
            }
        }
    }

    /// AIF (condition).SEQ[,(condition).SEQ…]: the first true condition's target.
    func conditionalTarget(_ statement: Statement, scope: MacroScope) throws -> String? {
        var e = ConditionalExpression(statement.operands, processor: self, scope: scope)
        repeat {
            guard e.scanner.current == "(" else {
                throw AssemblyError("expected a condition in parentheses, as in AIF (&A EQ 1).SKIP", at: e.scanner.offset)
            }
            let v = try e.evaluate()
            let target = try sequenceSymbol(&e.scanner)
            if try e.bool(v) { return target }
        } while e.scanner.take(",")
        return nil
    }

    /// AGO .SEQ, or AGO (n).S1,.S2… choosing the nth.
    func unconditionalTarget(_ statement: Statement, scope: MacroScope) throws -> String? {
        var e = ConditionalExpression(statement.operands, processor: self, scope: scope)
        if e.scanner.current == "." { return try sequenceSymbol(&e.scanner) }
        let selector = try e.integer(try e.evaluate(), at: 0)
        var targets: [String] = []
        repeat { targets.append(try sequenceSymbol(&e.scanner)) } while e.scanner.take(",")
        return selector >= 1 && selector <= targets.count ? targets[selector - 1] : nil
    }

    private func sequenceSymbol(_ scanner: inout CharacterScanner) throws -> String {
        let offset = scanner.offset
        guard scanner.take("."), let name = scanner.readSymbol() else {
            throw AssemblyError("expected a sequence symbol such as .LOOP", at: offset)
        }
        return "." + name
    }

    /// Continues at a sequence symbol: in the macro body, or in open code
    /// (forwards, then from the start of the file).
    func branch(to target: String, statement: Statement, frame: MacroFrame?, input: FileInput?) throws {
        if let frame {
            frame.branchesLeft -= 1
            if frame.branchesLeft < 0 {
                if case .macro(let top)? = sources.last, top === frame { sources.removeLast() }
                throw AssemblyError("ACTR limit reached: too many AIF/AGO branches in macro \(frame.definition.name) (a loop?)", at: 0)
            }
            guard let index = frame.definition.sequenceSymbols[target] else {
                throw AssemblyError("sequence symbol \(target) is not defined in macro \(frame.definition.name)", at: 0)
            }
            frame.position = index
            return
        }
        guard let input else { return }
        openCodeBranchesLeft -= 1
        if openCodeBranchesLeft < 0 {
            throw AssemblyError("ACTR limit reached: too many AIF/AGO branches in open code (a loop?)", at: 0)
        }
        let order = Array(input.position..<input.lines.count) + Array(0..<input.position)
        var depth = 0
        for index in order {
            if index == input.position { depth = 0 }
            let s = FieldSplitter.split(input.lines[index])
            guard s.kind == .instruction else { continue }
            let op = s.opcode
            if op == "MACRO" { depth += 1; continue }
            if op == "MEND" { depth = max(0, depth - 1); continue }
            if depth == 0 && s.label.uppercased() == target {
                input.position = index
                return
            }
        }
        throw AssemblyError("sequence symbol \(target) not found in \(input.path)", at: 0)
    }

    /// MNOTE [severity,]'message': severity 8 and up is an error, 1–7 a warning,
    /// 0, * or no severity a comment (listed only).
    func mnote(_ statement: Statement, scope: MacroScope) throws -> (diagnostic: Diagnostic?, text: String) {
        let pieces = OperandSplitter.split(statement.operands)
        guard let last = pieces.last, !last.isEmpty else {
            throw AssemblyError("expected MNOTE severity,'message'", at: 0)
        }
        var severity = 0
        if pieces.count >= 2 {
            let text = String(pieces[0].text).trimmingBlanks()
            if text == "*" {
                severity = 0
            } else if text.isEmpty {
                severity = 1
            } else {
                var e = ConditionalExpression(pieces[0].text, base: pieces[0].offset, processor: self, scope: scope)
                severity = try e.integer(try e.evaluate(), at: pieces[0].offset)
            }
        }
        var e = ConditionalExpression(last.text, base: last.offset, processor: self, scope: scope)
        let message = try e.evaluate().text
        let text = (pieces.count >= 2 ? String(pieces[0].text) + "," : "") + "'" + message + "'"
        guard severity > 0 else { return (nil, text) }
        let level: Severity = severity >= 8 ? .error : .warning
        var error = AssemblyError("MNOTE \(severity): \(message)", at: last.offset)
        error.severity = level
        var position = statement.position(of: error)
        if statement.macroDepth > 0 { position = statement.location }
        return (Diagnostic(severity: level, position: position,
                           message: error.message + (statement.macroName.map { " (from macro \($0))" } ?? "")), text)
    }
}
