/// Packing and unpacking the 64-bit PSW. The CPU keeps the PSW decoded in
/// `CPUState`; these convert it to and from the stored form.
extension CPUState {
    /// S/370 EC-mode bits that must be zero: 0, 2–4, 16–17, 24–39.
    static let ecReservedBits: UInt64 = 0xB800_C0FF_FF00_0000

    /// The current PSW in stored form. In BC mode `interruptionCode` and
    /// `ilc` (in bytes: 0, 2, 4, 6) fill bits 16–31 and 32–33.
    public func packPSW(interruptionCode: UInt16 = 0, ilc: Int = 0) -> UInt64 {
        var v = UInt64(systemMask) << 56 | UInt64(key & 0xF) << 52
        if machineCheckMask { v |= 1 << 50 }
        if waitState { v |= 1 << 49 }
        if problemState { v |= 1 << 48 }
        if model == .s360_67 && ecMode {
            return packModel67ExtendedPSW(ilc: ilc)
        }
        if model == .s370 && ecMode {
            v |= 1 << 51
            v |= UInt64(cc & 3) << 44 | UInt64(programMask & 0xF) << 40
            v |= UInt64(ia & 0x00FF_FFFF)
        } else {
            v |= UInt64(interruptionCode) << 32
            v |= UInt64((ilc >> 1) & 3) << 30
            v |= UInt64(cc & 3) << 28 | UInt64(programMask & 0xF) << 24
            v |= UInt64(ia & 0x00FF_FFFF)
        }
        return v
    }

    /// Loads a PSW from its stored form. Returns false when the PSW is not
    /// valid for the model; the CPU then takes a specification exception
    /// (ILC 0) before fetching the next instruction, as the architecture says.
    @discardableResult
    func unpackPSW(_ v: UInt64) -> Bool {
        let oldKey = key, oldTranslating = translating, oldProblem = problemState
        systemMask = UInt8(v >> 56)
        key = UInt8((v >> 52) & 0xF)
        machineCheckMask = v & (1 << 50) != 0
        waitState = v & (1 << 49) != 0
        problemState = v & (1 << 48) != 0
        var valid = true
        if model == .s370 {
            ecMode = v & (1 << 51) != 0
            // A machine without EC mode (a virtual machine lacking OPTION
            // ECMODE) treats the EC bit as an invalid PSW bit.
            if ecMode && !ecModeAvailable { valid = false }
            if ecMode {
                cc = UInt8((v >> 44) & 3)
                programMask = UInt8((v >> 40) & 0xF)
                ia = UInt32(v & 0x00FF_FFFF)
                if v & CPUState.ecReservedBits != 0 { valid = false }
            } else {
                cc = UInt8((v >> 28) & 3)
                programMask = UInt8((v >> 24) & 0xF)
                ia = UInt32(v & 0x00FF_FFFF)
            }
            translating = ecMode && systemMask & 0x04 != 0
        } else {
            ecMode = false
            cc = UInt8((v >> 28) & 3)
            programMask = UInt8((v >> 24) & 0xF)
            ia = UInt32(v & 0x00FF_FFFF)
            applyModel67PSWBits(v)
        }
        invalidPSW = valid ? nil : v
        if key != oldKey || translating != oldTranslating || problemState != oldProblem {
            purgeTLB()
        }
        return valid
    }

    /// Whether the CPU is enabled for external interruptions (PSW bit 7).
    var externalEnabled: Bool { systemMask & 0x01 != 0 }

    /// Whether any I/O interruption can be taken: S/370 EC mode and the
    /// 360/67's extended mode, PSW bit 6; BC (standard) mode, the channel
    /// masks in bits 0–6.
    public var ioEnabled: Bool {
        if ecMode { return systemMask & 0x02 != 0 }
        return systemMask & 0xFE != 0
    }

    /// Whether an I/O interruption from `channel` can be taken now. S/370 EC
    /// mode: PSW bit 6 and the channel's bit in control register 2. 360/67
    /// extended mode: PSW bit 6 (the I/O summary mask) and the channel's bit
    /// in control register 4; PSW bits 0–5 mean something else there (bit 4
    /// 32-bit addressing, bit 5 translation). BC mode: channels 0–5 by PSW
    /// bits 0–5; channels 6 and up by PSW bit 6 (and CR2 on S/370).
    public func ioEnabled(channel: Int) -> Bool {
        func maskBit(_ register: Int) -> Bool {
            channel < 32 ? (cr[register] >> UInt32(31 - channel)) & 1 != 0 : false
        }
        if ecMode { return systemMask & 0x02 != 0 && maskBit(model == .s370 ? 2 : 4) }
        if channel < 6 { return systemMask & (0x80 >> UInt8(channel)) != 0 }
        return systemMask & 0x02 != 0 && (model != .s370 || maskBit(2))
    }
}
