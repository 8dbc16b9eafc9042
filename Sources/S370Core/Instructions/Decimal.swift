extension Interp {
    func opAP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opSP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opMP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opDP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opZAP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opCP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opSRP(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opMVO(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opPACK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opUNPK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opED(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opEDMK(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opCVB(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
    func opCVD(_ p: UnsafeMutablePointer<UInt8>) throws(ProgramInterruption) { throw .operation }
}
