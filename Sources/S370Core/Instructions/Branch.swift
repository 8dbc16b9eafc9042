/// Branches, EXECUTE, SUPERVISOR CALL, SET PROGRAM MASK, and the relative
/// branches and LARL of the 370 extensions. A branch sets the instruction
/// address last, after everything that can fail.
extension Interp {
    @inline(__always)
    func opBCR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r2 = r2(p)
        if r2 != 0 && maskSelects(p[1] >> 4) { branch(to: gpr[r2] & amask) }
    }

    @inline(__always)
    func opBC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        if maskSelects(p[1] >> 4) { branch(to: addressRX(p)) }
    }

    @inline(__always)
    func opBALR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r2 = r2(p)
        let target = gpr[r2] & amask
        gpr[r1(p)] = linkInformation()
        if r2 != 0 { branch(to: target) }
    }

    @inline(__always)
    func opBAL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let target = addressRX(p)
        gpr[r1(p)] = linkInformation()
        branch(to: target)
    }

    func opBASR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r2 = r2(p)
        let target = gpr[r2] & amask
        gpr[r1(p)] = s.ia
        if r2 != 0 { branch(to: target) }
    }

    func opBAS(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let target = addressRX(p)
        gpr[r1(p)] = s.ia
        branch(to: target)
    }

    @inline(__always)
    func opBCTR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r2 = r2(p)
        let target = gpr[r2] & amask
        let v = gpr[r1] &- 1
        gpr[r1] = v
        if v != 0 && r2 != 0 { branch(to: target) }
    }

    @inline(__always)
    func opBCT(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let target = addressRX(p)
        let r1 = r1(p)
        let v = gpr[r1] &- 1
        gpr[r1] = v
        if v != 0 { branch(to: target) }
    }

    /// BXH / BXLE: R1 += R3; compare with the odd register of the R3 pair
    /// (R3 itself when odd), taken before R1 changes.
    @inline(__always)
    func branchOnIndex(_ p: UnsafeMutablePointer<UInt8>, target: UInt32, high: Bool) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let increment = Int32(bitPattern: gpr[r3])
        let limit = Int32(bitPattern: gpr[r3 | 1])
        let sum = Int32(bitPattern: gpr[r1]) &+ increment
        gpr[r1] = UInt32(bitPattern: sum)
        if high ? sum > limit : sum <= limit { branch(to: target) }
    }

    @inline(__always)
    func opBXH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        branchOnIndex(p, target: addressS(p), high: true)
    }

    @inline(__always)
    func opBXLE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        branchOnIndex(p, target: addressS(p), high: false)
    }

    /// EXECUTE: the target instruction, with bits 8–15 ORed with bits 24–31
    /// of R1 (unless R1 is 0), runs as if it were at the target address,
    /// but the instruction address and ILC stay those of the EXECUTE.
    func opEX(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let target = addressRX(p)
        if target & 1 != 0 { throw .specification }
        let buffer = s.executeBuffer
        let first = try readPointer(target)
        buffer[0] = first[0]
        let length = Int(instructionLength(buffer[0]))
        if inOneBlock(target, UInt32(length)) {
            for i in 1..<length { buffer[i] = first[i] }
        } else {
            for i in 1..<length { buffer[i] = try fetchByte((target &+ UInt32(i)) & amask) }
        }
        let r1 = r1(p)
        if r1 != 0 { buffer[1] |= UInt8(truncatingIfNeeded: gpr[r1]) }
        s.executing = true
        s.executeTarget = target
        try dispatchExecuted(buffer)
        s.executing = false
    }

    func opSVC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let ilc = Int((s.ia &- s.instructionAddress) & amask) & 7
        s.executing = false
        s.svcInterruption(number: p[1], ilc: ilc)
        throw .recheck
    }

    /// SET PROGRAM MASK: bits 2–3 of R1 become the CC, bits 4–7 the program mask.
    func opSPM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = gpr[r1(p)]
        s.cc = UInt8((v >> 28) & 3)
        s.programMask = UInt8((v >> 24) & 0xF)
    }

    // MARK: 370 extensions

    /// INSERT PROGRAM MASK: bits 0–1 of R1 zero, 2–3 the CC, 4–7 the program mask.
    func opIPM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4)
        gpr[r1] = (gpr[r1] & 0x00FF_FFFF) | UInt32(s.cc) << 28 | UInt32(s.programMask) << 24
    }

    @inline(__always)
    func opBRC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        if maskSelects(p[1] >> 4) { branch(to: relativeTarget16(p)) }
    }

    func opBRAS(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let target = relativeTarget16(p)
        gpr[r1(p)] = s.ia
        branch(to: target)
    }

    func opBRCT(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        let v = gpr[r1] &- 1
        gpr[r1] = v
        if v != 0 { branch(to: relativeTarget16(p)) }
    }

    func opBRXH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        branchOnIndex(p, target: relativeTarget16(p), high: true)
    }

    func opBRXLE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        branchOnIndex(p, target: relativeTarget16(p), high: false)
    }

    func opLARL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[r1(p)] = relativeTarget32(p)
    }

    func opBRCL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        if maskSelects(p[1] >> 4) { branch(to: relativeTarget32(p)) }
    }

    func opBRASL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let target = relativeTarget32(p)
        gpr[r1(p)] = s.ia
        branch(to: target)
    }
}
