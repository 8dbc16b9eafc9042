import Devices
import Media

/// Minidisks and temporary disks in a virtual machine: a CKD drive on a
/// cylinder extent of a shared real volume, whose link is registered with
/// `MinidiskLinks` so the mode rules see every user.
extension DeviceBuilder {
    /// Attaches the user's own minidisks and directory T-disks. A disk that
    /// cannot be attached is a message for the user; the logon goes on, as
    /// on VM/370.
    func attachMinidisks(for vm: VirtualMachine) -> [String] {
        var messages: [String] = []
        for disk in vm.entry.minidisks {
            let result: Result<Grant, CPMessage>
            if let volser = disk.volser, let first = disk.startCylinder {
                result = attachMinidisk(vm, at: disk.address, deviceType: disk.deviceType, volser: volser,
                                        firstCylinder: first, cylinders: disk.cylinders, mode: disk.mode)
            } else {
                result = attachTemporaryDisk(vm, at: disk.address, deviceType: disk.deviceType, cylinders: disk.cylinders)
            }
            if let line = Self.logonMessage(result, vm) { messages.append(line) }
        }
        // LINK statements: another user's minidisk, linked as the owner
        // defined it, in the mode the statement asks for.
        for link in vm.entry.links {
            let named = "\(link.owner) \(hex3(link.ownerAddress))"
            let owner = link.owner == "*" ? vm.entry : cp.directory.entry(link.owner)
            guard let disk = owner?.minidisks.first(where: { $0.address == link.ownerAddress }),
                  let volser = disk.volser, let first = disk.startCylinder else {
                let message = CPMessage("LNK", 107, "E", "\(named) NOT LINKED; NOT IN CP DIRECTORY")
                if let line = message.line(vm.settings.emsg) { messages.append(line) }
                continue
            }
            let result = attachMinidisk(vm, at: link.address, deviceType: disk.deviceType, volser: volser,
                                        firstCylinder: first, cylinders: disk.cylinders, mode: link.mode,
                                        owner: owner?.userid, ownerAddress: link.ownerAddress)
            if let line = Self.logonMessage(result, vm) { messages.append(line) }
        }
        return messages
    }

    typealias Grant = MinidiskLinks.Grant

    /// What the user is told at logon about one disk: the forced-R/O
    /// warning or the refusal, as SET EMSG asks; nothing when it linked.
    static func logonMessage(_ result: Result<Grant, CPMessage>, _ vm: VirtualMachine) -> String? {
        switch result {
        case .success(.forcedReadOnly(let warning)): return warning.line(vm.settings.emsg)
        case .success: return nil
        case .failure(let message): return message.line(vm.settings.emsg)
        }
    }

    /// Links cylinders `firstCylinder…` of volume `volser` at `address`.
    func attachMinidisk(_ vm: VirtualMachine, at address: UInt16, deviceType: String, volser: String,
                        firstCylinder: Int, cylinders: Int, mode: LinkMode,
                        owner: String? = nil, ownerAddress: UInt16? = nil) -> Result<Grant, CPMessage> {
        let named = "\(owner ?? vm.userid) \(hex3(ownerAddress ?? address))"
        guard vm.deviceInfo[address] == nil else {
            return .failure(CPMessage("LNK", 110, "E", "\(named) NOT LINKED; DASD \(hex3(address)) ALREADY DEFINED"))
        }
        let volume: SharedVolume
        do {
            volume = try cp.volumes.volume(volser)
        } catch {
            cp.log("\(vm.userid) \(hex3(address)) not linked: \(error)")
            return .failure(CPMessage("LNK", 108, "E", "\(named) NOT LINKED; VOLID \(volser.uppercased()) NOT MOUNTED"))
        }
        guard let geometry = volume.geometry, geometry.isModel(of: deviceType) else {
            return .failure(CPMessage("LNK", 111, "E", "\(named) NOT LINKED; INVALID LINK DEVICE"))
        }
        let key = MinidiskKey(volser: volume.volser, firstCylinder: firstCylinder)
        var readOnly = true
        let grant = cp.minidiskLinks.link(key, userid: vm.userid, address: address, mode: mode,
                                          owner: owner, ownerAddress: ownerAddress)
        guard grant.linked else {
            if case .refused(let message) = grant { return .failure(message) }
            return .failure(CPMessage("LNK", 104, "E", "\(named) NOT LINKED"))
        }
        do {
            let drive = try CKDDasd(geometry: geometry, store: volume, address: address, readOnly: !grant.writable,
                                    extent: CKDExtent(firstCylinder: firstCylinder, cylinders: cylinders))
            vm.io.channels.attach(drive, at: address)
            readOnly = drive.isReadOnly
        } catch {
            cp.minidiskLinks.unlink(key, userid: vm.userid, address: address)
            cp.log("\(vm.userid) \(hex3(address)) not linked: \(error)")
            return .failure(CPMessage("LNK", 111, "E", "\(named) NOT LINKED; INVALID LINK DEVICE"))
        }
        vm.deviceInfo[address] = VirtualDeviceInfo(kind: .dasd, type: geometry.name, volser: volume.volser,
                                                   cylinders: cylinders, readOnly: readOnly, minidisk: key)
        return .success(grant)
    }

