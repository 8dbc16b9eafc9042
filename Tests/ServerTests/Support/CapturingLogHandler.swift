import Foundation
import Logging

/// Keeps the server's log lines for the test to look at, as
/// "level: message", and copies them to standard error when VM67_TEST_LOG is set.
struct CapturingLogHandler: LogHandler {
    let lines: EventLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let line = "\(event.level): \(event.message)"
        lines.add(line)
        if ProcessInfo.processInfo.environment["VM67_TEST_LOG"] != nil {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
