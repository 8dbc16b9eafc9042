/// DC and DS: pass 1 sizes and aligns each operand and defines the label;
/// pass 2 turns the values into bytes (and address constants into RLD items).
extension AssemblyEngine {
    // MARK: Pass 1

    func layoutConstants(_ record: inout StatementRecord, isStorage: Bool) throws {
        let section = ensureSection(at: record.statement.location)
        let operands = try ConstantParser.parseOperands(record.statement.operands)
        var layouts: [ConstantLayout] = []
        record.section = section
        record.showsLocation = true
        let start = locationCounter
        for (i, operand) in operands.enumerated() {
            var size = try constantSize(operand, context(forLocation: locationValue, record: record))
            if !isStorage && operand.nominal == nil && size.duplication != 0 {
                throw AssemblyError("expected a value in quotes or parentheses after the type: DC needs a value (use DS to reserve storage)", at: operand.typeOffset + 1)
            }
            if !size.explicitLength { align(to: operand.type.alignment) }
            size.offset = locationCounter
            if i == 0 {
                record.location = locationCounter
                defineLabel(record, value: .relocatable(locationCounter, in: section),
                            length: size.lengths.first ?? 1, type: operand.type.typeAttribute)
            }
            layouts.append(size)
            locationCounter += size.size
        }
        if operands.isEmpty { record.location = start }
        record.length = locationCounter - record.location
        record.action = .constants(isStorage: isStorage, operands: operands, layout: layouts)
    }

    /// A pass-1 context at a given location.
    func context(forLocation location: Value, record: StatementRecord) -> EvaluationContext {
        EvaluationContext(location: location, locationLength: 1, statement: record.number, pool: currentPool)
    }

    /// Duplication, per-value lengths and modifiers of a constant operand;
    /// `offset` is left 0 for the caller to fill in.
    func constantSize(_ operand: ConstantOperand, _ context: EvaluationContext) throws -> ConstantLayout {
        var duplication = 1
        if let d = operand.duplication {
            duplication = try evaluateAbsolute(d, context, what: "the duplication factor")
            guard duplication >= 0 else {
                throw AssemblyError("expected a duplication factor of 0 or more, found \(duplication)", at: d.offset)
            }
        }
        var explicitLength: Int?
        if let l = operand.lengthModifier {
            let length = try evaluateAbsolute(l, context, what: "the length modifier")
            guard operand.type.allowedLengths.contains(length) else {
                let r = operand.type.allowedLengths
                throw AssemblyError("expected a length of \(r.lowerBound) to \(r.upperBound) for a \(operand.type.rawValue) constant, found \(length)", at: l.offset)
            }
            explicitLength = length
        }
        let scale = try operand.scaleModifier.map { try evaluateAbsolute($0, context, what: "the scale modifier") } ?? 0
        let exponent = try operand.exponentModifier.map { try evaluateAbsolute($0, context, what: "the exponent modifier") } ?? 0
        var lengths: [Int]
        switch operand.nominal {
        case .quoted(let values)?:
            lengths = values.map { explicitLength ?? ConstantEncoder.impliedLength(operand.type, $0.text) }
        case .expressions(let values)?:
            lengths = values.map { _ in explicitLength ?? operand.type.fixedLength! }
        case nil:
            lengths = [explicitLength ?? ConstantEncoder.impliedLength(operand.type, nil)]
        }
        return ConstantLayout(offset: 0, duplication: duplication, lengths: lengths,
                              explicitLength: explicitLength != nil, scale: scale, exponent: exponent)
    }

    /// The length attribute of a constant (of a literal, or L'=…): its
    /// explicit length or the implied length of its first value.
    func constantLengthAttribute(_ operand: ConstantOperand, _ context: EvaluationContext) throws -> Int {
        try constantSize(operand, context).lengths.first ?? 1
    }

    /// The section a V-constant refers to: a control section of this
    /// assembly or an external symbol.
    func externalTarget(_ expression: Expression) throws -> Int {
        guard case .symbol(let name, _) = expression else {
            throw AssemblyError("expected an external symbol name in the V-constant", at: expression.offset)
        }
        if let i = sectionIndex[name], sections[i].isControl { return i }
        return externalSection(named: name, weak: false, at: nil)
    }

    // MARK: Pass 2

    func generateConstants(_ record: inout StatementRecord, operands: [ConstantOperand], layout: [ConstantLayout],
                           starLocation: Value? = nil) throws {
        guard let section = record.section else { return }
        var firstError: AssemblyError?
        for (operand, size) in zip(operands, layout) {
            do {
                try generateConstant(&record, operand, size, section: section, starLocation: starLocation)
            } catch let e as AssemblyError {
                if firstError == nil { firstError = e } else { report(e, in: record) }
            }
        }
        if let firstError { throw firstError }
    }

