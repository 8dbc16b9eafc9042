import Testing
import S370Core

/// System/370 dynamic address translation: table walks for every page and
/// segment size, the translation exceptions with their codes, nullification
/// and exception address, LRA, PTLB and segment protection.
@Suite("S/370 DAT")
struct DAT370Tests {
    /// EC mode, DAT on, key 0, supervisor, interruptions disabled.
    static let ecDAT: UInt32 = 0x0408_0000

    /// Builds tables at X'8000' (segment table) and X'9000' (page tables)
    /// mapping virtual pages to real pages. `pages` maps virtual page
    /// address → real page address (nil = invalid entry).
    static func map(_ m: TestMachine, fourK: Bool, oneMeg: Bool, pages: [UInt32: UInt32?],
                    segmentTableLength: UInt32 = 0, pageTableLength: UInt32 = 0xF) {
        let pageSize: UInt32 = fourK ? 0x1000 : 0x800
        let segmentSize: UInt32 = oneMeg ? 0x10_0000 : 0x1_0000
        let cr0: UInt32 = (fourK ? 0x0080_0000 : 0x0040_0000) | (oneMeg ? 0x0010_0000 : 0)
        m.machine.setCR(0, cr0)
        m.machine.setCR(1, segmentTableLength << 24 | 0x8000)
        // Every segment points at its own page table; page tables are 0x400 apart.
        for segment in 0..<UInt32(16) {
            m.setWord(0x8000 + 4 * segment, pageTableLength << 28 | (0x9000 + segment * 0x400))
            let entries = segmentSize / pageSize
            for page in 0..<min(entries, 512) {
                m.machine.storage.store16(0x9000 + segment * 0x400 + page * 2, fourK ? 0x0008 : 0x0004)
            }
        }
        for (virtual, real) in pages {
            let segment = virtual / segmentSize
            let page = (virtual % segmentSize) / pageSize
            let entry: UInt16
            if let real {
                entry = fourK ? UInt16(real >> 8) & 0xFFF0 : UInt16(real >> 8) & 0xFFF8
            } else {
                entry = fourK ? 0x0008 : 0x0004
            }
            m.machine.storage.store16(0x9000 + segment * 0x400 + page * 2, entry)
        }
    }

