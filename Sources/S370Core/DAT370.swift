/// System/370 dynamic address translation: CR0 bits 8–9 choose 2 KB or
/// 4 KB pages, bits 11–12 64 KB or 1 MB segments; CR1 holds the segment
/// table length (bits 0–7, in units of 16 entries) and origin (bits 8–25).
/// Segment-table entries are words: page-table length (bits 0–3),
/// origin (bits 8–28), segment protection (bit 29), invalid (bit 31).
/// Page-table entries are halfwords: frame address, invalid bit.
extension Interp {
    /// Outcome of a table walk for LRA, which reports what an access would
    /// raise as a condition code instead.
    enum WalkResult {
        case translated(real: UInt32, protected: Bool)
        /// CC 1: the segment-table entry (at `entry`) is invalid.
        case segmentInvalid(entry: UInt32)
        /// CC 2: the page-table entry (at `entry`) is invalid.
        case pageInvalid(entry: UInt32)
        /// CC 3: the segment or page index exceeds the table length.
        case lengthExceeded(entry: UInt32, segment: Bool)
    }

    /// Translates a virtual address for an access, raising the architected
    /// exceptions (and recording the translation-exception address).
    func translateDAT(_ vaddr: UInt32, store: Bool) throws(ProgramInterruption) -> UInt32 {
        let result = M.is370 ? try walk370(vaddr) : try walk67(vaddr)
        switch result {
        case .translated(let real, let protected):
            if store && protected { throw .protection }
            return real
        case .segmentInvalid:
            try recordTranslationException(vaddr)
            throw M.is370 ? .segmentTranslation : .pageTranslation
        case .pageInvalid:
            try recordTranslationException(vaddr)
            throw .pageTranslation
        case .lengthExceeded(_, let segment):
            try recordTranslationException(vaddr)
            throw segment ? .segmentTranslation : .pageTranslation
        }
    }

    /// Where the faulting address goes: location 144 on S/370, CR2 on the 360/67.
    func recordTranslationException(_ vaddr: UInt32) throws(ProgramInterruption) {
        if M.is370 {
            s.translationExceptionAddress = vaddr & 0x00FF_FFFF
        } else {
            cr[2] = vaddr
        }
    }

    /// LRA: the real address, or the table entry address with CC 1–3.
    func loadRealAddress(_ vaddr: UInt32) throws(ProgramInterruption) -> (address: UInt32, cc: UInt8) {
        switch M.is370 ? try walk370(vaddr) : try walk67(vaddr) {
        case .translated(let real, _): return (real, 0)
        case .segmentInvalid(let entry): return (entry, 1)
        case .pageInvalid(let entry): return (entry, 2)
        case .lengthExceeded(let entry, _): return (M.is370 ? entry : vaddr, 3)
        }
    }

    /// Reads a table entry at a real address (tables are not subject to keys).
    @inline(__always)
    func tableWord(_ real: UInt32) throws(ProgramInterruption) -> UInt32 {
        storage.load32(try absolute(real: real))
    }

    @inline(__always)
    func tableHalf(_ real: UInt32) throws(ProgramInterruption) -> UInt16 {
        storage.load16(try absolute(real: real))
    }

    func walk370(_ vaddr: UInt32) throws(ProgramInterruption) -> WalkResult {
        let cr0 = cr[0]
        let pageBits = (cr0 >> 22) & 3       // 01: 2 KB, 10: 4 KB
        let segmentBits = (cr0 >> 19) & 3    // 00: 64 KB, 10: 1 MB
        guard pageBits == 1 || pageBits == 2, segmentBits == 0 || segmentBits == 2 else {
            throw .translationSpecification
        }
        let fourK = pageBits == 2, oneMeg = segmentBits == 2
        let v = vaddr & 0x00FF_FFFF
        let std = cr[1]
        let segmentIndex = oneMeg ? v >> 20 : v >> 16
        let steAddress = (std & 0x00FF_FFC0) &+ segmentIndex &* 4
        // The length counts 16-entry units; only 64 KB segments can exceed it.
        if !oneMeg && (segmentIndex >> 4) > (std >> 24) {
            return .lengthExceeded(entry: steAddress, segment: true)
        }
        let ste = try tableWord(steAddress)
        if ste & 1 != 0 { return .segmentInvalid(entry: steAddress) }
        if ste & 0x0F00_0000 != 0 { throw .translationSpecification }
        let ptl = ste >> 28
        let pto = ste & 0x00FF_FFF8
        let pageIndex = oneMeg ? (fourK ? (v >> 12) & 0xFF : (v >> 11) & 0x1FF)
                               : (fourK ? (v >> 12) & 0xF : (v >> 11) & 0x1F)
        let pteAddress = pto &+ pageIndex &* 2
        // The length is compared with the leftmost four bits of the page index.
        let lengthBits = oneMeg ? (v >> 16) & 0xF : (v >> 12) & 0xF
        if lengthBits > ptl { return .lengthExceeded(entry: pteAddress, segment: false) }
        let pte = UInt32(try tableHalf(pteAddress))
        let real: UInt32
        if fourK {
            if pte & 0x0008 != 0 { return .pageInvalid(entry: pteAddress) }
            if pte & 0x0006 != 0 { throw .translationSpecification }
            real = (pte & 0xFFF0) << 8 | (v & 0xFFF)
        } else {
            if pte & 0x0004 != 0 { return .pageInvalid(entry: pteAddress) }
            if pte & 0x0002 != 0 { throw .translationSpecification }
            real = (pte & 0xFFF8) << 8 | (v & 0x7FF)
        }
        return .translated(real: real, protected: ste & 0x4 != 0)
    }
}
