/// Floating-point instructions (S/370 PoO GA22-7000, "Floating-Point
/// Instructions"; the arithmetic is in HexFloat.swift).
///
/// FPR n lives in `fpr[n]` (n = 0, 2, 4, 6). A short operand is the left
/// half of its register: short results leave the right half unchanged.
/// An extended operand is a register pair, FPR r (high-order part) and
/// FPR r+2 (low-order part), with r = 0 or 4.
///
/// Results are stored before an exponent-overflow, exponent-underflow or
/// significance interruption is raised: those interruptions complete the
/// instruction. A floating-point-divide exception suppresses it.
extension Interp {
    // MARK: Registers

    /// A floating-point register field must name 0, 2, 4 or 6.
    @inline(__always)
    func checkFPR(_ r: Int) throws(ProgramInterruption) {
        if r & 9 != 0 { throw .specification }
    }

    /// A register pair for an extended operand must be named by 0 or 4.
    @inline(__always)
    func checkExtendedFPR(_ r: Int) throws(ProgramInterruption) {
        if r & 11 != 0 { throw .specification }
    }

    /// R1 and R2 of an RR instruction on short or long operands, checked.
    @inline(__always)
    func fprFields(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) -> (Int, Int) {
        let r1 = r1(p), r2 = r2(p)
        try checkFPR(r1)
        try checkFPR(r2)
        return (r1, r2)
    }

    /// R1 of an RX instruction, checked.
    @inline(__always)
    func fprField1(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) -> Int {
        let r1 = r1(p)
        try checkFPR(r1)
        return r1
    }

    @inline(__always)
    func shortFPR(_ r: Int) -> UInt32 { UInt32(truncatingIfNeeded: fpr[r] >> 32) }

    @inline(__always)
    func setShortFPR(_ r: Int, _ v: UInt32) { fpr[r] = fpr[r] & 0xFFFF_FFFF | UInt64(v) << 32 }

    @inline(__always)
    func extendedFPR(_ r: Int) -> HexFloat<ExtendedHFP> { HexFloat(high: fpr[r], low: fpr[r + 2]) }

    @inline(__always)
    func setExtendedFPR(_ r: Int, _ v: HexFloat<ExtendedHFP>) {
        let (high, low) = v.parts
        fpr[r] = high
        fpr[r + 2] = low
    }

    // MARK: Load and store

