/// The instruction table: every opcode the machine core, the assembler and the
/// disassembler know. Adding a row here (and a body in S370Core, then
/// `make gen`) gives all three the instruction.
///
/// Sources for the rows: IBM System/370 Principles of Operation (GA22-7000),
/// IBM System/360 Model 67 Functional Characteristics (GA27-2719), and for the
/// `ext370` facility the ESA/390 and z/Architecture Principles of Operation.
public enum InstructionTable {
    private static let s370: Architectures = .s370
    private static let s367: Architectures = .s360_67

    public static let all: [InstructionSpec] = [
        // MARK: RR — general
        .init("SPM", 0x04, .rrR1, title: "Set Program Mask"),
        .init("BALR", 0x05, .rr, title: "Branch and Link Register"),
        .init("BCTR", 0x06, .rr, title: "Branch on Count Register"),
        .init("BCR", 0x07, .rrM1R2, title: "Branch on Condition Register"),
        .init("SSK", 0x08, .rr, .both, .privileged, title: "Set Storage Key"),
        .init("ISK", 0x09, .rr, .both, .privileged, title: "Insert Storage Key"),
        .init("SVC", 0x0A, .rrI, title: "Supervisor Call"),
        .init("BASR", 0x0D, .rr, title: "Branch and Save Register"),
        .init("MVCL", 0x0E, .rr, s370, title: "Move Long"),
        .init("CLCL", 0x0F, .rr, s370, title: "Compare Logical Long"),
        .init("LPR", 0x10, .rr, title: "Load Positive Register"),
        .init("LNR", 0x11, .rr, title: "Load Negative Register"),
        .init("LTR", 0x12, .rr, title: "Load and Test Register"),
        .init("LCR", 0x13, .rr, title: "Load Complement Register"),
        .init("NR", 0x14, .rr, title: "AND Register"),
        .init("CLR", 0x15, .rr, title: "Compare Logical Register"),
        .init("OR", 0x16, .rr, title: "OR Register"),
        .init("XR", 0x17, .rr, title: "Exclusive OR Register"),
        .init("LR", 0x18, .rr, title: "Load Register"),
        .init("CR", 0x19, .rr, title: "Compare Register"),
        .init("AR", 0x1A, .rr, title: "Add Register"),
        .init("SR", 0x1B, .rr, title: "Subtract Register"),
        .init("MR", 0x1C, .rr, title: "Multiply Register"),
        .init("DR", 0x1D, .rr, title: "Divide Register"),
        .init("ALR", 0x1E, .rr, title: "Add Logical Register"),
        .init("SLR", 0x1F, .rr, title: "Subtract Logical Register"),

        // MARK: RR — floating point, long
        .init("LPDR", 0x20, .rr, title: "Load Positive (long)"),
        .init("LNDR", 0x21, .rr, title: "Load Negative (long)"),
        .init("LTDR", 0x22, .rr, title: "Load and Test (long)"),
        .init("LCDR", 0x23, .rr, title: "Load Complement (long)"),
        .init("HDR", 0x24, .rr, title: "Halve (long)"),
        .init("LRDR", 0x25, .rr, s370, title: "Load Rounded (extended to long)"),
        .init("MXR", 0x26, .rr, s370, title: "Multiply (extended)"),
        .init("MXDR", 0x27, .rr, s370, title: "Multiply (long to extended)"),
        .init("LDR", 0x28, .rr, title: "Load (long)"),
        .init("CDR", 0x29, .rr, title: "Compare (long)"),
        .init("ADR", 0x2A, .rr, title: "Add Normalized (long)"),
        .init("SDR", 0x2B, .rr, title: "Subtract Normalized (long)"),
        .init("MDR", 0x2C, .rr, title: "Multiply (long)"),
        .init("DDR", 0x2D, .rr, title: "Divide (long)"),
        .init("AWR", 0x2E, .rr, title: "Add Unnormalized (long)"),
        .init("SWR", 0x2F, .rr, title: "Subtract Unnormalized (long)"),

        // MARK: RR — floating point, short and extended
        .init("LPER", 0x30, .rr, title: "Load Positive (short)"),
        .init("LNER", 0x31, .rr, title: "Load Negative (short)"),
        .init("LTER", 0x32, .rr, title: "Load and Test (short)"),
        .init("LCER", 0x33, .rr, title: "Load Complement (short)"),
        .init("HER", 0x34, .rr, title: "Halve (short)"),
        .init("LRER", 0x35, .rr, s370, title: "Load Rounded (long to short)"),
        .init("AXR", 0x36, .rr, s370, title: "Add Normalized (extended)"),
        .init("SXR", 0x37, .rr, s370, title: "Subtract Normalized (extended)"),
        .init("LER", 0x38, .rr, title: "Load (short)"),
        .init("CER", 0x39, .rr, title: "Compare (short)"),
        .init("AER", 0x3A, .rr, title: "Add Normalized (short)"),
        .init("SER", 0x3B, .rr, title: "Subtract Normalized (short)"),
        .init("MER", 0x3C, .rr, title: "Multiply (short to long)"),
        .init("DER", 0x3D, .rr, title: "Divide (short)"),
        .init("AUR", 0x3E, .rr, title: "Add Unnormalized (short)"),
        .init("SUR", 0x3F, .rr, title: "Subtract Unnormalized (short)"),

        // MARK: RX — general
        .init("STH", 0x40, .rx, title: "Store Halfword"),
        .init("LA", 0x41, .rx, title: "Load Address"),
        .init("STC", 0x42, .rx, title: "Store Character"),
        .init("IC", 0x43, .rx, title: "Insert Character"),
        .init("EX", 0x44, .rx, title: "Execute"),
        .init("BAL", 0x45, .rx, title: "Branch and Link"),
        .init("BCT", 0x46, .rx, title: "Branch on Count"),
        .init("BC", 0x47, .rxM1, title: "Branch on Condition"),
        .init("LH", 0x48, .rx, title: "Load Halfword"),
        .init("CH", 0x49, .rx, title: "Compare Halfword"),
        .init("AH", 0x4A, .rx, title: "Add Halfword"),
        .init("SH", 0x4B, .rx, title: "Subtract Halfword"),
        .init("MH", 0x4C, .rx, title: "Multiply Halfword"),
        .init("BAS", 0x4D, .rx, title: "Branch and Save"),
        .init("CVD", 0x4E, .rx, title: "Convert to Decimal"),
        .init("CVB", 0x4F, .rx, title: "Convert to Binary"),
        .init("ST", 0x50, .rx, title: "Store"),
        .init("N", 0x54, .rx, title: "AND"),
        .init("CL", 0x55, .rx, title: "Compare Logical"),
        .init("O", 0x56, .rx, title: "OR"),
        .init("X", 0x57, .rx, title: "Exclusive OR"),
        .init("L", 0x58, .rx, title: "Load"),
        .init("C", 0x59, .rx, title: "Compare"),
        .init("A", 0x5A, .rx, title: "Add"),
        .init("S", 0x5B, .rx, title: "Subtract"),
        .init("M", 0x5C, .rx, title: "Multiply"),
        .init("D", 0x5D, .rx, title: "Divide"),
        .init("AL", 0x5E, .rx, title: "Add Logical"),
        .init("SL", 0x5F, .rx, title: "Subtract Logical"),

        // MARK: RX — floating point
        .init("STD", 0x60, .rx, title: "Store (long)"),
        .init("MXD", 0x67, .rx, s370, title: "Multiply (long to extended)"),
        .init("LD", 0x68, .rx, title: "Load (long)"),
        .init("CD", 0x69, .rx, title: "Compare (long)"),
        .init("AD", 0x6A, .rx, title: "Add Normalized (long)"),
        .init("SD", 0x6B, .rx, title: "Subtract Normalized (long)"),
        .init("MD", 0x6C, .rx, title: "Multiply (long)"),
        .init("DD", 0x6D, .rx, title: "Divide (long)"),
        .init("AW", 0x6E, .rx, title: "Add Unnormalized (long)"),
        .init("SW", 0x6F, .rx, title: "Subtract Unnormalized (long)"),
        .init("STE", 0x70, .rx, title: "Store (short)"),
        .init("MS", 0x71, .rx, s370, .none, .ext370, title: "Multiply Single"),
        .init("LE", 0x78, .rx, title: "Load (short)"),
        .init("CE", 0x79, .rx, title: "Compare (short)"),
        .init("AE", 0x7A, .rx, title: "Add Normalized (short)"),
        .init("SE", 0x7B, .rx, title: "Subtract Normalized (short)"),
        .init("ME", 0x7C, .rx, title: "Multiply (short to long)"),
        .init("DE", 0x7D, .rx, title: "Divide (short)"),
        .init("AU", 0x7E, .rx, title: "Add Unnormalized (short)"),
        .init("SU", 0x7F, .rx, title: "Subtract Unnormalized (short)"),

        // MARK: RS, SI, S — 80–9F
        .init("SSM", 0x80, .s8, .both, .privileged, title: "Set System Mask"),
        .init("LPSW", 0x82, .s8, .both, .privileged, title: "Load PSW"),
        .init("DIAG", 0x83, .rs, .both, .privileged, aliases: ["DIAGNOSE"], title: "Diagnose"),
        .init("WRD", 0x84, .si, .both, .privileged, title: "Write Direct"),
        .init("RDD", 0x85, .si, .both, .privileged, title: "Read Direct"),
        .init("BRXH", 0x84, .rsi, s370, .none, .ext370, aliases: ["JXH"], title: "Branch Relative on Index High"),
        .init("BRXLE", 0x85, .rsi, s370, .none, .ext370, aliases: ["JXLE"], title: "Branch Relative on Index Low or Equal"),
        .init("BXH", 0x86, .rs, title: "Branch on Index High"),
        .init("BXLE", 0x87, .rs, title: "Branch on Index Low or Equal"),
        .init("SRL", 0x88, .rsR1, title: "Shift Right Single Logical"),
        .init("SLL", 0x89, .rsR1, title: "Shift Left Single Logical"),
        .init("SRA", 0x8A, .rsR1, title: "Shift Right Single"),
        .init("SLA", 0x8B, .rsR1, title: "Shift Left Single"),
        .init("SRDL", 0x8C, .rsR1, title: "Shift Right Double Logical"),
        .init("SLDL", 0x8D, .rsR1, title: "Shift Left Double Logical"),
        .init("SRDA", 0x8E, .rsR1, title: "Shift Right Double"),
        .init("SLDA", 0x8F, .rsR1, title: "Shift Left Double"),
        .init("STM", 0x90, .rs, title: "Store Multiple"),
        .init("TM", 0x91, .si, title: "Test under Mask"),
        .init("MVI", 0x92, .si, title: "Move Immediate"),
        .init("TS", 0x93, .s8, title: "Test and Set"),
        .init("NI", 0x94, .si, title: "AND Immediate"),
        .init("CLI", 0x95, .si, title: "Compare Logical Immediate"),
        .init("OI", 0x96, .si, title: "OR Immediate"),
        .init("XI", 0x97, .si, title: "Exclusive OR Immediate"),
        .init("LM", 0x98, .rs, title: "Load Multiple"),
        .init("SIO", 0x9C00, .s, .both, .privileged, title: "Start I/O"),
        .init("SIOF", 0x9C01, .s, s370, .privileged, title: "Start I/O Fast Release"),
        .init("TIO", 0x9D00, .s, .both, .privileged, title: "Test I/O"),
        .init("CLRIO", 0x9D01, .s, s370, .privileged, title: "Clear I/O"),
        .init("HIO", 0x9E00, .s, .both, .privileged, title: "Halt I/O"),
        .init("HDV", 0x9E01, .s, s370, .privileged, title: "Halt Device"),
        .init("TCH", 0x9F00, .s, .both, .privileged, title: "Test Channel"),

        // MARK: A0–BF
        .init("TMH", 0xA70, .ri, s370, .none, .ext370, aliases: ["TMLH"], title: "Test under Mask High"),
        .init("TML", 0xA71, .ri, s370, .none, .ext370, aliases: ["TMLL"], title: "Test under Mask Low"),
        .init("BRC", 0xA74, .riM1Rel, s370, .none, .ext370, title: "Branch Relative on Condition"),
        .init("BRAS", 0xA75, .riRel, s370, .none, .ext370, aliases: ["JAS"], title: "Branch Relative and Save"),
        .init("BRCT", 0xA76, .riRel, s370, .none, .ext370, aliases: ["JCT"], title: "Branch Relative on Count"),
        .init("LHI", 0xA78, .ri, s370, .none, .ext370, title: "Load Halfword Immediate"),
        .init("AHI", 0xA7A, .ri, s370, .none, .ext370, title: "Add Halfword Immediate"),
        .init("MHI", 0xA7C, .ri, s370, .none, .ext370, title: "Multiply Halfword Immediate"),
        .init("CHI", 0xA7E, .ri, s370, .none, .ext370, title: "Compare Halfword Immediate"),
        .init("MVCLE", 0xA8, .rs, s370, .none, .ext370, title: "Move Long Extended"),
        .init("CLCLE", 0xA9, .rs, s370, .none, .ext370, title: "Compare Logical Long Extended"),
        .init("STNSM", 0xAC, .si, s370, .privileged, title: "Store Then AND System Mask"),
        .init("STOSM", 0xAD, .si, s370, .privileged, title: "Store Then OR System Mask"),
        .init("SIGP", 0xAE, .rs, s370, .privileged, title: "Signal Processor"),
        .init("MC", 0xAF, .si, s370, title: "Monitor Call"),
        .init("STMC", 0xB0, .rs, s367, .privileged, title: "Store Multiple Control"),
        .init("LRA", 0xB1, .rx, .both, .privileged, title: "Load Real Address"),
        .init("STIDP", 0xB202, .s, s370, .privileged, title: "Store CPU ID"),
        .init("STIDC", 0xB203, .s, s370, .privileged, title: "Store Channel ID"),
        .init("SCK", 0xB204, .s, s370, .privileged, title: "Set Clock"),
        .init("STCK", 0xB205, .s, s370, title: "Store Clock"),
        .init("SCKC", 0xB206, .s, s370, .privileged, title: "Set Clock Comparator"),
        .init("STCKC", 0xB207, .s, s370, .privileged, title: "Store Clock Comparator"),
        .init("SPT", 0xB208, .s, s370, .privileged, title: "Set CPU Timer"),
        .init("STPT", 0xB209, .s, s370, .privileged, title: "Store CPU Timer"),
        .init("SPKA", 0xB20A, .s, s370, .semiprivileged, title: "Set PSW Key from Address"),
        .init("IPK", 0xB20B, .s0, s370, .semiprivileged, title: "Insert PSW Key"),
        .init("PTLB", 0xB20D, .s0, s370, .privileged, title: "Purge TLB"),
        .init("SPX", 0xB210, .s, s370, .privileged, title: "Set Prefix"),
        .init("STPX", 0xB211, .s, s370, .privileged, title: "Store Prefix"),
        .init("STAP", 0xB212, .s, s370, .privileged, title: "Store CPU Address"),
        .init("RRB", 0xB213, .s, s370, .privileged, title: "Reset Reference Bit"),
        .init("IPM", 0xB222, .rreR1, s370, .none, .ext370, title: "Insert Program Mask"),
        .init("MSR", 0xB252, .rre, s370, .none, .ext370, title: "Multiply Single Register"),
        .init("MVST", 0xB255, .rre, s370, .none, .ext370, title: "Move String"),
        .init("CLST", 0xB25D, .rre, s370, .none, .ext370, title: "Compare Logical String"),
        .init("SRST", 0xB25E, .rre, s370, .none, .ext370, title: "Search String"),
        .init("STCTL", 0xB6, .rs, s370, .privileged, title: "Store Control"),
        .init("LCTL", 0xB7, .rs, s370, .privileged, title: "Load Control"),
        .init("LMC", 0xB8, .rs, s367, .privileged, title: "Load Multiple Control"),
        .init("LRVR", 0xB91F, .rre, s370, .none, .ext370, title: "Load Reversed Register"),
        .init("MLR", 0xB996, .rre, s370, .none, .ext370, title: "Multiply Logical Register"),
        .init("DLR", 0xB997, .rre, s370, .none, .ext370, title: "Divide Logical Register"),
        .init("ALCR", 0xB998, .rre, s370, .none, .ext370, title: "Add Logical with Carry Register"),
        .init("SLBR", 0xB999, .rre, s370, .none, .ext370, title: "Subtract Logical with Borrow Register"),
        .init("CS", 0xBA, .rs, s370, title: "Compare and Swap"),
        .init("CDS", 0xBB, .rs, s370, title: "Compare Double and Swap"),
        .init("CLM", 0xBD, .rsM3, s370, title: "Compare Logical Characters under Mask"),
        .init("STCM", 0xBE, .rsM3, s370, title: "Store Characters under Mask"),
        .init("ICM", 0xBF, .rsM3, s370, title: "Insert Characters under Mask"),

        // MARK: C0–FF
        .init("LARL", 0xC00, .rilRel, s370, .none, .ext370, title: "Load Address Relative Long"),
        .init("BRCL", 0xC04, .rilM1Rel, s370, .none, .ext370, title: "Branch Relative on Condition Long"),
        .init("BRASL", 0xC05, .rilRel, s370, .none, .ext370, aliases: ["JASL"], title: "Branch Relative and Save Long"),
        .init("MVN", 0xD1, .ssL, title: "Move Numerics"),
        .init("MVC", 0xD2, .ssL, title: "Move Characters"),
        .init("MVZ", 0xD3, .ssL, title: "Move Zones"),
        .init("NC", 0xD4, .ssL, title: "AND Characters"),
        .init("CLC", 0xD5, .ssL, title: "Compare Logical Characters"),
        .init("OC", 0xD6, .ssL, title: "OR Characters"),
        .init("XC", 0xD7, .ssL, title: "Exclusive OR Characters"),
        .init("TR", 0xDC, .ssL, title: "Translate"),
        .init("TRT", 0xDD, .ssL, title: "Translate and Test"),
        .init("ED", 0xDE, .ssL, title: "Edit"),
        .init("EDMK", 0xDF, .ssL, title: "Edit and Mark"),
        .init("LRV", 0xE31E, .rxe, s370, .none, .ext370, title: "Load Reversed"),
        .init("LRVH", 0xE31F, .rxe, s370, .none, .ext370, title: "Load Reversed Halfword"),
        .init("STRV", 0xE33E, .rxe, s370, .none, .ext370, title: "Store Reversed"),
        .init("STRVH", 0xE33F, .rxe, s370, .none, .ext370, title: "Store Reversed Halfword"),
        .init("ML", 0xE396, .rxe, s370, .none, .ext370, title: "Multiply Logical"),
        .init("DL", 0xE397, .rxe, s370, .none, .ext370, title: "Divide Logical"),
        .init("ALC", 0xE398, .rxe, s370, .none, .ext370, title: "Add Logical with Carry"),
        .init("SLB", 0xE399, .rxe, s370, .none, .ext370, title: "Subtract Logical with Borrow"),
        .init("RLL", 0xEB1D, .rse, s370, .none, .ext370, title: "Rotate Left Single Logical"),
        .init("SRP", 0xF0, .ssLI, s370, title: "Shift and Round Decimal"),
        .init("MVO", 0xF1, .ssLL, title: "Move with Offset"),
        .init("PACK", 0xF2, .ssLL, title: "Pack"),
        .init("UNPK", 0xF3, .ssLL, title: "Unpack"),
        .init("ZAP", 0xF8, .ssLL, title: "Zero and Add Decimal"),
        .init("CP", 0xF9, .ssLL, title: "Compare Decimal"),
        .init("AP", 0xFA, .ssLL, title: "Add Decimal"),
        .init("SP", 0xFB, .ssLL, title: "Subtract Decimal"),
        .init("MP", 0xFC, .ssLL, title: "Multiply Decimal"),
        .init("DP", 0xFD, .ssLL, title: "Divide Decimal"),
    ]

