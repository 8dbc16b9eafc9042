/// Operand access for instructions: logical address → host byte, through the
/// software TLB. A hit is one compare; a miss runs `translate`, which applies
/// DAT, low-address protection, prefixing, the addressing check and key
/// protection, sets the reference and change bits, and installs the entry.
extension Interp {
    static var blockMask: UInt32 { 0x7FF }

    @inline(__always)
    func tlbIndex(_ a: UInt32) -> Int { Int((a >> 11) & UInt32(CPUState.tlbSize - 1)) }

    /// Host address of logical byte `a` for a fetch.
    @inline(__always)
    func readPointer(_ a: UInt32) throws(ProgramInterruption) -> UnsafeMutablePointer<UInt8> {
        let e = s.tlbRead + tlbIndex(a)
        if e.pointee.tag == a >> 11 { return e.pointee.block + Int(a & 0x7FF) }
        return try translate(a, store: false) + Int(a & 0x7FF)
    }

    /// Host address of logical byte `a` for a store.
    @inline(__always)
    func writePointer(_ a: UInt32) throws(ProgramInterruption) -> UnsafeMutablePointer<UInt8> {
        let e = s.tlbWrite + tlbIndex(a)
        if e.pointee.tag == a >> 11 { return e.pointee.block + Int(a & 0x7FF) }
        return try translate(a, store: true) + Int(a & 0x7FF)
    }

    /// Whether `n` bytes from `a` stay inside one 2 KB block.
    @inline(__always)
    func inOneBlock(_ a: UInt32, _ n: UInt32) -> Bool { (a & 0x7FF) &+ n <= 0x800 }

    // MARK: Fetch

    @inline(__always)
    func fetchByte(_ a: UInt32) throws(ProgramInterruption) -> UInt8 {
        try readPointer(a).pointee
    }

    @inline(__always)
    func fetchHalf(_ a: UInt32) throws(ProgramInterruption) -> UInt16 {
        try checkAlignment(a, 2)
        if inOneBlock(a, 2) {
            return UnsafeRawPointer(try readPointer(a)).loadUnaligned(as: UInt16.self).bigEndian
        }
        return try UInt16(fetchByte(a)) << 8 | UInt16(fetchByte((a &+ 1) & amask))
    }

    @inline(__always)
    func fetchWord(_ a: UInt32) throws(ProgramInterruption) -> UInt32 {
        try checkAlignment(a, 4)
        if inOneBlock(a, 4) {
            return UnsafeRawPointer(try readPointer(a)).loadUnaligned(as: UInt32.self).bigEndian
        }
        return try fetchSpanning(a, 4)
    }

    @inline(__always)
    func fetchDouble(_ a: UInt32) throws(ProgramInterruption) -> UInt64 {
        try checkAlignment(a, 8)
        if inOneBlock(a, 8) {
            return UnsafeRawPointer(try readPointer(a)).loadUnaligned(as: UInt64.self).bigEndian
        }
        let hi = try fetchSpanning(a, 4)
        let lo = try fetchSpanning((a &+ 4) & amask, 4)
        return UInt64(hi) << 32 | UInt64(lo)
    }

