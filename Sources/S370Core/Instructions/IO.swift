/// The I/O instructions, DIAGNOSE, SIGNAL PROCESSOR and direct control
/// leave the instruction loop as intercepts: the channel layer or CP
/// performs them and sets the condition code.
extension Interp {
    @inline(__always)
    func intercept(_ what: Intercept) throws(ProgramInterruption) -> Never {
        s.pendingIntercept = what
        throw .intercept
    }

    func opSIO(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.io(.startIO, address: addressS(p)))
    }

    func opSIOF(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.io(.startIOFastRelease, address: addressS(p)))
    }

    func opTIO(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.io(.testIO, address: addressS(p)))
    }

    func opCLRIO(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.io(.clearIO, address: addressS(p)))
    }

    func opHIO(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.io(.haltIO, address: addressS(p)))
    }

    func opHDV(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.io(.haltDevice, address: addressS(p)))
    }

    func opTCH(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.io(.testChannel, address: addressS(p)))
    }

    func opSTIDC(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.storeChannelID(address: addressS(p)))
    }

    func opDIAG(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.diagnose(r1: r1(p), r3: Int(p[1] & 0xF), code: addressS(p)))
    }

    func opSIGP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.signalProcessor(r1: r1(p), r3: Int(p[1] & 0xF), address: addressS(p)))
    }

    func opWRD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.directControl(read: false, address: addressS(p), immediate: p[1]))
    }

    func opRDD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) {
        try intercept(.directControl(read: true, address: addressS(p), immediate: p[1]))
    }
}
