import S370Core

/// SMSG userid|* text: a special message, delivered through VMCF to a
/// virtual machine programmed to take it.
///
/// VM/370 Release 6 (System Logic and Problem Determination Guide vol. 1,
/// p. 1-42, and the CP Command Reference for General Users, SMSG): CP
/// checks that the receiver has its special message flag on (SET SMSG ON,
/// or AUTHORIZE with VMCPSMSG), then that it is authorized for VMCF, and
/// sends the text as a SENDX with the CPU clock as the message id; the
/// receiver sees VMCMUSER "SYSTEM" and the sender's userid in the user
/// doubleword (VM/SP System Programmer's Guide; NICOF). The messages are
/// DMKMSG020E, DMKMSG045E and DMKMSG057W, whose numbers are the return
/// codes. The severity letters of 045 and 057 follow vm67's MSG command:
/// the scanned logic guide is not legible there.
///
/// Not verified: what VM/370 does for a receiver in QUIESCE status (its
/// SMSG path does not look at DMKVMC's return code); vm67 drops the
/// message without a word to the sender and logs it. Text longer than the
/// receiver's buffer is cut to fit.
enum SpecialMessageCommand {
    static func smsg(_ c: inout CommandContext) -> Int {
        guard let target = c.word(0), target.count <= 8 else {
            return c.fail(CPMessage("MSG", 20, "E", "USERID MISSING OR INVALID"))
        }
        let name = target == "*" ? c.vm.userid : target
        guard let receiver = c.cp.user(name) else { return c.fail(CPMessage("MSG", 45, "E", "\(name) NOT LOGGED ON")) }
        let text = ebcdic(c.rest(after: 1))
        let messageID = UInt32(truncatingIfNeeded: hostTOD() >> 12)
        switch c.cp.vmcf.specialMessage(from: c.vm.userid, to: receiver.userid, text: text, messageID: messageID) {
        case .delivered:
            c.cp.vmcfNotify([receiver.userid])
            return 0
        case .smsgOff:
            return c.fail(CPMessage("MSG", 57, "W", "\(receiver.userid) NOT RECEIVING; SMSG OFF"))
        case .notAuthorized:
            return c.fail(CPMessage("MSG", 57, "W", "\(receiver.userid) NOT RECEIVING; NOT AUTHORIZED"))
        case .quiesced:
            c.cp.log("SMSG from \(c.vm.userid) to \(receiver.userid) dropped: VMCF QUIESCE")
            return 0
        }
    }
}
