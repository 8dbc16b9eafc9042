import Terminal

/// What the keys of a full-screen guest's screen do (DIAGNOSE X'58'), and
/// CP taking the screen back.
extension VirtualMachine {
    /// An AID key on the guest's screen: the guest gets an attention from
    /// its console and reads the screen with CCW X'2A'. PA1 is the way back
    /// to CP: the first goes to the guest like any AID, a second one before
    /// the guest has read forces CP mode [spec §3, Keys; VM/SP SPG].
    func fullScreenAttention(_ aid: AID) {
        if aid == .pa1 && console.fullScreen.pa1() {
            leaveFullScreen()
            if runState == .running {
                enterCPMode()
                stoppedByAttention = true
            }
            return
        }
        consoleDevice?.requestAttention()
    }

    /// The user released the screen CP had taken for line output: a guest
    /// that was told X'8E' (CP data waiting) gets an attention, to repaint.
    func fullScreenResumed() {
        if console.fullScreen.resumed() { consoleDevice?.requestAttention() }
    }

    /// PA2 with DIAGNOSE X'54' set: the interrupt key's external
    /// interruption (code X'0040'), as the EXTERNAL command gives.
    func pa2Interrupt() {
        guard pa2External else { return }
        machine.postInterruptKey()
    }

    /// IPL and SYSTEM RESET: the guest's full screen and its DIAGNOSE X'54'
    /// setting end with the system that made them.
    func resetConsoleFunctions() {
        let wasFullScreen = console.fullScreen.isActive
        console.fullScreen.reset()
        if pa2External {
            pa2External = false
            console.connection?.setPA2ToHost(false)
        }
        if wasFullScreen { console.connection?.leaveFullScreen() }
    }

    /// CP's screen format again: the guest's full screen is over.
    func leaveFullScreen() {
        console.fullScreen.end()
        console.connection?.leaveFullScreen()
    }
}