    /// Identity-maps the first 8 KB (low storage and the test code).
    static func identityLow(fourK: Bool) -> [UInt32: UInt32?] {
        var pages: [UInt32: UInt32?] = [:]
        let size: UInt32 = fourK ? 0x1000 : 0x800
        for p in stride(from: UInt32(0), to: 0x2000, by: Int(size)) { pages[p] = p }
        return pages
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func translatesThroughTheTables(fourK: Bool, oneMeg: Bool) {
        let m = TestMachine()
        var pages = Self.identityLow(fourK: fourK)
        pages[0x2_0000] = 0x4_0000
        Self.map(m, fourK: fourK, oneMeg: oneMeg, pages: pages)
        m.setWord(0x4_0010, 0xCAFE_F00D)
        m.gpr[2] = 0x2_0010
        let r = m.run([0x58, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)  // L 1,0(0,2)
        #expect(r.completed)
        #expect(m.gpr[1] == 0xCAFE_F00D)
    }

    @Test func invalidPageNullifiesAndStoresTheAddress() {
        let m = TestMachine()
        var pages = Self.identityLow(fourK: true)
        pages[0x2_0000] = .some(nil)
        Self.map(m, fourK: true, oneMeg: false, pages: pages)
        m.gpr[2] = 0x2_0123
        m.gpr[1] = 0x1111
        let r = m.run([0x58, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(r.programInterruption == 0x0011)
        #expect(r.oldAddress == 0x1000, "nullified: the old PSW points at the instruction")
        #expect(r.ilc == 4)
        #expect(m.word(0x90) == 0x2_0123)
        #expect(m.gpr[1] == 0x1111)
    }

    @Test func invalidSegmentIsASegmentTranslationException() {
        let m = TestMachine()
        Self.map(m, fourK: true, oneMeg: false, pages: Self.identityLow(fourK: true))
        m.setWord(0x8000 + 4 * 3, 0x0000_0001)   // segment 3 (X'30000') invalid
        m.gpr[2] = 0x3_0000
        let r = m.run([0x58, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(r.programInterruption == 0x0010)
        #expect(m.word(0x90) == 0x3_0000)
    }

    @Test func segmentTableLengthIsChecked() {
        let m = TestMachine()
        Self.map(m, fourK: true, oneMeg: false, pages: Self.identityLow(fourK: true), segmentTableLength: 0)
        m.gpr[2] = 0x10_0000     // segment 16: beyond a 16-entry table
        let r = m.run([0x58, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(r.programInterruption == 0x0010)
    }

    @Test func pageTableLengthIsChecked() {
        let m = TestMachine()
        Self.map(m, fourK: true, oneMeg: true, pages: Self.identityLow(fourK: true), pageTableLength: 0)
        m.gpr[2] = 0x1_0000      // page 16 of segment 0: beyond PTL 0 (16 entries)
        let r = m.run([0x58, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(r.programInterruption == 0x0011)
    }

    @Test func invalidTranslationFormatIsATranslationSpecificationException() {
        let m = TestMachine()
        Self.map(m, fourK: true, oneMeg: false, pages: Self.identityLow(fourK: true))
        m.machine.setCR(0, 0x00C0_0000)    // page-size code 11: invalid
        let r = m.run([0x18, 0x12], pswHigh: Self.ecDAT)
        #expect(r.programInterruption == 0x0012)
    }

    @Test func loadRealAddressReportsEachCase() {
        let m = TestMachine()
        var pages = Self.identityLow(fourK: true)
        pages[0x2_0000] = 0x4_0000
        pages[0x2_1000] = .some(nil)
        Self.map(m, fourK: true, oneMeg: false, pages: pages)
        m.setWord(0x8000 + 4 * 5, 0x0000_0001)
        m.gpr[2] = 0x2_0ABC
        var r = m.run([0xB1, 0x10, 0x20, 0x00])    // LRA 1,0(0,2), DAT off in the PSW
        #expect(r.completed && r.cc == 0 && m.gpr[1] == 0x4_0ABC)
        m.gpr[2] = 0x2_1ABC
        r = m.run([0xB1, 0x10, 0x20, 0x00])
        #expect(r.cc == 2 && m.gpr[1] == 0x9000 + 2 * 0x400 + 2)    // address of the page-table entry
        m.gpr[2] = 0x5_0000
        r = m.run([0xB1, 0x10, 0x20, 0x00])
        #expect(r.cc == 1 && m.gpr[1] == 0x8000 + 4 * 5)
    }

    @Test func purgeTLBMakesNewMappingsVisible() {
        let m = TestMachine()
        var pages = Self.identityLow(fourK: true)
        pages[0x2_0000] = 0x4_0000
        Self.map(m, fourK: true, oneMeg: false, pages: pages)
        m.setWord(0x4_0000, 1)
        m.setWord(0x5_0000, 2)
        m.gpr[2] = 0x2_0000
        // L 1,0(2); remap the page to X'50000' (with DAT on the tables are
        // addressed virtually through the identity map... they are at real
        // X'9000', which is outside it, so change them from the host); PTLB; L 3,0(2).
        var r = m.run([0x58, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(r.completed && m.gpr[1] == 1)
        m.machine.storage.store16(0x9000 + 2 * 0x400, 0x0500)
        r = m.run([0xB2, 0x0D, 0x00, 0x00, 0x58, 0x30, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(r.completed && m.gpr[3] == 2)
    }

    @Test func segmentProtectionRefusesStores() {
        let m = TestMachine()
        var pages = Self.identityLow(fourK: true)
        pages[0x2_0000] = 0x4_0000
        Self.map(m, fourK: true, oneMeg: false, pages: pages)
        m.setWord(0x8000 + 4 * 2, m.word(0x8000 + 4 * 2) | 0x4)   // protect segment 2
        m.gpr[2] = 0x2_0000
        let fetch = m.run([0x58, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(fetch.completed)
        let store = m.run([0x50, 0x10, 0x20, 0x00], pswHigh: Self.ecDAT)
        #expect(store.programInterruption == 0x0004)
    }

    @Test func instructionFetchIsTranslated() {
        let m = TestMachine()
        var pages = Self.identityLow(fourK: true)
        pages[0x1000] = 0x6000    // the code page lives at real X'6000'
        Self.map(m, fourK: true, oneMeg: false, pages: pages)
        // The test code is written at real X'1000'; place LR 1,2 + SVC 255 at real X'6000'.
        m.store(0x6000, [0x18, 0x12, 0x0A, 0xFF])
        m.gpr[2] = 77
        let r = m.run([0x07, 0x00], pswHigh: Self.ecDAT)
        #expect(r.completed)
        #expect(m.gpr[1] == 77)
    }
}
