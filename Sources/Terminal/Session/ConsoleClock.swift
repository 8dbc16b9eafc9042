/// Monotonic time for the console's timers (MORE..., the pause that ends a
/// lone Esc), as a duration since any fixed origin. Tests pass a clock they
/// move by hand; nothing in the console sleeps.
public protocol ConsoleClock: Sendable {
    var now: Duration { get }
}

/// The real clock: time since the clock was made.
public struct SystemConsoleClock: ConsoleClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }
}
