/// What the console tells the host (CP) the user did. The first three are
/// CP's `ConsoleInput` cases one for one.
public enum ConsoleEvent: Sendable, Hashable {
    /// A line entered with ENTER in line mode, trailing blanks stripped
    /// (possibly empty; a masked line is a password and was not echoed).
    case line(String)
    /// PA1 (or ATTN) in line mode: attention to CP.
    case attention
    /// A PF key in line mode (not the RETRIEVE key). The input area is left
    /// as it is; CP may fill it (`setInput`) for a DELAYED PF setting.
    case programFunction(Int)
    /// PA2 while the host asked for it as an interrupt (DIAGNOSE X'54').
    case pa2Interrupt
    /// An AID key in full-screen mode: the guest gets an attention and reads
    /// the screen (`ConsoleSession.readFullScreen`). Other AID keys are
    /// refused while the keyboard is locked, but PA1 always arrives, so CP
    /// can decide that a second one (no guest READ between) forces CP mode.
    case fullScreenAttention(AID)
    /// Line-mode output took the screen from a full-screen guest (the
    /// console shows it in HOLDING); the guest's next write should learn
    /// that CP data is waiting (unit status X'8E').
    case fullScreenInterrupted
    /// The user released that HOLDING: the guest's screen shows again.
    case fullScreenResumed
    /// A key while an attached display device owns the screen
    /// (`ConsoleSession.showDisplay`): the device applies it.
    case displayKey(Key)
}
