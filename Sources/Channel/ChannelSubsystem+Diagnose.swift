/// Status for I/O that the layer above performs itself. VM's DIAGNOSE
/// X'58' full-screen writes and reads are started by the guest's DIAGNOSE
/// and end, like any console I/O, with an I/O interruption whose CSW CP
/// builds (its residual count and unit status), not the device.
extension ChannelSubsystem {
    /// Makes an interruption with `csw` pending for `address`. An
    /// interruption already waiting in the subchannel keeps its place: the
    /// new status then joins the device's own (it is presented after it, as
    /// an attention raised meanwhile would be). False when no device is at
    /// `address`. Owner's thread only.
    @discardableResult
    public func presentStatus(_ csw: CSW, at address: UInt16) -> Bool {
        guard let sub = subchannels[address] else { return false }
        if sub.pendingCSW == nil && sub.program == nil {
            sub.pendingCSW = csw
        } else {
            sub.deviceStatus.formUnion(csw.unitStatus)
        }
        noteInterruption(sub)
        return true
    }

    /// Whether `address` has an interruption waiting or a channel program
    /// running (a DIAGNOSE that starts I/O on it finds it busy).
    public func isBusyOrPending(_ address: UInt16) -> Bool {
        guard let sub = subchannels[address] else { return false }
        return sub.program != nil || sub.pendingCSW != nil
    }

    /// Stores `csw` at real location 64 now, as SIO does when it ends with
    /// condition code 1 (the DIAGNOSE's "CSW stored" answer). Owner's thread only.
    public func storeStatus(_ csw: CSW) { storeCSW(csw) }
}
