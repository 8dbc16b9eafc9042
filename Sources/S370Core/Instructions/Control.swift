/// Control instructions (S/370 PoO chapter 10): PSW and system mask,
/// storage keys, clocks and timers, prefix, control registers, LRA, PTLB,
/// MONITOR CALL, and the 360/67's LMC and STMC.
extension Interp {
    // MARK: PSW and system mask

    func opLPSW(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 7 != 0 { throw .specification }
        let psw = try fetchDouble(a)
        s.unpackPSW(psw)
        throw .recheck
    }

    /// SSM is suppressed (special-operation exception) when CR0 bit 1 is
    /// on. The SSM-suppression control governs SET SYSTEM MASK only, not
    /// STNSM and STOSM (GA22-7000, SET SYSTEM MASK and control register 0).
    @inline(__always)
    func checkSSMSuppression() throws(ProgramInterruption) {
        if M.is370 && cr[0] & 0x4000_0000 != 0 { throw .specialOperation }
    }

    func opSSM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try checkSSMSuppression()
        let mask = try fetchByte(addressS(p))
        try setSystemMask(mask)
        throw .recheck
    }

    func opSTNSM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeByte(addressS(p), s.systemMask)
        try setSystemMask(s.systemMask & p[1])
        throw .recheck
    }

    func opSTOSM(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeByte(addressS(p), s.systemMask)
        try setSystemMask(s.systemMask | p[1])
        throw .recheck
    }

    /// Loads PSW bits 0–7. The new mask is not checked before it is loaded:
    /// in EC mode a one in bit 0 or 2–4 is a PSW-format error, recognised
    /// immediately after loading (early exception recognition), so the old
    /// PSW of the specification exception shows the mask as loaded and the
    /// ILC of the instruction (GA22-7000, "Exceptions Associated with the PSW").
    func setSystemMask(_ mask: UInt8) throws(ProgramInterruption) {
        s.systemMask = mask
        s.systemMaskChanged()
        if M.is370 && s.ecMode && mask & 0xB8 != 0 { throw .specification }
    }

    // MARK: Storage keys (2 KB blocks, real addresses)

    /// Absolute address of the key block named by a register for SSK, ISK, RRB.
    func keyBlockAddress(_ value: UInt32) throws(ProgramInterruption) -> UInt32 {
        return try absolute(real: value & 0x00FF_F800)
    }

    /// SSK and ISK: bits 28–31 of R2 must be zero, on System/360 as on
    /// System/370 (A22-6821, specification exception cause 6; GA22-7000).
    func opSSK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r2v = gpr[r2(p)]
        if r2v & 0xF != 0 { throw .specification }
        let a = try keyBlockAddress(r2v)
        let newKey = UInt8(truncatingIfNeeded: gpr[r1(p)]) & 0xFE
        storage.setKey(at: a, M.is370 ? newKey : newKey & (s.ecMode ? 0xFE : 0xF8))
        s.purgeTLB()
    }

    /// ISK: in EC mode the seven-bit key goes to R1 bits 24–30; in BC mode
    /// only bits 0–4 of the key (access key and fetch protection), with
    /// bits 29–31 of R1 zero (GA22-7000, INSERT STORAGE KEY). The 360/67
    /// shows reference and change bits in its extended mode only.
    func opISK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r2v = gpr[r2(p)]
        if r2v & 0xF != 0 { throw .specification }
        let a = try keyBlockAddress(r2v)
        var key = storage.key(at: a) & 0xFE
        if !s.ecMode { key &= 0xF8 }
        let r1 = r1(p)
        gpr[r1] = (gpr[r1] & 0xFFFF_FF00) | UInt32(key)
    }

    /// RESET REFERENCE BIT: CC = reference and change bits as they were.
    func opRRB(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = try keyBlockAddress(addressS(p))
        let key = storage.key(at: a)
        s.cc = (key & Storage.keyReference != 0 ? 2 : 0) | (key & Storage.keyChange != 0 ? 1 : 0)
        storage.keys[Int(a >> 11)] = key & ~Storage.keyReference
        s.purgeTLB()
    }

    // MARK: PSW key

    /// SET PSW KEY FROM ADDRESS: in the problem state only keys allowed by
    /// the PSW-key mask in CR3 bits 0–15.
    func opSPKA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let newKey = UInt8((addressS(p) >> 4) & 0xF)
        if s.problemState && (cr[3] << UInt32(newKey)) & 0x8000_0000 == 0 { throw .privilegedOperation }
        if newKey != s.key {
            s.key = newKey
            s.purgeTLB()
        }
    }

    /// INSERT PSW KEY into bits 24–27 of register 2; problem state needs
    /// the extraction-authority control (CR0 bit 4).
    func opIPK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        if s.problemState && cr[0] & 0x0800_0000 == 0 { throw .privilegedOperation }
        gpr[2] = (gpr[2] & 0xFFFF_FF00) | UInt32(s.key) << 4
    }

    // MARK: Clocks and timers

    func opSTCK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try storeDouble(addressS(p), s.readTOD())
        s.cc = 0
    }

    func opSCK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 7 != 0 { throw .specification }
        s.setTOD(try fetchDouble(a))
        s.cc = 0
        throw .recheck
    }

    func opSCKC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 7 != 0 { throw .specification }
        s.clockComparator = try fetchDouble(a)
        throw .recheck
    }

    func opSTCKC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 7 != 0 { throw .specification }
        try storeDouble(a, s.clockComparator)
    }

    func opSPT(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 7 != 0 { throw .specification }
        let value = try fetchDouble(a)
        s.advanceTimers(to: hostTOD())
        s.cpuTimerBase = Int64(bitPattern: value)
        throw .recheck
    }

    func opSTPT(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 7 != 0 { throw .specification }
        s.advanceTimers(to: hostTOD())
        try storeDouble(a, UInt64(bitPattern: s.cpuTimerBase))
    }

    // MARK: Identification

    func opSTIDP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 7 != 0 { throw .specification }
        let id = UInt64(s.cpuVersion) << 56 | UInt64(s.cpuSerial & 0xFF_FFFF) << 32 | UInt64(s.cpuModelNumber) << 16
        try storeDouble(a, id)
    }

    func opSTAP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 1 != 0 { throw .specification }
        try storeHalf(a, s.cpuAddress)
    }

    // MARK: Prefix

    func opSPX(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 3 != 0 { throw .specification }
        let value = try fetchWord(a) & 0x00FF_F000
        if value &+ 0x1000 > memSize { throw .addressing }
        s.prefix = value
        s.purgeTLB()
    }

    func opSTPX(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressS(p)
        if a & 3 != 0 { throw .specification }
        try storeWord(a, s.prefix)
    }

    // MARK: Control registers

    func opLCTL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let a = addressS(p)
        if a & 3 != 0 { throw .specification }
        let n = registerCount(r1, r3)
        let span = try readSpan(a, n * 4)
        var r = r1
        for i in 0..<n {
            let o = 4 * i
            cr[r] = UInt32(span[o]) << 24 | UInt32(span[o + 1]) << 16 | UInt32(span[o + 2]) << 8 | UInt32(span[o + 3])
            r = (r + 1) & 0xF
        }
        s.controlRegistersChanged()
        throw .recheck
    }

    func opSTCTL(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let r1 = r1(p), r3 = Int(p[1] & 0xF)
        let a = addressS(p)
        if a & 3 != 0 { throw .specification }
        let n = registerCount(r1, r3)
        let span = try writeSpan(a, n * 4)
        var r = r1
        for i in 0..<n {
            let v = cr[r]
            span[4 * i] = UInt8(v >> 24)
            span[4 * i + 1] = UInt8(truncatingIfNeeded: v >> 16)
            span[4 * i + 2] = UInt8(truncatingIfNeeded: v >> 8)
            span[4 * i + 3] = UInt8(truncatingIfNeeded: v)
            r = (r + 1) & 0xF
        }
    }

    /// 360/67 LOAD MULTIPLE CONTROL: like LCTL.
    func opLMC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try opLCTL(p)
    }

    /// 360/67 STORE MULTIPLE CONTROL: like STCTL.
    func opSTMC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try opSTCTL(p)
    }

    // MARK: Translation

    func opPTLB(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        s.purgeTLB()
    }

    /// LOAD REAL ADDRESS: translates D2(X2,B2) with the current tables,
    /// whether DAT is on or not. CC 0 translated; 1 segment-table entry
    /// invalid; 2 page-table entry invalid; 3 a table length exceeded.
    func opLRA(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let a = addressRX(p)
        let r = try loadRealAddress(a)
        gpr[r1(p)] = r.address
        s.cc = r.cc
    }

    // MARK: Monitor call

    func opMC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        let i2 = p[1]
        if i2 & 0xF0 != 0 { throw .specification }
        let monitorClass = i2 & 0x0F
        if cr[8] & (0x8000 >> UInt32(monitorClass)) != 0 {
            s.monitorClass = monitorClass
            s.monitorCode = addressS(p)
            throw .monitorEvent
        }
    }
}

extension CPUState {
    /// After the system mask changed: DAT and, on the 360/67, the addressing mode may have.
    func systemMaskChanged() {
        let wasTranslating = translating
        if model == .s370 {
            translating = ecMode && systemMask & 0x04 != 0
        } else {
            updateModel67Modes()
        }
        if translating != wasTranslating { purgeTLB() }
    }

    /// After control registers were loaded: translation parameters, masks and
    /// (on the 360/67) the PSW format may have changed.
    func controlRegistersChanged() {
        if model != .s370 { updateModel67Modes() }
        purgeTLB()
    }
}
