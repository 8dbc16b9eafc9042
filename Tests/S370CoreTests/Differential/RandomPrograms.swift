import S370Spec

/// Builds one core image holding many small random-but-valid programs and a
/// driver that runs them one after another, so one Hercules session and one
/// vm67 run can be compared byte for byte.
///
/// Each program runs in BC mode, key 1, problem state, with its own 2 KB
/// data area (storage key 1) addressed through R12 and its code addressed
/// through R11; both registers are never written by the random instructions.
/// It ends with SVC 255, or earlier in a program interruption. The driver
/// (key 0) records the registers, FPRs, the old PSW and which interruption
/// ended it in the program's result area.
struct RandomPrograms {
    static let testBase: UInt32 = 0x10000
    static let testStride: UInt32 = 0x1000
    static let codeOffset: UInt32 = 0x100
    static let resultOffset: UInt32 = 0x80
    static let dataOffset: UInt32 = 0x800
    static let mainsizeMB = 2

    let count: Int
    var image: [UInt8]
    /// Mnemonics used, for the report.
    private(set) var used: [String: Int] = [:]
    private var rng: SplitMix

    init(seed: UInt64, count: Int = 150, instructionsPerProgram: ClosedRange<Int> = 6...18) {
        self.count = count
        rng = SplitMix(seed: seed)
        image = [UInt8](repeating: 0, count: Int(RandomPrograms.testBase + UInt32(count) * RandomPrograms.testStride))
        writeLowCore()
        writeDriver()
        for k in 0..<count { writeProgram(k, length: Int.random(in: instructionsPerProgram, using: &rng)) }
    }

    // MARK: Layout helpers

    static func base(_ k: Int) -> UInt32 { testBase + UInt32(k) * testStride }
    static func results(_ k: Int) -> UInt32 { base(k) + resultOffset }
    static func data(_ k: Int) -> UInt32 { base(k) + dataOffset }

    mutating func put(_ address: UInt32, _ bytes: [UInt8]) {
        for (i, b) in bytes.enumerated() { image[Int(address) + i] = b }
    }

