/// START, CSECT, DSECT, ORG, EQU, CNOP, ENTRY, EXTRN, WXTRN and OPSYN.
extension AssemblyEngine {
    private func passOneContext(_ record: StatementRecord) -> EvaluationContext {
        context(forLocation: locationValue, record: record)
    }

    private func expression(_ piece: OperandSplitter.Piece) throws -> Expression {
        try ExpressionParser.parse(piece.text, base: piece.offset)
    }

    func layoutStart(_ record: inout StatementRecord) throws {
        guard !sections.contains(where: { $0.isControl }) else {
            throw AssemblyError("START must come before any CSECT and any statement that uses the location counter", in: .operation)
        }
        var start = 0
        let pieces = OperandSplitter.split(record.statement.operands)
        if let first = pieces.first, !first.isEmpty {
            start = try evaluateAbsolute(try expression(first), passOneContext(record), what: "the START address")
            guard start >= 0 else { throw AssemblyError("expected a START address of 0 or more", at: first.offset) }
            // HLASM starts a section on a doubleword boundary.
            start = (start + 7) / 8 * 8
        }
        let name = record.statement.label.uppercased()
        let index = addSection(Section(name: name, kind: .control, start: start, definedAt: record.statement.labelPosition))
        currentSection = index
        record.section = index
        record.location = start
        record.showsLocation = true
        defineLabel(record, value: .relocatable(start, in: index), length: 1, type: "J")
    }

    func layoutSection(_ record: inout StatementRecord, kind: Section.Kind) throws {
        let name = record.statement.label.uppercased()
        if kind == .dummy && name.isEmpty {
            throw AssemblyError("expected a name for the DSECT", in: .label)
        }
        if let index = sectionIndex[name] {
            guard sections[index].kind == kind else {
                throw AssemblyError("\(name) is already a \(sections[index].kind == .dummy ? "DSECT" : "CSECT"); it cannot be continued as a \(kind == .dummy ? "DSECT" : "CSECT")", in: .label)
            }
            currentSection = index
        } else {
            let index = addSection(Section(name: name, kind: kind, definedAt: record.statement.labelPosition))
            currentSection = index
            defineLabel(record, value: .relocatable(0, in: index), length: 1, type: "J")
        }
        record.section = currentSection
        record.location = locationCounter
        record.showsLocation = true
    }

    func layoutOrg(_ record: inout StatementRecord) throws {
        let section = ensureSection(at: record.statement.location)
        record.section = section
        record.location = locationCounter
        record.showsLocation = true
        let pieces = OperandSplitter.split(record.statement.operands)
        var target: Int
        if pieces.isEmpty || pieces[0].isEmpty {
            target = sections[section].highWater
        } else {
            let e = try expression(pieces[0])
            let v: Value
            do {
                v = try evaluate(e, passOneContext(record))
            } catch var error as AssemblyError where error.undefinedSymbol != nil {
                error.message += " (ORG needs symbols defined before it)"
                throw error
            }
            if v.simpleRelocation == section {
                target = v.number
            } else if v.isAbsolute && sections.firstIndex(where: { $0.isControl }) == section {
                target = v.number   // the first section starts at address 0
            } else {
                throw AssemblyError("expected an address in the current section \(sections[section].name)", at: e.offset)
            }
            if pieces.count > 1, !pieces[1].isEmpty {
                let boundary = try evaluateAbsolute(try expression(pieces[1]), passOneContext(record), what: "the ORG boundary")
                guard boundary >= 2, boundary <= 4096, boundary & (boundary - 1) == 0 else {
                    throw AssemblyError("expected a boundary that is a power of 2 from 2 to 4096", at: pieces[1].offset)
                }
                target = (target + boundary - 1) / boundary * boundary
            }
            if pieces.count > 2, !pieces[2].isEmpty {
                target += try evaluateAbsolute(try expression(pieces[2]), passOneContext(record), what: "the ORG offset")
            }
        }
        guard target >= sections[section].lowOffset else {
            throw AssemblyError("expected an ORG address not below the start of the section", at: 0)
        }
        sections[section].locationCounter = target
        sections[section].highWater = max(sections[section].highWater, target)
        record.shownValue2 = target
    }

    func layoutEqu(_ record: inout StatementRecord) throws {
        let name = record.statement.label.uppercased()
        guard !name.isEmpty else { throw AssemblyError("expected a symbol in the name field of EQU", in: .label) }
        record.action = .equate(name)
        record.section = currentSection
        record.location = locationCounter
        if !defineEquate(record) {
            pendingEquates.append(records.count)
        }
    }

