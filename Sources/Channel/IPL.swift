import S370Core

/// Initial program loading from a device: the implicit Read of 24 bytes
/// into locations 0–23 with command chaining, so the two CCWs read into
/// locations 8 and 16 continue the program; then, if the program ended
/// with channel end and device end and nothing else, the device address is
/// stored and the PSW at location 0 is loaded.
extension ChannelSubsystem {
    public enum IPLOutcome: Equatable, Sendable {
        case loaded
        case noDevice
        /// The channel program ended badly: the CSW says how.
        case failed(CSW)
        /// The IPL device never finished (a pending read that nobody answers).
        case timedOut
    }

    /// Runs the IPL channel program on `address`. The machine should have
    /// been reset by the caller (and storage cleared for a clear IPL).
    public func ipl(from address: UInt16, maximumEvents: Int = 1_000_000) -> IPLOutcome {
        guard subchannels[address] != nil else { return .noDevice }
        let s = storage
        // The IPL CCW at location 0: Read, data address 0, CC and SLI, count 24.
        s.store64(0, 0x0200_0000_6000_0018)
        let csw: CSW
        switch runSynchronously(device: address, ccwAddress: 0, key: 0, maximumEvents: maximumEvents) {
        case .ended(let ended): csw = ended
        case .noDevice: return .noDevice
        case .busy, .timedOut: return .timedOut
        }
        guard csw.unitStatus == .done, csw.channelStatus.isEmpty else { return .failed(csw) }
        // The I/O address: EC mode (IPL PSW bit 12) at 184, BC mode at 2–3.
        if s.read(1, count: 1)[0] & 0x08 != 0 && machine.model == .s370 {
            s.store32(0xB8, UInt32(address))
        } else {
            s.store16(2, address)
        }
        machine.loadPSW(s.load64(0))
        return .loaded
    }
}