    /// A temporary disk of `cylinders` cylinders from the T-disk space,
    /// cleared (every track empty: home address and R0) before the user
    /// sees it.
    func attachTemporaryDisk(_ vm: VirtualMachine, at address: UInt16, deviceType: String,
                             cylinders: Int) -> Result<Grant, CPMessage> {
        guard vm.deviceInfo[address] == nil else {
            return .failure(CPMessage("DEF", 41, "E", "DEV \(hex3(address)) ALREADY DEFINED"))
        }
        let noSpace = CPMessage("TDK", 97, "E", "TEMP SPACE NOT AVAILABLE")
        var candidates: [TDiskSpace.Allocation] = []
        defer { for rejected in candidates { cp.temporaryDisks.release(rejected) } }
        // Only pools on volumes of the asked-for device type will do.
        while let allocation = cp.temporaryDisks.allocate(cylinders: cylinders) {
            guard let volume = try? cp.volumes.volume(allocation.volser),
                  let geometry = volume.geometry, geometry.isModel(of: deviceType) else {
                candidates.append(allocation)
                continue
            }
            do {
                for cylinder in allocation.firstCylinder..<(allocation.firstCylinder + cylinders) {
                    for head in 0..<volume.heads {
                        try volume.writeTrack(cylinder: cylinder, head: head, TrackImage.empty(cylinder: cylinder, head: head))
                    }
                }
                let drive = try CKDDasd(geometry: geometry, store: volume, address: address,
                                        extent: CKDExtent(firstCylinder: allocation.firstCylinder, cylinders: cylinders))
                vm.io.channels.attach(drive, at: address)
            } catch {
                cp.log("T-disk for \(vm.userid) \(hex3(address)) on \(allocation.volser) failed: \(error)")
                cp.temporaryDisks.release(allocation)
                return .failure(noSpace)
            }
            vm.deviceInfo[address] = VirtualDeviceInfo(kind: .dasd, type: geometry.name, volser: volume.volser,
                                                       cylinders: cylinders, temporary: true, minidisk: allocation.key,
                                                       temporaryAllocation: allocation)
            return .success(.write)
        }
        return .failure(noSpace)
    }
}

extension VirtualMachine {
    /// Releases what a DASD holds: its link, its T-disk space; flushes its
    /// volume so what the guest wrote is durable once it is gone.
    func releaseDisk(at address: UInt16, _ info: VirtualDeviceInfo) {
        guard info.kind == .dasd else { return }
        if let drive = io.channels.device(at: address) as? CKDDasd { try? drive.flush() }
        if let key = info.minidisk { cp.minidiskLinks.unlink(key, userid: userid, address: address) }
        if let allocation = info.temporaryAllocation { cp.temporaryDisks.release(allocation) }
    }
}
