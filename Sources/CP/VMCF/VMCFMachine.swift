import S370Core

/// One virtual machine's side of VMCF: carrying out its DIAGNOSE X'68'
/// requests against its own storage, and presenting its VMCF external
/// interruptions. Everything here runs on the machine's own worker.
extension VirtualMachine {
    /// Carries out one VMCPARM; returns the DIAGNOSE X'68' return code.
    func vmcfRequest(_ p: VMCFParameterList) -> VMCF.ReturnCode {
        guard let function = VMCF.Function(rawValue: p.function) else { return .invalidSubfunction }
        let facility = cp.vmcf
        if function == .authorize { return vmcfAuthorize(p) }
        guard facility.authorization(of: userid) != nil else { return .sourceNotAuthorized }
        switch function {
        case .authorize:
            return .ok
        case .unauthorize:
            vmcfUnauthorize()
            return .ok
        case .send, .sendReceive, .sendX, .identify:
            var data: [UInt8] = []
            if function != .identify {
                if let error = vmcfCheck(p.addressA, p.lengthA, store: false) { return error }
                data = p.lengthA == 0 ? [] : guestRead(p.addressA, Int(p.lengthA)) ?? []
            }
            if function == .sendReceive, let error = vmcfCheck(p.addressB, p.lengthB, store: true) { return error }
            let (rc, notify) = facility.send(from: userid, p, data: data)
            cp.vmcfNotify(notify)
            return rc
        case .receive:
            if let error = vmcfCheck(p.addressA, p.lengthA, store: true) { return error }
            let (rc, data, notify) = facility.receive(sink: userid, p)
            if !data.isEmpty { _ = guestWrite(p.addressA, data) }
            cp.vmcfNotify(notify)
            return rc
        case .reply:
            if let error = vmcfCheck(p.addressA, p.lengthA, store: false) { return error }
            let data = p.lengthA == 0 ? [] : guestRead(p.addressA, Int(p.lengthA)) ?? []
            let (rc, notify) = facility.reply(sink: userid, p, data: data)
            cp.vmcfNotify(notify)
            return rc
        case .reject:
            let (rc, notify) = facility.reject(sink: userid, p)
            cp.vmcfNotify(notify)
            return rc
        case .cancel:
            return facility.cancel(source: userid, p)
        case .quiesce, .resume:
            facility.setQuiesced(userid, function == .quiesce)
            return .ok
        }
    }

    /// AUTHORIZE: the external interruption buffer must be doubleword
    /// aligned, in storage and at least a header long (return code 1), in
    /// the PSW key (6).
    private func vmcfAuthorize(_ p: VMCFParameterList) -> VMCF.ReturnCode {
        guard p.addressA & 7 == 0, p.lengthA >= UInt32(VMCF.headerLength) else { return .invalidBuffer }
        if let error = vmcfCheck(p.addressA, p.lengthA, store: true) { return error }
        let specific = p.flags & VMCF.authorizeSpecific != 0 ? p.userid : nil
        cp.vmcf.authorize(userid, .init(buffer: p.addressA, length: p.lengthA, specific: specific,
                                        priority: p.flags & VMCF.priority != 0),
                          acceptSMSG: p.flags & VMCF.acceptSMSG != 0)
        return .ok
    }

    /// UNAUTHORIZE, also done at LOGOFF and at every reset (IPL, SYSTEM
    /// RESET or CLEAR, DEFINE STORAGE), as VM/370's DMKVMCUA is.
    func vmcfUnauthorize() {
        let notify = cp.vmcf.unauthorize(userid)
        machine.withdrawExternalPending()
        cp.vmcfNotify(notify)
    }

    /// A buffer of the caller's: within its storage (return code 1) and, when
    /// the PSW key is not zero, in storage of that key (6). The Release 6
    /// guide asks for the key to match for fetches too.
    private func vmcfCheck(_ address: UInt32, _ length: UInt32, store: Bool) -> VMCF.ReturnCode? {
        guard length > 0 else { return nil }
        guard length <= UInt32(Int32.max), guestAbsolute(address, count: Int(length)) != nil else { return .invalidBuffer }
        let key = UInt8((machine.psw >> 52) & 0xF)
        guard key != 0 else { return nil }
        var block = address & ~0x7FF
        while UInt64(block) < UInt64(address) + UInt64(length) {
            guard let absolute = guestAbsolute(block), machine.storage.key(at: absolute) >> 4 == key else {
                return .protectionViolation
            }
            block += 0x800
        }
        return nil
    }

    // MARK: Interruptions

    /// Makes the next VMCF interruption pending, unless one already is.
    func vmcfArm() {
        guard !machine.hasExternalPending, cp.vmcf.hasPending(userid) else { return }
        machine.makeExternalPending(code: VMCF.interruptionCode) { [unowned self] in self.vmcfPresent() }
    }

    /// The machine is taking its VMCF interruption: store the message
    /// header (SENDX data after it, REPLY data in the REPLY buffer) and
    /// make the next one pending. False withdraws the interruption.
    private func vmcfPresent() -> Bool {
        let (presentation, notify) = cp.vmcf.present(userid)
        cp.vmcfNotify(notify)
        defer { vmcfArm() }
        guard var presentation else { return false }
        if let reply = presentation.reply, !reply.data.isEmpty, !guestWrite(reply.address, reply.data) {
            // The REPLY buffer left storage after the SEND/RECV: data transfer error 1.
            presentation.header.flags2 = UInt8(VMCF.ReturnCode.invalidBuffer.rawValue)
            presentation.header.lengthB += UInt32(reply.data.count)
        }
        return guestWrite(presentation.buffer, presentation.header.bytes + presentation.sendXData)
    }
}

extension ControlProgram {
    /// Tells logged-on users that VMCF interruptions wait for them; each
    /// makes its next one pending on its own worker.
    func vmcfNotify(_ users: [String]) {
        for name in Set(users) {
            user(name)?.post { $0.vmcfArm() }
        }
    }
}
