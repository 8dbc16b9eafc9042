import Devices
import Foundation
import Synchronization

/// The system's real devices (config DEVICE) and the volumes, given to one
/// user at a time: DEDICATE in the directory at logon, ATTACH by the
/// operator. A device belongs to its user until DETACH or LOGOFF.
final class RealDevices: Sendable {
    private let owners = Mutex<[String: String]>([:])   // raddr or volser → userid

    /// Claims `real` (a real address in hex or a volume serial) for `userid`;
    /// the current owner if someone else has it.
    func claim(_ real: String, for userid: String) -> String? {
        owners.withLock { table in
            if let owner = table[real], owner != userid { return owner }
            table[real] = userid
            return nil
        }
    }

    func release(_ real: String, from userid: String) {
        owners.withLock { table in if table[real] == userid { table[real] = nil } }
    }

    func owner(_ real: String) -> String? { owners.withLock { $0[real] } }
}

extension DeviceBuilder {
    /// Gives `vm` the real device or volume `real` at `address`.
    func dedicate(_ vm: VirtualMachine, at address: UInt16, real: String) -> Result<Void, CPMessage> {
        let name = real.uppercased()
        guard vm.deviceInfo[address] == nil else {
            return .failure(CPMessage("ATT", 41, "E", "DEV \(hex3(address)) ALREADY DEFINED"))
        }
        let configuration = cp.configuration
        // A real address from the DEVICE statements, else a volume serial.
        if let raddr = UInt16(name, radix: 16), let device = configuration.realDevices.first(where: { $0.address == raddr }) {
            let key = hex3(raddr)
            if let owner = cp.realDevices.claim(key, for: vm.userid) {
                return .failure(CPMessage("ATT", 121, "E", "DEV \(key) ATTACHED TO \(owner)"))   // [R] text
            }
            guard let entry = DeviceCatalog.entry(named: device.deviceType) else {
                cp.realDevices.release(key, from: vm.userid)
                return .failure(CPMessage("ATT", 6, "E", "INVALID DEVICE TYPE - \(device.deviceType)"))
            }
            do {
                let made = try entry.make(address, DeviceArguments(device.arguments, baseDirectory: cp.stateDirectory), DeviceContext())
                vm.io.channels.attach(made, at: address)
            } catch {
                cp.realDevices.release(key, from: vm.userid)
                cp.log("DEV \(key) for \(vm.userid) not attached: \(error)")
                return .failure(CPMessage("ATT", 40, "E", "DEV \(key) NOT OPERATIONAL"))   // [R] text
            }
            let kind: VirtualDeviceInfo.Kind = entry.deviceClass == .tape ? .tape : (entry.deviceClass == .dasd ? .dasd : .graf)
            vm.deviceInfo[address] = VirtualDeviceInfo(kind: kind, type: entry.name, dedicated: key)
            return .success(())
        }
        guard configuration.volume(name) != nil else {
            return .failure(CPMessage("ATT", 40, "E", "DEV \(name) DOES NOT EXIST"))
        }
        if let owner = cp.realDevices.claim(name, for: vm.userid) {
            return .failure(CPMessage("ATT", 121, "E", "DEV \(name) ATTACHED TO \(owner)"))
        }
        do {
            let volume = try cp.volumes.volume(name)
            guard let geometry = volume.geometry else { throw CPMessage("ATT", 6, "E", "INVALID DEVICE TYPE") }
            let drive = try CKDDasd(geometry: geometry, store: volume, address: address)
            vm.io.channels.attach(drive, at: address)
            vm.deviceInfo[address] = VirtualDeviceInfo(kind: .dasd, type: geometry.name, volser: name,
                                                       cylinders: volume.cylinders, readOnly: drive.isReadOnly, dedicated: name)
            return .success(())
        } catch {
            cp.realDevices.release(name, from: vm.userid)
            cp.log("volume \(name) for \(vm.userid) not attached: \(error)")
            return .failure(CPMessage("LNK", 108, "E", "\(vm.userid) \(hex3(address)) NOT LINKED; VOLID \(name) NOT MOUNTED"))
        }
    }

    /// The directory's DEDICATE statements, at logon; problems are messages.
    func attachDedicated(for vm: VirtualMachine) -> [String] {
        vm.entry.dedicates.compactMap { dedicate in
            if case .failure(let message) = self.dedicate(vm, at: dedicate.address, real: dedicate.real) {
                return message.line(vm.settings.emsg)
            }
            return nil
        }
    }
}

extension VirtualMachine {
    /// Gives back a dedicated device (DETACH, LOGOFF).
    func releaseDedicated(at address: UInt16, _ info: VirtualDeviceInfo) {
        guard let real = info.dedicated else { return }
        if let drive = io.channels.device(at: address) as? DurableDevice { try? drive.flush() }
        cp.realDevices.release(real, from: userid)
    }
}
