/// PSW swaps for every interruption class. Old and new PSWs and the
/// interruption codes live in the prefix area (real locations 0–4095).
extension CPUState {
    /// Fixed real locations of the S/370 and S/360 low storage.
    enum LowCore {
        static let restartNew: UInt32 = 0x00
        static let restartOld: UInt32 = 0x08
        static let externalOld: UInt32 = 0x18
        static let svcOld: UInt32 = 0x20
        static let programOld: UInt32 = 0x28
        static let machineCheckOld: UInt32 = 0x30
        static let ioOld: UInt32 = 0x38
        static let csw: UInt32 = 0x40
        static let caw: UInt32 = 0x48
        static let intervalTimer: UInt32 = 0x50
        static let externalNew: UInt32 = 0x58
        static let svcNew: UInt32 = 0x60
        static let programNew: UInt32 = 0x68
        static let machineCheckNew: UInt32 = 0x70
        static let ioNew: UInt32 = 0x78
        static let externalCPUAddress: UInt32 = 0x84
        static let externalCode: UInt32 = 0x86
        static let svcCode: UInt32 = 0x88
        static let programCode: UInt32 = 0x8C
        static let translationExceptionAddress: UInt32 = 0x90
        static let monitorClass: UInt32 = 0x94
        static let monitorCode: UInt32 = 0x9C
        static let channelID: UInt32 = 0xA8
        static let ioAddress: UInt32 = 0xB8
    }

    /// Absolute address of a low-storage location (real 0–4095 lives at the prefix).
    @inline(__always)
    func lowCore(_ real: UInt32) -> UInt32 { prefix | real }

    /// Stores the current PSW (or `oldPSW` when given) at `old` and loads the one at `new`.
    func swapPSW(old: UInt32, new: UInt32, code: UInt16, ilc: Int, oldPSW: UInt64? = nil) {
        if let observer = interruptionObserver {
            let kind: InterruptionEvent.Kind
            switch old {
            case LowCore.programOld: kind = .program
            case LowCore.svcOld: kind = .svc
            case LowCore.externalOld: kind = .external
            case LowCore.ioOld: kind = .io
            case LowCore.restartOld: kind = .restart
            default: kind = .machineCheck
            }
            let stored = oldPSW ?? packPSW(interruptionCode: code, ilc: ilc)
            let newPSW = storage.load64(lowCore(new))
            observer(InterruptionEvent(kind: kind, code: code, oldPSW: stored, newPSW: newPSW))
        }
        if model == .s360_67 && ecMode, let location = CPUState.model67CodeLocation(oldPSW: old) {
            storage.store16(lowCore(location), code)
        }
        storage.store64(lowCore(old), oldPSW ?? packPSW(interruptionCode: code, ilc: ilc))
        storage.markAccess(lowCore(0), store: true)
        unpackPSW(storage.load64(lowCore(new)))
    }

    /// A program interruption: `ilc` in bytes (0, 2, 4, 6). The instruction
    /// address must already be what the old PSW is to show; `oldPSW`, when
    /// given, is stored as it is instead of the current PSW.
    func programInterruption(code: UInt16, ilc: Int, oldPSW: UInt64? = nil) {
        if model == .s370 && ecMode {
            storage.store32(lowCore(LowCore.programCode), UInt32(ilc & 6) << 16 | UInt32(code))
        }
        let base = code & 0x7F
        if base == 0x10 || base == 0x11 {
            storage.store32(lowCore(LowCore.translationExceptionAddress), translationExceptionAddress)
        }
        if code & 0x40 != 0 {
            storage.store16(lowCore(LowCore.monitorClass), UInt16(monitorClass))
            storage.store32(lowCore(LowCore.monitorCode), monitorCode & 0x00FF_FFFF)
        }
        lastProgramInterruption = code
        swapPSW(old: LowCore.programOld, new: LowCore.programNew, code: code, ilc: ilc, oldPSW: oldPSW)
        if stopOnProgramInterruptionLoop {
            // The failing instruction is the one the program new PSW
            // points at, in the same state (key, EC/BC, M, W, P): the
            // handler's first instruction is what failed.
            let old = storage.load64(lowCore(LowCore.programOld))
            let new = storage.load64(lowCore(LowCore.programNew))
            let addressMask: UInt64 = new & (1 << 51) != 0 ? 0x7FFF_FFFF : 0x00FF_FFFF
            let stateMask: UInt64 = 0x00FF_0000_0000_0000
            if UInt64(instructionAddress) & addressMask == new & addressMask && old & stateMask == new & stateMask {
                programLoopDetected = code
            }
        }
    }

    /// The loop `programInterruption` detected, once, as a stop reason.
    func takeProgramLoop() -> StopReason? {
        guard let code = programLoopDetected else { return nil }
        programLoopDetected = nil
        return .intercept(.programInterruptionLoop(code: code))
    }

    /// A supervisor-call interruption for SVC `number`.
    func svcInterruption(number: UInt8, ilc: Int) {
        if model == .s370 && ecMode {
            storage.store32(lowCore(LowCore.svcCode), UInt32(ilc & 6) << 16 | UInt32(number))
        }
        swapPSW(old: LowCore.svcOld, new: LowCore.svcNew, code: UInt16(number), ilc: ilc)
    }

    /// An external interruption with `code` (and the signalling CPU's address
    /// for external call and emergency signal).
    func externalInterruption(code: UInt16, cpuAddress from: UInt16 = 0) {
        if model == .s370 && ecMode {
            storage.store16(lowCore(LowCore.externalCPUAddress), from)
            storage.store16(lowCore(LowCore.externalCode), code)
        }
        swapPSW(old: LowCore.externalOld, new: LowCore.externalNew, code: code, ilc: 0)
    }

    /// An I/O interruption from `device` (channel and unit address). The
    /// channel layer stores the CSW at location 64 first.
    func ioInterruption(device: UInt16) {
        if model == .s370 && ecMode {
            storage.store32(lowCore(LowCore.ioAddress), UInt32(device))
        }
        swapPSW(old: LowCore.ioOld, new: LowCore.ioNew, code: device, ilc: 0)
    }

    /// A restart interruption (the console RESTART key).
    func restartInterruption() {
        swapPSW(old: LowCore.restartOld, new: LowCore.restartNew, code: 0, ilc: 0)
    }

    /// A machine-check interruption; `code` is the 8-byte machine-check
    /// interruption code stored at location 232 (X'E8').
    func machineCheckInterruption(code: UInt64) {
        storage.store64(lowCore(0xE8), code)
        swapPSW(old: LowCore.machineCheckOld, new: LowCore.machineCheckNew, code: 0, ilc: 0)
    }
}
