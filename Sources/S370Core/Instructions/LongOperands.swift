#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interruptible long-operand instructions: MVCL and CLCL (S/370), and
/// MVCLE, CLCLE, MVST, CLST, SRST (370 extensions). They work in units that
/// stay inside one 2 KB block of each operand and update the registers after
/// every unit, so an access exception or an interruption between executions
/// leaves the registers describing exactly what is left to do.
extension Interp {
    /// Bytes moved per execution before MVCL and CLCL let interruptions in
    /// (they then re-execute from the updated registers).
    static var longUnitBudget: Int { 16 * 1024 }
    /// CPU-determined amount for the extended instructions (which end with CC 3).
    static var extendedUnitBudget: Int { 4096 }

    /// Bytes left in the 2 KB block of `a`.
    @inline(__always)
    func toBlockEnd(_ a: UInt32) -> Int { 0x800 - Int(a & 0x7FF) }

    /// Addresses in R1/R2 of MVCL and CLCL carry 24 bits (32 on a 360/67 in
    /// 32-bit mode); updating them zeroes the rest.
    @inline(__always)
    var longMask: UInt32 { amask }

    // MARK: MVCL

    func opMVCL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r2 = r2(p)
        if r1 & 1 != 0 || r2 & 1 != 0 { throw .specification }
        var a1 = gpr[r1] & longMask, len1 = Int(gpr[r1 + 1] & 0x00FF_FFFF)
        var a2 = gpr[r2] & longMask, len2 = Int(gpr[r2 + 1] & 0x00FF_FFFF)
        let pad = UInt8(gpr[r2 + 1] >> 24)
        let cc: UInt8 = len1 == len2 ? 0 : (len1 < len2 ? 1 : 2)
        // Destructive overlap: a destination byte would be used as source
        // after it was stored into.
        let distance = Int((a1 &- a2) & longMask)
        if distance >= 1 && distance < min(len1, len2) {
            // Nothing moves, but the operation ends like any other: the
            // address registers keep only bits 8-31 (as Hercules 3.13 does).
            gpr[r1] = a1
            gpr[r2] = a2
            s.cc = 3
            return
        }
        var budget = Self.longUnitBudget
        func save() {
            gpr[r1] = a1
            gpr[r1 + 1] = (gpr[r1 + 1] & 0xFF00_0000) | UInt32(len1)
            gpr[r2] = a2
            gpr[r2 + 1] = (gpr[r2 + 1] & 0xFF00_0000) | UInt32(len2)
        }
        while len1 > 0 {
            if budget <= 0 {
                save()
                s.ia = s.instructionAddress
                throw .recheck
            }
            var unit = min(len1, toBlockEnd(a1))
            let dst = try writePointer(a1)
            if len2 > 0 {
                unit = min(unit, len2, toBlockEnd(a2))
                let src = try readPointer(a2)
                memmove(dst, src, unit)
                a2 = (a2 &+ UInt32(unit)) & longMask
                len2 -= unit
            } else {
                memset(dst, Int32(pad), unit)
            }
            a1 = (a1 &+ UInt32(unit)) & longMask
            len1 -= unit
            budget -= unit
            save()
        }
        save()
        s.cc = cc
    }

    // MARK: CLCL

    func opCLCL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r2 = r2(p)
        if r1 & 1 != 0 || r2 & 1 != 0 { throw .specification }
        var a1 = gpr[r1] & longMask, len1 = Int(gpr[r1 + 1] & 0x00FF_FFFF)
        var a2 = gpr[r2] & longMask, len2 = Int(gpr[r2 + 1] & 0x00FF_FFFF)
        let pad = UInt8(gpr[r2 + 1] >> 24)
        var budget = Self.longUnitBudget
        func save() {
            gpr[r1] = a1
            gpr[r1 + 1] = (gpr[r1 + 1] & 0xFF00_0000) | UInt32(len1)
            gpr[r2] = a2
            gpr[r2 + 1] = (gpr[r2 + 1] & 0xFF00_0000) | UInt32(len2)
        }
        while len1 > 0 || len2 > 0 {
            if budget <= 0 {
                save()
                s.ia = s.instructionAddress
                throw .recheck
            }
            var unit = Int.max
            var q1: UnsafeMutablePointer<UInt8>? = nil, q2: UnsafeMutablePointer<UInt8>? = nil
            if len1 > 0 { unit = min(unit, len1, toBlockEnd(a1)); q1 = try readPointer(a1) }
            if len2 > 0 { unit = min(unit, len2, toBlockEnd(a2)); q2 = try readPointer(a2) }
            for i in 0..<unit {
                let x = q1?[i] ?? pad, y = q2?[i] ?? pad
                if x != y {
                    if len1 > 0 { a1 = (a1 &+ UInt32(i)) & longMask; len1 -= i }
                    if len2 > 0 { a2 = (a2 &+ UInt32(i)) & longMask; len2 -= i }
                    save()
                    s.cc = x < y ? 1 : 2
                    return
                }
            }
            if len1 > 0 { a1 = (a1 &+ UInt32(unit)) & longMask; len1 -= unit }
            if len2 > 0 { a2 = (a2 &+ UInt32(unit)) & longMask; len2 -= unit }
            budget -= unit
        }
        save()
        s.cc = 0
    }

    // MARK: MVCLE and CLCLE (RS format; lengths are 32 bits)

    func opMVCLE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        if r1 & 1 != 0 || r3 & 1 != 0 { throw .specification }
        let pad = UInt8(truncatingIfNeeded: addressS(p))
        var a1 = gpr[r1] & amask, len1 = gpr[r1 + 1]
        var a3 = gpr[r3] & amask, len3 = gpr[r3 + 1]
        let cc: UInt8 = len1 == len3 ? 0 : (len1 < len3 ? 1 : 2)
        var budget = Self.extendedUnitBudget
        func save() {
            gpr[r1] = a1; gpr[r1 + 1] = len1
            gpr[r3] = a3; gpr[r3 + 1] = len3
        }
        while len1 > 0 {
            if budget <= 0 { save(); s.cc = 3; return }
            var unit = min(Int(len1), toBlockEnd(a1))
            let dst = try writePointer(a1)
            if len3 > 0 {
                unit = min(unit, Int(len3), toBlockEnd(a3))
                let src = try readPointer(a3)
                memmove(dst, src, unit)
                a3 = (a3 &+ UInt32(unit)) & amask
                len3 -= UInt32(unit)
            } else {
                memset(dst, Int32(pad), unit)
            }
            a1 = (a1 &+ UInt32(unit)) & amask
            len1 -= UInt32(unit)
            budget -= unit
            save()
        }
        save()
        s.cc = cc
    }

    func opCLCLE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        if r1 & 1 != 0 || r3 & 1 != 0 { throw .specification }
        let pad = UInt8(truncatingIfNeeded: addressS(p))
        var a1 = gpr[r1] & amask, len1 = gpr[r1 + 1]
        var a3 = gpr[r3] & amask, len3 = gpr[r3 + 1]
        var budget = Self.extendedUnitBudget
        func save() {
            gpr[r1] = a1; gpr[r1 + 1] = len1
            gpr[r3] = a3; gpr[r3 + 1] = len3
        }
        while len1 > 0 || len3 > 0 {
            if budget <= 0 { save(); s.cc = 3; return }
            let x = len1 > 0 ? try fetchByte(a1) : pad
            let y = len3 > 0 ? try fetchByte(a3) : pad
            if x != y { save(); s.cc = x < y ? 1 : 2; return }
            if len1 > 0 { a1 = (a1 &+ 1) & amask; len1 -= 1 }
            if len3 > 0 { a3 = (a3 &+ 1) & amask; len3 -= 1 }
            budget -= 1
        }
        save()
        s.cc = 0
    }

    // MARK: String instructions (terminating character in R0 bits 24–31)

    @inline(__always)
    func stringTerminator() throws(ProgramInterruption) -> UInt8 {
        if gpr[0] & 0xFFFF_FF00 != 0 { throw .specification }
        return UInt8(truncatingIfNeeded: gpr[0])
    }

    func opMVST(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4), r2 = Int(p[3] & 0xF)
        let end = try stringTerminator()
        var a1 = gpr[r1] & amask, a2 = gpr[r2] & amask
        for _ in 0..<Self.extendedUnitBudget {
            let b = try fetchByte(a2)
            try storeByte(a1, b)
            if b == end {
                gpr[r1] = a1
                s.cc = 1
                return
            }
            a1 = (a1 &+ 1) & amask
            a2 = (a2 &+ 1) & amask
        }
        gpr[r1] = a1
        gpr[r2] = a2
        s.cc = 3
    }

    func opCLST(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4), r2 = Int(p[3] & 0xF)
        let end = try stringTerminator()
        var a1 = gpr[r1] & amask, a2 = gpr[r2] & amask
        for _ in 0..<Self.extendedUnitBudget {
            let x = try fetchByte(a1), y = try fetchByte(a2)
            if x == end && y == end { s.cc = 0; return }
            if x == end || y == end || x != y {
                gpr[r1] = a1
                gpr[r2] = a2
                if x == end { s.cc = 1 } else if y == end { s.cc = 2 } else { s.cc = x < y ? 1 : 2 }
                return
            }
            a1 = (a1 &+ 1) & amask
            a2 = (a2 &+ 1) & amask
        }
        gpr[r1] = a1
        gpr[r2] = a2
        s.cc = 3
    }

    func opSRST(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4), r2 = Int(p[3] & 0xF)
        let target = try stringTerminator()
        let end = gpr[r1] & amask
        var a = gpr[r2] & amask
        for _ in 0..<Self.extendedUnitBudget {
            if a == end { s.cc = 2; return }
            if try fetchByte(a) == target {
                gpr[r1] = a
                s.cc = 1
                return
            }
            a = (a &+ 1) & amask
        }
        gpr[r2] = a
        s.cc = 3
    }
}
