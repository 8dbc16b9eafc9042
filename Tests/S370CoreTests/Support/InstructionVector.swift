import Testing
import S370Core

/// One instruction vector: a short program run at X'1000' on a `TestMachine`,
/// its initial state (registers, storage, keys, control registers, PSW
/// fields), and what must hold afterwards: normal completion with a
/// condition code, or a program interruption with its code, ILC and old-PSW
/// address. Registers and storage areas the vector does not name as changed
/// must be unchanged, so stray stores show up too.
///
///     V("AR 1,2").regs([1: 5, 2: 7]).gives(cc: 2, regs: [1: 12])
///     V("AR 1,2").regs([1: 0x7FFF_FFFF, 2: 1]).mask(8)
///         .interrupts(0x08, cc: 3, regs: [1: 0x8000_0000])
struct InstructionVector: Sendable, CustomTestStringConvertible {
    var name: String
    var code: [UInt8]
    var model: MachineModel = .s370
    var facilities: Facilities = [.ext370]
    var pswHigh: UInt32 = 0
    /// Condition code before the run; 3 by default so that "unchanged" shows.
    var ccIn: UInt8 = 3
    var programMask: UInt8 = 0
    var regs: [Int: UInt32] = [:]
    var memory: [UInt32: [UInt8]] = [:]
    var keys: [UInt32: UInt8] = [:]
    var controlRegisters: [Int: UInt32] = [:]

    var wantRegs: [Int: UInt32] = [:]
    var wantMemory: [UInt32: [UInt8]] = [:]
    /// Condition code afterwards (nil: the one before).
    var wantCC: UInt8? = nil
    var interruption: UInt16? = nil
    var ilc: Int? = nil
    var oldAddress: UInt32? = nil

    var testDescription: String {
        var s = name
        if model == .s360_67 { s += " [360/67]" }
        if pswHigh & 0x0008_0000 != 0 { s += " [EC]" }
        return s
    }

    init(_ source: String, name: String? = nil) {
        self.name = name ?? source
        code = asm(source)
    }

    init(bytes: [UInt8], name: String) {
        self.name = name
        code = bytes
    }

    // MARK: Initial state

    func regs(_ r: [Int: UInt32]) -> Self { var v = self; v.regs.merge(r) { $1 }; return v }
    func mem(_ address: UInt32, _ hex: String) -> Self { var v = self; v.memory[address] = hexBytes(hex); return v }
    func cc(_ c: UInt8) -> Self { var v = self; v.ccIn = c; return v }
    func mask(_ m: UInt8) -> Self { var v = self; v.programMask = m; return v }
    func psw(_ high: UInt32) -> Self { var v = self; v.pswHigh = high; return v }
    func on67() -> Self { var v = self; v.model = .s360_67; v.facilities = []; return v }
    func withoutExt370() -> Self { var v = self; v.facilities = []; return v }
    func key(_ address: UInt32, _ k: UInt8) -> Self { var v = self; v.keys[address] = k; return v }
    func cr(_ n: Int, _ value: UInt32) -> Self { var v = self; v.controlRegisters[n] = value; return v }
    func named(_ n: String) -> Self { var v = self; v.name = n; return v }

    // MARK: Expectations

    /// Completes with condition code `cc` (nil: unchanged).
    func gives(cc: UInt8? = nil, regs: [Int: UInt32] = [:]) -> Self {
        var v = self
        v.wantCC = cc
        v.wantRegs.merge(regs) { $1 }
        return v
    }

    /// Storage at `address` afterwards.
    func leaves(_ address: UInt32, _ hex: String) -> Self { var v = self; v.wantMemory[address] = hexBytes(hex); return v }

    /// Ends in a program interruption. `ilc` defaults to the length of the
    /// first instruction, `at` (the old-PSW address) to X'1000' + ILC.
    func interrupts(_ code: UInt16, ilc: Int? = nil, at: UInt32? = nil,
                    cc: UInt8? = nil, regs: [Int: UInt32] = [:]) -> Self {
        var v = self
        v.interruption = code
        v.ilc = ilc
        v.oldAddress = at
        v.wantCC = cc
        v.wantRegs.merge(regs) { $1 }
        return v
    }

    // MARK: Running

    /// Runs the vector and records an issue for every difference.
    @discardableResult
    func check(sourceLocation: SourceLocation = #_sourceLocation) -> TestMachine {
        let m = TestMachine(model: model, facilities: facilities)
        for (r, value) in regs { m.gpr[r] = value }
        for (address, bytes) in memory { m.store(address, bytes) }
        for (n, value) in controlRegisters { m.machine.setCR(n, value) }
        for (address, k) in keys { m.machine.storage.setKey(at: address, k) }
        m.machine.storageKeysChanged()
        let before = (0..<16).map { m.gpr[$0] }
        let r = m.run(code, pswHigh: pswHigh, cc: ccIn, programMask: programMask, budget: 100_000)
        let firstLength = [2, 4, 4, 6][Int(code[0] >> 6)]
        if let interruption {
            #expect(r.programInterruption == interruption,
                    "interruption \(hex(r.programInterruption)), expected \(hex(interruption)); completed: \(r.completed)",
                    sourceLocation: sourceLocation)
            let wantILC = ilc ?? firstLength
            #expect(r.ilc == wantILC, "ILC", sourceLocation: sourceLocation)
            let wantAddress = oldAddress ?? TestMachine.codeAddress + UInt32(wantILC)
            #expect(r.oldAddress == wantAddress,
                    "old PSW address \(hex(r.oldAddress)), expected \(hex(wantAddress))",
                    sourceLocation: sourceLocation)
        } else {
            #expect(r.completed, "did not complete: interruption \(hex(r.programInterruption)), stop \(r.stop)",
                    sourceLocation: sourceLocation)
        }
        #expect(r.cc == (wantCC ?? ccIn), "condition code", sourceLocation: sourceLocation)
        for i in 0..<16 {
            let want = wantRegs[i] ?? before[i]
            #expect(m.gpr[i] == want, "R\(i) = \(hex(m.gpr[i])), expected \(hex(want))", sourceLocation: sourceLocation)
        }
        var areas = memory
        areas.merge(wantMemory) { $1 }
        for (address, want) in areas.sorted(by: { $0.key < $1.key }) {
            let got = m.bytes(address, want.count)
            #expect(got == want, "storage at \(hex(address)): \(hexString(got)), expected \(hexString(want))",
                    sourceLocation: sourceLocation)
        }
        return m
    }
}

/// Shorthand for building vectors.
typealias V = InstructionVector

func hex<T: BinaryInteger>(_ v: T?) -> String {
    guard let v else { return "none" }
    return "X'" + String(v, radix: 16, uppercase: true) + "'"
}

/// PSW first words used by the vectors.
enum PSWBits {
    /// EC mode, everything disabled, key 0, supervisor state.
    static let ec: UInt32 = 0x0008_0000
    /// BC mode, problem state.
    static let problem: UInt32 = 0x0001_0000
    /// PSW key `k` (bits 8–11).
    static func key(_ k: UInt32) -> UInt32 { k << 20 }
}
