import Foundation
import S370Spec

/// A tiny assembler for test vectors, driven by the instruction table, so a
/// vector reads like the Principles of Operation (`"A 1,8(0,2)"`) and the
/// encoding comes from the same rows the machine decodes.
///
/// Operands: registers, masks, lengths and displacements are decimal or
/// `X'..'`; `D(X,B)`, `D(,B)` and `D(X)` for RX, `D(B)` for RS/SI/S, `D(L,B)`
/// for SS (L in bytes). Relative operands (BRC, BRAS, LARL…) are the signed
/// I2 field itself, in halfwords. Several instructions are separated by `;`.
func asm(_ source: String) -> [UInt8] {
    source.split(separator: ";").flatMap { assembleOne(String($0)) }
}

private func assembleOne(_ line: String) -> [UInt8] {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    let mnemonic = String(trimmed.prefix { $0 != " " })
    let rest = String(trimmed.dropFirst(mnemonic.count)).trimmingCharacters(in: .whitespaces)
    guard let spec = InstructionTable.named(mnemonic) else { fatalError("asm: unknown mnemonic \(mnemonic)") }
    let ops = splitOperands(rest)
    var b = [UInt8](repeating: 0, count: spec.length)
    // Opcode.
    switch spec.format.opcodeShape {
    case .firstByte: b[0] = UInt8(spec.opcode)
    case .firstTwoBytes: b[0] = UInt8(spec.opcode >> 8); b[1] = UInt8(spec.opcode & 0xFF)
    case .firstByteAndLowNibble: b[0] = UInt8(spec.opcode >> 4); b[1] = UInt8(spec.opcode & 0xF)
    case .firstAndLastByte: b[0] = UInt8(spec.opcode >> 8); b[5] = UInt8(spec.opcode & 0xFF)
    }
    func want(_ n: Int) { precondition(ops.count == n, "asm: \(line): \(n) operands expected") }
    func nib(_ i: Int, high: Bool, _ v: Int) { b[i] |= high ? UInt8((v & 0xF) << 4) : UInt8(v & 0xF) }
    func baseDisp(_ at: Int, _ base: Int, _ disp: Int) {
        precondition((0...0xFFF).contains(disp), "asm: \(line): displacement \(disp) out of range")
        b[at] = UInt8((base & 0xF) << 4 | (disp >> 8) & 0xF)
        b[at + 1] = UInt8(disp & 0xFF)
    }
    func put16(_ at: Int, _ v: Int) { b[at] = UInt8((v >> 8) & 0xFF); b[at + 1] = UInt8(v & 0xFF) }
    switch spec.format {
    case .rr, .rrM1R2, .rre:
        want(2)
        let at = spec.format == .rre ? 3 : 1
        nib(at, high: true, ops[0].value); nib(at, high: false, ops[1].value)
    case .rrR1:
        want(1); nib(1, high: true, ops[0].value)
    case .rreR1:
        want(1); nib(3, high: true, ops[0].value)
    case .rrI:
        want(1); b[1] = UInt8(ops[0].value & 0xFF)
    case .rx, .rxM1, .rxe:
        want(2)
        nib(1, high: true, ops[0].value)
        let (d, x, base) = ops[1].indexed
        nib(1, high: false, x)
        baseDisp(2, base, d)
    case .rs, .rse:
        want(3)
        nib(1, high: true, ops[0].value); nib(1, high: false, ops[1].value)
        let (d, base) = ops[2].based
        baseDisp(2, base, d)
    case .rsR1:
        want(2)
        nib(1, high: true, ops[0].value)
        let (d, base) = ops[1].based
        baseDisp(2, base, d)
    case .rsM3:
        want(3)
        nib(1, high: true, ops[0].value); nib(1, high: false, ops[1].value)
        let (d, base) = ops[2].based
        baseDisp(2, base, d)
    case .rsi:
        want(3)
        nib(1, high: true, ops[0].value); nib(1, high: false, ops[1].value)
        put16(2, ops[2].value)
    case .si:
        want(2)
        let (d, base) = ops[0].based
        b[1] = UInt8(ops[1].value & 0xFF)
        baseDisp(2, base, d)
    case .s8, .s:
        want(1)
        let (d, base) = ops[0].based
        baseDisp(2, base, d)
    case .s0, .e:
        want(0)
    case .ssL:
        want(2)
        let (d1, l, b1) = ops[0].indexed
        let (d2, b2) = ops[1].based
        b[1] = UInt8(l - 1)
        baseDisp(2, b1, d1); baseDisp(4, b2, d2)
    case .ssLL:
        want(2)
        let (d1, l1, b1) = ops[0].indexed
        let (d2, l2, b2) = ops[1].indexed
        b[1] = UInt8((l1 - 1) << 4 | (l2 - 1))
        baseDisp(2, b1, d1); baseDisp(4, b2, d2)
    case .ssLI:
        want(3)
        let (d1, l1, b1) = ops[0].indexed
        let (d2, b2) = ops[1].based
        b[1] = UInt8((l1 - 1) << 4 | (ops[2].value & 0xF))
        baseDisp(2, b1, d1); baseDisp(4, b2, d2)
    case .ri, .riRel, .riM1Rel:
        want(2)
        nib(1, high: true, ops[0].value)
        put16(2, ops[1].value)
    case .rilRel, .rilM1Rel:
        want(2)
        nib(1, high: true, ops[0].value)
        let v = UInt32(truncatingIfNeeded: ops[1].value)
        b[2] = UInt8(v >> 24); b[3] = UInt8((v >> 16) & 0xFF); b[4] = UInt8((v >> 8) & 0xFF); b[5] = UInt8(v & 0xFF)
    case .ssR, .sse:
        fatalError("asm: format \(spec.format) not supported")
    }
    return b
}

