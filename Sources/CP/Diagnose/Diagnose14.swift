/// DIAGNOSE X'14': input spool file manipulation, how a guest reads its
/// reader files without channel programs (VM/370 Release 6 System
/// Programmer's Guide, "DIAGNOSE Code X'14'"). Ry must be even; Ry+1 holds
/// the subcode; Ry the virtual reader's address (the spool id for X'0FFF').
///
///     0000  Rx = 4 KB buffer: the next spool buffer of the active file,
///           activating the next file of the reader's class first
///     0004  Rx = 13-doubleword buffer: the next print file's SFBLOK
///     0008  the same for card files
///     000C  Rx = spool id: that file becomes the next one read
///     0010  Rx = copies (1–255) for the active file
///     0014  Rx = 4 KB buffer: the active file from its first buffer again
///     0018  Rx = 4 KB buffer: back one buffer, and give it
///     001C, 0020  monitor files: vm67 has none (CC 2)
///     0FFF  Rx = 252-byte buffer, Ry = spool id or 0: the SFBLOK and
///           first record of the next reader file after that one
///
/// CC 0 done, 1 end of file (or no more files), 2 no file; CC 3 with Ry+1
/// = 4 not a device, 8 not a spool reader, 12 busy (a file half read by
/// channel programs). An odd Ry, an unknown subcode, a copy count below 1
/// or an SFBLOK buffer across a page boundary is a specification
/// exception; a buffer outside storage an addressing exception, one of
/// another storage key a protection exception. An active file stays
/// active at end of file until CLOSE (which purges it unless HOLD).
enum Diagnose14 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        guard ry & 1 == 0 else { return .programCheck(0x0006) }
        let subcode = vm.gpr(ry + 1)
        let operand = vm.gpr(rx)
        let buffer = operand & 0x00FF_FFFF
        if subcode == 0x0FFF { return describe(vm, after: Int(vm.gpr(ry)), into: buffer, ry) }

        let address = vm.gpr(ry)
        guard address <= 0xFFF, let info = vm.deviceInfo[UInt16(address)],
              let device = vm.io.channels.device(at: UInt16(address)) else { return status(vm, ry, cc: 3, 4) }
        guard info.kind == .reader, let reader = device as? VirtualReader else { return status(vm, ry, cc: 3, 8) }
        if reader.current != nil && reader.pages == nil && reader.nextRecord > 0 { return status(vm, ry, cc: 3, 12) }
        if subcode != 0x0004 && subcode != 0x0008 { reader.listing = nil }

        switch subcode {
        case 0x0000, 0x0014, 0x0018:
            if let check = vm.bufferProgramCheck(buffer, SpoolPages.pageSize, store: true) { return .programCheck(check) }
            if subcode != 0x0000 && reader.current == nil { return status(vm, ry, cc: 2) }
            if subcode == 0x0014 { reader.pagesGiven = 0 }
            if subcode == 0x0018 { reader.pagesGiven = max(0, reader.pagesGiven - 2) }
            guard let page = reader.nextPage(at: buffer) else {
                return status(vm, ry, cc: reader.current == nil ? 2 : 1)
            }
            _ = vm.guestWrite(buffer, page)
            return status(vm, ry, cc: 0)
        case 0x0004, 0x0008:
            if buffer & 0xFFF > 0x1000 - UInt32(SpoolFileBlock.size) { return .programCheck(0x0006) }
            if let check = vm.bufferProgramCheck(buffer, SpoolFileBlock.size, store: true) { return .programCheck(check) }
            switch reader.nextBlock(print: subcode == 0x0004) {
            case .block(let bytes):
                _ = vm.guestWrite(buffer, bytes)
                return status(vm, ry, cc: 0)
            case .noMore: return status(vm, ry, cc: 1)
            case .none: return status(vm, ry, cc: 2)
            }
        case 0x000C:
            if reader.current?.id == Int(operand) { return status(vm, ry, cc: 0) }
            return status(vm, ry, cc: vm.cp.spool.moveToFront(id: Int(operand), of: vm.userid) ? 0 : 2)
        case 0x0010:
            guard Int32(bitPattern: operand) > 0 else { return .programCheck(0x0006) }
            guard reader.current != nil else { return status(vm, ry, cc: 2) }
            reader.current?.copies = Int(operand % 256)
            return status(vm, ry, cc: 0)
        case 0x001C, 0x0020:
            return status(vm, ry, cc: 2)
        default:
            return .programCheck(0x0006)
        }
    }

    /// X'0FFF': the reader files of the caller in order, the open ones
    /// first; `after` 0 means from the start, else the file after that
    /// spool id (CC 2 when the caller has no such file, CC 1 at the end).
    static func describe(_ vm: VirtualMachine, after id: Int, into buffer: UInt32, _ ry: Int) -> DiagnoseOutcome {
        let size = 252
        if let check = vm.bufferProgramCheck(buffer, size, store: true) { return .programCheck(check) }
        let readers = vm.io.channels.addresses.compactMap { vm.io.channels.device(at: $0) as? VirtualReader }
        let active = readers.compactMap(\.current)
        let files = active + vm.cp.spool.readerFiles(of: vm.userid)
        var next = 0
        if id != 0 {
            guard let found = files.firstIndex(where: { $0.id == id }) else { return status(vm, ry, cc: 2) }
            next = found + 1
        }
        guard next < files.count else { return status(vm, ry, cc: 1) }
        let file = files[next]
        var bytes = SpoolFileBlock.bytes(file, active: active.contains { $0.id == file.id })
        if let first = file.records.first {
            let pages = SpoolPages(file)
            let stored = SpoolPages.stored(first, print: pages.isPrint)
            // The record's CCW and its data (no TIC: nothing follows it here).
            bytes += SpoolPages.ccw(stored.command, 0, flags: 0x60, count: max(1, stored.data.count)) + stored.data
        }
        bytes = Array(bytes.prefix(size))
        _ = vm.guestWrite(buffer, bytes + [UInt8](repeating: 0, count: size - bytes.count))
        return status(vm, ry, cc: 0)
    }

    /// Sets the condition code and, for CC 3, the error code in Ry+1.
    static func status(_ vm: VirtualMachine, _ ry: Int, cc: UInt8, _ code: UInt32 = 0) -> DiagnoseOutcome {
        if cc == 3 { vm.setGPR((ry + 1) & 15, code) }
        vm.machine.setConditionCode(cc)
        return .done
    }
}
