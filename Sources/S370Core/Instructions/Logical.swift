/// Logical operations, characters and masks (AND/OR/XOR, compare logical,
/// insert/store characters, test under mask, test and set, compare and swap,
/// byte reversal).
extension Interp {
    // MARK: Register and storage word forms

    @inline(__always)
    func setCCNonzero(_ v: UInt32) { s.cc = v == 0 ? 0 : 1 }

    @inline(__always)
    func opNR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        let v = gpr[r1] & gpr[r2(p)]
        gpr[r1] = v
        setCCNonzero(v)
    }

    @inline(__always)
    func opOR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        let v = gpr[r1] | gpr[r2(p)]
        gpr[r1] = v
        setCCNonzero(v)
    }

    @inline(__always)
    func opXR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        let v = gpr[r1] ^ gpr[r2(p)]
        gpr[r1] = v
        setCCNonzero(v)
    }

    @inline(__always)
    func opN(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        let v = gpr[r1] & (try fetchWord(addressRX(p)))
        gpr[r1] = v
        setCCNonzero(v)
    }

    @inline(__always)
    func opO(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        let v = gpr[r1] | (try fetchWord(addressRX(p)))
        gpr[r1] = v
        setCCNonzero(v)
    }

    @inline(__always)
    func opX(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p)
        let v = gpr[r1] ^ (try fetchWord(addressRX(p)))
        gpr[r1] = v
        setCCNonzero(v)
    }

    // MARK: Immediate byte forms (SI)

    @inline(__always)
    func opMVI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeByte(addressS(p), p[1])
    }

    @inline(__always)
    func opCLI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let b = try fetchByte(addressS(p))
        let i = p[1]
        s.cc = b == i ? 0 : (b < i ? 1 : 2)
    }

    @inline(__always)
    func opNI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let q = try writePointer(addressS(p))
        let v = q.pointee & p[1]
        q.pointee = v
        s.cc = v == 0 ? 0 : 1
    }

    @inline(__always)
    func opOI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let q = try writePointer(addressS(p))
        let v = q.pointee | p[1]
        q.pointee = v
        s.cc = v == 0 ? 0 : 1
    }

    func opXI(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let q = try writePointer(addressS(p))
        let v = q.pointee ^ p[1]
        q.pointee = v
        s.cc = v == 0 ? 0 : 1
    }

    /// CC 0 selected bits all zero (or mask zero), 1 mixed, 3 all ones.
    @inline(__always)
    func opTM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let mask = p[1]
        let v = try fetchByte(addressS(p)) & mask
        s.cc = v == 0 ? 0 : (v == mask ? 3 : 1)
    }

    /// TEST AND SET: CC is the leftmost bit of the byte, which becomes all ones.
    func opTS(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let q = try writePointer(addressS(p))
        s.cc = q.pointee >> 7
        q.pointee = 0xFF
    }

    // MARK: Characters

    @inline(__always)
    func opIC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let b = try fetchByte(addressRX(p))
        let r1 = r1(p)
        gpr[r1] = (gpr[r1] & 0xFFFF_FF00) | UInt32(b)
    }

    @inline(__always)
    func opSTC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeByte(addressRX(p), UInt8(truncatingIfNeeded: gpr[r1(p)]))
    }

    /// INSERT CHARACTERS UNDER MASK: CC 0 all inserted bits zero (or mask
    /// zero), 1 leftmost inserted bit one, 2 otherwise.
    func opICM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), mask = p[1] & 0xF
        var a = addressS(p)
        if mask == 0 { s.cc = 0; return }
        var v = gpr[r1]
        var first = true, negative = false, any = false
        for i in 0..<4 where mask & (8 >> UInt8(i)) != 0 {
            let b = try fetchByte(a)
            a = (a &+ 1) & amask
            if first { negative = b & 0x80 != 0; first = false }
            if b != 0 { any = true }
            let shift = UInt32(24 - 8 * i)
            v = (v & ~(0xFF << shift)) | (UInt32(b) << shift)
        }
        gpr[r1] = v
        s.cc = !any ? 0 : (negative ? 1 : 2)
    }

    func opSTCM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), mask = p[1] & 0xF
        let a = addressS(p)
        let count = mask.nonzeroBitCount
        if count == 0 { return }
        let span = try writeSpan(a, count)
        let v = gpr[r1]
        var j = 0
        for i in 0..<4 where mask & (8 >> UInt8(i)) != 0 {
            span[j] = UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * i))
            j += 1
        }
    }

    func opCLM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), mask = p[1] & 0xF
        var a = addressS(p)
        let v = gpr[r1]
        s.cc = 0
        for i in 0..<4 where mask & (8 >> UInt8(i)) != 0 {
            let b = try fetchByte(a)
            a = (a &+ 1) & amask
            let r = UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * i))
            if r != b {
                s.cc = r < b ? 1 : 2
                return
            }
        }
    }

    // MARK: Compare and swap

    func opCS(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let a = addressS(p)
        if a & 3 != 0 { throw .specification }
        let q = UnsafeMutableRawPointer(try writePointer(a))
        let current = q.loadUnaligned(as: UInt32.self).bigEndian
        if current == gpr[r1] {
            q.storeBytes(of: gpr[r3].bigEndian, as: UInt32.self)
            s.cc = 0
        } else {
            gpr[r1] = current
            s.cc = 1
        }
    }

    func opCDS(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let a = addressS(p)
        if r1 & 1 != 0 || r3 & 1 != 0 || a & 7 != 0 { throw .specification }
        let q = UnsafeMutableRawPointer(try writePointer(a))
        let current = q.loadUnaligned(as: UInt64.self).bigEndian
        if current == pair(r1) {
            q.storeBytes(of: pair(r3).bigEndian, as: UInt64.self)
            s.cc = 0
        } else {
            storePair(r1, current)
            s.cc = 1
        }
    }

    // MARK: Test under mask immediate (370 extensions)

    /// CC 0 selected bits zero (or mask zero), 1 mixed with the leftmost
    /// selected bit zero, 2 mixed with it one, 3 all ones.
    @inline(__always)
    func testUnderMask16(_ value: UInt16, _ mask: UInt16) {
        let v = value & mask
        if v == 0 { s.cc = 0; return }
        if v == mask { s.cc = 3; return }
        let leftmost = UInt16(0x8000) >> UInt16(mask.leadingZeroBitCount)
        s.cc = v & leftmost != 0 ? 2 : 1
    }

    func opTML(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        testUnderMask16(UInt16(truncatingIfNeeded: gpr[r1(p)]), UInt16(truncatingIfNeeded: immediate16(p)))
    }

    func opTMH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        testUnderMask16(UInt16(truncatingIfNeeded: gpr[r1(p)] >> 16), UInt16(truncatingIfNeeded: immediate16(p)))
    }

    // MARK: Byte reversal (370 extensions)

    func opLRVR(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[Int(p[3] >> 4)] = gpr[Int(p[3] & 0xF)].byteSwapped
    }

    func opLRV(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        gpr[r1(p)] = try fetchWord(addressRXE(p)).byteSwapped
    }

    func opLRVH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let v = try fetchHalf(addressRXE(p)).byteSwapped
        let r1 = r1(p)
        gpr[r1] = (gpr[r1] & 0xFFFF_0000) | UInt32(v)
    }

    func opSTRV(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeWord(addressRXE(p), gpr[r1(p)].byteSwapped)
    }

    func opSTRVH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeHalf(addressRXE(p), UInt16(truncatingIfNeeded: gpr[r1(p)]).byteSwapped)
    }
}