    private func generateConstant(_ record: inout StatementRecord, _ operand: ConstantOperand, _ size: ConstantLayout,
                                  section: Int, starLocation: Value?) throws {
        var one: [UInt8] = []
        var relocations: [(offset: Int, length: Int, target: Int, negative: Bool, vcon: Bool)] = []
        switch operand.nominal {
        case .quoted(let values)?:
            for (i, value) in values.enumerated() {
                one += try ConstantEncoder.encode(operand.type, value.text, length: size.lengths[i], scale: size.scale,
                                                  exponent: size.exponent, explicitLength: size.explicitLength,
                                                  offset: value.offset)
            }
        case .expressions(let values)?:
            for (i, value) in values.enumerated() {
                let here = Value.relocatable(size.offset + one.count, in: section)
                var ctx = context(for: record)
                ctx.location = starLocation ?? here
                let (bytes, relocs) = try addressConstant(operand.type, value, length: size.lengths[i], ctx)
                for r in relocs {
                    relocations.append((one.count, size.lengths[i], r.target, r.negative, r.vcon))
                }
                one += bytes
            }
        case nil:
            return
        }
        guard !one.isEmpty else { return }
        for copy in 0..<size.duplication {
            let offset = size.offset + copy * one.count
            emit(&record, one, at: offset, in: section)
            if sections[section].isControl {
                for r in relocations {
                    relocationItems.append(RelocationItem(sectionIndex: section, targetIndex: r.target,
                                                          offset: offset + r.offset, length: r.length,
                                                          negative: r.negative, isVCon: r.vcon))
                }
            }
        }
    }

    /// The bytes of one A, AD, Y, V or S value, and what must be relocated.
    func addressConstant(_ type: ConstantType, _ value: ConstantOperand.AddressValue, length: Int,
                         _ context: EvaluationContext) throws
        -> (bytes: [UInt8], relocations: [(target: Int, negative: Bool, vcon: Bool)]) {
        switch type {
        case .baseDisplacement:
            let base: Int
            let displacement: Int
            if let explicitBase = value.base {
                displacement = try evaluateAbsolute(value.expression, context, what: "the displacement")
                base = try evaluateAbsolute(explicitBase, context, what: "the base register")
                guard (0...4095).contains(displacement) else {
                    throw AssemblyError("expected a displacement of 0 to 4095, found \(displacement)", at: value.expression.offset)
                }
                guard (0...15).contains(base) else {
                    throw AssemblyError("expected a base register 0 to 15, found \(base)", at: explicitBase.offset)
                }
            } else {
                let v = try evaluate(value.expression, context)
                (base, displacement) = try baseAndDisplacement(for: v, offset: value.expression.offset)
            }
            return ([UInt8(base << 4 | displacement >> 8), UInt8(displacement & 0xFF)], [])
        case .external, .doublewordExternal:
            let target = try externalTarget(value.expression)
            let v: Value = .relocatable(sections[target].isControl ? sections[target].lowOffset : 0, in: target)
            let number = address(of: v) ?? 0
            return (bigEndian(number, length), [(target, false, true)])
        default:
            let v = try evaluate(value.expression, context)
            var relocations: [(target: Int, negative: Bool, vcon: Bool)] = []
            for r in v.relocations {
                switch sections[r.id].kind {
                case .dummy: continue
                case .control, .external: break
                }
                guard abs(r.count) == 1 else {
                    throw AssemblyError("expected each relocatable term at most once in an address constant; \(sections[r.id].name) appears \(abs(r.count)) times", at: value.expression.offset)
                }
                relocations.append((r.id, r.count < 0, false))
            }
            guard let number = address(of: v) else {
                throw AssemblyError("expected an address constant that can be resolved", at: value.expression.offset)
            }
            if !relocations.isEmpty && length < 2 {
                throw AssemblyError("expected a length of at least 2 for a relocatable address constant", at: value.expression.offset)
            }
            return (bigEndian(number, length), relocations)
        }
    }

    func bigEndian(_ value: Int, _ length: Int) -> [UInt8] {
        (0..<length).reversed().map { i in i >= 8 ? (value < 0 ? 0xFF : 0) : UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }

    /// Stores generated bytes in the section image and the listing.
    func emit(_ record: inout StatementRecord, _ bytes: [UInt8], at offset: Int, in section: Int) {
        record.objectCode += bytes
        guard sections[section].isControl else { return }
        images[section, default: SectionImage(lowOffset: sections[section].lowOffset, length: 0)].store(bytes, at: offset)
    }
}
