/// System/360 Model 67 specifics: the extended PSW mode selected by control
/// register 6 bit 8, 32-bit addressing, and its DAT (4 KB pages, 1 MB
/// segments; CR0 holds the segment table length and origin; the faulting
/// address of a translation exception goes to CR2).
///
/// Facts from IBM GA27-2719 as cited by secondary sources, cross-checked
/// with the SIMH 360 simulator, which runs CP-67 (see notes in the tests).
extension CPUState {
    /// CR6 bit 8: extended PSW mode.
    var model67Extended: Bool { cr[6] & 0x0080_0000 != 0 }

    /// Re-derives the modes that depend on CR6 and the system mask.
    func updateModel67Modes() {
        ecMode = model67Extended
        addressing32 = ecMode && systemMask & 0x08 != 0
        translating = ecMode && systemMask & 0x04 != 0
        addressMask = addressing32 ? 0xFFFF_FFFF : 0x00FF_FFFF
    }

    /// Unpacks the 360/67-specific parts of a PSW being loaded.
    func applyModel67PSWBits(_ v: UInt64) {
        updateModel67Modes()
        if ecMode {
            // Extended PSW: ILC 16–17, CC 18–19, program mask 20–23, address 32–63.
            cc = UInt8((v >> 44) & 3)
            programMask = UInt8((v >> 40) & 0xF)
            ia = UInt32(truncatingIfNeeded: v) & addressMask
        }
    }

    /// The current PSW in the 360/67 extended format.
    func packModel67ExtendedPSW(ilc: Int) -> UInt64 {
        var v = UInt64(systemMask) << 56 | UInt64(key & 0xF) << 52
        if machineCheckMask { v |= 1 << 50 }
        if waitState { v |= 1 << 49 }
        if problemState { v |= 1 << 48 }
        v |= UInt64((ilc >> 1) & 3) << 46 | UInt64(cc & 3) << 44 | UInt64(programMask & 0xF) << 40
        return v | UInt64(ia)
    }

    /// Where the 360/67 stores an interruption code in extended mode, which
    /// has no room for it in the PSW: a halfword per class in low storage.
    static func model67CodeLocation(oldPSW: UInt32) -> UInt32? {
        switch oldPSW {
        case LowCore.externalOld: return 0x0E
        case LowCore.svcOld: return 0x10
        case LowCore.programOld: return 0x12
        case LowCore.ioOld: return 0x16
        default: return nil
        }
    }
}

extension Interp {
    /// 360/67 table walk. CR0: bits 0–7 segment-table length (16-entry
    /// units), bits 8–31 origin. Segment-table entry: bits 0–7 largest page
    /// index, bits 8–28 page-table origin, bit 31 invalid. Page-table entry:
    /// bits 0–11 frame, bit 12 invalid, bits 13–15 zero.
    func walk67(_ vaddr: UInt32) throws(ProgramInterruption) -> WalkResult {
        let v = s.addressing32 ? vaddr : vaddr & 0x00FF_FFFF
        let segmentIndex = v >> 20
        let std = cr[0]
        let steAddress = (std & 0x00FF_FFFF) &+ segmentIndex &* 4
        if segmentIndex >= ((std >> 24) + 1) * 16 {
            return .lengthExceeded(entry: steAddress, segment: true)
        }
        let ste = try tableWord(steAddress)
        if ste & 1 != 0 { return .segmentInvalid(entry: steAddress) }
        let pageIndex = (v >> 12) & 0xFF
        let pteAddress = (ste & 0x00FF_FFF8) &+ pageIndex &* 2
        if pageIndex > ste >> 24 { return .lengthExceeded(entry: pteAddress, segment: false) }
        let pte = UInt32(try tableHalf(pteAddress))
        if pte & 0x0008 != 0 { return .pageInvalid(entry: pteAddress) }
        if pte & 0x0007 != 0 { throw .specification }
        return .translated(real: (pte & 0xFFF0) << 8 | (v & 0xFFF), protected: false)
    }
}
