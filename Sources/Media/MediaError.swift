/// Why a medium (volume, tape, deck) was refused or failed. The message
/// names the file and the reason, for the operator.
public struct MediaError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let reason: String

    public init(_ file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