/// One operand: a plain value, or `D(a)` / `D(a,b)`.
private struct Operand {
    var value: Int
    var inner: [Int?]

    /// `D(X,B)`: `D(X)` is an index with no base; `D(,B)` a base with no index.
    /// For SS operands the first inner field is the length.
    var indexed: (Int, Int, Int) {
        switch inner.count {
        case 0: return (value, 0, 0)
        case 1: return (value, inner[0] ?? 0, 0)
        default: return (value, inner[0] ?? 0, inner[1] ?? 0)
        }
    }

    /// `D(B)`.
    var based: (Int, Int) {
        precondition(inner.count <= 1, "asm: D(B) expected")
        return (value, inner.first.flatMap { $0 } ?? 0)
    }
}

private func number(_ text: String) -> Int {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasPrefix("X'") && t.hasSuffix("'") {
        return Int(t.dropFirst(2).dropLast(), radix: 16)!
    }
    guard let v = Int(t) else { fatalError("asm: bad number '\(t)'") }
    return v
}

private func splitOperands(_ text: String) -> [Operand] {
    if text.isEmpty { return [] }
    var parts: [String] = []
    var depth = 0, current = ""
    var quoted = false
    for c in text {
        if c == "'" { quoted.toggle() }
        if !quoted && c == "(" { depth += 1 }
        if !quoted && c == ")" { depth -= 1 }
        if c == "," && depth == 0 && !quoted { parts.append(current); current = ""; continue }
        current.append(c)
    }
    parts.append(current)
    return parts.map { part in
        guard let open = part.firstIndex(of: "("), !part.hasPrefix("X'") || part.contains("'(") else {
            return Operand(value: number(part), inner: [])
        }
        let head = String(part[..<open])
        let body = part[part.index(after: open)..<part.lastIndex(of: ")")!]
        let inner = body.split(separator: ",", omittingEmptySubsequences: false).map { s -> Int? in
            s.trimmingCharacters(in: .whitespaces).isEmpty ? nil : number(String(s))
        }
        return Operand(value: head.isEmpty ? 0 : number(head), inner: inner)
    }
}
