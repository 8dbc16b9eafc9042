/// The decimal instructions (IBM GA22-7000, chapter "Decimal Instructions",
/// and CONVERT TO BINARY / CONVERT TO DECIMAL from "General Instructions").
///
/// Packed operands are read whole into integers (see `BCD`), computed on,
/// and written back, so there is no per-instruction allocation. Every
/// operand is checked for access before anything is stored, so an access
/// exception leaves storage unchanged. Data, specification and
/// decimal-divide exceptions are recognised before storing too: the
/// architecture suppresses the operation for those (or, for some data
/// exceptions, terminates it with unpredictable results, which an unchanged
/// result field satisfies). Decimal overflow completes the operation and
/// is signalled afterwards.
extension Interp {
    // MARK: Operand fields

    /// First-operand length in bytes of the two-length SS format (L1 + 1).
    @inline(__always)
    func packedLength1(_ p: UnsafeMutablePointer<UInt8>) -> Int { Int(p[1] >> 4) + 1 }

    /// Second-operand length in bytes of the two-length SS format (L2 + 1).
    @inline(__always)
    func packedLength2(_ p: UnsafeMutablePointer<UInt8>) -> Int { Int(p[1] & 0x0F) + 1 }

    // MARK: Packed operands

    /// Big-endian value of the `n` bytes (1…8) at `p`, which are in one
    /// 2 KB block. One word load: it ends at the operand's last byte when
    /// the block has room before the operand, else it starts at its first
    /// (the extra bytes read are in the same block and are dropped).
    @inline(__always)
    func loadBytes(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> UInt64 {
        let offset = Int(bitPattern: UInt(bitPattern: p)) & 0x7FF
        if offset >= 8 - n {
            let v = UnsafeRawPointer(p + n - 8).loadUnaligned(as: UInt64.self).bigEndian
            return v & (~0 >> (64 - 8 * n))
        }
        return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).bigEndian >> (64 - 8 * n)
    }

    /// Stores the low `n` bytes (1…8) of `v` at `p`, big-endian, touching
    /// no other byte.
    @inline(__always)
    func storeBytes(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, _ v: UInt64) {
        let raw = UnsafeMutableRawPointer(p)
        if n == 8 {
            raw.storeBytes(of: v.bigEndian, as: UInt64.self)
            return
        }
        var i = n, rest = v
        if i >= 4 {
            raw.storeBytes(of: UInt32(truncatingIfNeeded: rest).bigEndian, toByteOffset: i - 4, as: UInt32.self)
            rest >>= 32
            i -= 4
        }
        if i >= 2 {
            raw.storeBytes(of: UInt16(truncatingIfNeeded: rest).bigEndian, toByteOffset: i - 2, as: UInt16.self)
            rest >>= 16
            i -= 2
        }
        if i == 1 { p.pointee = UInt8(truncatingIfNeeded: rest) }
    }

    /// The `n` bytes (1…8) of an operand as one big-endian integer.
    @inline(__always)
    func operandBits64(_ span: Span, _ n: Int) -> UInt64 {
        if span.isContiguous { return loadBytes(span.first, n) }
        var v: UInt64 = 0
        for i in 0..<n { v = v << 8 | UInt64(span[i]) }
        return v
    }

    /// The `n` bytes (1…16) of an operand as one big-endian integer.
    @inline(__always)
    func operandBits128(_ span: Span, _ n: Int) -> UInt128 {
        if n <= 8 { return UInt128(operandBits64(span, n)) }
        if span.isContiguous {
            let low = UnsafeRawPointer(span.first + n - 8).loadUnaligned(as: UInt64.self).bigEndian
            return UInt128(loadBytes(span.first, n - 8)) << 64 | UInt128(low)
        }
        var v: UInt128 = 0
        for i in 0..<n { v = v << 8 | UInt128(span[i]) }
        return v
    }

    /// Stores the low `n` bytes (1…8) of `bits` as the operand, big-endian.
    @inline(__always)
    func storeOperandBits64(_ span: Span, _ n: Int, _ bits: UInt64) {
        if span.isContiguous {
            storeBytes(span.first, n, bits)
            return
        }
        var v = bits
        var i = n - 1
        while i >= 0 {
            span[i] = UInt8(truncatingIfNeeded: v)
            v >>= 8
            i -= 1
        }
    }

