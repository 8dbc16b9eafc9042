import S370Spec

/// One disassembled instruction (or, for bytes that are no instruction on
/// the machine, a `DC X'…'`).
public struct DisassembledInstruction: Sendable, Hashable {
    public var address: Int
    public var bytes: [UInt8]
    /// Upper-case mnemonic; an extended mnemonic for BC, BCR, BRC and BRCL
    /// when the mask has one (`BE`, `BR`, `JNE`…), `DC` for non-instructions.
    public var mnemonic: String
    /// Operands in assembler syntax: registers and displacements in decimal,
    /// immediates of SI instructions in hex, relative targets as `*+n`.
    public var operands: String
    /// The instruction table row, nil for `DC`.
    public var instruction: InstructionSpec?
    /// The target of a relative branch or LARL.
    public var targetAddress: Int?

    public var length: Int { bytes.count }

    /// `000800  05C0            BALR  12,0`, with the target of a relative
    /// branch added as a comment.
    public var text: String {
        let digits = address > 0xFF_FFFF ? 8 : 6
        var groups: [String] = []
        var i = 0
        while i < bytes.count {
            groups.append(bytes[i..<min(i + 2, bytes.count)].map { hex(Int($0), digits: 2) }.joined())
            i += 2
        }
        var line = hex(address, digits: digits) + "  " + groups.joined(separator: " ").padding(toLength: 16, withPad: " ")
            + mnemonic.padding(toLength: 6, withPad: " ") + operands
        if let target = targetAddress {
            line = line.padding(toLength: 50, withPad: " ") + "-> " + hex(target, digits: digits)
        }
        return line
    }
}

/// Turns storage back into assembler instructions, using the same
/// instruction table as the CPU and the assembler. CP's DISPLAY and TRACE
/// use it; so does `vm67 asm --disassemble`.
public enum Disassembler {
    /// Disassembles `bytes`, the first of which is at `address`.
    public static func disassemble(bytes: [UInt8], address: Int = 0, architecture: Architectures = .s370,
                                   facilities: Set<Facility> = [], extendedMnemonics: Bool = true)
        -> [DisassembledInstruction] {
        var result: [DisassembledInstruction] = []
        var offset = 0
        while offset < bytes.count {
            let item = instruction(in: Array(bytes[offset..<min(offset + 6, bytes.count)]), address: address + offset,
                                   architecture: architecture, facilities: facilities,
                                   extendedMnemonics: extendedMnemonics)
            result.append(item)
            offset += item.length
        }
        return result
    }

    /// The instruction at the start of `bytes` (which need hold only as many
    /// bytes as the instruction is long).
    public static func instruction(in bytes: [UInt8], address: Int, architecture: Architectures = .s370,
                                   facilities: Set<Facility> = [], extendedMnemonics: Bool = true)
        -> DisassembledInstruction {
        guard let first = bytes.first else {
            return DisassembledInstruction(address: address, bytes: [], mnemonic: "DC", operands: "X''")
        }
        let length = [2, 4, 4, 6][Int(first >> 6)]
        guard bytes.count >= length,
              let spec = InstructionTable.decode(Array(bytes.prefix(length)), architecture: architecture,
                                                 facilities: facilities) else {
            let data = Array(bytes.prefix(min(length, bytes.count)))
            return DisassembledInstruction(address: address, bytes: data, mnemonic: "DC",
                                           operands: "X'" + data.map { hex(Int($0), digits: 2) }.joined() + "'")
        }
        let b = Array(bytes.prefix(length))
        var (mnemonic, operands, target) = format(spec, b, address: address)
        if extendedMnemonics, let (name, rest) = extended(spec, b, operands) {
            mnemonic = name
            operands = rest
        }
        return DisassembledInstruction(address: address, bytes: b, mnemonic: mnemonic, operands: operands,
                                       instruction: spec, targetAddress: target)
    }

