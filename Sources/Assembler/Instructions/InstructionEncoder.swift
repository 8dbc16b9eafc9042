import S370Spec

/// A resolved operand, ready to be packed into instruction fields.
enum ResolvedOperand {
    /// A register, mask, immediate or relative halfword count.
    case number(Int)
    /// Base, displacement, index (or the R of D(R,B)) and length code.
    case storage(base: Int, displacement: Int, index: Int, lengthCode: Int, address: Int?)
}

/// Pass 2 for machine instructions: operands are checked against the
/// instruction's format and packed into bytes.
extension AssemblyEngine {
    func generateInstruction(_ record: inout StatementRecord, spec: InstructionSpec, mask: UInt8?,
                             operands: [InstructionOperand]) throws {
        let kinds = OperandKind.operands(of: spec.format)
        let written = kinds.isEmpty ? [] : operands
        let explicitKinds = mask == nil ? kinds : Array(kinds.dropFirst())
        guard written.count == explicitKinds.count else {
            let syntax = OperandKind.syntax(of: spec.format)
            let shown = mask == nil ? syntax : String(syntax.drop { $0 != "," }.dropFirst())
            let offset = written.count > explicitKinds.count ? written[explicitKinds.count].offset : record.statement.operands.count
            throw AssemblyError("expected \(explicitKinds.count) operand\(explicitKinds.count == 1 ? "" : "s") (\(record.statement.opcode) \(shown)), found \(written.count)", at: offset)
        }
        let ctx = context(for: record)
        var resolved: [ResolvedOperand] = []
        if let mask { resolved.append(.number(Int(mask))) }
        for (kind, operand) in zip(explicitKinds, written) {
            resolved.append(try resolve(operand, as: kind, ctx))
        }
        let bytes = Self.pack(spec, resolved)
        for r in resolved {
            if case .storage(_, _, _, _, let address?) = r { record.addresses.append(address) }
        }
        if let section = record.section {
            if record.paddingBefore > 0, sections[section].isControl {
                images[section]?.store([UInt8](repeating: 0, count: record.paddingBefore),
                                       at: record.location - record.paddingBefore)
            }
            emit(&record, bytes, at: record.location, in: section)
        }
    }

