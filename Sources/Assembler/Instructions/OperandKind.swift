import S370Spec

/// What each operand of an instruction format is, in the order written.
enum OperandKind: Sendable, Equatable {
    /// A general, floating-point or control register 0–15.
    case register
    /// A 4-bit mask (BC, ICM…).
    case mask
    /// An unsigned immediate of the given width (SVC, SI, SRP's rounding digit).
    case immediate(bits: Int)
    /// A 16-bit immediate, signed or unsigned (RI).
    case halfwordImmediate
    /// A target address turned into a signed halfword count (16 or 32 bits).
    case relative(bits: Int)
    /// `D(X,B)` or, without index, `D(B)`.
    case storage(indexed: Bool)
    /// `D(L,B)` with a length up to `maxLength` (256 or 16).
    case storageWithLength(maxLength: Int)
    /// `D(R,B)` (MVCK, MVCP, MVCS).
    case storageWithRegister

    static func operands(of format: InstructionFormat) -> [OperandKind] {
        switch format {
        case .rr, .rre: return [.register, .register]
        case .rrR1, .rreR1: return [.register]
        case .rrM1R2: return [.mask, .register]
        case .rrI: return [.immediate(bits: 8)]
        case .rx, .rxe: return [.register, .storage(indexed: true)]
        case .rxM1: return [.mask, .storage(indexed: true)]
        case .rs, .rse: return [.register, .register, .storage(indexed: false)]
        case .rsR1: return [.register, .storage(indexed: false)]
        case .rsM3: return [.register, .mask, .storage(indexed: false)]
        case .rsi: return [.register, .register, .relative(bits: 16)]
        case .si: return [.storage(indexed: false), .immediate(bits: 8)]
        case .s8, .s: return [.storage(indexed: false)]
        case .s0, .e: return []
        case .ssL: return [.storageWithLength(maxLength: 256), .storage(indexed: false)]
        case .ssLL: return [.storageWithLength(maxLength: 16), .storageWithLength(maxLength: 16)]
        case .ssLI: return [.storageWithLength(maxLength: 16), .storage(indexed: false), .immediate(bits: 4)]
        case .ssR: return [.storageWithRegister, .storage(indexed: false), .register]
        case .sse: return [.storage(indexed: false), .storage(indexed: false)]
        case .ri: return [.register, .halfwordImmediate]
        case .riRel: return [.register, .relative(bits: 16)]
        case .riM1Rel: return [.mask, .relative(bits: 16)]
        case .rilRel: return [.register, .relative(bits: 32)]
        case .rilM1Rel: return [.mask, .relative(bits: 32)]
        }
    }

    /// The operand syntax, for messages.
    static func syntax(of format: InstructionFormat) -> String {
        switch format {
        case .rr, .rre: return "R1,R2"
        case .rrR1, .rreR1: return "R1"
        case .rrM1R2: return "M1,R2"
        case .rrI: return "I"
        case .rx, .rxe: return "R1,D2(X2,B2)"
        case .rxM1: return "M1,D2(X2,B2)"
        case .rs, .rse: return "R1,R3,D2(B2)"
        case .rsR1: return "R1,D2(B2)"
        case .rsM3: return "R1,M3,D2(B2)"
        case .rsi: return "R1,R3,I2"
        case .si: return "D1(B1),I2"
        case .s8, .s: return "D2(B2)"
        case .s0, .e: return "no operands"
        case .ssL: return "D1(L,B1),D2(B2)"
        case .ssLL: return "D1(L1,B1),D2(L2,B2)"
        case .ssLI: return "D1(L1,B1),D2(B2),I3"
        case .ssR: return "D1(R1,B1),D2(B2),R3"
        case .sse: return "D1(B1),D2(B2)"
        case .ri: return "R1,I2"
        case .riRel, .rilRel: return "R1,I2"
        case .riM1Rel, .rilM1Rel: return "M1,I2"
        }
    }
}
