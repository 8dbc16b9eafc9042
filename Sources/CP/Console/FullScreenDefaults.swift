import Terminal

/// A terminal that is not a display: line output only. A guest that tries
/// full-screen I/O on it gets the error a 3270-less console gives (see
/// Diagnose58FullScreen), and PA2/PA1 mean what they mean in line mode.
extension TerminalConnection {
    public var isDisplay: Bool { false }

    public func writeFullScreen(_ command: OutboundCommand, _ data: [UInt8],
                                completion: @escaping @Sendable (FullScreenWriteResult) -> Void) {
        completion(.notDisplay)
    }

    public func readFullScreen(_ command: InboundCommand, completion: @escaping @Sendable ([UInt8]?) -> Void) {
        completion(nil)
    }

    public func leaveFullScreen() {}

    public func setPA2ToHost(_ on: Bool) {}
}
