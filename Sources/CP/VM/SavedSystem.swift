import Media
import S370Core

/// A named saved system (VM/370 SAVESYS layout): a 4 KB header page — IPL
/// PSW, GPRs 0–15, FPRs 0/2/4/6, CRs 0–15, then one storage-key byte per
/// 2 KB block — followed by the pages themselves, loaded contiguously from
/// the system's first page. `IPL CMS` loads one; DIAGNOSE X'64' loads
/// shared segments such as CMSSEG.
public struct SavedSystem: Sendable {
    public let name: String
    public let firstPage: Int
    public let psw: UInt64
    public let gprs: [UInt32]
    public let fprs: [UInt64]
    public let crs: [UInt32]
    public let keys: [UInt8]
    public let pages: [UInt8]

    public var pageCount: Int { pages.count / 4096 }
    public var startAddress: UInt32 { UInt32(firstPage) * 4096 }
    public var endAddress: UInt32 { startAddress + UInt32(pages.count) - 1 }
    /// A system is IPL-able when its PSW is not zero.
    public var canIPL: Bool { psw != 0 }

    public static func load(name: String, path: String, firstPage: Int) throws -> SavedSystem {
        let bytes = try readFile(path)
        guard bytes.count >= 8192, bytes.count % 4096 == 0 else {
            throw MediaError(path, "a saved system is a 4 KB header page and whole 4 KB pages; this file is \(bytes.count) bytes")
        }
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        func double(_ at: Int) -> UInt64 { UInt64(word(at)) << 32 | UInt64(word(at + 4)) }
        let pageCount = bytes.count / 4096 - 1
        guard firstPage >= 0, (firstPage + pageCount) * 4096 <= Storage.maximumSize else {
            throw MediaError(path, "\(pageCount) pages from page \(firstPage) go past 16 MB")
        }
        let keyCount = pageCount * 2
        return SavedSystem(name: name, firstPage: firstPage, psw: double(0),
                           gprs: (0..<16).map { word(8 + 4 * $0) },
                           fprs: (0..<4).map { double(72 + 8 * $0) },
                           crs: (0..<16).map { word(104 + 4 * $0) },
                           keys: Array(bytes[168..<min(168 + keyCount, 4096)]),
                           pages: Array(bytes[4096...]))
    }

    /// Copies the pages and their storage keys into a machine's storage
    /// (only the part that fits).
    func loadPages(into storage: Storage) {
        let start = Int(startAddress)
        let fit = max(0, min(pages.count, storage.size - start))
        guard fit > 0 else { return }
        storage.write(UInt32(start), Array(pages[0..<fit]))
        for (i, key) in keys.enumerated() where start + i * 2048 < start + fit {
            storage.setKey(at: UInt32(start + i * 2048), key & 0xF8)
        }
    }

    /// IPL: the pages, then registers, control registers and the PSW.
    func ipl(into machine: Machine) {
        loadPages(into: machine.storage)
        for (i, v) in gprs.enumerated() { machine.setGPR(i, v) }
        for (i, v) in fprs.enumerated() { machine.setFPR(2 * i, v) }
        for (i, v) in crs.enumerated() { machine.setCR(i, v) }
        machine.storageKeysChanged()
        machine.loadPSW(psw)
    }
}
