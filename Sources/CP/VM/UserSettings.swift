/// A user's SET and TERMINAL settings.
public struct UserSettings: Sendable {
    public var emsg: EmsgSetting = .text
    public var imsg = true
    public var msg = true
    public var wng = true
    /// SET RUN ON: a CP command entered after attention lets the VM run on.
    public var run = false
    /// SET TIMER: ON (virtual CPU time), OFF, or REAL (also during waits).
    public var timer: TimerSetting = .on
    /// PF key definitions: the text, and whether it is entered at once.
    public var pfKeys: [Int: (text: String, immediate: Bool)] = [:]
    /// TERMINAL MODE VM: the first attention goes to the guest.
    public var terminalModeVM = false
    public var lineSize = 130

    public enum TimerSetting: String, Sendable { case on = "ON", off = "OFF", real = "REAL" }
}
