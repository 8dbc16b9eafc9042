import Foundation

/// The Virtual Machine Communication Facility's fixed formats and codes,
/// as VM/370 Release 6 defines them.
///
/// Sources (facts only; the wording here is ours):
/// - VM/370 System Programmer's Guide Rel. 6, GC20-1807-7 with TNL GN25-0829
///   (April 1981), "Virtual Machine Communication Facility", pp. 149–172
///   (PDF pages 176–200): the protocols, the VMCPARM layout and flag bits
///   (p. 160), the subfunction codes (p. 161), the VMCMHDR layout and status
///   bits (p. 165), the DIAGNOSE return codes (Figure 20) and the data
///   transfer error codes (Figure 21).
/// - VM/SP System Programmer's Guide Rel. 3, SC19-6203-2, pp. 89–106: the
///   same interface, cleaner print; return codes 19 and 20 and "SYSTEM" in
///   VMCMUSER for SMSG.
/// - VM/370 System Logic and Problem Determination Guide Rel. 6, SY20-0886-1,
///   p. 1-42 (the SMSG path) and p. 1-226 (DMKVMC: X'4001' is posted unless
///   one is already posted or the machine is disabled by PSW bit 7 or CR0
///   bit 31; SENDX data follows the header in the buffer; DMKVMCUA at logoff
///   and reset).
/// - NICOF (H.-W. Latz, public domain), a VMCF client tested against real
///   VM/370 R6: SMSG arrives as a SENDX whose user doubleword holds the
///   sender's userid and whose text follows the 40-byte header.
enum VMCF {
    /// The external interruption code of every VMCF interruption.
    static let interruptionCode: UInt16 = 0x4001
    /// VMCPARM and VMCMHDR are both 40 bytes.
    static let headerLength = 40
    /// A source may have this many messages active at once (return code 10).
    static let messageLimit = 50
    /// VMCMUSER of a special message (SMSG) from CP.
    static let systemUserid = "SYSTEM"

    /// VMCPFUNC / VMCMFUNC.
    enum Function: UInt16 {
        case authorize = 0, unauthorize = 1, send = 2, sendReceive = 3, sendX = 4, receive = 5
        case cancel = 6, reply = 7, quiesce = 8, resume = 9, identify = 0xA, reject = 0xB
    }

    /// VMCPFLG1 bits.
    static let authorizeSpecific: UInt8 = 0x80   // VMCPAUTS
    static let priority: UInt8 = 0x40            // VMCPPRTY
    static let acceptSMSG: UInt8 = 0x20          // VMCPSMSG

    /// VMCMSTAT bits.
    static let statusResponse: UInt8 = 0x80      // VMCMRESP: final interruption
    static let statusRejected: UInt8 = 0x40      // VMCMRJCT
    static let statusPriority: UInt8 = 0x20      // VMCMPRTY

    /// DIAGNOSE X'68' return codes (Ry); the data transfer error codes in
    /// VMCMEFLG use the same numbers.
    enum ReturnCode: UInt32 {
        case ok = 0
        case invalidBuffer = 1
        case invalidSubfunction = 2
        case protocolViolation = 3
        case sourceNotAuthorized = 4
        case userNotAvailable = 5
        case protectionViolation = 6
        case sendXTooLarge = 7
        case duplicateMessage = 8
        case targetQuiesced = 9
        case messageLimit = 10
        case replyCanceled = 11
        case messageNotFound = 12
        case synchronizationError = 13
        case cancelTooLate = 14
        case pagingError = 15
        case incorrectLength = 16
        case destructiveOverlap = 17
        case notAuthorizedForPriority = 18
        case dataTransferError = 19
        case cancelBusy = 20
    }
}

/// A VMCPARM parameter list, or the VMCMHDR message header built from one:
///
///     +0  VMCPFLG1 / VMCMSTAT   +1 VMCPFLG2 / VMCMEFLG   +2 VMCPFUNC (H)
///     +4  VMCPMID (F)           +8 VMCPUSER (CL8)
///     +16 VMCPVADA (A)          +20 VMCPLENA (F)
///     +24 VMCPVADB (A)          +28 VMCPLENB (F)
///     +32 VMCPUSE (D)
struct VMCFParameterList: Equatable {
    var flags: UInt8 = 0
    var flags2: UInt8 = 0
    var function: UInt16 = 0
    var messageID: UInt32 = 0
    /// VMCPUSER as stored: 8 EBCDIC bytes.
    var useridBytes: [UInt8] = [UInt8](repeating: 0x40, count: 8)
    var addressA: UInt32 = 0
    var lengthA: UInt32 = 0
    var addressB: UInt32 = 0
    var lengthB: UInt32 = 0
    /// VMCPUSE: the user doubleword, as stored.
    var userWord: [UInt8] = [UInt8](repeating: 0, count: 8)

    init() {}

    init(_ bytes: [UInt8]) {
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        flags = bytes[0]
        flags2 = bytes[1]
        function = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        messageID = word(4)
        useridBytes = Array(bytes[8..<16])
        addressA = word(16)
        lengthA = word(20)
        addressB = word(24)
        lengthB = word(28)
        userWord = Array(bytes[32..<40])
    }

    var bytes: [UInt8] {
        [flags, flags2, UInt8(function >> 8), UInt8(truncatingIfNeeded: function)] + bytes32(messageID)
            + useridBytes + bytes32(addressA) + bytes32(lengthA) + bytes32(addressB) + bytes32(lengthB) + userWord
    }

    /// VMCPUSER as a userid: upper case, trailing blanks (and nulls) dropped.
    var userid: String {
        get { fromEBCDIC(useridBytes).uppercased().trimmingCharacters(in: [" ", "\0"]) }
        set { useridBytes = ebcdic(String(newValue.uppercased().prefix(8)).padding(8)) }
    }
}
