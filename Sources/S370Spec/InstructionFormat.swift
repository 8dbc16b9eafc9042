/// Instruction formats, one case per distinct operand syntax.
///
/// The machine formats of the Principles of Operation (RR, RX, RS, SI, S, SS,
/// RI, RIL, RRE, RXE, RSE, SSE, E) are split further where the assembler
/// writes the operands differently (a mask instead of a register, one length
/// or two, a relative immediate), so one case tells the assembler, the
/// disassembler and the dispatch generator everything they need.
public enum InstructionFormat: String, Sendable, CaseIterable {
    /// `R1,R2` — 2 bytes: op, R1R2.
    case rr
    /// `R1` — 2 bytes, R2 field ignored (SPM).
    case rrR1
    /// `M1,R2` — 2 bytes (BCR).
    case rrM1R2
    /// `I` — 2 bytes, 8-bit immediate (SVC).
    case rrI
    /// `R1,D2(X2,B2)` — 4 bytes.
    case rx
    /// `M1,D2(X2,B2)` — 4 bytes (BC).
    case rxM1
    /// `R1,R3,D2(B2)` — 4 bytes.
    case rs
    /// `R1,D2(B2)` — 4 bytes, R3 field unused (shifts).
    case rsR1
    /// `R1,M3,D2(B2)` — 4 bytes (ICM, STCM, CLM).
    case rsM3
    /// `R1,R3,I2` — 4 bytes, I2 a signed halfword offset relative to the instruction (BRXH).
    case rsi
    /// `D1(B1),I2` — 4 bytes.
    case si
    /// `D1(B1)` — 4 bytes with a one-byte opcode, second byte unused (SSM, LPSW, TS).
    case s8
    /// `D2(B2)` — 4 bytes with a two-byte opcode (B2xx, SIO).
    case s
    /// no operands — 4 bytes with a two-byte opcode, base/displacement unused (PTLB).
    case s0
    /// `D1(L,B1),D2(B2)` — 6 bytes, one length.
    case ssL
    /// `D1(L1,B1),D2(L2,B2)` — 6 bytes, two lengths.
    case ssLL
    /// `D1(L1,B1),D2(B2),I3` — 6 bytes (SRP).
    case ssLI
    /// `D1(R1,B1),D2(B2),R3` — 6 bytes (MVCK, MVCP, MVCS).
    case ssR
    /// `D1(B1),D2(B2)` — 6 bytes with a two-byte opcode.
    case sse
    /// `R1,I2` — 4 bytes, 16-bit immediate, opcode in the first byte and the low nibble of the second.
    case ri
    /// `R1,I2` — 4 bytes, I2 a halfword offset relative to the instruction (BRAS, BRCT).
    case riRel
    /// `M1,I2` — 4 bytes, relative (BRC).
    case riM1Rel
    /// `R1,I2` — 6 bytes, I2 a 32-bit halfword offset relative to the instruction (LARL, BRASL).
    case rilRel
    /// `M1,I2` — 6 bytes, relative long (BRCL).
    case rilM1Rel
    /// `R1,R2` — 4 bytes with a two-byte opcode.
    case rre
    /// `R1` — 4 bytes with a two-byte opcode, R2 unused (IPM).
    case rreR1
    /// `R1,D2(X2,B2)` — 6 bytes, opcode in the first and last byte.
    case rxe
    /// `R1,R3,D2(B2)` — 6 bytes, opcode in the first and last byte.
    case rse
    /// no operands — 2 bytes with a two-byte opcode.
    case e

    /// Length of the instruction in bytes.
    public var length: Int {
        switch self {
        case .rr, .rrR1, .rrM1R2, .rrI, .e: return 2
        case .rx, .rxM1, .rs, .rsR1, .rsM3, .rsi, .si, .s8, .s, .s0,
             .ri, .riRel, .riM1Rel, .rre, .rreR1: return 4
        case .ssL, .ssLL, .ssLI, .ssR, .sse, .rilRel, .rilM1Rel, .rxe, .rse: return 6
        }
    }

    /// Where the opcode bits sit in the instruction.
    public var opcodeShape: OpcodeShape {
        switch self {
        case .rr, .rrR1, .rrM1R2, .rrI, .rx, .rxM1, .rs, .rsR1, .rsM3, .rsi, .si, .s8,
             .ssL, .ssLL, .ssLI, .ssR:
            return .firstByte
        case .s, .s0, .rre, .rreR1, .sse, .e:
            return .firstTwoBytes
        case .ri, .riRel, .riM1Rel, .rilRel, .rilM1Rel:
            return .firstByteAndLowNibble
        case .rxe, .rse:
            return .firstAndLastByte
        }
    }
}

/// How the opcode of an instruction is laid out. The table stores the opcode
/// as one number; this says how to split it.
public enum OpcodeShape: Sendable {
    /// `XX` — byte 0 (RR, RX, RS, SI, SS).
    case firstByte
    /// `XXYY` — bytes 0 and 1 (S, RRE, SSE, E).
    case firstTwoBytes
    /// `XXY` — byte 0 and bits 12–15 (RI, RIL).
    case firstByteAndLowNibble
    /// `XXYY` — byte 0 and byte 5 (RXE, RSE).
    case firstAndLastByte
}

/// Machine architectures an instruction exists on.
public struct Architectures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// IBM System/370 (BC and EC mode).
    public static let s370 = Architectures(rawValue: 1)
    /// IBM System/360 Model 67 (the S/360 set plus its DAT instructions).
    public static let s360_67 = Architectures(rawValue: 2)

    /// Both machine models: the System/360 instruction set.
    public static let both: Architectures = [.s370, .s360_67]
}

/// Optional facilities. An instruction of a facility exists on a machine only
/// when that machine has the facility switched on.
public enum Facility: String, Sendable, CaseIterable {
    /// Always present on the architectures listed.
    case base
    /// The "370 extensions": the later instructions that
    /// `s390x-linux-gnu-gcc -m31 -march=z900 -mesa` emits (relative branches,
    /// halfword immediates, LARL, multiply/divide logical, add/subtract with
    /// carry, byte reversal, …), found by compiling representative C and
    /// disassembling it (see Tests/S370SpecTests/GCCFacilityProbeTests.swift).
    case ext370
}

/// Whether the instruction may be executed in the problem state.
public enum Privilege: String, Sendable {
    /// Executes in either state.
    case none
    /// Privileged-operation exception in the problem state.
    case privileged
    /// Allowed in the problem state only under control-register authority
    /// (SPKA with the PSW-key mask, IPK with extraction authority).
    case semiprivileged
}