    /// Looks an instruction up by mnemonic or alias (upper case).
    public static func named(_ name: String) -> InstructionSpec? { byName[name.uppercased()] }

    private static let byName: [String: InstructionSpec] = {
        var map: [String: InstructionSpec] = [:]
        for row in all {
            map[row.mnemonic] = row
            for alias in row.aliases { map[alias] = row }
        }
        return map
    }()

    /// The instruction that starts with the given bytes on the given machine,
    /// or nil when no such instruction is installed (an operation exception).
    /// `bytes` needs as many bytes as the instruction is long; at least two.
    public static func decode(_ bytes: [UInt8], architecture: Architectures,
                              facilities: Set<Facility>) -> InstructionSpec? {
        guard let first = bytes.first else { return nil }
        let candidates = byFirstByte[Int(first)]
        var best: InstructionSpec?
        for row in candidates where row.isAvailable(on: architecture, facilities: facilities) {
            if let ext = row.extendedOpcode {
                let actual: UInt8
                switch row.format.opcodeShape {
                case .firstByte: continue
                case .firstTwoBytes:
                    guard bytes.count > 1 else { continue }
                    actual = bytes[1]
                case .firstByteAndLowNibble:
                    guard bytes.count > 1 else { continue }
                    actual = bytes[1] & 0x0F
                case .firstAndLastByte:
                    guard bytes.count > 5 else { continue }
                    actual = bytes[5]
                }
                if actual != ext { continue }
            }
            // A facility row shadows the base row with the same opcode (84, 85).
            if best == nil || row.facility != .base { best = row }
        }
        return best
    }

    private static let byFirstByte: [[InstructionSpec]] = {
        var table = [[InstructionSpec]](repeating: [], count: 256)
        for row in all { table[Int(row.firstByte)].append(row) }
        return table
    }()
}
