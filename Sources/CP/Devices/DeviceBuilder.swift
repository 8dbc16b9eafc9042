import Channel
import Devices
import Media

/// Makes a VM's virtual devices from its directory entry: spooled unit
/// record devices, minidisks, temporary disks.
final class DeviceBuilder: @unchecked Sendable {
    unowned(unsafe) var cp: ControlProgram!

    func attachDirectoryDevices(for vm: VirtualMachine) throws {
        for spool in vm.entry.spool {
            if let device = spoolDevice(spool) {
                vm.io.channels.attach(device, at: spool.address)
                let kind: VirtualDeviceInfo.Kind = spool.function == "READ" || ["3505", "2501"].contains(spool.deviceType)
                    ? .reader : (spool.function == "PUNCH" || spool.deviceType == "3525" ? .punch : .printer)
                vm.deviceInfo[spool.address] = VirtualDeviceInfo(kind: kind, type: spool.deviceType, spoolClass: spool.spoolClass)
            }
        }
    }

    /// A reader gives an empty hopper for now; printers and punches come with spooling.
    func spoolDevice(_ definition: SpoolDefinition) -> ChannelDevice? {
        switch (definition.deviceType, definition.function) {
        case ("2540", "READ"?), ("3505", _), ("2501", _):
            return CardReader(type: definition.deviceType == "3505" ? 0x3505 : 0x2540)
        default:
            return nil
        }
    }
}

extension VirtualMachine {
    func detachAllDevices() {
        for address in io.channels.addresses { io.channels.detach(address) }
        deviceInfo = [:]
    }
}