    private func resolve(_ operand: InstructionOperand, as kind: OperandKind, _ ctx: EvaluationContext) throws -> ResolvedOperand {
        guard let expression = operand.expression else {
            throw AssemblyError("expected an operand here (\(Self.describe(kind))), found nothing", at: operand.offset)
        }
        func number(_ e: Expression, _ what: String, _ range: ClosedRange<Int>) throws -> Int {
            let v = try evaluateAbsolute(e, ctx, what: what)
            guard range.contains(v) else {
                throw AssemblyError("expected \(what) from \(range.lowerBound) to \(range.upperBound), found \(v)", at: e.offset)
            }
            return v
        }
        func noParts() throws {
            if operand.parts != nil {
                throw AssemblyError("expected \(Self.describe(kind)) without parentheses", at: operand.partsOffset)
            }
        }
        switch kind {
        case .register:
            try noParts()
            return .number(try number(expression, "a register", 0...15))
        case .mask:
            try noParts()
            return .number(try number(expression, "a mask", 0...15))
        case .immediate(let bits):
            try noParts()
            let range = bits == 8 ? -128...255 : 0...((1 << bits) - 1)
            return .number(try number(expression, "an immediate value", range) & ((1 << bits) - 1))
        case .halfwordImmediate:
            try noParts()
            return .number(try number(expression, "a halfword immediate", -32768...65535) & 0xFFFF)
        case .relative(let bits):
            try noParts()
            let target = try evaluate(expression, ctx)
            let difference = target - ctx.location
            guard difference.isAbsolute else {
                throw AssemblyError("expected a branch target in the same section as the instruction", at: expression.offset)
            }
            guard difference.number % 2 == 0 else {
                throw AssemblyError("expected a branch target an even number of bytes away, found \(difference.number)", at: expression.offset)
            }
            let halfwords = difference.number / 2
            let limit = 1 << (bits - 1)
            guard (-limit...(limit - 1)).contains(halfwords) else {
                throw AssemblyError("expected a branch target within \(limit) halfwords, found \(halfwords)", at: expression.offset)
            }
            return .number(halfwords)
        case .storage(let indexed):
            let parts = operand.parts ?? []
            switch parts.count {
            case 0:
                let v = try evaluate(expression, ctx)
                let (b, d) = try baseAndDisplacement(for: v, offset: expression.offset)
                return .storage(base: b, displacement: d, index: 0, lengthCode: 0, address: address(of: v))
            case 1:
                guard let part = parts[0] else {
                    throw AssemblyError("expected a register in the parentheses", at: operand.partsOffset + 1)
                }
                let register = try number(part, indexed ? "an index register" : "a base register", 0...15)
                if indexed {
                    let v = try evaluate(expression, ctx)
                    let (b, d) = try baseAndDisplacement(for: v, offset: expression.offset)
                    return .storage(base: b, displacement: d, index: register, lengthCode: 0, address: address(of: v))
                }
                let d = try number(expression, "a displacement", 0...4095)
                return .storage(base: register, displacement: d, index: 0, lengthCode: 0, address: d)
            default:
                guard indexed else {
                    throw AssemblyError("expected D(B): this operand has a base register but no index register", at: operand.partsOffset)
                }
                let x = try parts[0].map { try number($0, "an index register", 0...15) } ?? 0
                let b = try parts[1].map { try number($0, "a base register", 0...15) } ?? 0
                let d = try number(expression, "a displacement", 0...4095)
                return .storage(base: b, displacement: d, index: x, lengthCode: 0, address: d)
            }
        case .storageWithLength(let maxLength):
            let parts = operand.parts ?? []
            var length: Int
            if let l = parts.first ?? nil {
                length = try number(l, "a length", 0...maxLength)
            } else {
                length = try impliedLength(of: expression, ctx)
                guard (1...maxLength).contains(length) else {
                    throw AssemblyError("expected an implied length from 1 to \(maxLength), but the length attribute of the operand is \(length); write the length explicitly", at: expression.offset)
                }
            }
            let code = max(0, length - 1)
            if parts.count == 2 {
                guard let basePart = parts[1] else {
                    throw AssemblyError("expected a base register after the comma", at: operand.partsOffset)
                }
                let b = try number(basePart, "a base register", 0...15)
                let d = try number(expression, "a displacement", 0...4095)
                return .storage(base: b, displacement: d, index: 0, lengthCode: code, address: d)
            }
            if parts.count == 1 && parts[0] == nil {
                throw AssemblyError("expected a length in the parentheses", at: operand.partsOffset + 1)
            }
            let v = try evaluate(expression, ctx)
            let (b, d) = try baseAndDisplacement(for: v, offset: expression.offset)
            return .storage(base: b, displacement: d, index: 0, lengthCode: code, address: address(of: v))
        case .storageWithRegister:
            let parts = operand.parts ?? []
            guard let rPart = parts.first ?? nil else {
                throw AssemblyError("expected D1(R1,B1) with the register in the parentheses", at: operand.offset)
            }
            let r = try number(rPart, "a register", 0...15)
            if parts.count == 2 {
                let b = try parts[1].map { try number($0, "a base register", 0...15) } ?? 0
                let d = try number(expression, "a displacement", 0...4095)
                return .storage(base: b, displacement: d, index: r, lengthCode: 0, address: d)
            }
            let v = try evaluate(expression, ctx)
            let (b, d) = try baseAndDisplacement(for: v, offset: expression.offset)
            return .storage(base: b, displacement: d, index: r, lengthCode: 0, address: address(of: v))
        }
    }

    private static func describe(_ kind: OperandKind) -> String {
        switch kind {
        case .register: return "a register"
        case .mask: return "a mask"
        case .immediate, .halfwordImmediate: return "an immediate value"
        case .relative: return "a branch target"
        case .storage(let indexed): return indexed ? "a storage address D(X,B)" : "a storage address D(B)"
        case .storageWithLength: return "a storage address D(L,B)"
        case .storageWithRegister: return "a storage address D(R,B)"
        }
    }

