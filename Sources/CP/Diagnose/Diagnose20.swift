import Channel

/// DIAGNOSE X'20': general I/O. Rx = virtual device address, Ry = channel
/// program; it runs synchronously, with no interruption. CC 0 done. CC 1
/// with R15 = 1 no such device, 5 busy or interruption pending. CC 2 with
/// R15 = 2 unit exception, 3 incorrect length. CC 3 with R15 = 13 a
/// permanent error; the low halfword of Ry then holds sense bytes 0–1.
enum Diagnose20 {
    static func run(_ vm: VirtualMachine, _ rx: Int, _ ry: Int) -> DiagnoseOutcome {
        func finish(_ cc: UInt8, _ code: UInt32?) -> DiagnoseOutcome {
            if let code { vm.setGPR(15, code) }
            vm.machine.setConditionCode(cc)
            return .done
        }
        let address = vm.gpr(rx)
        guard address <= 0xFFFF, vm.io.channels.device(at: UInt16(address)) != nil else { return finish(1, 1) }
        let chain = vm.gpr(ry) & 0x00FF_FFFF
        guard chain & 7 == 0, let absolute = vm.guestAbsolute(chain, count: 8) else {
            return .programCheck(0x0006)
        }
        switch vm.io.channels.runSynchronously(device: UInt16(address), ccwAddress: absolute) {
        case .noDevice:
            return finish(1, 1)
        case .busy:
            return finish(1, 5)
        case .timedOut:
            return finish(3, 13)
        case .ended(let csw):
            vm.startIOCount += 1
            if csw.unitStatus.contains(.unitCheck) || csw.channelStatus.subtracting(.incorrectLength) != [] {
                var sense: [UInt8] = [0, 0]
                if let device = vm.io.channels.device(at: UInt16(address)),
                   case .finished(let result) = device.start(DeviceCommand(code: 0x04, count: 24)) {
                    sense = Array((result.data + [0, 0]).prefix(2))
                }
                vm.setGPR(ry, (vm.gpr(ry) & 0xFFFF_0000) | UInt32(sense[0]) << 8 | UInt32(sense[1]))
                return finish(3, 13)
            }
            if csw.unitStatus.contains(.unitException) { return finish(2, 2) }
            if csw.channelStatus.contains(.incorrectLength) { return finish(2, 3) }
            return finish(0, nil)
        }
    }
}
