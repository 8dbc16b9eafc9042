/// Pass 2: operands are evaluated with every symbol known, bytes are
/// generated into the section images, USING and DROP take effect in order.
extension AssemblyEngine {
    func generate() {
        for i in sections.indices where sections[i].isControl {
            images[i] = SectionImage(lowOffset: sections[i].lowOffset, length: sections[i].length)
        }
        for i in records.indices {
            var record = records[i]
            do {
                try generate(&record)
            } catch let e as AssemblyError {
                report(e, in: record)
            } catch {
                report(AssemblyError("\(error)"), in: record)
            }
            records[i] = record
        }
        for (name, recordIndex) in entrySymbols {
            let record = records[recordIndex]
            guard let definition = symbols[name] else {
                report(AssemblyError("expected ENTRY symbol \(name) to be defined in this assembly", at: 0), in: record)
                continue
            }
            guard let s = definition.value.simpleRelocation, sections[s].isControl else {
                report(AssemblyError("expected ENTRY symbol \(name) to be an address in a control section", at: 0), in: record)
                continue
            }
        }
    }

    private func generate(_ record: inout StatementRecord) throws {
        switch record.action {
        case .listOnly:
            break
        case .instruction(let spec, let mask, let operands):
            guard let operands else { return }
            try generateInstruction(&record, spec: spec, mask: mask, operands: operands)
        case .constants(let isStorage, let operands, let layout):
            if !isStorage { try generateConstants(&record, operands: operands, layout: layout) }
        case .literal(let pool, let entry):
            try generateLiteral(&record, pool: pool, entry: entry)
        case .equate(let name):
            if let definition = symbols[name] {
                record.shownValue = address(of: definition.value)
                record.shownValue2 = definition.length
            }
        case .padding(let count):
            guard let section = record.section, count > 0 else { return }
            var bytes: [UInt8] = []
            for _ in 0..<(count / 2) { bytes += [0x07, 0x00] }
            emit(&record, bytes, at: record.location, in: section)
        case .end(let expression):
            guard let expression else { return }
            let v = try evaluate(expression, context(for: record))
            guard v.isAbsolute || (v.simpleRelocation.map { sections[$0].isControl } ?? false) else {
                throw AssemblyError("expected an entry point address in a control section", at: expression.offset)
            }
            entryPoint = v
            record.shownValue2 = address(of: v)
        case .directive(let directive):
            try generateDirective(&record, directive)
        }
    }

    private func generateDirective(_ record: inout StatementRecord, _ directive: Directive) throws {
        let ctx = context(for: record)
        switch directive {
        case .using:
            guard record.statement.label.isEmpty else {
                throw AssemblyError("labeled USING (a qualifier in the name field) is not supported", in: .label)
            }
            let pieces = OperandSplitter.split(record.statement.operands)
            guard pieces.count >= 2, !pieces[0].isEmpty else {
                throw AssemblyError("expected USING base,register[,register…]", at: 0)
            }
            let base = try evaluate(try ExpressionParser.parse(pieces[0].text, base: pieces[0].offset), ctx)
            record.shownValue = address(of: base)
            let second = try evaluate(try ExpressionParser.parse(pieces[1].text, base: pieces[1].offset), ctx)
            if !second.isAbsolute {
                guard pieces.count == 2 else {
                    throw AssemblyError("expected one anchor address in a dependent USING", at: pieces[2].offset)
                }
                usings.usingDependent(base: base, anchor: second)
                return
            }
            var registers: [Int] = []
            for piece in pieces.dropFirst() {
                let r = try evaluateAbsolute(try ExpressionParser.parse(piece.text, base: piece.offset), ctx, what: "a base register")
                guard (0...15).contains(r) else {
                    throw AssemblyError("expected a base register 0 to 15, found \(r)", at: piece.offset)
                }
                guard !registers.contains(r) else {
                    throw AssemblyError("register \(r) is named twice in this USING", at: piece.offset)
                }
                // Register 0 as a base always means address 0.
                if r == 0 && (address(of: base).map { $0 + 4096 * registers.count } ?? 0) != 0 {
                    throw AssemblyError("expected a base address of 0 for register 0 (as a base register it always stands for 0)", at: pieces[0].offset)
                }
                registers.append(r)
            }
            usings.using(base: base, registers: registers)
        case .drop:
            let pieces = OperandSplitter.split(record.statement.operands).filter { !$0.isEmpty }
            if pieces.isEmpty { usings.dropAll(); return }
            for piece in pieces {
                let r = try evaluateAbsolute(try ExpressionParser.parse(piece.text, base: piece.offset), ctx, what: "a register")
                guard (0...15).contains(r) else {
                    throw AssemblyError("expected a register 0 to 15, found \(r)", at: piece.offset)
                }
                if !usings.drop(r) {
                    var warning = AssemblyError("register \(r) was not in a USING; nothing to drop", at: piece.offset)
                    warning.severity = .warning
                    report(warning, in: record)
                }
            }
        case .push, .pop:
            for piece in OperandSplitter.split(record.statement.operands) where String(piece.text).uppercased() == "USING" {
                if directive == .push {
                    usingStack.append(usings)
                } else if let saved = usingStack.popLast() {
                    usings = saved
                } else {
                    throw AssemblyError("expected a PUSH USING before this POP USING", at: piece.offset)
                }
            }
        case .ccw, .ccw0, .ccw1:
            try generateCCW(&record, format1: directive == .ccw1)
        case .psw, .pswbc, .pswec, .psw360, .psws:
            try generatePSW(&record, directive)
        case .start, .csect, .dsect:
            if let s = record.section { record.shownValue = sections[s].isControl ? sections[s].origin + record.location : record.location }
        case .org:
            break
        default:
            break
        }
    }
}
