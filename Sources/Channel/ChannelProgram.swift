/// The state of one channel program between its commands.
final class ChannelProgram {
    /// Protection key from the CAW, used for every data transfer.
    let key: UInt8
    /// Address of the next CCW to fetch.
    var nextCCW: UInt32
    /// Address of the last CCW used (the CSW shows it plus 8).
    var lastCCW: UInt32 = 0
    /// The next command is reached by command chaining.
    var chained = false
    /// No CCW has been fetched yet (a TIC may not come first).
    var first = true
    /// The command in progress: its data areas and what the device was given.
    var segments: [DataSegment] = []
    var command: DeviceCommand?

    init(key: UInt8, firstCCW: UInt32) {
        self.key = key
        self.nextCCW = firstCCW
    }
}

/// Why fetching a command's CCWs failed: the channel status to report and
/// the CCW address the CSW names.
struct ProgramFault: Error {
    let status: ChannelStatus
    let ccwAddress: UInt32
}
