import Channel
import S370Core

/// IPL, BEGIN, SYSTEM RESET|CLEAR|RESTART.
enum IPLCommands {
    static func ipl(_ c: inout CommandContext) -> Int {
        guard let target = c.word(0) else { return c.fail(Messages.operandMissing) }
        var clear = false
        var parm: String? = nil
        var i = 1
        while let word = c.word(i) {
            if word == "CLEAR" { clear = true; i += 1; continue }
            if word == "PARM" { parm = c.rest(after: i + 1); break }
            return c.fail(Messages.invalidOperand(word))
        }
        let vm = c.vm
        if let address = parseAddress(target), vm.io.channels.device(at: address) != nil {
            vm.vmcfUnauthorize()
            vm.resetConsoleFunctions()
            vm.io.machine.reset(clear: clear)
            vm.iplCount += 1
            switch vm.io.ipl(from: address, clear: clear) {
            case .loaded:
                vm.resume()
                return 0
            case .noDevice:
                return c.fail(Messages.deviceDoesNotExist(address))
            case .failed(let csw):
                vm.enterCPMode()
                return c.fail(CPMessage("CFV", 37, "E", "IPL FAILED ON \(hex3(address)): CSW \(csw)"))
            case .timedOut:
                vm.enterCPMode()
                return c.fail(CPMessage("CFV", 37, "E", "IPL FAILED ON \(hex3(address)): DEVICE DID NOT COMPLETE"))
            }
        }
        if parseAddress(target) != nil && target.count <= 3 && c.cp.configuration.savedSystem(target) == nil {
            return c.fail(Messages.deviceDoesNotExist(parseAddress(target)!))
        }
        do {
            guard let system = try c.cp.savedSystem(target), system.canIPL else {
                return c.fail(Messages.systemNotFound)
            }
            vm.vmcfUnauthorize()
            vm.resetConsoleFunctions()
            vm.io.machine.reset(clear: true)
            vm.io.channels.reset()
            vm.iplCount += 1
            vm.loadedSegments = []
            system.ipl(into: vm.machine)
            if let parm { vm.storeIPLParameter(parm) }
            vm.resume()
            return 0
        } catch {
            c.cp.log("IPL \(target) for \(vm.userid) failed: \(error)")
            return c.fail(CPMessage("CFV", 37, "E", "IPL FAILED: \(error)"))
        }
    }

    static func begin(_ c: inout CommandContext) -> Int {
        if let word = c.word(0) {
            guard let address = UInt32(word, radix: 16), address <= 0xFF_FFFF, address & 1 == 0 else {
                return c.fail(Messages.invalidHex(word))
            }
            let psw = c.vm.machine.psw
            let isEC = psw & (1 << 51) != 0
            let high = psw & 0xFFFF_FFFF_0000_0000
            let low = isEC ? UInt64(address) : (psw & 0xFF00_0000) | UInt64(address)
            c.vm.machine.loadPSW(high | low)
        }
        c.vm.resume()
        return 0
    }

    static func stop(_ c: inout CommandContext) -> Int {
        if let word = c.word(0) { return c.fail(Messages.invalidOperand(word)) }
        c.vm.enterCPMode()
        return 0
    }

    static func system(_ c: inout CommandContext) -> Int {
        switch c.word(0) {
        case "RESET"?:
            c.vm.vmcfUnauthorize()
            c.vm.resetConsoleFunctions()
            c.vm.machine.reset(clear: false)
            c.vm.io.channels.reset()
            c.vm.enterCPMode()
            c.say("SYSTEM RESET")
        case "CLEAR"?:
            c.vm.vmcfUnauthorize()
            c.vm.resetConsoleFunctions()
            c.vm.machine.reset(clear: true)
            c.vm.io.channels.reset()
            c.vm.loadedSegments = []
            c.vm.enterCPMode()
            c.say("STORAGE CLEARED - SYSTEM RESET")
        case "RESTART"?:
            c.vm.machine.restart()
            c.vm.resume()
        default:
            return c.fail(Messages.operandMissing)
        }
        return 0
    }
}

extension VirtualMachine {
    /// IPL … PARM text: up to 64 bytes in EBCDIC placed in the general
    /// registers from the high-order byte of register 0, 4 per register.
    /// The registers are not cleared first: bytes past the text keep their
    /// values (VM/370 CP Command Reference, IPL).
    func storeIPLParameter(_ text: String) {
        let bytes = Array(text.utf8.prefix(64)).map { ebcdicOf($0) }
        for (i, byte) in bytes.enumerated() {
            let r = i / 4, shift = UInt32(24 - 8 * (i % 4))
            let old = machine.gpr(r)
            machine.setGPR(r, (old & ~(0xFF << shift)) | UInt32(byte) << shift)
        }
    }
}

/// Latin-1 → EBCDIC (code page 037) for CP's own strings.
func ebcdicOf(_ byte: UInt8) -> UInt8 { cp037FromLatin1[Int(byte)] }
let cp037FromLatin1: [UInt8] = Media.CodePage.cp037.fromLatin1
let cp037ToLatin1: [UInt8] = Media.CodePage.cp037.toLatin1

import Media