    func opLER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        setShortFPR(r1, shortFPR(r2))
    }

    func opLDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        fpr[r1] = fpr[r2]
    }

    func opLE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        setShortFPR(r1, try fetchWord(addressRX(p)))
    }

    func opLD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        fpr[r1] = try fetchDouble(addressRX(p))
    }

    func opSTE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try storeWord(addressRX(p), shortFPR(r1))
    }

    func opSTD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try storeDouble(addressRX(p), fpr[r1])
    }

    // MARK: Sign control: LOAD POSITIVE, NEGATIVE, AND TEST, COMPLEMENT

    /// What the sign-control loads do to the sign bit.
    enum SignControl {
        case positive, negative, keep, complement
    }

    /// The sign-control loads change only the sign: no normalization, no
    /// exceptions. CC: 0 zero fraction, 1 negative, 2 positive.
    @inline(__always)
    func signControlled(_ v: UInt64, _ op: SignControl) -> UInt64 {
        let sign: UInt64 = 1 << 63
        switch op {
        case .positive: return v & ~sign
        case .negative: return v | sign
        case .keep: return v
        case .complement: return v ^ sign
        }
    }

    @inline(__always)
    func signControlLong(_ p: UnsafeMutablePointer<UInt8>, _ op: SignControl) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        let v = signControlled(fpr[r2], op)
        fpr[r1] = v
        s.cc = v & 0x00FF_FFFF_FFFF_FFFF == 0 ? 0 : (v >> 63 != 0 ? 1 : 2)
    }

    @inline(__always)
    func signControlShort(_ p: UnsafeMutablePointer<UInt8>, _ op: SignControl) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        let v = UInt32(truncatingIfNeeded: signControlled(fpr[r2], op) >> 32)
        setShortFPR(r1, v)
        s.cc = v & 0x00FF_FFFF == 0 ? 0 : (v >> 31 != 0 ? 1 : 2)
    }

    func opLPDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlLong(p, .positive) }
    func opLNDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlLong(p, .negative) }
    func opLTDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlLong(p, .keep) }
    func opLCDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlLong(p, .complement) }
    func opLPER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlShort(p, .positive) }
    func opLNER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlShort(p, .negative) }
    func opLTER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlShort(p, .keep) }
    func opLCER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try signControlShort(p, .complement) }

    // MARK: Add and subtract

    /// Short ADD/SUBTRACT (NORMALIZED or UNNORMALIZED) into FPR r1.
    @inline(__always)
    func addShort(_ r1: Int, _ op2: UInt32, subtract: Bool, normalized: Bool) throws(ProgramInterruption) {
        var a = HexFloat<ShortHFP>(shortFPR(r1))
        var b = HexFloat<ShortHFP>(op2)
        if subtract { b.negative.toggle() }
        let e = a.add(b, normalized: normalized, programMask: s.programMask)
        setShortFPR(r1, a.word)
        s.cc = a.conditionCode
        if let e { throw e }
    }

    /// Long ADD/SUBTRACT (NORMALIZED or UNNORMALIZED) into FPR r1.
    @inline(__always)
    func addLong(_ r1: Int, _ op2: UInt64, subtract: Bool, normalized: Bool) throws(ProgramInterruption) {
        var a = HexFloat<LongHFP>(fpr[r1])
        var b = HexFloat<LongHFP>(op2)
        if subtract { b.negative.toggle() }
        let e = a.add(b, normalized: normalized, programMask: s.programMask)
        fpr[r1] = a.doubleword
        s.cc = a.conditionCode
        if let e { throw e }
    }

    func opAER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addShort(r1, shortFPR(r2), subtract: false, normalized: true)
    }

    func opSER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addShort(r1, shortFPR(r2), subtract: true, normalized: true)
    }

    func opAUR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addShort(r1, shortFPR(r2), subtract: false, normalized: false)
    }

    func opSUR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addShort(r1, shortFPR(r2), subtract: true, normalized: false)
    }

    func opAE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addShort(r1, fetchWord(addressRX(p)), subtract: false, normalized: true)
    }

    func opSE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addShort(r1, fetchWord(addressRX(p)), subtract: true, normalized: true)
    }

    func opAU(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addShort(r1, fetchWord(addressRX(p)), subtract: false, normalized: false)
    }

    func opSU(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addShort(r1, fetchWord(addressRX(p)), subtract: true, normalized: false)
    }

    func opADR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addLong(r1, fpr[r2], subtract: false, normalized: true)
    }

    func opSDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addLong(r1, fpr[r2], subtract: true, normalized: true)
    }

    func opAWR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addLong(r1, fpr[r2], subtract: false, normalized: false)
    }

    func opSWR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try addLong(r1, fpr[r2], subtract: true, normalized: false)
    }

    func opAD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addLong(r1, fetchDouble(addressRX(p)), subtract: false, normalized: true)
    }

    func opSD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addLong(r1, fetchDouble(addressRX(p)), subtract: true, normalized: true)
    }

    func opAW(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addLong(r1, fetchDouble(addressRX(p)), subtract: false, normalized: false)
    }

    func opSW(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try addLong(r1, fetchDouble(addressRX(p)), subtract: true, normalized: false)
    }

    // MARK: Compare

    func opCER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        s.cc = HexFloat.compare(HexFloat<ShortHFP>(shortFPR(r1)), HexFloat<ShortHFP>(shortFPR(r2)))
    }

    func opCE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        let v = try fetchWord(addressRX(p))
        s.cc = HexFloat.compare(HexFloat<ShortHFP>(shortFPR(r1)), HexFloat<ShortHFP>(v))
    }

    func opCDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        s.cc = HexFloat.compare(HexFloat<LongHFP>(fpr[r1]), HexFloat<LongHFP>(fpr[r2]))
    }

    func opCD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        let v = try fetchDouble(addressRX(p))
        s.cc = HexFloat.compare(HexFloat<LongHFP>(fpr[r1]), HexFloat<LongHFP>(v))
    }

    // MARK: Multiply (the condition code is not changed)

    /// ME, MER: short operands, long product in the whole of FPR r1.
    @inline(__always)
    func multiplyShortOperands(_ r1: Int, _ op2: UInt32) throws(ProgramInterruption) {
        let (product, e) = multiplyShort(HexFloat(shortFPR(r1)), HexFloat(op2), programMask: s.programMask)
        fpr[r1] = product.doubleword
        if let e { throw e }
    }

    @inline(__always)
    func multiplyLongOperands(_ r1: Int, _ op2: UInt64) throws(ProgramInterruption) {
        let (product, e) = multiplyLong(HexFloat(fpr[r1]), HexFloat(op2), programMask: s.programMask)
        fpr[r1] = product.doubleword
        if let e { throw e }
    }

    func opMER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try multiplyShortOperands(r1, shortFPR(r2))
    }

    func opME(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try multiplyShortOperands(r1, fetchWord(addressRX(p)))
    }

    func opMDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try multiplyLongOperands(r1, fpr[r2])
    }

    func opMD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try multiplyLongOperands(r1, fetchDouble(addressRX(p)))
    }

    // MARK: Divide (the condition code is not changed)

    /// DE, DER: a zero divisor fraction is a floating-point-divide exception
    /// and suppresses the instruction (even with a zero dividend).
    @inline(__always)
    func divideShort(_ r1: Int, _ op2: UInt32) throws(ProgramInterruption) {
        let divisor = HexFloat<ShortHFP>(op2)
        if divisor.fraction == 0 { throw .floatingPointDivide }
        var q = HexFloat<ShortHFP>(shortFPR(r1))
        let e = q.divide(by: divisor, programMask: s.programMask)
        setShortFPR(r1, q.word)
        if let e { throw e }
    }

    @inline(__always)
    func divideLong(_ r1: Int, _ op2: UInt64) throws(ProgramInterruption) {
        let divisor = HexFloat<LongHFP>(op2)
        if divisor.fraction == 0 { throw .floatingPointDivide }
        var q = HexFloat<LongHFP>(fpr[r1])
        let e = q.divide(by: divisor, programMask: s.programMask)
        fpr[r1] = q.doubleword
        if let e { throw e }
    }

    func opDER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try divideShort(r1, shortFPR(r2))
    }

    func opDE(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try divideShort(r1, fetchWord(addressRX(p)))
    }

    func opDDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        try divideLong(r1, fpr[r2])
    }

    func opDD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = try fprField1(p)
        try divideLong(r1, fetchDouble(addressRX(p)))
    }

    // MARK: Halve (the condition code is not changed)

    // HALVE as System/370 defines it, for both models: the fraction shifted
    // right one bit into a guard digit, then normalized. (The first System/360
    // PoO, A22-6821-0, describes a bare one-bit shift without normalization;
    // whether the 360/67's edition still did is an open question.)

    func opHER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        var v = HexFloat<ShortHFP>(shortFPR(r2))
        let e = v.halve(programMask: s.programMask)
        setShortFPR(r1, v.word)
        if let e { throw e }
    }

    func opHDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        var v = HexFloat<LongHFP>(fpr[r2])
        let e = v.halve(programMask: s.programMask)
        fpr[r1] = v.doubleword
        if let e { throw e }
    }

    // MARK: Load rounded (S/370; the condition code is not changed)

    // The source is rounded by adding one at the leftmost bit dropped and
    // truncating. A carry out of the fraction shifts it right one digit and
    // raises the characteristic, which may overflow (the result is then
    // stored with the characteristic 128 too small, and interrupts).
    // No normalization; the low-order sign and characteristic of an
    // extended source are ignored.

    /// LRER: long FPR r2 rounded to short in FPR r1.
    func opLRER(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let (r1, r2) = try fprFields(p)
        let source = HexFloat<LongHFP>(fpr[r2])
        var fraction = (source.fraction >> 32) + (source.fraction >> 31 & 1)
        var characteristic = source.characteristic
        if fraction >> 24 != 0 {
            fraction >>= 4
            characteristic += 1
        }
        var r = HexFloat<ShortHFP>(negative: source.negative, characteristic: characteristic, fraction: fraction)
        let e = r.checkRange(programMask: s.programMask)
        setShortFPR(r1, r.word)
        if let e { throw e }
    }

    /// LRDR: extended pair r2 rounded to long in FPR r1.
    func opLRDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r2 = r2(p)
        try checkFPR(r1)
        try checkExtendedFPR(r2)
        let source = HexFloat<LongHFP>(fpr[r2])
        var fraction = source.fraction + (fpr[r2 + 2] >> 55 & 1)
        var characteristic = source.characteristic
        if fraction >> 56 != 0 {
            fraction >>= 4
            characteristic += 1
        }
        var r = HexFloat<LongHFP>(negative: source.negative, characteristic: characteristic, fraction: fraction)
        let e = r.checkRange(programMask: s.programMask)
        fpr[r1] = r.doubleword
        if let e { throw e }
    }

    // MARK: Extended operands (S/370)

    /// AXR, SXR: extended ADD/SUBTRACT NORMALIZED into pair r1.
    @inline(__always)
    func addExtended(_ p: UnsafeMutablePointer<UInt8>, subtract: Bool) throws(ProgramInterruption) {
        let r1 = r1(p), r2 = r2(p)
        try checkExtendedFPR(r1)
        try checkExtendedFPR(r2)
        var a = extendedFPR(r1)
        var b = extendedFPR(r2)
        if subtract { b.negative.toggle() }
        let e = a.add(b, normalized: true, programMask: s.programMask)
        setExtendedFPR(r1, a)
        if e == .significance {
            // A zero sum kept with its characteristic (significance mask on)
            // is no true zero: its low-order part gets characteristic − 14
            // even when that characteristic is 0 (as Hercules does).
            fpr[r1 + 2] |= UInt64((a.characteristic - 14) & 0x7F) << 56
        }
        s.cc = a.conditionCode
        if let e { throw e }
    }

    func opAXR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try addExtended(p, subtract: false) }
    func opSXR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { try addExtended(p, subtract: true) }

    /// MXR: extended × extended into pair r1.
    func opMXR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r2 = r2(p)
        try checkExtendedFPR(r1)
        try checkExtendedFPR(r2)
        let (product, e) = multiplyExtended(extendedFPR(r1), extendedFPR(r2), programMask: s.programMask)
        setExtendedFPR(r1, product)
        if let e { throw e }
    }

    /// MXDR, MXD: the long multiplicand in FPR r1 times a long operand; the
    /// extended product replaces the pair r1 (so r1 must be 0 or 4).
    @inline(__always)
    func multiplyToExtended(_ r1: Int, _ op2: UInt64) throws(ProgramInterruption) {
        let (product, e) = multiplyLongToExtended(HexFloat(fpr[r1]), HexFloat(op2), programMask: s.programMask)
        setExtendedFPR(r1, product)
        if let e { throw e }
    }

    func opMXDR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r2 = r2(p)
        try checkExtendedFPR(r1)
        try checkFPR(r2)
        try multiplyToExtended(r1, fpr[r2])
    }

    func opMXD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        try checkExtendedFPR(r1)
        try multiplyToExtended(r1, fetchDouble(addressRX(p)))
    }
}