    /// BC, BCR, BRC, BRCL with a well-known mask become B, BR, J, JLU…
    private static func extended(_ spec: InstructionSpec, _ b: [UInt8], _ operands: String) -> (String, String)? {
        guard ["BC", "BCR", "BRC", "BRCL"].contains(spec.mnemonic) else { return nil }
        let mask = b[1] >> 4
        guard let name = ExtendedMnemonics.name(for: spec.mnemonic, mask: mask) else { return nil }
        // Drop the mask operand.
        guard let comma = operands.firstIndex(of: ",") else { return nil }
        let rest = String(operands[operands.index(after: comma)...])
        if spec.mnemonic == "BCR" && mask == 15 && b[1] & 0x0F == 0 {
            return nil   // BCR 15,0 is a serialization no-op, not "BR 0"
        }
        return (name, rest)
    }

    private static func format(_ spec: InstructionSpec, _ b: [UInt8], address: Int) -> (String, String, Int?) {
        let r1 = Int(b[1] >> 4), r2 = Int(b[1] & 0x0F)
        func d(_ i: Int) -> Int { Int(b[i] & 0x0F) << 8 | Int(b[i + 1]) }
        func base(_ i: Int) -> Int { Int(b[i] >> 4) }
        func storage(_ i: Int) -> String {
            base(i) == 0 ? "\(d(i))" : "\(d(i))(\(base(i)))"
        }
        func indexed(_ x: Int, _ i: Int) -> String {
            switch (x, base(i)) {
            case (0, 0): return "\(d(i))"
            case (0, let bb): return "\(d(i))(,\(bb))"
            default: return "\(d(i))(\(x),\(base(i)))"
            }
        }
        func withLength(_ l: Int, _ i: Int) -> String { "\(d(i))(\(l),\(base(i)))" }
        func relative(_ halfwords: Int) -> (String, Int) {
            let bytes = 2 * halfwords
            return (bytes >= 0 ? "*+\(bytes)" : "*-\(-bytes)", address + bytes)
        }
        func signed16(_ i: Int) -> Int { Int(Int16(bitPattern: UInt16(b[i]) << 8 | UInt16(b[i + 1]))) }
        let name = spec.mnemonic
        switch spec.format {
        case .rr, .rrM1R2, .rre:
            return spec.format == .rre ? (name, "\(Int(b[3] >> 4)),\(Int(b[3] & 0x0F))", nil) : (name, "\(r1),\(r2)", nil)
        case .rrR1: return (name, "\(r1)", nil)
        case .rreR1: return (name, "\(Int(b[3] >> 4))", nil)
        case .rrI: return (name, "\(b[1])", nil)
        case .rx, .rxM1, .rxe: return (name, "\(r1),\(indexed(r2, 2))", nil)
        case .rs, .rse: return (name, "\(r1),\(r2),\(storage(2))", nil)
        case .rsR1: return (name, "\(r1),\(storage(2))", nil)
        case .rsM3: return (name, "\(r1),\(r2),\(storage(2))", nil)
        case .rsi:
            let (text, target) = relative(signed16(2))
            return (name, "\(r1),\(r2),\(text)", target)
        case .si: return (name, "\(storage(2)),X'\(hex(Int(b[1]), digits: 2))'", nil)
        case .s8, .s: return (name, storage(2), nil)
        case .s0, .e: return (name, "", nil)
        case .ssL: return (name, "\(withLength(Int(b[1]) + 1, 2)),\(storage(4))", nil)
        case .ssLL: return (name, "\(withLength(r1 + 1, 2)),\(withLength(r2 + 1, 4))", nil)
        case .ssLI: return (name, "\(withLength(r1 + 1, 2)),\(storage(4)),\(r2)", nil)
        case .ssR: return (name, "\(d(2))(\(r1),\(base(2))),\(storage(4)),\(r2)", nil)
        case .sse: return (name, "\(storage(2)),\(storage(4))", nil)
        case .ri:
            if name == "TMH" || name == "TML" {
                return (name, "\(r1),X'\(hex(Int(b[2]) << 8 | Int(b[3]), digits: 4))'", nil)
            }
            return (name, "\(r1),\(signed16(2))", nil)
        case .riRel, .riM1Rel:
            let (text, target) = relative(signed16(2))
            return (name, "\(r1),\(text)", target)
        case .rilRel, .rilM1Rel:
            let i = Int(Int32(bitPattern: UInt32(b[2]) << 24 | UInt32(b[3]) << 16 | UInt32(b[4]) << 8 | UInt32(b[5])))
            let (text, target) = relative(i)
            return (name, "\(r1),\(text)", target)
        }
    }
}
