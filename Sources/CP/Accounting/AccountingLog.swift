import Foundation

/// Accounting records, one per session, as VM/370 writes a type 01 record
/// at LOGOFF: who, which account, how long connected, how much virtual and
/// total CPU, how many START I/Os. They go to `accounting/accounting.log`
/// in the state directory, one line per record, appended and synced so an
/// acknowledged LOGOFF is never lost to a crash.
final class AccountingLog: @unchecked Sendable {
    let path: String
    private let lock = NSLock()

    init(stateDirectory: String) {
        path = stateDirectory + "/accounting/accounting.log"
    }

    struct Record {
        var userid: String
        var account: String
        var logon: Date
        var logoff: Date
        var virtualCPU: Double
        var totalCPU: Double
        var startIOs: Int

        /// `2026-11-22T14:03:22Z ALICE    ACCT=SYSTEM   CONNECT=3600 VIRTCPU=1.250 TOTCPU=1.410 SIO=52 LOGON=2026-11-22T13:03:22Z`
        var line: String {
            let stamp = ISO8601DateFormatter()
            let connect = Int(max(0, logoff.timeIntervalSince(logon)).rounded())
            return "\(stamp.string(from: logoff)) \(userid.padding(8)) ACCT=\(account.padding(8)) CONNECT=\(connect) "
                + String(format: "VIRTCPU=%.3f TOTCPU=%.3f ", virtualCPU, totalCPU)
                + "SIO=\(startIOs) LOGON=\(stamp.string(from: logon))"
        }
    }

    /// Appends one record; a failure is returned for the system log (the
    /// session ends anyway).
    func write(_ record: Record) -> Error? {
        lock.lock(); defer { lock.unlock() }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(fd) }
            let bytes = Array((record.line + "\n").utf8)
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            fsync(fd)
            return nil
        } catch {
            return error
        }
    }
}
