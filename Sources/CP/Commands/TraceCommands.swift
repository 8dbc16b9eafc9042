import Assembler
import S370Core

/// TRACE and ADSTOP.
enum TraceCommands {
    static func adstop(_ c: inout CommandContext) -> Int {
        guard let word = c.word(0) else { return c.fail(Messages.operandMissing) }
        if word == "OFF" {
            c.vm.machine.state.stopAddress = nil
            return 0
        }
        guard let address = UInt32(word, radix: 16), address <= 0xFF_FFFF, address & 1 == 0 else {
            return c.fail(Messages.invalidHex(word))
        }
        c.vm.machine.state.stopAddress = address
        return 0
    }

    static func trace(_ c: inout CommandContext) -> Int {
        guard !c.words.isEmpty else { return c.fail(Messages.operandMissing) }
        var events = c.vm.trace.events
        var norun = c.vm.trace.stopAfterEvent
        for word in c.words {
            switch word {
            case "END", "OFF":
                c.vm.trace = TraceSettings()
                c.vm.applyTrace()
                c.say("TRACE ENDED")
                return 0
            case "SVC": events.insert(.svc)
            case "I/O", "IO": events.insert(.io)
            case "PROGRAM", "PROG": events.insert(.program)
            case "EXTERNAL", "EXT": events.insert(.external)
            case "SIO": events.insert(.sio)
            case "PRIV": events.formUnion([.sio, .program])
            case "BRANCH", "BR": events.insert(.branch)
            case "INSTRUCT", "INST": events.insert(.instruction)
            case "ALL": events.formUnion([.svc, .io, .program, .external, .sio, .branch, .instruction])
            case "RUN": norun = false
            case "NORUN": norun = true
            case "TERMINAL", "TERM", "PRINTER", "PRT", "BOTH": break
            default: return c.fail(Messages.invalidOperand(word))
            }
        }
        c.vm.trace = TraceSettings(events: events, stopAfterEvent: norun)
        c.vm.applyTrace()
        return 0
    }
}

/// What TRACE follows for a VM.
struct TraceSettings {
    struct Events: OptionSet {
        let rawValue: Int
        static let svc = Events(rawValue: 1)
        static let io = Events(rawValue: 2)
        static let program = Events(rawValue: 4)
        static let external = Events(rawValue: 8)
        static let sio = Events(rawValue: 16)
        static let branch = Events(rawValue: 32)
        static let instruction = Events(rawValue: 64)
    }
    var events: Events = []
    /// NORUN: the VM stops (CP READ) after each traced event.
    var stopAfterEvent = false

    var isActive: Bool { !events.isEmpty }

    /// The traced events by their TRACE operand names.
    var names: [String] {
        let all: [(Events, String)] = [(.svc, "SVC"), (.io, "I/O"), (.program, "PROGRAM"), (.external, "EXTERNAL"),
                                       (.sio, "SIO"), (.branch, "BRANCH"), (.instruction, "INSTRUCT")]
        return all.filter { events.contains($0.0) }.map(\.1)
    }
    /// Instruction and branch tracing need the VM run one instruction at a time.
    var singleStep: Bool { !events.isDisjoint(with: [.branch, .instruction]) }
}

extension VirtualMachine {
    /// Connects the interruption observer for the current trace settings.
    func applyTrace() {
        let events = trace.events
        guard !events.isDisjoint(with: [.svc, .io, .program, .external]) else {
            machine.state.interruptionObserver = nil
            return
        }
        machine.state.interruptionObserver = { [unowned self] event in
            let wanted: TraceSettings.Events
            switch event.kind {
            case .svc: wanted = .svc
            case .program: wanted = .program
            case .external: wanted = .external
            case .io: wanted = .io
            default: wanted = []
            }
            guard !wanted.isEmpty, self.trace.events.contains(wanted) else { return }
            let old = hex8(UInt32(event.oldPSW >> 32)) + " " + hex8(UInt32(truncatingIfNeeded: event.oldPSW))
            let new = hex8(UInt32(event.newPSW >> 32)) + " " + hex8(UInt32(truncatingIfNeeded: event.newPSW))
            let code = String(event.code, radix: 16, uppercase: true)
            self.say("*** \(event.kind.rawValue.padding(4)) \(String(repeating: "0", count: max(0, 4 - code.count)) + code)  OLD PSW \(old)  NEW PSW \(new)")
            if self.trace.stopAfterEvent { self.traceStopRequested = true; self.machine.requestStop() }
        }
    }

    /// One instruction under TRACE INSTRUCT/BRANCH: shows it, runs it.
    func traceStep() -> StopReason {
        let state = machine.state
        let ia = state.ia
        let bytes = machine.storage.contains(ia, count: 6) ? machine.storage.read(ia, count: 6) : []
        let item = Disassembler.instruction(in: bytes, address: Int(ia), architecture: .s370, facilities: [.ext370])
        let stop = io.run(budget: 1)
        let next = state.ia
        let sequential = (ia &+ UInt32(max(item.length, 2))) & 0xFF_FFFF
        if trace.events.contains(.instruction) {
            say("*** \(item.text)")
        } else if trace.events.contains(.branch) && next != sequential && !bytes.isEmpty {
            say("*** \(item.text)  ==> \(DisplayStore.hex6(next))")
        }
        return stop
    }
}
