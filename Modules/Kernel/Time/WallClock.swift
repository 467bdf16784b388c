import Foundation
import Synchronization

/// The source of "now" for everything that stamps or compares wall-clock time; tests inject a fixed one.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's real time.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that says what it is told, for deterministic tests.
public final class FixedClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        self.current = Mutex(start)
    }

    public func now() -> Date { self.current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        self.current.withLock { $0.addTimeInterval(seconds) }
    }
}