    /// A word that straddles a block boundary, byte by byte (both blocks are
    /// checked before the value is used; fetches have no side effects).
    @inline(never)
    func fetchSpanning(_ a: UInt32, _ n: Int) throws(ProgramInterruption) -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<n {
            v = v << 8 | UInt32(try fetchByte((a &+ UInt32(i)) & amask))
        }
        return v
    }

    // MARK: Store

    @inline(__always)
    func storeByte(_ a: UInt32, _ v: UInt8) throws(ProgramInterruption) {
        try writePointer(a).pointee = v
    }

    @inline(__always)
    func storeHalf(_ a: UInt32, _ v: UInt16) throws(ProgramInterruption) {
        try checkAlignment(a, 2)
        if inOneBlock(a, 2) {
            UnsafeMutableRawPointer(try writePointer(a)).storeBytes(of: v.bigEndian, as: UInt16.self)
            return
        }
        try storeSpanning(a, UInt64(v), 2)
    }

    @inline(__always)
    func storeWord(_ a: UInt32, _ v: UInt32) throws(ProgramInterruption) {
        try checkAlignment(a, 4)
        if inOneBlock(a, 4) {
            UnsafeMutableRawPointer(try writePointer(a)).storeBytes(of: v.bigEndian, as: UInt32.self)
            return
        }
        try storeSpanning(a, UInt64(v), 4)
    }

    @inline(__always)
    func storeDouble(_ a: UInt32, _ v: UInt64) throws(ProgramInterruption) {
        try checkAlignment(a, 8)
        if inOneBlock(a, 8) {
            UnsafeMutableRawPointer(try writePointer(a)).storeBytes(of: v.bigEndian, as: UInt64.self)
            return
        }
        try storeSpanning(a, v, 8)
    }

    /// A store that straddles a block boundary: both blocks are translated
    /// and checked before any byte changes, so an access exception on the
    /// second block leaves storage untouched.
    @inline(never)
    func storeSpanning(_ a: UInt32, _ v: UInt64, _ n: Int) throws(ProgramInterruption) {
        let last = (a &+ UInt32(n - 1)) & amask
        let first = try writePointer(a)
        let second = try writePointer(last & ~0x7FF)
        let split = Int(0x800 - (a & 0x7FF))
        for i in 0..<n {
            let byte = UInt8(truncatingIfNeeded: v >> UInt64(8 * (n - 1 - i)))
            if i < split { first[i] = byte } else { second[i - split] = byte }
        }
    }

    // MARK: Operand spans (SS instructions)

    /// Host view of an operand of up to 2 KB: bytes before `split` are at
    /// `first`, the rest at `second`. Both blocks were checked for the access.
    struct Span {
        let first: UnsafeMutablePointer<UInt8>
        let second: UnsafeMutablePointer<UInt8>
        let split: Int

        @inline(__always)
        subscript(i: Int) -> UInt8 {
            get { i < split ? first[i] : second[i - split] }
            nonmutating set { if i < split { first[i] = newValue } else { second[i - split] = newValue } }
        }

        @inline(__always)
        var isContiguous: Bool { split >= 0x800 }
    }

    /// The operand of `length` bytes (1…2048) at `a`, checked for fetch.
    @inline(__always)
    func readSpan(_ a: UInt32, _ length: Int) throws(ProgramInterruption) -> Span {
        let first = try readPointer(a)
        if inOneBlock(a, UInt32(length)) { return Span(first: first, second: first, split: 0x800) }
        let split = Int(0x800 - (a & 0x7FF))
        let second = try readPointer((a &+ UInt32(split)) & amask)
        return Span(first: first, second: second, split: split)
    }

    /// The operand of `length` bytes (1…2048) at `a`, checked for store (and fetch).
    @inline(__always)
    func writeSpan(_ a: UInt32, _ length: Int) throws(ProgramInterruption) -> Span {
        let first = try writePointer(a)
        if inOneBlock(a, UInt32(length)) { return Span(first: first, second: first, split: 0x800) }
        let split = Int(0x800 - (a & 0x7FF))
        let second = try writePointer((a &+ UInt32(split)) & amask)
        return Span(first: first, second: second, split: split)
    }

    // MARK: Translation (TLB miss)

    /// Translates logical address `a` for a fetch or a store, checks it,
    /// installs the TLB entry and returns the host address of its 2 KB block.
    @inline(never)
    func translate(_ a: UInt32, store: Bool) throws(ProgramInterruption) -> UnsafeMutablePointer<UInt8> {
        var real = a
        if s.translating { real = try translateDAT(a, store: store) }
        // Low-address protection (S/370, CR0 bit 3): stores to 0–511 refused.
        var cacheable = true
        if store && M.is370 && a < 0x800 && cr[0] & 0x1000_0000 != 0 {
            if a < 512 { throw .protection }
            cacheable = false
        }
        let absolute = applyPrefix(real)
        if absolute >= memSize { throw .addressing }
        if !storage.keyAllows(absolute, accessKey: s.key, store: store) { throw .protection }
        storage.markAccess(absolute, store: store)
        let block = mem + Int(absolute & ~0x7FF)
        if cacheable {
            let i = tlbIndex(a)
            if store {
                s.tlbWrite[i] = TLBEntry(tag: a >> 11, block: block)
            }
            s.tlbRead[i] = TLBEntry(tag: a >> 11, block: block)
        }
        return block
    }

    /// Real → absolute: the first 4 KB and the prefix area swap places.
    @inline(__always)
    func applyPrefix(_ real: UInt32) -> UInt32 {
        let page = real & ~0xFFF
        if page == 0 { return real | s.prefix }
        if page == s.prefix { return real & 0xFFF }
        return real
    }

    /// Absolute address of a real address, checked against storage size
    /// (for accesses that bypass DAT and keys: PSWs, interruption codes, tables).
    @inline(__always)
    func absolute(real: UInt32) throws(ProgramInterruption) -> UInt32 {
        let a = applyPrefix(real)
        if a >= memSize { throw .addressing }
        return a
    }
}
