import Media

/// An empty CMS disk (the VM/370 800-byte format of spec §8.1) written
/// straight onto a minidisk's cylinders: what CMS FORMAT leaves, so that the
/// users' disks of a fresh system are ready for CMS at their first logon.
/// The layout is the one vm67 CMS's FORMAT writes (guest/cms/src/fs_format.c):
/// every track holds as many 800-byte records as the model takes; blocks
/// 1–2 (IPL) zero, block 3 the label `CMS=volid`, block 4 the MFD listing
/// one empty FST block (block 5), blocks 1–5 allocated.
enum CMSDiskFormat {
    static let blockSize = 800

    /// 800-byte records per track, as CMS FORMAT fits them.
    static func recordsPerTrack(deviceType: UInt16) -> Int? {
        [0x2314: 7, 0x3330: 13, 0x3340: 8, 0x3350: 19, 0x3375: 29, 0x3380: 35][deviceType]
    }

    enum FormatError: Error, CustomStringConvertible {
        case unsupportedDevice(UInt16)
        case tooSmall

        var description: String {
            switch self {
            case .unsupportedDevice(let type):
                return "no CMS format for a \(String(type, radix: 16, uppercase: true))"
            case .tooSmall:
                return "a CMS disk needs at least 6 blocks"
            }
        }
    }

    /// Formats cylinders `firstCylinder..<firstCylinder+cylinders` of
    /// `volume` with the 6-character `label`.
    static func format(_ volume: TrackStore, firstCylinder: Int, cylinders: Int, label: String) throws {
        guard let perTrack = recordsPerTrack(deviceType: volume.deviceType) else {
            throw FormatError.unsupportedDevice(volume.deviceType)
        }
        let tracks = cylinders * volume.heads
        // Block numbers are halfwords and X'FFFD'–X'FFFF' mark lists.
        let blocks = min(tracks * perTrack, 65531)
        guard blocks >= 6 else { throw FormatError.tooSmall }
        let special: [Int: [UInt8]] = [3: labelBlock(label), 4: directoryBlock(blocks: blocks, cylinders: cylinders)]
        for track in 0..<tracks {
            let cylinder = firstCylinder + track / volume.heads, head = track % volume.heads
            var image = TrackImage.empty(cylinder: cylinder, head: head)
            image.removeLast(TrackImage.endOfTrack.count)
            for record in 1...perTrack {
                let block = track * perTrack + record
                image += [UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF),
                          UInt8(record), 0, UInt8(blockSize >> 8), UInt8(blockSize & 0xFF)]
                image += special[block] ?? [UInt8](repeating: 0, count: blockSize)
            }
            image += TrackImage.endOfTrack
            try volume.writeTrack(cylinder: cylinder, head: head, image)
        }
        try volume.flush()
    }

    static func labelBlock(_ label: String) -> [UInt8] {
        let volid = String(label.uppercased().prefix(6)).padding(toLength: 6, withPad: " ", startingAt: 0)
        return CodePage.cp037.ebcdic("CMS=" + volid) + [UInt8](repeating: 0, count: blockSize - 10)
    }

    /// The MFD: one FST block (5), the block counts, blocks 1–5 in use.
    static func directoryBlock(blocks: Int, cylinders: Int) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: blockSize)
        func put16(_ at: Int, _ v: Int) { b[at] = UInt8((v >> 8) & 0xFF); b[at + 1] = UInt8(v & 0xFF) }
        func put32(_ at: Int, _ v: Int) { put16(at, v >> 16); put16(at + 2, v & 0xFFFF) }
        put16(0, 5)
        put16(2, 0xFFFF)
        put32(0x16C, blocks)       // ADTNUM
        put32(0x170, 5)            // ADTUSED
        put32(0x174, blocks - 5)   // ADTLEFT
        put32(0x178, 0)            // ADTLAST
        put32(0x17C, cylinders)    // ADTCYL
        b[0x180] = 0xF8            // QMSK: blocks 1–5
        return b
    }
}