    /// Stores the low `n` bytes (1…16) of `bits` as the operand, big-endian.
    @inline(__always)
    func storeOperandBits128(_ span: Span, _ n: Int, _ bits: UInt128) {
        if n <= 8 {
            storeOperandBits64(span, n, UInt64(truncatingIfNeeded: bits))
        } else if span.isContiguous {
            storeBytes(span.first + n - 8, 8, UInt64(truncatingIfNeeded: bits))
            storeBytes(span.first, n - 8, UInt64(truncatingIfNeeded: bits >> 64))
        } else {
            var v = bits
            var i = n - 1
            while i >= 0 {
                span[i] = UInt8(truncatingIfNeeded: v)
                v >>= 8
                i -= 1
            }
        }
    }

    /// A packed operand of up to 8 bytes: its magnitude (as BCD) and
    /// whether its sign is minus. Data exception for invalid codes.
    @inline(__always)
    func loadPacked64(_ span: Span, _ n: Int) throws(ProgramInterruption) -> (magnitude: UInt64, negative: Bool) {
        let operand = BCD.unpack(operandBits64(span, n))
        if !operand.valid { throw .data }
        return (operand.magnitude, operand.negative)
    }

    /// A packed operand of up to 16 bytes, as `loadPacked64`.
    @inline(__always)
    func loadPacked128(_ span: Span, _ n: Int) throws(ProgramInterruption) -> (magnitude: UInt128, negative: Bool) {
        let operand = BCD.unpack(operandBits128(span, n))
        if !operand.valid { throw .data }
        return (operand.magnitude, operand.negative)
    }

    /// Sets the condition code of AP, SP, ZAP or SRP; for overflow (CC 3)
    /// the decimal-overflow interruption follows if the program mask allows
    /// it (the result is already stored: the operation completes).
    @inline(__always)
    func setDecimalCC(_ cc: UInt8) throws(ProgramInterruption) {
        s.cc = cc
        if cc == 3 && s.programMask & 0x4 != 0 { throw .decimalOverflow }
    }

    // MARK: Add, subtract, zero and add, compare