    mutating func put32(_ address: UInt32, _ v: UInt32) {
        put(address, [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)])
    }

    mutating func put64(_ address: UInt32, _ v: UInt64) {
        put32(address, UInt32(v >> 32)); put32(address + 4, UInt32(truncatingIfNeeded: v))
    }

    // MARK: Driver (hand-assembled; all addresses below 4 KB, base register 0)

    enum Low {
        static let saveGPR: UInt32 = 0x200, saveFPR: UInt32 = 0x240, oldPSW: UInt32 = 0x260
        static let kind: UInt32 = 0x268, index: UInt32 = 0x26C, count: UInt32 = 0x270
        static let current: UInt32 = 0x274, testPSW: UInt32 = 0x278, donePSW: UInt32 = 0x280
        static let table: UInt32 = 0x400
        static let driver: UInt32 = 0x800, dispatch: UInt32 = 0x830, finish: UInt32 = 0x866
        static let collectSVC: UInt32 = 0x870, collectProgram: UInt32 = 0x890, collectExternal: UInt32 = 0x8B0
        static let common: UInt32 = 0x8D0
    }

    private mutating func writeLowCore() {
        put64(0x00, UInt64(Low.driver))
        put64(0x58, UInt64(Low.collectExternal))
        put64(0x60, UInt64(Low.collectSVC))
        put64(0x68, UInt64(Low.collectProgram))
        put64(0x70, 0x0002_0000_00BA_D070)
        put64(0x78, 0x0002_0000_00BA_D078)
        put32(Low.count, UInt32(count))
        put64(Low.donePSW, 0x0002_0000_0000_0000)
        for k in 0..<count { put32(Low.table + UInt32(4 * k), RandomPrograms.base(k)) }
    }

    private mutating func writeDriver() {
        // Set storage key 1 on every data area, then run the programs.
        put(0x800, [0x1B, 0x11,                     // SR   1,1
                    0x41, 0x40, 0x00, 0x10,         // LA   4,X'10'       key 1
                    0x59, 0x10, 0x02, 0x70,         // C    1,COUNT
                    0x47, 0xB0, 0x08, 0x30,         // BNL  DISPATCH
                    0x18, 0x31,                     // LR   3,1
                    0x89, 0x30, 0x00, 0x02,         // SLL  3,2
                    0x58, 0x23, 0x04, 0x00,         // L    2,TABLE(3)
                    0x58, 0x50, 0x20, 0x6C,         // L    5,108(2)      data area
                    0x08, 0x45,                     // SSK  4,5
                    0x41, 0x10, 0x10, 0x01,         // LA   1,1(1)
                    0x47, 0xF0, 0x08, 0x06])        // B    back to C
        put(Low.dispatch, [
            0x58, 0x10, 0x02, 0x6C,         // L    1,INDEX
            0x59, 0x10, 0x02, 0x70,         // C    1,COUNT
            0x47, 0xB0, 0x08, 0x66,         // BNL  FINISH
            0x89, 0x10, 0x00, 0x02,         // SLL  1,2
            0x58, 0x21, 0x04, 0x00,         // L    2,TABLE(1)
            0x50, 0x20, 0x02, 0x74,         // ST   2,CURRENT
            0xD2, 0x07, 0x02, 0x78, 0x20, 0x00,  // MVC TESTPSW(8),0(2)
            0x68, 0x00, 0x20, 0x48,         // LD   0,72(2)
            0x68, 0x20, 0x20, 0x50,         // LD   2,80(2)
            0x68, 0x40, 0x20, 0x58,         // LD   4,88(2)
            0x68, 0x60, 0x20, 0x60,         // LD   6,96(2)
            0x98, 0x0F, 0x20, 0x08,         // LM   0,15,8(2)
            0x82, 0x00, 0x02, 0x78])        // LPSW TESTPSW
        put(Low.finish, [0x82, 0x00, 0x02, 0x80])   // LPSW DONEPSW
        for (at, kind, old) in [(Low.collectSVC, UInt8(1), UInt8(0x20)),
                                (Low.collectProgram, 2, 0x28),
                                (Low.collectExternal, 3, 0x18)] {
            put(at, [0x90, 0x0F, 0x02, 0x00,        // STM  0,15,SAVEG
                     0x41, 0x10, 0x00, kind,        // LA   1,kind
                     0xD2, 0x07, 0x02, 0x60, 0x00, old,  // MVC OLDPSW(8),old
                     0x47, 0xF0, 0x08, 0xD0])       // B    COMMON
        }
        put(Low.common, [
            0x50, 0x10, 0x02, 0x68,                 // ST   1,KIND
            0x60, 0x00, 0x02, 0x40,                 // STD  0,SAVEF
            0x60, 0x20, 0x02, 0x48,                 // STD  2,SAVEF+8
            0x60, 0x40, 0x02, 0x50,                 // STD  4,SAVEF+16
            0x60, 0x60, 0x02, 0x58,                 // STD  6,SAVEF+24
            0x58, 0x20, 0x02, 0x74,                 // L    2,CURRENT
            0x58, 0x30, 0x20, 0x68,                 // L    3,104(2)   results
            0xD2, 0x3F, 0x30, 0x00, 0x02, 0x00,     // MVC  0(64,3),SAVEG
            0xD2, 0x1F, 0x30, 0x40, 0x02, 0x40,     // MVC  64(32,3),SAVEF
            0xD2, 0x07, 0x30, 0x60, 0x02, 0x60,     // MVC  96(8,3),OLDPSW
            0xD2, 0x03, 0x30, 0x68, 0x02, 0x68,     // MVC  104(4,3),KIND
            0x58, 0x10, 0x02, 0x6C,                 // L    1,INDEX
            0x41, 0x10, 0x10, 0x01,                 // LA   1,1(1)
            0x50, 0x10, 0x02, 0x6C,                 // ST   1,INDEX
            0x47, 0xF0, 0x08, 0x30])                // B    DISPATCH
    }

    // MARK: Programs

    /// Register fields the random instructions may use: all but R11 (code
    /// base) and R12 (data base), and R10, whose even/odd pair includes R11.
    static let freeRegisters = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15]
    /// LM and STM ranges never reach R10–R12: both ends come from this run.
    static let registerRun = [13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]

    /// Branches whose targets come from registers or are backward are left
    /// out (a random program must end); I/O and privileged instructions are
    /// in (they give a privileged-operation exception in the problem state).
    /// Instructions whose result depends on time (STCK) or on a CPU-determined
    /// amount (MVCLE, CLCLE, MVST, CLST, SRST) are left out, as are MVCL and
    /// CLCL, whose partial completion on an access exception is model-dependent.
    static let candidates: [InstructionSpec] = InstructionTable.all.filter { row in
        row.architectures.contains(.s370) && row.facility == .base
            && !["SVC", "EX", "STCK", "MVCL", "CLCL", "BALR", "BCTR", "BCR", "BASR",
                 "LPSW", "SSM", "SIGP", "DIAG", "WRD", "RDD", "STNSM", "STOSM"].contains(row.mnemonic)
    }

    static let forwardBranches: Set<String> = ["BC", "BAL", "BAS", "BCT", "BXH", "BXLE"]

    private mutating func reg() -> UInt8 { UInt8(RandomPrograms.freeRegisters.randomElement(using: &rng)!) }
    private mutating func evenReg() -> UInt8 { [0, 2, 4, 6, 8, 14].randomElement(using: &rng)! }
    private mutating func fpReg() -> UInt8 { rng.next() % 8 == 0 ? reg() : [0, 2, 4, 6].randomElement(using: &rng)! }

    /// A displacement into the data area (R12), mostly leaving room for the operand.
    private mutating func dataDisplacement() -> UInt32 { UInt32.random(in: 0...0x6FF, using: &rng) }

    /// D(X,B) on the data area: B = R12, X usually 0.
    private mutating func dataBDX() -> (b: UInt8, x: UInt8, d: UInt32) {
        let x: UInt8 = rng.next() % 6 == 0 ? reg() : 0
        return (12, x, dataDisplacement())
    }

    private mutating func writeProgram(_ k: Int, length: Int) {
        let base = RandomPrograms.base(k)
        let code = base + RandomPrograms.codeOffset
        let data = RandomPrograms.data(k)

        // Data area: random bytes with valid packed fields and floating-point numbers mixed in.
        for i in stride(from: 0, to: 0x800, by: 8) {
            switch rng.next() % 4 {
            case 0: put64(data + UInt32(i), packed(rng.next()))
            case 1: put64(data + UInt32(i), hexFloat())
            default: put64(data + UInt32(i), rng.next())
            }
        }

        // Instructions first (branch targets are fixed up once offsets are known).
        var instructions: [[UInt8]] = []
        var branchSlots: [Int] = []
        for _ in 0..<length {
            let row = RandomPrograms.candidates.randomElement(using: &rng)!
            used[row.mnemonic, default: 0] += 1
            if RandomPrograms.forwardBranches.contains(row.mnemonic) { branchSlots.append(instructions.count) }
            instructions.append(encode(row))
        }
        instructions.append([0x0A, 0xFF])                     // SVC 255
        var offsets: [UInt32] = []
        var o: UInt32 = 0
        for ins in instructions { offsets.append(o); o += UInt32(ins.count) }
        for slot in branchSlots {
            // Target: a later instruction, at most the final SVC, addressed D(0,R11).
            let target = offsets[Int.random(in: (slot + 1)...(instructions.count - 1), using: &rng)]
            instructions[slot][2] = 0xB0 | UInt8(target >> 8)
            instructions[slot][3] = UInt8(truncatingIfNeeded: target)
            if instructions[slot][0] == 0x47 || instructions[slot][0] == 0x45 || instructions[slot][0] == 0x4D || instructions[slot][0] == 0x46 {
                instructions[slot][1] &= 0xF0   // no index register on a branch target
            }
        }
        var a = code
        for ins in instructions { put(a, ins); a += UInt32(ins.count) }

        // Descriptor: PSW, registers, FPRs, result and data addresses.
        let cc = UInt32(rng.next() % 4), mask = UInt32(rng.next() % 16)
        put64(base, UInt64(0x0011_0000) << 32 | UInt64(cc << 28 | mask << 24 | code))
        for r in 0..<16 {
            var v: UInt32
            switch rng.next() % 5 {
            case 0: v = UInt32(rng.next() % 64)
            case 1: v = data + UInt32(rng.next() % 0x700)
            case 2: v = UInt32(truncatingIfNeeded: rng.next()) | 0x8000_0000
            default: v = UInt32(truncatingIfNeeded: rng.next())
            }
            if r == 11 { v = code }
            if r == 12 { v = data }
            put32(base + 8 + UInt32(4 * r), v)
        }
        for f in 0..<4 { put64(base + 72 + UInt32(8 * f), hexFloat()) }
        put32(base + 104, RandomPrograms.results(k))
        put32(base + 108, data)
    }

    /// A packed-decimal doubleword with a valid sign, sometimes short.
    private mutating func packed(_ seed: UInt64) -> UInt64 {
        var v: UInt64 = 0
        let digits = Int(seed % 15) + 1
        var s = seed
        for _ in 0..<digits { v = v << 4 | (s % 10); s /= 10 }
        let sign: UInt64 = [0xC, 0xD, 0xF, 0xA, 0xB].randomElement(using: &rng)!
        return v << 4 | sign
    }

    /// A long HFP number: usually normalised, sometimes zero or unnormalised.
    private mutating func hexFloat() -> UInt64 {
        let r = rng.next()
        switch r % 8 {
        case 0: return 0
        case 1: return r & 0x80FF_FFFF_FFFF_FFFF     // characteristic 0..: tiny
        case 2: return r & 0xFF0F_FFFF_FFFF_FFFF     // unnormalised
        default:
            let sign = r & 0x8000_0000_0000_0000
            let characteristic = UInt64(0x38 + (r >> 8) % 16) << 56
            let fraction = (r & 0x00FF_FFFF_FFFF_FFFF) | 0x0010_0000_0000_0000
            return sign | characteristic | fraction
        }
    }

    private mutating func encode(_ row: InstructionSpec) -> [UInt8] {
        let op = row.firstByte
        let fp = row.firstByte >= 0x20 && row.firstByte < 0x40 || (row.firstByte >= 0x60 && row.firstByte < 0x80)
        switch row.format {
        case .rr:
            let r1 = fp ? fpReg() : reg(), r2 = fp ? fpReg() : reg()
            return [op, r1 << 4 | r2]
        case .rrR1:
            return [op, reg() << 4]
        case .rrM1R2, .rrI, .rxM1:
            let (b, _, d) = dataBDX()
            return [op, UInt8(rng.next() % 16) << 4, b << 4 | UInt8(d >> 8), UInt8(truncatingIfNeeded: d)]
        case .rx:
            let r1 = fp ? fpReg() : reg()
            let (b, x, d) = dataBDX()
            return [op, r1 << 4 | x, b << 4 | UInt8(d >> 8), UInt8(truncatingIfNeeded: d)]
        case .rs:
            let (b, _, d) = dataBDX()
            let even = ["CDS", "MVCLE"].contains(row.mnemonic) && rng.next() % 4 != 0
            var r1 = even ? evenReg() : reg(), r3 = even ? evenReg() : reg()
            if ["LM", "STM", "LCTL", "STCTL"].contains(row.mnemonic) {
                let i = Int.random(in: 0..<RandomPrograms.registerRun.count, using: &rng)
                let j = Int.random(in: i..<RandomPrograms.registerRun.count, using: &rng)
                r1 = UInt8(RandomPrograms.registerRun[i]); r3 = UInt8(RandomPrograms.registerRun[j])
            }
            return [op, r1 << 4 | r3, b << 4 | UInt8(d >> 8), UInt8(truncatingIfNeeded: d)]
        case .rsR1:
            let shift = UInt8(rng.next() % 64)
            let r1 = row.mnemonic.hasSuffix("DL") || row.mnemonic.hasSuffix("DA") ? evenReg() : reg()
            return [op, r1 << 4, 0x00, shift]
        case .rsM3:
            let (b, _, d) = dataBDX()
            return [op, reg() << 4 | UInt8(rng.next() % 16), b << 4 | UInt8(d >> 8), UInt8(truncatingIfNeeded: d)]
        case .si, .s8:
            let (b, _, d) = dataBDX()
            return [op, UInt8(truncatingIfNeeded: rng.next()), b << 4 | UInt8(d >> 8), UInt8(truncatingIfNeeded: d)]
        case .s, .s0:
            let (b, _, d) = dataBDX()
            return [op, row.extendedOpcode!, b << 4 | UInt8(d >> 8), UInt8(truncatingIfNeeded: d)]
        case .ssL:
            let d1 = dataDisplacement(), d2 = dataDisplacement()
            let length = UInt8(rng.next() % 4 == 0 ? rng.next() % 256 : rng.next() % 16)
            return [op, length, 0xC0 | UInt8(d1 >> 8), UInt8(truncatingIfNeeded: d1), 0xC0 | UInt8(d2 >> 8), UInt8(truncatingIfNeeded: d2)]
        case .ssLL, .ssLI:
            let d1 = dataDisplacement(), d2 = dataDisplacement()
            let lengths = UInt8(truncatingIfNeeded: rng.next())
            return [op, lengths, 0xC0 | UInt8(d1 >> 8), UInt8(truncatingIfNeeded: d1), 0xC0 | UInt8(d2 >> 8), UInt8(truncatingIfNeeded: d2)]
        default:
            // Formats of the facility instructions are not generated (base S/370 only).
            return [0x07, 0x00]
        }
    }
}

/// A small deterministic generator (SplitMix64), so a seed names a program set.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
