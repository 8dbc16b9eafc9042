/// Fixed-point arithmetic, loads, stores, shifts (S/370 PoO chapter 7,
/// "General Instructions"), plus the halfword-immediate, multiply-single,
/// logical multiply/divide and carry instructions of the 370 extensions.
extension Interp {
    // MARK: Signed add and subtract

    /// Adds with the architected condition code; overflow raises a
    /// fixed-point-overflow interruption when the program mask allows.
    @inline(__always)
    func addSigned(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let (r, overflow) = Int32(bitPattern: a).addingReportingOverflow(Int32(bitPattern: b))
        if overflow {
            s.cc = 3
            return UInt32(bitPattern: r)
        }
        setCCSigned(r)
        return UInt32(bitPattern: r)
    }

    @inline(__always)
    func subtractSigned(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let (r, overflow) = Int32(bitPattern: a).subtractingReportingOverflow(Int32(bitPattern: b))
        if overflow { s.cc = 3 } else { setCCSigned(r) }
        return UInt32(bitPattern: r)
    }

    /// After the result is stored: a fixed-point overflow interruption if
    /// the last operation overflowed (CC 3) and the program mask bit is on.
    @inline(__always)
    func overflowCheck() throws(ProgramInterruption) {
        if s.cc == 3 && s.programMask & 0x8 != 0 { throw .fixedPointOverflow }
    }

