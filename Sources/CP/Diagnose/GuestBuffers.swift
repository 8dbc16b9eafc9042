extension VirtualMachine {
    /// The program interruption a DIAGNOSE earns for an operand buffer of
    /// `length` bytes at guest real `address`, or nil when the buffer is
    /// fine: addressing (X'05') when it leaves storage; protection (X'04')
    /// when the PSW key is not zero and a 2 KB block of it has another key
    /// and is to be stored into (or is fetch-protected). CP checks before it
    /// moves anything, so a bad buffer changes nothing.
    func bufferProgramCheck(_ address: UInt32, _ length: Int, store: Bool) -> UInt16? {
        guard length > 0 else { return nil }
        guard guestAbsolute(address, count: length) != nil else { return 0x0005 }
        let key = UInt8((machine.psw >> 52) & 0xF)
        guard key != 0 else { return nil }
        var block = address & ~0x7FF
        while UInt64(block) < UInt64(address) + UInt64(length) {
            guard let absolute = guestAbsolute(block) else { return 0x0005 }
            let storageKey = machine.storage.key(at: absolute)
            if storageKey >> 4 != key && (store || storageKey & 0x08 != 0) { return 0x0004 }
            block += 0x800
        }
        return nil
    }
}