    func opAP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try addDecimal(p, subtracting: false)
    }

    func opSP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try addDecimal(p, subtracting: true)
    }

    /// ADD DECIMAL and SUBTRACT DECIMAL. Both operands are read in full
    /// before the result is stored, which gives the architected result when
    /// their rightmost bytes coincide. Operands of up to 8 bytes (15 digits)
    /// are computed in 64 bits, longer ones in 128.
    @inline(__always)
    func addDecimal(_ p: UnsafeMutablePointer<UInt8>, subtracting: Bool) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        let op2 = try readSpan(ssSecond(p), n2)
        let op1 = try writeSpan(ssFirst(p), n1)
        let digits = 2 * n1 - 1
        let cc: UInt8
        if n1 <= 8 && n2 <= 8 {
            let (a, aMinus) = try loadPacked64(op1, n1)
            let (b, bMinus) = try loadPacked64(op2, n2)
            let (sum, minus) = BCD.signedSum(a, aMinus, b, bMinus != subtracting)
            let result = BCD.decimalResult(sum, negative: minus, digits: digits)
            storeOperandBits64(op1, n1, result.bits)
            cc = result.cc
        } else {
            cc = try addLong(op1, n1, op2, n2, subtracting: subtracting)
        }
        try setDecimalCC(cc)
    }

    /// AP and SP with an operand longer than 8 bytes: stores the result and
    /// returns the condition code. (Out of line, to keep the short case small.)
    @inline(never)
    func addLong(_ op1: Span, _ n1: Int, _ op2: Span, _ n2: Int,
                 subtracting: Bool) throws(ProgramInterruption) -> UInt8 {
        let (a, aMinus) = try loadPacked128(op1, n1)
        let (b, bMinus) = try loadPacked128(op2, n2)
        let (sum, minus) = BCD.signedSum(a, aMinus, b, bMinus != subtracting)
        let result = BCD.decimalResult(sum, negative: minus, digits: 2 * n1 - 1)
        storeOperandBits128(op1, n1, result.bits)
        return result.cc
    }

    /// ZERO AND ADD: only the second operand is checked. Reading it whole
    /// first gives the architected result for the permitted overlap (the
    /// first operand's rightmost byte at or right of the second's).
    func opZAP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        let op2 = try readSpan(ssSecond(p), n2)
        let op1 = try writeSpan(ssFirst(p), n1)
        let digits = 2 * n1 - 1
        let cc: UInt8
        if n1 <= 8 && n2 <= 8 {
            let (b, minus) = try loadPacked64(op2, n2)
            let result = BCD.decimalResult(b, negative: minus, digits: digits)
            storeOperandBits64(op1, n1, result.bits)
            cc = result.cc
        } else {
            cc = try zeroAndAddLong(op1, n1, op2, n2)
        }
        try setDecimalCC(cc)
    }

    /// ZAP with an operand longer than 8 bytes, as `addLong`.
    @inline(never)
    func zeroAndAddLong(_ op1: Span, _ n1: Int, _ op2: Span, _ n2: Int) throws(ProgramInterruption) -> UInt8 {
        let (b, minus) = try loadPacked128(op2, n2)
        let result = BCD.decimalResult(b, negative: minus, digits: 2 * n1 - 1)
        storeOperandBits128(op1, n1, result.bits)
        return result.cc
    }

    /// COMPARE DECIMAL: algebraic comparison; +0 and -0 are equal.
    func opCP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        let op1 = try readSpan(ssFirst(p), n1)
        let op2 = try readSpan(ssSecond(p), n2)
        let cc: UInt8
        if n1 <= 8 && n2 <= 8 {
            let (a, aMinus) = try loadPacked64(op1, n1)
            let (b, bMinus) = try loadPacked64(op2, n2)
            cc = BCD.compare(a, aMinus, b, bMinus)
        } else {
            cc = try compareLong(op1, n1, op2, n2)
        }
        s.cc = cc
    }

    /// CP with an operand longer than 8 bytes: the condition code.
    @inline(never)
    func compareLong(_ op1: Span, _ n1: Int, _ op2: Span, _ n2: Int) throws(ProgramInterruption) -> UInt8 {
        let (a, aMinus) = try loadPacked128(op1, n1)
        let (b, bMinus) = try loadPacked128(op2, n2)
        return BCD.compare(a, aMinus, b, bMinus)
    }

    // MARK: Multiply and divide

    /// The operand-length rule of MP and DP: the second operand at most 8
    /// bytes and shorter than the first.
    @inline(__always)
    func checkMultiplyDivideLengths(_ n1: Int, _ n2: Int) throws(ProgramInterruption) {
        if n2 > 8 || n2 >= n1 { throw .specification }
    }

    /// MULTIPLY DECIMAL. The multiplicand must have at least as many
    /// leftmost zero bytes as the multiplier has bytes (data exception
    /// otherwise), so the product always fits. The product's sign follows
    /// the rules of algebra even when it is zero.
    func opMP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        try checkMultiplyDivideLengths(n1, n2)
        let op2 = try readSpan(ssSecond(p), n2)
        let op1 = try writeSpan(ssFirst(p), n1)
        let (a, aMinus) = try loadPacked128(op1, n1)
        let (b, bMinus) = try loadPacked128(op2, n2)
        // n2 zero bytes on the left leave 2 * (n1 - n2) - 1 digit positions.
        if !BCD.fits(a, digits: 2 * (n1 - n2) - 1) { throw .data }
        let product = BCD.bcd(BCD.binary(a) &* BCD.binary(b))
        storeOperandBits128(op1, n1, BCD.packed(product, negative: aMinus != bMinus))
    }

    /// DIVIDE DECIMAL. The quotient (sign by the rules of algebra) goes to
    /// the leftmost n1 - n2 bytes, the remainder (sign of the dividend) to
    /// the rightmost n2 bytes; both signs hold even for zero values.
    /// Decimal-divide exception, with nothing stored, for a zero divisor or
    /// a quotient too long for its field.
    func opDP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        try checkMultiplyDivideLengths(n1, n2)
        let op2 = try readSpan(ssSecond(p), n2)
        let op1 = try writeSpan(ssFirst(p), n1)
        let (a, aMinus) = try loadPacked128(op1, n1)
        let (b, bMinus) = try loadPacked128(op2, n2)
        // The quotient fits its digits exactly when the dividend's digits
        // above them, read as a number, are less than the divisor (the
        // architecture's trial comparison); a zero divisor always fails it.
        let quotientDigits = 2 * (n1 - n2) - 1
        if a >> (4 * quotientDigits) >= b { throw .decimalDivide }
        let divisor = UInt64(truncatingIfNeeded: BCD.binary(b))
        let (quotient, remainder) = BCD.divide(BCD.binary(a), by: divisor)
        let q = BCD.packed(BCD.bcd(quotient), negative: aMinus != bMinus)
        let r = BCD.packed(UInt128(BCD.bcd(remainder)), negative: aMinus)
        storeOperandBits128(op1, n1, q << (8 * n2) | r)
    }

    // MARK: Shift and round

    /// SHIFT AND ROUND DECIMAL (S/370). The low six bits of the second-operand
    /// address are a signed digit count: positive shifts left, negative
    /// right. A right shift first adds the rounding digit I3 to the leftmost
    /// digit shifted out. Losing nonzero digits on a left shift is decimal
    /// overflow. Both the operand and the rounding digit are checked even
    /// when they take no part.
    func opSRP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p)
        let rounding = p[1] & 0x0F
        let op1 = try writeSpan(ssFirst(p), n1)
        let (a, minus) = try loadPacked128(op1, n1)
        if rounding > 9 { throw .data }
        let shift = Int(ssSecond(p) & 0x3F)
        let digits = 2 * n1 - 1
        if shift < 32 {
            // Left shift (or none): digits moved past the field are lost.
            let lost = shift >= digits ? a != 0 : !BCD.fits(a, digits: digits - shift)
            let result = BCD.decimalResult(a << (4 * shift), negative: minus, digits: digits, lost: lost)
            storeOperandBits128(op1, n1, result.bits)
            try setDecimalCC(result.cc)
        } else {
            let right = 64 - shift
            var shifted: UInt128 = 0
            // A 32-digit shift leaves zero: the leftmost digit shifted out is
            // the always-zero 32nd, and adding a digit to it cannot carry.
            if right < 32 {
                let rounded = BCD.add(a, UInt128(rounding) << (4 * (right - 1)))
                shifted = rounded >> (4 * right)
            }
            let result = BCD.decimalResult(shifted, negative: minus, digits: digits)
            storeOperandBits128(op1, n1, result.bits)
            try setDecimalCC(result.cc)
        }
    }

    // MARK: Move with offset, pack, unpack

    /// MOVE WITH OFFSET: the second operand is placed left of the first
    /// operand's rightmost four bits. Right to left, each result byte stored
    /// as soon as the source bytes it needs are fetched, which defines the
    /// result for overlapping operands. No codes are checked.
    func opMVO(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        let src = try readSpan(ssSecond(p), n2)
        let dst = try writeSpan(ssFirst(p), n1)
        var i = n1 - 1, j = n2 - 1
        var byte = src[j]
        dst[i] = byte << 4 | (dst[i] & 0x0F)
        var carried = byte >> 4
        i -= 1; j -= 1
        while i >= 0 {
            byte = j >= 0 ? src[j] : 0
            dst[i] = byte << 4 | carried
            carried = byte >> 4
            i -= 1; j -= 1
        }
    }

    /// PACK: zoned to packed. The rightmost byte's zone and digit swap to
    /// become digit and sign; other zones are dropped. Processed right to
    /// left as for MVO; no codes are checked.
    func opPACK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        let src = try readSpan(ssSecond(p), n2)
        let dst = try writeSpan(ssFirst(p), n1)
        var i = n1 - 1, j = n2 - 1
        let last = src[j]
        dst[i] = last << 4 | last >> 4
        i -= 1; j -= 1
        while i >= 0 {
            let low = j >= 0 ? src[j] & 0x0F : 0
            j -= 1
            let high = j >= 0 ? src[j] & 0x0F : 0
            j -= 1
            dst[i] = high << 4 | low
            i -= 1
        }
    }

    /// UNPACK: packed to zoned. The rightmost byte's digit and sign swap;
    /// every other digit gets the zone F. Processed right to left as for
    /// MVO; no codes are checked. A long first operand is filled with
    /// zoned zeros.
    func opUNPK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let n1 = packedLength1(p), n2 = packedLength2(p)
        let src = try readSpan(ssSecond(p), n2)
        let dst = try writeSpan(ssFirst(p), n1)
        var i = n1 - 1, j = n2 - 1
        let last = src[j]
        dst[i] = last << 4 | last >> 4
        i -= 1; j -= 1
        while i >= 0 {
            let byte = j >= 0 ? src[j] : 0
            j -= 1
            dst[i] = 0xF0 | byte & 0x0F
            i -= 1
            if i < 0 { break }
            dst[i] = 0xF0 | byte >> 4
            i -= 1
        }
    }

    // MARK: Edit

    func opED(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try edit(p, marking: false)
    }

    func opEDMK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try edit(p, marking: true)
    }

    /// EDIT and EDIT AND MARK: the packed source is expanded to zoned
    /// digits under control of the pattern, which the result replaces.
    ///
    /// The first pattern byte is the fill byte (and is then processed like
    /// any other). A digit selector (X'20') or significance starter (X'21')
    /// takes the next source digit: the digit, zoned, if it is nonzero or
    /// the significance indicator is on, the fill byte otherwise; a nonzero
    /// digit or a starter turns the indicator on. When a source byte's left
    /// digit is taken, its right half, if a sign code, is not a digit: a
    /// plus code turns the indicator off after the digit. A field separator
    /// (X'22') becomes the fill byte and turns the indicator off. Any other
    /// byte is a message byte: kept if the indicator is on, else filled.
    ///
    /// The result is built in a buffer and stored at the end, so an access
    /// exception on a source byte leaves the pattern unchanged (the
    /// instruction can be retried after a page fault). A data exception
    /// (invalid digit) terminates the operation with the bytes edited so far
    /// stored, as the hardware does. (The source bytes are those the pattern
    /// actually consumes, and only they are checked for access.)
    @inline(never)
    func edit(_ p: UnsafeMutablePointer<UInt8>, marking: Bool) throws(ProgramInterruption) {
        let n = ssLength(p)
        let a1 = ssFirst(p)
        var source = ssSecond(p)
        let pattern = try writeSpan(a1, n)
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { (result) throws(ProgramInterruption) in
            var fill: UInt8 = 0
            var significance = false
            var fieldNonzero = false
            var sourceByte: UInt8 = 0
            var rightDigitNext = false
            var markIndex = -1
            for i in 0..<n {
                let patternByte = pattern[i]
                if i == 0 { fill = patternByte }
                switch patternByte {
                case 0x20, 0x21:
                    let digit: UInt8
                    var plusSign = false
                    if rightDigitNext {
                        digit = sourceByte & 0x0F
                        rightDigitNext = false
                    } else {
                        sourceByte = try fetchByte(source)
                        source = (source &+ 1) & amask
                        digit = sourceByte >> 4
                        if digit > 9 {
                            // Terminated: the pattern bytes already edited stay
                            // stored, as on the hardware (and Hercules).
                            for j in 0..<i { pattern[j] = result[j] }
                            throw .data
                        }
                        let right = sourceByte & 0x0F
                        if right <= 9 {
                            rightDigitNext = true
                        } else {
                            plusSign = right != 0xB && right != 0xD
                        }
                    }
                    if digit != 0 {
                        if !significance { markIndex = i }
                        fieldNonzero = true
                    }
                    result[i] = significance || digit != 0 ? 0xF0 | digit : fill
                    if digit != 0 || patternByte == 0x21 { significance = true }
                    if plusSign { significance = false }
                case 0x22:
                    result[i] = fill
                    significance = false
                    fieldNonzero = false
                default:
                    result[i] = significance ? patternByte : fill
                }
            }
            for i in 0..<n { pattern[i] = result[i] }
            // The last field decides: zero, or its sign as left in the indicator.
            s.cc = !fieldNonzero ? 0 : (significance ? 1 : 2)
            if marking && markIndex >= 0 {
                setAddressInR1((a1 &+ UInt32(markIndex)) & amask)
            }
        }
    }

    /// Puts an address in general register 1 as EDMK and TRT do: bits 8–31
    /// in 24-bit addressing, the whole register in 360/67 32-bit addressing.
    @inline(__always)
    func setAddressInR1(_ address: UInt32) {
        if M.is370 || !s.addressing32 {
            gpr[1] = (gpr[1] & 0xFF00_0000) | (address & 0x00FF_FFFF)
        } else {
            gpr[1] = address
        }
    }

    // MARK: Conversion

    /// CONVERT TO BINARY: an 8-byte packed operand to a signed word. Outside
    /// the word's range the operation completes with the low 32 bits of the
    /// result in R1 and then signals a fixed-point-divide exception.
    /// (The 360/67 requires a doubleword boundary; `fetchDouble` checks it.)
    func opCVB(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let operand = BCD.unpack(try fetchDouble(addressRX(p)))
        if !operand.valid { throw .data }
        let magnitude = Int64(BCD.binary(operand.magnitude))
        let value = operand.negative ? -magnitude : magnitude
        gpr[r1(p)] = UInt32(truncatingIfNeeded: value)
        if value != Int64(Int32(truncatingIfNeeded: value)) { throw .fixedPointDivide }
    }

    /// CONVERT TO DECIMAL: the signed word in R1 to 8 packed bytes with
    /// sign C or D. Ten digits always fit, so there is no exception but access
    /// (and alignment on the 360/67, checked by `storeDouble`).
    func opCVD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let value = Int32(bitPattern: gpr[r1(p)])
        try storeDouble(addressRX(p), BCD.packed(BCD.bcd(UInt64(value.magnitude)), negative: value < 0))
    }
}