    /// Base register and displacement for an implicit address: an absolute
    /// address 0–4095 uses register 0; anything else needs a USING.
    func baseAndDisplacement(for value: Value, offset: Int) throws -> (Int, Int) {
        if value.isAbsolute && (0...4095).contains(value.number) { return (0, value.number) }
        if let resolved = usings.resolve(value) { return resolved }
        let shown = address(of: value).map { "X'" + hex($0, digits: 6) + "'" } ?? "the address"
        if value.isAbsolute {
            throw AssemblyError("expected an address from 0 to 4095 or one covered by a USING, found \(shown)", at: offset)
        }
        guard value.isSimplyRelocatable else {
            throw AssemblyError("expected a simple address (one relocatable term), found a complex relocatable expression", at: offset)
        }
        throw AssemblyError("\(shown) is not addressable: no USING base register covers it", at: offset)
    }

    /// Packs resolved operands into the bytes of a format.
    static func pack(_ spec: InstructionSpec, _ operands: [ResolvedOperand]) -> [UInt8] {
        let op = spec.opcode
        func n(_ i: Int) -> Int {
            if case .number(let v) = operands[i] { return v }
            return 0
        }
        func bd(_ i: Int) -> [UInt8] {
            guard case .storage(let b, let d, _, _, _) = operands[i] else { return [0, 0] }
            return [UInt8(b << 4 | d >> 8), UInt8(d & 0xFF)]
        }
        func x(_ i: Int) -> Int {
            if case .storage(_, _, let x, _, _) = operands[i] { return x }
            return 0
        }
        func l(_ i: Int) -> Int {
            if case .storage(_, _, _, let l, _) = operands[i] { return l }
            return 0
        }
        let hi = UInt8(op >> 8), lo = UInt8(op & 0xFF)
        let first4 = UInt8(truncatingIfNeeded: op >> 4), low4 = Int(op & 0xF)
        func halfword(_ v: Int) -> [UInt8] { [UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
        switch spec.format {
        case .rr, .rrM1R2: return [lo, UInt8(n(0) << 4 | n(1))]
        case .rrR1: return [lo, UInt8(n(0) << 4)]
        case .rrI: return [lo, UInt8(n(0))]
        case .rx, .rxM1: return [lo, UInt8(n(0) << 4 | x(1))] + bd(1)
        case .rs: return [lo, UInt8(n(0) << 4 | n(1))] + bd(2)
        case .rsR1: return [lo, UInt8(n(0) << 4)] + bd(1)
        case .rsM3: return [lo, UInt8(n(0) << 4 | n(1))] + bd(2)
        case .rsi: return [lo, UInt8(n(0) << 4 | n(1))] + halfword(n(2))
        case .si: return [lo, UInt8(n(1))] + bd(0)
        case .s8: return [lo, 0] + bd(0)
        case .s: return [hi, lo] + bd(0)
        case .s0: return [hi, lo, 0, 0]
        case .ssL: return [lo, UInt8(l(0))] + bd(0) + bd(1)
        case .ssLL: return [lo, UInt8(l(0) << 4 | l(1))] + bd(0) + bd(1)
        case .ssLI: return [lo, UInt8(l(0) << 4 | n(2))] + bd(0) + bd(1)
        case .ssR: return [lo, UInt8(x(0) << 4 | n(2))] + bd(0) + bd(1)
        case .sse: return [hi, lo] + bd(0) + bd(1)
        case .ri, .riRel, .riM1Rel: return [first4, UInt8(n(0) << 4 | low4)] + halfword(n(1))
        case .rilRel, .rilM1Rel:
            let v = n(1)
            return [first4, UInt8(n(0) << 4 | low4)] + (0..<4).reversed().map { UInt8((v >> (8 * $0)) & 0xFF) }
        case .rre: return [hi, lo, 0, UInt8(n(0) << 4 | n(1))]
        case .rreR1: return [hi, lo, 0, UInt8(n(0) << 4)]
        case .rxe: return [hi, UInt8(n(0) << 4 | x(1))] + bd(1) + [0, lo]
        case .rse: return [hi, UInt8(n(0) << 4 | n(1))] + bd(2) + [0, lo]
        case .e: return [hi, lo]
        }
    }
}

/// Upper-case hexadecimal with leading zeros.
func hex(_ value: Int, digits: Int) -> String {
    let masked = digits >= 16 ? UInt64(bitPattern: Int64(value)) : UInt64(bitPattern: Int64(value)) & ((1 << UInt64(4 * digits)) - 1)
    let s = String(masked, radix: 16, uppercase: true)
    return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
}
