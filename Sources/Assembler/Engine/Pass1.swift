import S370Spec

/// Pass 1: every statement gets its section and location, labels are
/// defined, literals are collected, and DC/DS/ORG/EQU are sized.
extension AssemblyEngine {
    /// The highest location a section may reach: 16 MB.
    static let storageLimit = 0x100_0000

    /// Follow-up work once the statement's record is stored.
    enum FollowUp { case none, placeLiterals, endAssembly }

    func layout(_ item: ProcessedStatement) {
        let number = records.count + 1
        var record = StatementRecord(statement: item.statement, number: number, section: currentSection,
                                     location: locationCounter, pool: currentPool, print: print)
        for var d in item.diagnostics {
            d.statementNumber = number
            diagnostics.append(d)
        }
        var followUp = FollowUp.none
        if item.assemble && item.statement.kind == .instruction {
            do {
                followUp = try layoutStatement(&record)
            } catch let e as AssemblyError {
                report(e, in: record)
            } catch {
                report(AssemblyError("\(error)"), in: record)
            }
        }
        if locationCounter > Self.storageLimit {
            // S/370 addresses have 24 bits; a section that grows past them is
            // a mistake (and would make a gigantic image).
            report(AssemblyError("the location counter passes X'FFFFFF' (16 MB), the end of S/370 storage", at: 0), in: record)
            locationCounter = min(record.location, Self.storageLimit)
            if let s = currentSection { sections[s].highWater = min(sections[s].highWater, Self.storageLimit) }
            record.action = .listOnly
        }
        records.append(record)
        switch followUp {
        case .none: break
        case .placeLiterals: placeLiteralPool(at: record.statement.location)
        case .endAssembly:
            ended = true
            finishLiteralsAtEnd(position: record.statement.location)
        }
    }

    private func layoutStatement(_ record: inout StatementRecord) throws -> FollowUp {
        let statement = record.statement
        if statement.operation.isEmpty {
            throw AssemblyError("expected an operation after the name field", in: .operation)
        }
        guard let operation = operations.lookup(statement.opcode) else {
            throw AssemblyError("unknown operation \(statement.opcode): expected a machine instruction, an assembler directive or a macro", in: .operation)
        }
        switch operation {
        case .instruction(let spec, let mask):
            try layoutInstruction(&record, spec: spec, mask: mask)
            return .none
        case .directive(let directive):
            return try layoutDirective(&record, directive)
        }
    }

    private func layoutInstruction(_ record: inout StatementRecord, spec: InstructionSpec, mask: UInt8?) throws {
        let section = ensureSection(at: record.statement.location)
        // An instruction at an odd location is preceded by a byte of zeros,
        // which the object deck carries as text (as IBM's assemblers do).
        record.paddingBefore = align(to: 2)
        record.section = section
        record.location = locationCounter
        record.length = spec.length
        record.showsLocation = true
        defineLabel(record, value: .relocatable(locationCounter, in: section), length: spec.length, type: "I")
        locationCounter += spec.length
        var operands: [InstructionOperand]?
        if OperandKind.operands(of: spec.format).isEmpty {
            operands = []
        } else {
            do {
                operands = try InstructionOperand.parseList(record.statement.operands)
            } catch let e as AssemblyError {
                report(e, in: record)
            }
        }
        // Operands of an extended mnemonic start after its built-in mask.
        let kinds = Array(OperandKind.operands(of: spec.format).dropFirst(mask == nil ? 0 : 1))
        for (i, operand) in (operands ?? []).enumerated() {
            var relative = false
            if i < kinds.count, case .relative = kinds[i] { relative = true }
            for literal in operand.literals {
                pools[currentPool].add(literal, statement: record.number,
                                        location: .relocatable(record.location, in: section), relative: relative)
            }
        }
        record.action = .instruction(spec, mask: mask, operands: operands)
    }

    private func layoutDirective(_ record: inout StatementRecord, _ directive: Directive) throws -> FollowUp {
        record.action = .directive(directive)
        switch directive {
        case .start: try layoutStart(&record)
        case .csect: try layoutSection(&record, kind: .control)
        case .dsect: try layoutSection(&record, kind: .dummy)
        case .org: try layoutOrg(&record)
        case .equ: try layoutEqu(&record)
        case .dc: try layoutConstants(&record, isStorage: false)
        case .ds: try layoutConstants(&record, isStorage: true)
        case .ltorg:
            ensureSection(at: record.statement.location)
            record.section = currentSection
            record.location = locationCounter
            return .placeLiterals
        case .cnop: try layoutCnop(&record)
        case .end:
            // END [entry]; `END ,` has no entry either. END always ends the
            // assembly, even when its operand is wrong.
            var entry: Expression?
            if let first = OperandSplitter.split(record.statement.operands).first, !first.isEmpty {
                do {
                    entry = try ExpressionParser.parse(first.text, base: first.offset)
                } catch let e as AssemblyError {
                    report(e, in: record)
                }
            }
            record.action = .end(entry)
            return .endAssembly
        case .using, .drop: break
        case .print, .push, .pop: try layoutPrint(&record, directive)
        case .title: try layoutTitle(&record)
        case .eject, .space: break
        case .entry, .extrn, .wxtrn: try layoutExternal(&record, directive)
        case .opsyn: try layoutOpsyn(&record)
        case .ccw, .ccw0, .ccw1, .psw, .pswbc, .pswec, .psw360, .psws:
            let section = ensureSection(at: record.statement.location)
            align(to: 8)
            record.section = section
            record.location = locationCounter
            record.length = 8
            record.showsLocation = true
            defineLabel(record, value: .relocatable(locationCounter, in: section), length: 8,
                        type: directive == .ccw || directive == .ccw0 || directive == .ccw1 ? "W" : "X")
            locationCounter += 8
        case .amode, .rmode, .ictl, .iseq: break
        }
        return .none
    }
}
