/// The instruction interpreter for one machine model. It is a thin value over
/// the `CPUState` it runs, generic over the model so that model checks are
/// constants in the specialised code. Created afresh for every `run` call;
/// it caches the state's raw pointers in its own fields.
struct Interp<M: ModelTraits> {
    unowned(unsafe) let s: CPUState
    let gpr: UnsafeMutablePointer<UInt32>
    let fpr: UnsafeMutablePointer<UInt64>
    let cr: UnsafeMutablePointer<UInt32>
    let storage: Storage
    let mem: UnsafeMutablePointer<UInt8>
    let memSize: UInt32

    init(_ state: CPUState) {
        s = state
        gpr = state.gpr
        fpr = state.fpr
        cr = state.cr
        storage = state.storage
        mem = state.storage.bytes
        memSize = UInt32(state.storage.size)   // fixed for one run; CP changes it only between runs
    }

    /// Mask applied to every computed address: 24 bits, or 32 on a 360/67 in 32-bit mode.
    @inline(__always)
    var amask: UInt32 { M.is370 ? 0x00FF_FFFF : s.addressMask }

    // MARK: Operand fields

    @inline(__always) func r1(_ p: UnsafeMutablePointer<UInt8>) -> Int { Int(p[1] >> 4) }
    @inline(__always) func r2(_ p: UnsafeMutablePointer<UInt8>) -> Int { Int(p[1] & 0x0F) }

    /// Base-displacement halfword at offset `at`: B in bits 0–3, D in 4–15.
    @inline(__always)
    func baseDisplacement(_ p: UnsafeMutablePointer<UInt8>, at offset: Int) -> UInt32 {
        let bd = UInt32(UnsafeRawPointer(p + offset).loadUnaligned(as: UInt16.self).bigEndian)
        let b = Int(bd >> 12)
        var a = bd & 0x0FFF
        if b != 0 { a &+= gpr[b] }
        return a & amask
    }

    /// Second-operand address of an RX instruction: D2(X2,B2).
    @inline(__always)
    func addressRX(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 {
        let x = Int(p[1] & 0x0F)
        let bd = UInt32(UnsafeRawPointer(p + 2).loadUnaligned(as: UInt16.self).bigEndian)
        let b = Int(bd >> 12)
        var a = bd & 0x0FFF
        if x != 0 { a &+= gpr[x] }
        if b != 0 { a &+= gpr[b] }
        return a & amask
    }

    /// Operand address of RS, SI and S formats: D2(B2) in bytes 2–3.
    @inline(__always)
    func addressS(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 { baseDisplacement(p, at: 2) }

    /// Second-operand address of RXE instructions (E3xx): D2(X2,B2), with the
    /// z/Architecture DH byte (byte 4) as the high part of a signed displacement.
    @inline(__always)
    func addressRXE(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 {
        let x = Int(p[1] & 0x0F)
        let bd = UInt32(UnsafeRawPointer(p + 2).loadUnaligned(as: UInt16.self).bigEndian)
        let b = Int(bd >> 12)
        let dh = UInt32(bitPattern: Int32(Int8(bitPattern: p[4])) << 12)
        var a = (bd & 0x0FFF) &+ dh
        if x != 0 { a &+= gpr[x] }
        if b != 0 { a &+= gpr[b] }
        return a & amask
    }

    /// Address relative instructions count from: the instruction itself, or
    /// the target of EXECUTE when it runs one.
    @inline(__always)
    var relativeBase: UInt32 { s.executing ? s.executeTarget : s.instructionAddress }

    /// Relative target: the instruction address plus twice the signed halfword at offset 2.
    @inline(__always)
    func relativeTarget16(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 {
        let i2 = Int32(Int16(bitPattern: UnsafeRawPointer(p + 2).loadUnaligned(as: UInt16.self).bigEndian))
        return (relativeBase &+ UInt32(bitPattern: i2 &* 2)) & amask
    }

    /// Relative-long target: the instruction address plus twice the signed word at offset 2.
    @inline(__always)
    func relativeTarget32(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 {
        let i2 = UnsafeRawPointer(p + 2).loadUnaligned(as: UInt32.self).bigEndian
        return (relativeBase &+ (i2 &<< 1)) & amask
    }

    // MARK: Condition code and branching

    @inline(__always)
    func setCC(_ value: UInt8) { s.cc = value }

    /// Condition code for a signed result: 0 zero, 1 negative, 2 positive.
    @inline(__always)
    func setCCSigned(_ v: Int32) { s.cc = v == 0 ? 0 : (v < 0 ? 1 : 2) }

    /// Whether a 4-bit branch mask selects the current condition code.
    @inline(__always)
    func maskSelects(_ mask: UInt8) -> Bool { (mask << s.cc) & 0x08 != 0 }

    @inline(__always)
    func branch(to target: UInt32) { s.ia = target }

    /// Link information that BAL and BALR put in the first operand: the ILC,
    /// condition code and program mask in bits 0–7 and the updated address.
    /// On System/370 the format "does not depend on whether the PSW
    /// specifies the BC or EC mode" (GA22-7000-4, BRANCH AND LINK). A
    /// 360/67 in 32-bit mode has no room for it and links the bare address.
    @inline(__always)
    func linkInformation() -> UInt32 {
        if !M.is370 && s.addressing32 { return s.ia }
        let ilc = UInt32((s.ia &- s.instructionAddress) & 7) >> 1
        return (ilc << 30) | (UInt32(s.cc) << 28) | (UInt32(s.programMask) << 24) | (s.ia & 0x00FF_FFFF)
    }

    // MARK: Checks

    @inline(__always)
    func requirePrivileged() throws(ProgramInterruption) {
        if s.problemState { throw .privilegedOperation }
    }

    @inline(__always)
    func requireExt370() throws(ProgramInterruption) {
        if !s.ext370 { throw .operation }
    }

    @inline(__always)
    func requireEven(_ r: Int) throws(ProgramInterruption) {
        if r & 1 != 0 { throw .specification }
    }

    /// The 360/67, like every System/360, requires operands on their natural
    /// boundary; System/370 does not (except where an instruction says so).
    @inline(__always)
    func checkAlignment(_ address: UInt32, _ size: UInt32) throws(ProgramInterruption) {
        if !M.is370 && address & (size - 1) != 0 { throw .specification }
    }
}
