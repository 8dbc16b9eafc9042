import S370Core

/// DIAGNOSE X'64': named saved segments. Rx = address of an 8-character
/// name; Ry = subcode: 0 LOADSYS shared, 4 LOADSYS non-shared, 8 PURGESYS,
/// C FINDSYS. LOADSYS and FINDSYS return the start address in Rx (FINDSYS
/// also the end in Ry): CC 0 loaded (FINDSYS: already in storage), CC 1 not
/// loaded (FINDSYS) or not there (PURGESYS), CC 2 with Ry = 44 when the
/// name is not a saved segment.
///
/// A segment above the virtual machine's storage is mapped there: the
/// addressable storage grows to cover it, as VM/370 maps CMSSEG at X'F00000'
/// into a smaller machine.
enum Diagnose64 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        let subcode = vm.gpr(ry)
        guard subcode <= 0xC, subcode & 3 == 0 else { return .programCheck(0x0006) }
        guard let nameBytes = vm.guestRead(vm.gpr(rx), 8) else { return .programCheck(0x0005) }
        let name = fromEBCDIC(nameBytes).trimmingCharacters(in: .whitespaces).uppercased()
        let segment: SavedSystem?
        do {
            segment = try vm.cp.savedSystem(name)
        } catch {
            vm.cp.log("DIAGNOSE X'64' for \(vm.userid): saved segment \(name) cannot be read: \(error)")
            segment = nil
        }
        guard let segment else {
            vm.setGPR(ry, 44)
            vm.machine.setConditionCode(2)
            return .done
        }
        switch subcode {
        case 0x0, 0x4:
            vm.loadSegment(segment)
            vm.setGPR(rx, segment.startAddress)
            vm.machine.setConditionCode(0)
        case 0x8:
            if vm.loadedSegments.contains(segment.name) {
                vm.purgeSegment(segment)
                vm.machine.setConditionCode(0)
            } else {
                vm.machine.setConditionCode(1)
            }
        default:
            vm.setGPR(rx, segment.startAddress)
            vm.setGPR(ry, segment.endAddress)
            vm.machine.setConditionCode(vm.loadedSegments.contains(segment.name) ? 0 : 1)
        }
        return .done
    }
}

extension VirtualMachine {
    /// Maps a saved segment into the virtual machine and copies it in.
    func loadSegment(_ segment: SavedSystem) {
        let storage = machine.storage
        let end = Int(segment.endAddress) + 1
        if end > storage.size && end <= storage.capacity {
            storage.setAddressableSize(end)
            machine.storageKeysChanged()
        }
        segment.loadPages(into: storage)
        machine.storageKeysChanged()
        loadedSegments.insert(segment.name)
    }

    /// Releases a saved segment: its pages read as zero again, and storage
    /// above the machine's own size stops being addressable.
    func purgeSegment(_ segment: SavedSystem) {
        loadedSegments.remove(segment.name)
        let storage = machine.storage
        let start = segment.startAddress
        if Int(start) < storage.size {
            storage.release(from: start, through: min(segment.endAddress, UInt32(storage.size - 1)))
            for block in stride(from: Int(start), to: min(Int(segment.endAddress) + 1, storage.size), by: 2048) {
                storage.setKey(at: UInt32(block), 0)
            }
        }
        let highest = loadedSegments.compactMap { try? cp.savedSystem($0) }.map { Int($0.endAddress) + 1 }.max() ?? 0
        storage.setAddressableSize(max(entry.storage, highest))
        machine.storageKeysChanged()
    }
}
