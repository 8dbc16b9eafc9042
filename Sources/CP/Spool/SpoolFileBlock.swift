import Foundation

/// A spool file's SFBLOK, the 13-doubleword control block DIAGNOSE X'14'
/// gives a guest (VM/370 Release 6 Data Areas and Control Block Logic):
///
///     +0  SFBPNT    next SFBLOK (0 here)    +4  SFBSTART  first buffer
///     +8  SFBUSER   owner (CL8)             +10 SFBORIG   origin userid
///     +18 SFBRECNO  data records            +1C SFBRECSZ  record size (H)
///     +1E SFBFILID  spool id (H)            +20 SFBFLAG   X'80' in use,
///         X'40' allocation complete, X'20' user hold
///     +21 SFBTYPE   device type of the output device (X'82' 2540 punch
///         for card files, X'41' 1403 for print files)
///     +28 SFBFNAME  (CL12)                  +34 SFBFTYPE  (CL12)
///     +40 SFBDATE   mm/dd/yy                +48 SFBTIME   hh:mm:ss
///     +50 SFBLAST   last buffer             +54 SFBCOPY   copies (H)
///     +56 SFBCLAS   class                   +57 SFBFLAG2
///     +58 SFBDIST   distribution (CL8)      +60 3800 and reserved
///
/// Buffer locations are page numbers plus one, as in `SpoolPages`.
enum SpoolFileBlock {
    static let size = 104
    static let inUse: UInt8 = 0x80
    static let complete: UInt8 = 0x40
    static let userHold: UInt8 = 0x20

    static func bytes(_ file: SpoolFile, active: Bool) -> [UInt8] {
        let pages = SpoolPages(file)
        let recordSize = file.records.map { pages.isPrint ? max(0, $0.count - 1) : $0.count }.max() ?? 0
        var flag = complete
        if active { flag |= inUse }
        if file.hold { flag |= userHold }
        var b: [UInt8] = bytes32(0) + bytes32(1)
        b += text(file.owner, 8) + text(file.from, 8)
        b += bytes32(UInt32(file.records.count))
        b += half(recordSize) + half(file.id)
        b += [flag, pages.isPrint ? 0x41 : 0x82] + half(0) + bytes32(0)
        b += text(file.name, 12) + text(file.type, 12)
        b += text(CPClock.dateText(file.created), 8) + text(CPClock.time(file.created), 8)
        b += bytes32(UInt32(pages.count)) + half(file.copies)
        b += [ebcdic(String(file.spoolClass)).first ?? 0x40, 0]
        b += text(file.distribution, 8)
        b += [UInt8](repeating: 0, count: size - b.count)
        return b
    }

    static func text(_ s: String, _ width: Int) -> [UInt8] { ebcdic(String(s.uppercased().prefix(width)).padding(width)) }
    static func half(_ v: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }
}
