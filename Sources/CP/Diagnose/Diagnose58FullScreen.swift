import Channel
import Terminal

/// DIAGNOSE X'58' full-screen I/O, as VM/370 gives it to CMS programs.
///
/// **CCW X'29'**, full-screen write: the data is a 3270 write's WCC and
/// orders. The command is not in the data but in the CCW's CTL byte (byte
/// 5): X'80' Erase/Write, X'C0' Erase/Write Alternate, X'20' Write
/// Structured Field, anything else (normally X'00') Write. The first write
/// puts the terminal in full-screen mode.
/// **CCW X'2A'**, full-screen read: CTL X'80' Read Modified, otherwise Read
/// Buffer. The inbound record (AID, cursor address, fields) goes to the data
/// address, at most `count` bytes.
///
/// Both are asynchronous, as on VM/370: the DIAGNOSE starts the I/O and
/// answers CC 0; the end comes as an I/O interruption from the console
/// address, CSW status CE+DE with the residual count (plus unit check for a
/// data stream the display rejected, and incorrect length without SILI when
/// a read's record and count differ). Programs wait for it (WAITD) as for any
/// console I/O. So a VM worker never waits for a terminal: the terminal
/// answers on its own queue and CP finishes the I/O on the VM's worker.
///
/// **X'8E'** (attention, CE, DE, unit check): CP line output (a message, a
/// warning, the guest's own line-mode console) took the screen while the
/// guest had it. The I/O is not done; the guest gets an attention once the
/// user has seen CP's output and released the screen, and then repaints.
///
/// CC 1 with a CSW stored at X'40': the console is not a display (a line
/// terminal, or none while disconnected: CE+DE+unit check), or an earlier
/// full-screen I/O has not ended (busy).
enum Diagnose58FullScreen {
    static let cpDataWaiting: UnitStatus = [.attention, .channelEnd, .deviceEnd, .unitCheck]

    static func start(_ vm: VirtualMachine, _ ccw: DiagnoseCCW, console: UInt16) -> DiagnoseOutcome {
        let write = ccw.command == 0x29
        let key = UInt8((vm.machine.psw >> 52) & 0xF)
        let end = ccw.address + 8
        guard let connection = vm.console.connection, connection.isDisplay else {
            return refuse(vm, CSW(key: key, ccwAddress: end, unitStatus: [.channelEnd, .deviceEnd, .unitCheck],
                                  count: UInt16(ccw.count)))
        }
        guard !vm.io.channels.isBusyOrPending(console), let epoch = vm.console.fullScreen.begin(write: write) else {
            return refuse(vm, CSW(key: key, ccwAddress: end, unitStatus: .busy))
        }
        if let check = vm.bufferProgramCheck(ccw.dataAddress, ccw.count, store: !write) {
            vm.console.fullScreen.finished(epoch)
            return .programCheck(check)
        }
        vm.machine.setConditionCode(0)
        if vm.console.fullScreen.cpDataWaiting {
            vm.console.fullScreen.finished(epoch)
            vm.io.channels.presentStatus(CSW(key: key, ccwAddress: end, unitStatus: cpDataWaiting,
                                             count: UInt16(ccw.count)), at: console)
            return .done
        }
        if write {
            let data = vm.guestRead(ccw.dataAddress, ccw.count) ?? []
            connection.writeFullScreen(outbound(ccw.control), data) { [weak vm] result in
                vm?.post { vm in
                    guard vm.console.fullScreen.finished(epoch) else { return }
                    var status: UnitStatus = [.channelEnd, .deviceEnd]
                    if result != .written { status.insert(.unitCheck) }
                    vm.io.channels.presentStatus(CSW(key: key, ccwAddress: end, unitStatus: status), at: console)
                }
            }
        } else {
            connection.readFullScreen(inbound(ccw.control)) { [weak vm] record in
                vm?.post { vm in
                    guard vm.console.fullScreen.finished(epoch) else { return }
                    vm.io.channels.presentStatus(readEnded(vm, ccw, record, key: key), at: console)
                }
            }
        }
        return .done
    }

    /// Stores what the read returned and builds its CSW.
    static func readEnded(_ vm: VirtualMachine, _ ccw: DiagnoseCCW, _ record: [UInt8]?, key: UInt8) -> CSW {
        var csw = CSW(key: key, ccwAddress: ccw.address + 8, unitStatus: [.channelEnd, .deviceEnd])
        guard let record else {
            csw.unitStatus.insert(.unitCheck)
            csw.count = UInt16(ccw.count)
            return csw
        }
        let stored = Array(record.prefix(ccw.count))
        _ = vm.guestWrite(ccw.dataAddress, stored)
        csw.count = UInt16(ccw.count - stored.count)
        if record.count != ccw.count && !ccw.suppressLength { csw.channelStatus.insert(.incorrectLength) }
        return csw
    }

    static func refuse(_ vm: VirtualMachine, _ csw: CSW) -> DiagnoseOutcome {
        vm.io.channels.storeStatus(csw)
        vm.machine.setConditionCode(1)
        return .done
    }

    static func outbound(_ control: UInt8) -> OutboundCommand {
        switch control {
        case 0x80: return .eraseWrite
        case 0xC0: return .eraseWriteAlternate
        case 0x20: return .writeStructuredField
        default: return .write
        }
    }

    static func inbound(_ control: UInt8) -> InboundCommand {
        control & 0x80 != 0 ? .readModified : .readBuffer
    }
}