    @inline(__always)
    func opAR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        gpr[r1] = addSigned(gpr[r1], gpr[r2(p)])
        try overflowCheck()
    }

    @inline(__always)
    func opSR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        gpr[r1] = subtractSigned(gpr[r1], gpr[r2(p)])
        try overflowCheck()
    }

    @inline(__always)
    func opA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchWord(addressRX(p))
        let r1 = r1(p)
        gpr[r1] = addSigned(gpr[r1], v)
        try overflowCheck()
    }

    @inline(__always)
    func opS(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchWord(addressRX(p))
        let r1 = r1(p)
        gpr[r1] = subtractSigned(gpr[r1], v)
        try overflowCheck()
    }

    @inline(__always)
    func opAH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = UInt32(bitPattern: Int32(Int16(bitPattern: try fetchHalf(addressRX(p)))))
        let r1 = r1(p)
        gpr[r1] = addSigned(gpr[r1], v)
        try overflowCheck()
    }

    func opSH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = UInt32(bitPattern: Int32(Int16(bitPattern: try fetchHalf(addressRX(p)))))
        let r1 = r1(p)
        gpr[r1] = subtractSigned(gpr[r1], v)
        try overflowCheck()
    }

    func opAHI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        gpr[r1] = addSigned(gpr[r1], immediate16(p))
        try overflowCheck()
    }

    /// The signed halfword immediate in bytes 2–3, sign-extended.
    @inline(__always)
    func immediate16(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 {
        UInt32(bitPattern: Int32(Int16(bitPattern: UnsafeRawPointer(p + 2).loadUnaligned(as: UInt16.self).bigEndian)))
    }

    // MARK: Logical add and subtract

    /// CC: 0 zero no carry, 1 nonzero no carry, 2 zero carry, 3 nonzero carry.
    @inline(__always)
    func addLogical(_ a: UInt32, _ b: UInt32, carryIn: UInt32 = 0) -> UInt32 {
        let wide = UInt64(a) &+ UInt64(b) &+ UInt64(carryIn)
        let r = UInt32(truncatingIfNeeded: wide)
        s.cc = (r != 0 ? 1 : 0) | (wide >> 32 != 0 ? 2 : 0)
        return r
    }

    /// a − b − borrow as a + ¬b + (1 − borrow); the CC is that of the addition
    /// (1 nonzero no carry, 2 zero carry, 3 nonzero carry; 0 only with a borrow in).
    @inline(__always)
    func subtractLogical(_ a: UInt32, _ b: UInt32, borrowIn: UInt32 = 0) -> UInt32 {
        addLogical(a, ~b, carryIn: 1 - borrowIn)
    }

    @inline(__always)
    func opALR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        gpr[r1] = addLogical(gpr[r1], gpr[r2(p)])
    }

    func opSLR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        gpr[r1] = subtractLogical(gpr[r1], gpr[r2(p)])
    }

    func opAL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchWord(addressRX(p))
        let r1 = r1(p)
        gpr[r1] = addLogical(gpr[r1], v)
    }

    func opSL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchWord(addressRX(p))
        let r1 = r1(p)
        gpr[r1] = subtractLogical(gpr[r1], v)
    }

    func opALCR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4)
        gpr[r1] = addLogical(gpr[r1], gpr[Int(p[3] & 0xF)], carryIn: UInt32(s.cc >> 1))
    }

    func opSLBR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4)
        gpr[r1] = subtractLogical(gpr[r1], gpr[Int(p[3] & 0xF)], borrowIn: s.cc & 2 == 0 ? 1 : 0)
    }

    func opALC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchWord(addressRXE(p))
        let r1 = r1(p)
        gpr[r1] = addLogical(gpr[r1], v, carryIn: UInt32(s.cc >> 1))
    }

    func opSLB(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchWord(addressRXE(p))
        let r1 = r1(p)
        gpr[r1] = subtractLogical(gpr[r1], v, borrowIn: s.cc & 2 == 0 ? 1 : 0)
    }

    // MARK: Compare

    @inline(__always)
    func compareSigned(_ a: UInt32, _ b: UInt32) {
        let x = Int32(bitPattern: a), y = Int32(bitPattern: b)
        s.cc = x == y ? 0 : (x < y ? 1 : 2)
    }

    @inline(__always)
    func compareLogical(_ a: UInt32, _ b: UInt32) {
        s.cc = a == b ? 0 : (a < b ? 1 : 2)
    }

    @inline(__always)
    func opCR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        compareSigned(gpr[r1(p)], gpr[r2(p)])
    }

    @inline(__always)
    func opC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        compareSigned(gpr[r1(p)], try fetchWord(addressRX(p)))
    }

    func opCH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = UInt32(bitPattern: Int32(Int16(bitPattern: try fetchHalf(addressRX(p)))))
        compareSigned(gpr[r1(p)], v)
    }

    func opCHI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        compareSigned(gpr[r1(p)], immediate16(p))
    }

    func opCLR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        compareLogical(gpr[r1(p)], gpr[r2(p)])
    }

    func opCL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        compareLogical(gpr[r1(p)], try fetchWord(addressRX(p)))
    }

    // MARK: Loads and stores

    @inline(__always)
    func opLR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[r1(p)] = gpr[r2(p)]
    }

    @inline(__always)
    func opL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[r1(p)] = try fetchWord(addressRX(p))
    }

    @inline(__always)
    func opST(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeWord(addressRX(p), gpr[r1(p)])
    }

    @inline(__always)
    func opLH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[r1(p)] = UInt32(bitPattern: Int32(Int16(bitPattern: try fetchHalf(addressRX(p)))))
    }

    @inline(__always)
    func opSTH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeHalf(addressRX(p), UInt16(truncatingIfNeeded: gpr[r1(p)]))
    }

    func opLHI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[r1(p)] = immediate16(p)
    }

    @inline(__always)
    func opLA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[r1(p)] = addressRX(p)
    }

    @inline(__always)
    func opLTR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = gpr[r2(p)]
        gpr[r1(p)] = v
        setCCSigned(Int32(bitPattern: v))
    }

    func opLCR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = gpr[r2(p)]
        let r1 = r1(p)
        if v == 0x8000_0000 {
            gpr[r1] = v
            s.cc = 3
            try overflowCheck()
            return
        }
        let r = 0 &- v
        gpr[r1] = r
        setCCSigned(Int32(bitPattern: r))
    }

    func opLPR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = Int32(bitPattern: gpr[r2(p)])
        let r1 = r1(p)
        if v == Int32.min {
            gpr[r1] = UInt32(bitPattern: v)
            s.cc = 3
            try overflowCheck()
            return
        }
        let r = v < 0 ? -v : v
        gpr[r1] = UInt32(bitPattern: r)
        s.cc = r == 0 ? 0 : 2
    }

    func opLNR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = Int32(bitPattern: gpr[r2(p)])
        let r = v > 0 ? -v : v
        gpr[r1(p)] = UInt32(bitPattern: r)
        s.cc = r == 0 ? 0 : 1
    }

    /// Registers R1 through R3, wrapping from 15 to 0.
    @inline(__always)
    func registerCount(_ r1: Int, _ r3: Int) -> Int { ((r3 &- r1) & 0xF) + 1 }

    @inline(__always)
    func opLM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let a = addressS(p)
        let n = registerCount(r1, r3)
        try checkAlignment(a, 4)
        let span = try readSpan(a, n * 4)
        var r = r1
        if span.isContiguous {
            let base = UnsafeRawPointer(span.first)
            for i in 0..<n {
                gpr[r] = base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self).bigEndian
                r = (r + 1) & 0xF
            }
            return
        }
        for i in 0..<n {
            let o = i * 4
            gpr[r] = UInt32(span[o]) << 24 | UInt32(span[o + 1]) << 16 | UInt32(span[o + 2]) << 8 | UInt32(span[o + 3])
            r = (r + 1) & 0xF
        }
    }

    @inline(__always)
    func opSTM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let a = addressS(p)
        let n = registerCount(r1, r3)
        try checkAlignment(a, 4)
        let span = try writeSpan(a, n * 4)
        var r = r1
        if span.isContiguous {
            let base = UnsafeMutableRawPointer(span.first)
            for i in 0..<n {
                base.storeBytes(of: gpr[r].bigEndian, toByteOffset: i * 4, as: UInt32.self)
                r = (r + 1) & 0xF
            }
            return
        }
        for i in 0..<n {
            let v = gpr[r], o = i * 4
            span[o] = UInt8(v >> 24); span[o + 1] = UInt8(truncatingIfNeeded: v >> 16)
            span[o + 2] = UInt8(truncatingIfNeeded: v >> 8); span[o + 3] = UInt8(truncatingIfNeeded: v)
            r = (r + 1) & 0xF
        }
    }

    // MARK: Multiply and divide

    @inline(__always)
    func storePair(_ r1: Int, _ v: UInt64) {
        gpr[r1] = UInt32(truncatingIfNeeded: v >> 32)
        gpr[r1 + 1] = UInt32(truncatingIfNeeded: v)
    }

    @inline(__always)
    func pair(_ r1: Int) -> UInt64 { UInt64(gpr[r1]) << 32 | UInt64(gpr[r1 + 1]) }

    func opMR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        let product = Int64(Int32(bitPattern: gpr[r1 + 1])) * Int64(Int32(bitPattern: gpr[r2(p)]))
        storePair(r1, UInt64(bitPattern: product))
    }

    func opM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        let v = try fetchWord(addressRX(p))
        let product = Int64(Int32(bitPattern: gpr[r1 + 1])) * Int64(Int32(bitPattern: v))
        storePair(r1, UInt64(bitPattern: product))
    }

    func opMH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = Int32(Int16(bitPattern: try fetchHalf(addressRX(p))))
        let r1 = r1(p)
        gpr[r1] = UInt32(bitPattern: Int32(bitPattern: gpr[r1]) &* v)
    }

    func opMHI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        gpr[r1] = gpr[r1] &* immediate16(p)
    }

    func opMSR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4)
        gpr[r1] = gpr[r1] &* gpr[Int(p[3] & 0xF)]
    }

    func opMS(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchWord(addressRX(p))
        let r1 = r1(p)
        gpr[r1] = gpr[r1] &* v
    }

    func opMLR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4)
        try requireEven(r1)
        storePair(r1, UInt64(gpr[r1 + 1]) * UInt64(gpr[Int(p[3] & 0xF)]))
    }

    func opML(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        let v = try fetchWord(addressRXE(p))
        storePair(r1, UInt64(gpr[r1 + 1]) * UInt64(v))
    }

    /// Signed 64/32 division: quotient to R1+1, remainder (sign of the
    /// dividend) to R1. A zero divisor or a quotient that does not fit in 32
    /// bits is a fixed-point-divide exception and changes nothing.
    func divideSigned(_ r1: Int, by divisor: UInt32) throws(ProgramInterruption) {
        let d = Int64(Int32(bitPattern: divisor))
        if d == 0 { throw .fixedPointDivide }
        let dividend = Int64(bitPattern: pair(r1))
        if dividend == Int64.min && d == -1 { throw .fixedPointDivide }
        let q = dividend / d, r = dividend % d
        if q > Int64(Int32.max) || q < Int64(Int32.min) { throw .fixedPointDivide }
        gpr[r1] = UInt32(bitPattern: Int32(truncatingIfNeeded: r))
        gpr[r1 + 1] = UInt32(bitPattern: Int32(truncatingIfNeeded: q))
    }

    func opDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        try divideSigned(r1, by: gpr[r2(p)])
    }

    func opD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        try divideSigned(r1, by: try fetchWord(addressRX(p)))
    }

    func divideLogical(_ r1: Int, by divisor: UInt32) throws(ProgramInterruption) {
        if divisor == 0 { throw .fixedPointDivide }
        let dividend = pair(r1)
        let q = dividend / UInt64(divisor), r = dividend % UInt64(divisor)
        if q > UInt64(UInt32.max) { throw .fixedPointDivide }
        gpr[r1] = UInt32(truncatingIfNeeded: r)
        gpr[r1 + 1] = UInt32(truncatingIfNeeded: q)
    }

    func opDLR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = Int(p[3] >> 4)
        try requireEven(r1)
        try divideLogical(r1, by: gpr[Int(p[3] & 0xF)])
    }

    func opDL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        try divideLogical(r1, by: try fetchWord(addressRXE(p)))
    }

    // MARK: Shifts

    /// Shift amount: the low six bits of the second-operand address.
    @inline(__always)
    func shiftAmount(_ p: UnsafeMutablePointer<UInt8>) -> UInt32 { addressS(p) & 0x3F }

    @inline(__always)
    func opSLL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = shiftAmount(p), r1 = r1(p)
        gpr[r1] = n > 31 ? 0 : gpr[r1] << n
    }

    @inline(__always)
    func opSRL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = shiftAmount(p), r1 = r1(p)
        gpr[r1] = n > 31 ? 0 : gpr[r1] >> n
    }

    @inline(__always)
    func opSRA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = shiftAmount(p), r1 = r1(p)
        let r = Int32(bitPattern: gpr[r1]) >> Int32(min(n, 31))
        gpr[r1] = UInt32(bitPattern: r)
        setCCSigned(r)
    }

    /// SLA: the 31 numeric bits shift left, the sign stays; overflow when a
    /// bit unlike the sign is shifted out of bit position 1. Beyond 31
    /// places the zeros shifted in from the right pass bit 1 too, so a
    /// negative number shifted by 32 or more always overflows.
    func opSLA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n = shiftAmount(p), r1 = r1(p)
        let v = gpr[r1]
        let sign = v & 0x8000_0000
        let numericMask: UInt32 = 0x7FFF_FFFF
        let outMask = n >= 31 ? numericMask : numericMask & ~(numericMask >> n)
        let out = v & outMask
        let overflow = sign == 0 ? out != 0 : (out != outMask || n > 31)
        let r = sign | (n >= 31 ? 0 : (v << n) & numericMask)
        gpr[r1] = r
        if overflow { s.cc = 3; try overflowCheck() } else { setCCSigned(Int32(bitPattern: r)) }
    }

    @inline(__always)
    func opSLDL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        let n = shiftAmount(p)
        storePair(r1, pair(r1) << UInt64(n))
    }

    func opSRDL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        let n = shiftAmount(p)
        storePair(r1, pair(r1) >> UInt64(n))
    }

    func opSRDA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        let n = shiftAmount(p)
        let r = Int64(bitPattern: pair(r1)) >> Int64(n)
        storePair(r1, UInt64(bitPattern: r))
        s.cc = r == 0 ? 0 : (r < 0 ? 1 : 2)
    }

    func opSLDA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try requireEven(r1)
        let n = shiftAmount(p)
        let v = pair(r1)
        let sign = v & 0x8000_0000_0000_0000
        // Overflow: any bit shifted out of bit 1 differs from the sign.
        var overflow = false
        if n > 0 {
            let outMask: UInt64 = n >= 63 ? 0x7FFF_FFFF_FFFF_FFFF : (0x7FFF_FFFF_FFFF_FFFF & ~(0x7FFF_FFFF_FFFF_FFFF >> UInt64(n)))
            let out = v & outMask
            overflow = sign == 0 ? out != 0 : out != outMask
        }
        let numeric = n >= 63 ? 0 : (v << UInt64(n)) & 0x7FFF_FFFF_FFFF_FFFF
        let r = sign | numeric
        storePair(r1, r)
        if overflow {
            s.cc = 3
            try overflowCheck()
        } else {
            let signed = Int64(bitPattern: r)
            s.cc = signed == 0 ? 0 : (signed < 0 ? 1 : 2)
        }
    }

    func opRLL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let bd = UInt32(UnsafeRawPointer(p + 2).loadUnaligned(as: UInt16.self).bigEndian)
        let b = Int(bd >> 12)
        var a = (bd & 0xFFF) &+ UInt32(bitPattern: Int32(Int8(bitPattern: p[4])) << 12)
        if b != 0 { a &+= gpr[b] }
        let n = a & 31
        let v = gpr[r3]
        gpr[r1] = n == 0 ? v : (v << n) | (v >> (32 - n))
    }
}
