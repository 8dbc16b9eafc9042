import Dispatch
import Synchronization

/// Counts failed logins per source address and per user name, shared by all
/// connections. Each recent failure doubles the delay before the next
/// failure's reply; enough of them lock the address or name out for a while.
/// User names are counted whether or not they exist, so that the replies say
/// nothing about which ones do.
final class LoginRateLimiter: Sendable {
    struct Verdict {
        /// Seconds to wait before sending the failure reply.
        let delay: Double
        /// Recent failures of the worse of the two subjects, this one included.
        let failures: Int
        /// What this failure locked out ("address 10.0.0.1", "user FRED"), if anything.
        let lockedOut: String?
    }

    private struct Record {
        var failures = 0
        var lastFailure = 0.0
        var lockedUntil = 0.0
    }

    private let limits: SSHServerLimits
    private let clock: @Sendable () -> Double
    private let records = Mutex<[String: Record]>([:])
    /// Past this many remembered subjects, stale ones are dropped, so a flood
    /// of distinct names cannot grow the table without end.
    private let pruneThreshold = 10_000

    init(limits: SSHServerLimits, clock: @escaping @Sendable () -> Double = LoginRateLimiter.monotonicSeconds) {
        self.limits = limits
        self.clock = clock
    }

    static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    func isLockedOut(address: String) -> Bool { isLockedOut(Self.key(address: address)) }
    func isLockedOut(user: String) -> Bool { isLockedOut(Self.key(user: user)) }

    func recordFailure(address: String, user: String) -> Verdict {
        let now = clock()
        return records.withLock { table in
            if table.count > pruneThreshold { prune(&table, now: now) }
            var worst = 0
            var locked: [String] = []
            for key in [Self.key(address: address), Self.key(user: user)] {
                var record = table[key] ?? Record()
                if now - record.lastFailure > limits.failureMemory { record.failures = 0 }
                record.failures += 1
                record.lastFailure = now
                if record.failures >= limits.failuresBeforeLockout && record.lockedUntil <= now {
                    record.lockedUntil = now + limits.lockoutDuration
                    locked.append(LogText.printable(key))
                }
                table[key] = record
                worst = max(worst, record.failures)
            }
            let delay = min(limits.failureDelay * Double(1 << min(worst - 1, 30)), limits.maxFailureDelay)
            return Verdict(delay: delay, failures: worst,
                           lockedOut: locked.isEmpty ? nil : locked.joined(separator: " and "))
        }
    }

    /// A successful login forgets the name's failures (not the address's: one
    /// good account must not let an address wipe its record).
    func recordSuccess(user: String) {
        _ = records.withLock { $0.removeValue(forKey: Self.key(user: user)) }
    }

    private func isLockedOut(_ key: String) -> Bool {
        let now = clock()
        return records.withLock { ($0[key]?.lockedUntil ?? 0) > now }
    }

    private func prune(_ table: inout [String: Record], now: Double) {
        table = table.filter { now - $0.value.lastFailure <= limits.failureMemory || $0.value.lockedUntil > now }
    }

    private static func key(address: String) -> String { "address " + address }
    private static func key(user: String) -> String { "user " + user.lowercased() }
}
