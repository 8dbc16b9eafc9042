/// Sense byte 0 of a 2400 or 3420 tape: the error conditions behind a unit check.
public struct TapeErrors: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A command the drive does not know, a write to a file-protected
    /// reel, or a data security erase not chained from an erase gap.
    public static let commandReject = TapeErrors(rawValue: 0x80)
    /// The drive is not ready (no reel, or unloaded).
    public static let interventionRequired = TapeErrors(rawValue: 0x40)
    /// Bad parity on the channel's bus-out lines (never happens here).
    public static let busOutCheck = TapeErrors(rawValue: 0x20)
    /// The drive failed: here, the tape ran off the reel (forward motion
    /// past the end of what was written, or a write past the physical end),
    /// or the host file could not be read or written.
    public static let equipmentCheck = TapeErrors(rawValue: 0x10)
    /// A block could not be read back (corrupt compressed data).
    public static let dataCheck = TapeErrors(rawValue: 0x08)
    /// The channel did not keep up with the tape (never happens here).
    public static let overrun = TapeErrors(rawValue: 0x04)
    /// A write moved no data (cannot happen: the channel refuses count 0).
    public static let wordCountZero = TapeErrors(rawValue: 0x02)
    /// 7-track data-converter error (never happens here).
    public static let dataConverterCheck = TapeErrors(rawValue: 0x01)
}

/// What the sense bytes report about the drive besides errors.
struct TapeUnitCondition: Sendable {
    var ready = false
    var atLoadPoint = false
    var fileProtected = false
    /// The last motion was a write, write tape mark or erase.
    var inWriteStatus = false
    /// The last motion was backward.
    var movedBackward = false
    /// The tape stands beyond the end-of-tape reflective marker.
    var pastEndOfTapeMarker = false
    /// The drive is set to 1600 bpi (phase encoding), the 3420's usual mode.
    var density1600 = true
    /// The tape ran off the reel (both vacuum columns lost their loop).
    var tapeRanOff = false
}

/// The sense bytes of the 3803/3420 (24 bytes) and of the 2803/2400 (6
/// bytes), from the IBM 3420 reference manual's status/sense summary:
///
/// - byte 0: the errors (`TapeErrors`);
/// - byte 1: noise, TU status A (selected and ready), TU status B (not
///   ready), 7-track, load point, write status, file protected, not capable;
/// - byte 2: track in error;
/// - byte 3: read/write VRC, MTE/LRC, skew, end data check/CRC,
///   envelope check, 1600 bpi set, backward, C-compare;
/// - byte 4: reject tape unit (X'40'), tape indicate (X'20', past the
///   end-of-tape marker), …;
/// - byte 5: new subsystem (X'C0' for a 3803-2), …;
/// - byte 6: tape unit features and model;
/// - byte 7: lamp failure, tape out of the left and right columns (X'60',
///   the tape ran off the reel), reset key, … load failure;
/// - bytes 8–23: maintenance data (zero here).
enum TapeSense {
    static let byte1NotCapable: UInt8 = 0x01
    static let byte1FileProtected: UInt8 = 0x02
    static let byte1WriteStatus: UInt8 = 0x04
    static let byte1LoadPoint: UInt8 = 0x08
    static let byte1NotReady: UInt8 = 0x20    // TU status B
    static let byte1Ready: UInt8 = 0x40       // TU status A
    static let byte3Backward: UInt8 = 0x02
    static let byte3Density1600: UInt8 = 0x04
    static let byte4TapeIndicate: UInt8 = 0x20
    static let byte5NewSubsystem: UInt8 = 0xC0
    /// A nine-track drive, model identification 3, as Hercules reports a 3420.
    static let byte6Model: UInt8 = 0x03
    static let byte7TapeOutOfColumns: UInt8 = 0x60

    /// The sense bytes for `errors` and `unit`, 24 for a 3420, 6 for a 2400.
    static func bytes(errors: TapeErrors, unit: TapeUnitCondition, deviceType: UInt16) -> [UInt8] {
        var sense = [UInt8](repeating: 0, count: deviceType == 0x2400 ? 6 : 24)
        var byte0 = errors
        // Intervention required follows the drive: set whenever it is not ready.
        if !unit.ready { byte0.insert(.interventionRequired) }
        sense[0] = byte0.rawValue
        sense[1] = unit.ready ? byte1Ready : byte1NotReady
        if unit.ready && unit.atLoadPoint { sense[1] |= byte1LoadPoint }
        if unit.ready && unit.inWriteStatus { sense[1] |= byte1WriteStatus }
        if unit.fileProtected { sense[1] |= byte1FileProtected }
        if unit.movedBackward { sense[3] |= byte3Backward }
        if unit.density1600 { sense[3] |= byte3Density1600 }
        guard sense.count == 24 else { return sense }
        if unit.pastEndOfTapeMarker { sense[4] |= byte4TapeIndicate }
        sense[5] = byte5NewSubsystem
        sense[6] = byte6Model
        if unit.tapeRanOff { sense[7] = byte7TapeOutOfColumns }
        return sense
    }
}
