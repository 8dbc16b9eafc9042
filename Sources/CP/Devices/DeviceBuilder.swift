import Channel
import Devices
import Media

/// Makes a VM's virtual devices from its directory entry: spooled unit
/// record devices, minidisks, temporary disks.
final class DeviceBuilder: @unchecked Sendable {
    unowned(unsafe) var cp: ControlProgram!

    func attachDirectoryDevices(for vm: VirtualMachine) throws {
        for spool in vm.entry.spool {
            if let device = spoolDevice(spool, userid: vm.userid) {
                vm.io.channels.attach(device, at: spool.address)
                let kind: VirtualDeviceInfo.Kind = spool.function == "READ" || ["3505", "2501"].contains(spool.deviceType)
                    ? .reader : (spool.function == "PUNCH" || spool.deviceType == "3525" ? .punch : .printer)
                vm.deviceInfo[spool.address] = VirtualDeviceInfo(kind: kind, type: spool.deviceType, spoolClass: spool.spoolClass)
            }
        }
    }

    /// A reader reads the user's spool reader queue; printers and punches come with spool output.
    func spoolDevice(_ definition: SpoolDefinition, userid: String) -> ChannelDevice? {
        switch (definition.deviceType, definition.function) {
        case ("2540", "READ"?), ("3505", _), ("2501", _):
            let spoolClass: Character? = definition.spoolClass == "*" ? nil : definition.spoolClass.first
            return VirtualReader(type: definition.deviceType == "3505" ? 0x3505 : 0x2540,
                                 spool: cp.spool, userid: userid, spoolClass: spoolClass)
        case ("1403", _), ("3211", _), ("3203", _):
            let type: UInt16 = definition.deviceType == "3211" ? 0x3211 : (definition.deviceType == "3203" ? 0x3203 : 0x1403)
            return VirtualSpoolWriter(type: type, queue: .printer, spool: cp.spool, userid: userid,
                                      spoolClass: definition.spoolClass.first ?? "A")
        case ("2540", _), ("3525", _):
            return VirtualSpoolWriter(type: definition.deviceType == "3525" ? 0x3525 : 0x2540, queue: .punch,
                                      spool: cp.spool, userid: userid, spoolClass: definition.spoolClass.first ?? "A")
        default:
            return nil
        }
    }
}

extension VirtualMachine {
    func detachAllDevices() {
        for address in io.channels.addresses {
            if let info = deviceInfo[address] {
                releaseDisk(at: address, info)
                releaseDedicated(at: address, info)
            }
            (io.channels.device(at: address) as? VirtualReader)?.close()
            (io.channels.device(at: address) as? VirtualSpoolWriter)?.close(distribution: entry.distribution ?? userid)
            io.channels.detach(address)
        }
        deviceInfo = [:]
        // LOGOFF ends console spooling: the file (CONT or not) is closed.
        console.spool.setStarted(false)
        closeConsoleSpool(announce: false, force: true)
    }
}