    /// Evaluates an EQU and defines its symbol; false when a symbol it
    /// needs is not defined yet (the EQU is tried again at the end of pass 1).
    @discardableResult
    func defineEquate(_ record: StatementRecord, final: Bool = false) -> Bool {
        guard case .equate = record.action else { return true }
        let pieces = OperandSplitter.split(record.statement.operands)
        let ctx = context(forLocation: record.section.map { .relocatable(record.location, in: $0) } ?? .absolute(0),
                          record: record)
        do {
            guard let first = pieces.first, !first.isEmpty else {
                throw AssemblyError("expected a value after EQU", at: 0)
            }
            let e = try expression(first)
            let value = try evaluate(e, ctx)
            var length = 1
            if pieces.count > 1, !pieces[1].isEmpty {
                length = try evaluateAbsolute(try expression(pieces[1]), ctx, what: "the length attribute")
                guard (0...65535).contains(length) else {
                    throw AssemblyError("expected a length attribute from 0 to 65535, found \(length)", at: pieces[1].offset)
                }
            } else {
                switch e.leftmostTerm {
                case .symbol(let s, _): length = symbols[s]?.length ?? 1
                case .literal(let r, _): length = (try? constantLengthAttribute(r.constant, ctx)) ?? 1
                default: length = 1
                }
            }
            var type: Character = "U"
            if pieces.count > 2, !pieces[2].isEmpty {
                let t = try evaluateAbsolute(try expression(pieces[2]), ctx, what: "the type attribute")
                guard (0...255).contains(t) else {
                    throw AssemblyError("expected a one-character type attribute such as C'A'", at: pieces[2].offset)
                }
                type = Character(Unicode.Scalar(EBCDIC.toLatin1[t]))
            }
            defineLabel(record, value: value, length: length, type: type)
            return true
        } catch let error as AssemblyError {
            if error.undefinedSymbol != nil && !final { return false }
            report(error, in: record)
            return true
        } catch {
            return true
        }
    }

    /// Tries the deferred EQUs until no more can be resolved.
    func resolvePendingEquates() {
        var pending = pendingEquates
        var progress = true
        while progress && !pending.isEmpty {
            progress = false
            pending.removeAll { index in
                if defineEquate(records[index]) { progress = true; return true }
                return false
            }
        }
        for index in pending { defineEquate(records[index], final: true) }
        pendingEquates = []
    }

    func layoutCnop(_ record: inout StatementRecord) throws {
        let pieces = OperandSplitter.split(record.statement.operands)
        guard pieces.count == 2 else {
            throw AssemblyError("expected CNOP byte,boundary (for example CNOP 0,4)", at: 0)
        }
        let ctx = passOneContext(record)
        let byte = try evaluateAbsolute(try expression(pieces[0]), ctx, what: "the CNOP byte")
        let boundary = try evaluateAbsolute(try expression(pieces[1]), ctx, what: "the CNOP boundary")
        guard [4, 8, 16].contains(boundary) else {
            throw AssemblyError("expected a CNOP boundary of 4, 8 or 16, found \(boundary)", at: pieces[1].offset)
        }
        guard byte >= 0, byte < boundary, byte % 2 == 0 else {
            throw AssemblyError("expected an even CNOP byte below the boundary, found \(byte)", at: pieces[0].offset)
        }
        let section = ensureSection(at: record.statement.location)
        align(to: 2)
        var padding = 0
        while (locationCounter + padding) % boundary != byte { padding += 2 }
        record.section = section
        record.location = locationCounter
        record.length = padding
        record.showsLocation = true
        record.action = .padding(padding)
        locationCounter += padding
    }

    func layoutExternal(_ record: inout StatementRecord, _ directive: Directive) throws {
        for piece in OperandSplitter.split(record.statement.operands) where !piece.isEmpty {
            let name = String(piece.text).uppercased()
            guard Self.isValidSymbol(name) else {
                throw AssemblyError("expected a symbol name, found '\(String(piece.text))'", at: piece.offset)
            }
            switch directive {
            case .entry:
                entrySymbols.append((name, records.count))
            default:
                if let existing = symbols[name], !(existing.value.simpleRelocation.map { sections[$0].isExternal } ?? false) {
                    throw AssemblyError("symbol \(name) is already defined at \(existing.definedAt); it cannot also be external", at: piece.offset)
                }
                let index = externalSection(named: name, weak: directive == .wxtrn, at: record.statement.location)
                _ = symbols.define(name, SymbolDefinition(value: .relocatable(0, in: index), length: 1, type: "T",
                                                          definedAt: record.statement.location, statement: record.number))
            }
        }
    }

    func layoutOpsyn(_ record: inout StatementRecord) throws {
        let new = record.statement.label.uppercased()
        guard !new.isEmpty else { throw AssemblyError("expected the new operation name in the name field of OPSYN", in: .label) }
        let old = record.statement.operandText.trimmingBlanks()
        if !operations.defineSynonym(new, for: old.isEmpty ? nil : old) {
            throw AssemblyError("expected an existing operation for OPSYN, found '\(old)'", at: 0)
        }
    }
}
