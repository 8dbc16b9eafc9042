#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Storage-to-storage character instructions (SS format): MVC, MVN, MVZ,
/// NC, OC, XC, CLC, TR, TRT. Each processes its operands left to right one
/// byte at a time, as the architecture defines, so overlapping operands give
/// the architected result (MVC with the destination one byte past the source
/// propagates a byte). Both operands are checked for access before any byte
/// is stored, so an access exception leaves storage unchanged.
extension Interp {
    @inline(__always)
    func ssLength(_ p: UnsafeMutablePointer<UInt8>) -> Int { Int(p[1]) + 1 }

    @inline(__always)
    func ssFirst(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 { baseDisplacement(p, at: 2) }

    @inline(__always)
    func ssSecond(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 { baseDisplacement(p, at: 4) }

    @inline(__always)
    func opMVC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let src = try readSpan(ssSecond(p), n)
        let dst = try writeSpan(ssFirst(p), n)
        if dst.isContiguous && src.isContiguous {
            let d = dst.first, from = src.first
            if d > from && d < from + n {
                // Destructive overlap: byte at a time, as defined.
                for i in 0..<n { d[i] = from[i] }
            } else {
                memmove(d, from, n)
            }
            return
        }
        for i in 0..<n { dst[i] = src[i] }
    }

    func opMVN(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let src = try readSpan(ssSecond(p), n)
        let dst = try writeSpan(ssFirst(p), n)
        for i in 0..<n { dst[i] = (dst[i] & 0xF0) | (src[i] & 0x0F) }
    }

    func opMVZ(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let src = try readSpan(ssSecond(p), n)
        let dst = try writeSpan(ssFirst(p), n)
        for i in 0..<n { dst[i] = (dst[i] & 0x0F) | (src[i] & 0xF0) }
    }

    func opNC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let src = try readSpan(ssSecond(p), n)
        let dst = try writeSpan(ssFirst(p), n)
        var any: UInt8 = 0
        for i in 0..<n { let v = dst[i] & src[i]; dst[i] = v; any |= v }
        s.cc = any == 0 ? 0 : 1
    }

    func opOC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let src = try readSpan(ssSecond(p), n)
        let dst = try writeSpan(ssFirst(p), n)
        var any: UInt8 = 0
        for i in 0..<n { let v = dst[i] | src[i]; dst[i] = v; any |= v }
        s.cc = any == 0 ? 0 : 1
    }

    func opXC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let a1 = ssFirst(p), a2 = ssSecond(p)
        let dst = try writeSpan(a1, n)
        if a1 == a2 {
            // The common idiom for clearing storage.
            if dst.isContiguous { memset(dst.first, 0, n) } else { for i in 0..<n { dst[i] = 0 } }
            s.cc = 0
            return
        }
        let src = try readSpan(a2, n)
        var any: UInt8 = 0
        for i in 0..<n { let v = dst[i] ^ src[i]; dst[i] = v; any |= v }
        s.cc = any == 0 ? 0 : 1
    }

    @inline(__always)
    func opCLC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let op1 = try readSpan(ssFirst(p), n)
        let op2 = try readSpan(ssSecond(p), n)
        if op1.isContiguous && op2.isContiguous {
            let r = memcmp(op1.first, op2.first, n)
            s.cc = r == 0 ? 0 : (r < 0 ? 1 : 2)
            return
        }
        for i in 0..<n {
            let x = op1[i], y = op2[i]
            if x != y { s.cc = x < y ? 1 : 2; return }
        }
        s.cc = 0
    }

    /// TRANSLATE: each first-operand byte is replaced by the byte at that
    /// offset in the 256-byte table at the second operand.
    func opTR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let table = ssSecond(p)
        let dst = try writeSpan(ssFirst(p), n)
        if let t = try? readSpan(table, 256) {
            if t.isContiguous {
                let base = t.first
                for i in 0..<n { dst[i] = base[Int(dst[i])] }
            } else {
                for i in 0..<n { dst[i] = t[Int(dst[i])] }
            }
            return
        }
        // Part of the table is inaccessible: only the bytes actually used
        // count, so check each of those before storing any.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { (translated) throws(ProgramInterruption) in
            for i in 0..<n { translated[i] = try fetchByte((table &+ UInt32(dst[i])) & amask) }
            for i in 0..<n { dst[i] = translated[i] }
        }
    }

    /// TRANSLATE AND TEST: finds the first byte whose table entry is nonzero.
    /// R1 bits 8–31 get its address, R2 bits 24–31 the function byte.
    func opTRT(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = ssLength(p)
        let a1 = ssFirst(p), table = ssSecond(p)
        let op1 = try readSpan(a1, n)
        let whole = try? readSpan(table, 256)
        for i in 0..<n {
            let f: UInt8
            if let whole { f = whole[Int(op1[i])] } else { f = try fetchByte((table &+ UInt32(op1[i])) & amask) }
            if f != 0 {
                let address = (a1 &+ UInt32(i)) & amask
                if M.is370 || !s.addressing32 {
                    gpr[1] = (gpr[1] & 0xFF00_0000) | (address & 0x00FF_FFFF)
                } else {
                    gpr[1] = address
                }
                gpr[2] = (gpr[2] & 0xFFFF_FF00) | UInt32(f)
                s.cc = i == n - 1 ? 2 : 1
                return
            }
        }
        s.cc = 0
    }
}
