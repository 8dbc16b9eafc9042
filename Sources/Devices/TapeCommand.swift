/// The channel commands of the 3803/3420 (and the 2803/2400 before it),
/// decoded from the command byte.
enum TapeCommand: Equatable, Sendable {
    case write                  // X'01'
    case read                   // X'02'
    case noOperation            // X'03'
    case sense                  // X'04'
    case rewind                 // X'07'
    case readBackward           // X'0C'
    case rewindUnload           // X'0F'
    case eraseGap               // X'17'
    case writeTapeMark          // X'1F'
    case backspaceBlock         // X'27'
    case backspaceFile          // X'2F'
    case forwardSpaceBlock      // X'37'
    case forwardSpaceFile       // X'3F'
    case dataSecurityErase      // X'97'
    /// A mode set: density, parity, translation. Density is all an
    /// emulated reel could record, and nothing reads it back, so they
    /// change only what sense reports.
    case modeSet(sevenTrack: Bool, density1600: Bool)
    /// Diagnostic commands that move no tape (diagnostic mode set X'0B',
    /// request track-in-error X'1B', set diagnose X'4B', loop write to
    /// read X'8B'): accepted and ignored.
    case diagnostic
    /// Anything else, including sense ID (X'E4', which the 3803 does not
    /// have) and sense reserve/release (X'F4', X'D4', which need the
    /// two-channel switch): command reject.
    case invalid

    /// 7-track mode sets: density and parity/translate/convert bits in the
    /// top five bits of a command ending in 011.
    static let sevenTrackModeSets: Set<UInt8> = [0x13, 0x23, 0x2B, 0x33, 0x3B, 0x53, 0x63, 0x6B,
                                                  0x73, 0x7B, 0x93, 0xA3, 0xAB, 0xB3, 0xBB]

    init(code: UInt8) {
        switch code {
        case 0x01: self = .write
        case 0x02: self = .read
        case 0x03: self = .noOperation
        case 0x04: self = .sense
        case 0x07: self = .rewind
        case 0x0C: self = .readBackward
        case 0x0F: self = .rewindUnload
        case 0x17: self = .eraseGap
        case 0x1F: self = .writeTapeMark
        case 0x27: self = .backspaceBlock
        case 0x2F: self = .backspaceFile
        case 0x37: self = .forwardSpaceBlock
        case 0x3F: self = .forwardSpaceFile
        case 0x97: self = .dataSecurityErase
        case 0xC3: self = .modeSet(sevenTrack: false, density1600: true)     // 1600 bpi, phase encoded
        case 0xCB: self = .modeSet(sevenTrack: false, density1600: false)    // 800 bpi, NRZI
        case 0xD3, 0xDB: self = .modeSet(sevenTrack: false, density1600: false)  // 6250 bpi
        case 0x0B, 0x1B, 0x4B, 0x8B: self = .diagnostic
        case _ where TapeCommand.sevenTrackModeSets.contains(code):
            self = .modeSet(sevenTrack: true, density1600: false)
        default: self = .invalid
        }
    }

    /// Whether the command needs a ready drive (with a reel mounted).
    var needsReadyDrive: Bool {
        switch self {
        case .sense, .modeSet, .invalid: return false
        default: return true
        }
    }

    /// Commands that write on the tape (refused on a file-protected reel).
    var writes: Bool {
        switch self {
        case .write, .writeTapeMark, .eraseGap, .dataSecurityErase: return true
        default: return false
        }
    }
}
