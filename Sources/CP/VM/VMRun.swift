import Channel
import Foundation
import S370Core

/// Running a VM for one scheduler slice: first what the user typed and what
/// other threads posted, then the guest until the slice is used up, it
/// waits, or it stops.
extension VirtualMachine {
    enum SliceResult {
        /// Still runnable: queue it again.
        case again
        /// An enabled wait: run again when an event comes, or at this host TOD.
        case wait(until: UInt64?)
        /// Stopped (CP READ) or logged off: run again only on input.
        case idle
    }

    func runSlice(budget: Int) -> SliceResult {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            totalCPUSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        runPosted()
        processConsoleInput()
        guard runState == .running, !isLoggedOff else { return .idle }
        var remaining = budget
        while remaining > 0 {
            if console.hasInput || hasPostedWork {
                runPosted()
                processConsoleInput()
                if runState != .running || isLoggedOff { return .idle }
            }
            let before = machine.state.instructionCount
            let runStart = DispatchTime.now().uptimeNanoseconds
            let stop = trace.singleStep ? traceStep() : io.run(budget: remaining)
            virtualCPUSeconds += Double(DispatchTime.now().uptimeNanoseconds - runStart) / 1e9
            let executed = Int(machine.state.instructionCount - before)
            remaining -= max(executed, 1)
            scheduling.state.withLock { $0.sinceInteraction += executed }
            if traceStopRequested {
                traceStopRequested = false
                enterCPMode()
                return .idle
            }
            if trace.singleStep && trace.stopAfterEvent && trace.events.contains(.instruction) {
                enterCPMode()
                return .idle
            }
            switch stop {
            case .woken:
                // The scheduler wants the worker for an interactive machine.
                if scheduling.state.withLock({ s -> Bool in defer { s.preempt = false }; return s.preempt }) {
                    return .again
                }
                continue
            case .budgetExhausted, .ioInterruptionPending, .stopRequested:
                continue
            case .wait:
                updateStatus()
                return .wait(until: machine.state.nextTimerEvent())
            case .disabledWait:
                say(Messages.disabledWait(pswText))
                enterCPMode()
                return .idle
            case .intercept(let what):
                handleIntercept(what)
                if runState != .running || isLoggedOff { return .idle }
            }
        }
        return .again
    }

    /// The PSW as CP prints it: `00020000 00000012`.
    var pswText: String {
        let psw = machine.psw
        return hex8(UInt32(psw >> 32)) + " " + hex8(UInt32(truncatingIfNeeded: psw))
    }

    func handleIntercept(_ what: Intercept) {
        switch what {
        case .diagnose(let r1, let r3, let code):
            diagnose(code: code, rx: r1, ry: r3)
        case .signalProcessor:
            // A virtual uniprocessor: no other CPU answers.
            machine.setConditionCode(3)
        case .directControl:
            break
        case .addressStop(let address):
            machine.state.stopAddress = nil
            say(Messages.adstop(DisplayStore.hex6(address)).text)
            enterCPMode()
        case .programInterruptionLoop:
            say(Messages.programCheckLoop(pswText))
            enterCPMode()
        case .io, .storeChannelID:
            break   // IOSystem performs these
        }
    }

    var isLoggedOff: Bool { cp.user(userid) !== self }

    // MARK: Console input

    func processConsoleInput() {
        for input in console.takeInput() {
            scheduling.state.withLock { $0.sinceInteraction = 0; $0.interactive = true }
            switch input {
            case .attention:
                if runState == .running {
                    if settings.terminalModeVM, let device = consoleDevice {
                        device.requestAttention()
                    } else {
                        enterCPMode()
                        stoppedByAttention = true
                    }
                }
            case .programFunction(let n):
                if let pf = settings.pfKeys[n] {
                    handleLine(pf.text)
                } else if runState == .running {
                    consoleDevice?.requestAttention()
                }
            case .line(let text):
                handleLine(text)
            case .fullScreenAttention(let aid):
                fullScreenAttention(aid)
            case .fullScreenInterrupted:
                // CP already knows: its output marked the guest's screen taken.
                break
            case .fullScreenResumed:
                fullScreenResumed()
            case .pa2Interrupt:
                pa2Interrupt()
            }
            if isLoggedOff { return }
        }
    }

    /// One physical input line: split by logical line editing; `#CP` lines
    /// go to CP; the rest to CP (in CP READ) or the guest.
    func handleLine(_ text: String) {
        // The answer to a CP prompt is taken whole, without line editing:
        // a password may contain the line-end or escape character.
        if let prompt = pendingPrompt {
            pendingPrompt = nil
            prompt(self, text)
            return
        }
        // The line as typed goes into a spooled console's file (a prompt's
        // answer, often a password, does not).
        _ = console.spool.record([text])
        for logical in lineEditing.split(text) {
            if isLoggedOff { return }
            let upper = logical.text.uppercased()
            if logical.afterLineEnd && (upper == "CP" || upper.hasPrefix("CP ")) {
                let command = String(logical.text.dropFirst(2)).trimmingWhitespace
                _ = execute(command: command, source: .console)
                continue
            }
            switch runState {
            case .cpRead:
                _ = execute(command: logical.text, source: .console)
                // SET RUN ON: after a command entered on attention the VM runs on.
                if stoppedByAttention && settings.run && runState == .cpRead && !isLoggedOff { resume() }
            case .running:
                consoleDevice?.enter(logical.text)
            }
        }
    }
}
