import Synchronization

/// One leaky bucket per API token: a request takes its requested cost up front and gets back what it did not use.
public final class ThrottleBuckets: Sendable {
    public struct Status: Sendable, Equatable {
        public let maximumAvailable: Int
        public let currentlyAvailable: Int
        public let restoreRate: Int
    }

    private struct Bucket {
        var available: Double
        var updatedAt: ContinuousClock.Instant
    }

    /// Buckets kept before full ones are forgotten.
    private static let trackedKeys = 10_000

    private let capacity: Int
    private let restoreRate: Int
    private let clock = ContinuousClock()
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(capacity: Int, restoreRate: Int) {
        self.capacity = capacity
        self.restoreRate = restoreRate
    }

    /// Takes `cost` points; `granted == false` (and nothing taken) when the bucket holds fewer.
    func take(_ cost: Int, key: String) -> (granted: Bool, status: Status) {
        let now = self.clock.now
        return self.buckets.withLock { buckets in
            if buckets.count >= Self.trackedKeys { self.forgetFull(&buckets, now: now) }
            var bucket = self.refilled(buckets[key], now: now)
            let granted = bucket.available >= Double(cost)
            if granted { bucket.available -= Double(cost) }
            buckets[key] = bucket
            return (granted, self.status(bucket))
        }
    }

    /// Returns unused points; the status after the refund.
    func refund(_ points: Int, key: String) -> Status {
        let now = self.clock.now
        return self.buckets.withLock { buckets in
            var bucket = self.refilled(buckets[key], now: now)
            bucket.available = min(Double(self.capacity), bucket.available + Double(max(points, 0)))
            buckets[key] = bucket
            return self.status(bucket)
        }
    }

    private func refilled(_ bucket: Bucket?, now: ContinuousClock.Instant) -> Bucket {
        guard var bucket else { return Bucket(available: Double(self.capacity), updatedAt: now) }
        let elapsed = bucket.updatedAt.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.available = min(Double(self.capacity), bucket.available + seconds * Double(self.restoreRate))
        bucket.updatedAt = now
        return bucket
    }

    private func forgetFull(_ buckets: inout [String: Bucket], now: ContinuousClock.Instant) {
        buckets = buckets.filter { self.refilled($0.value, now: now).available < Double(self.capacity) }
        if buckets.count >= Self.trackedKeys { buckets.removeAll() }
    }

    private func status(_ bucket: Bucket) -> Status {
        Status(maximumAvailable: self.capacity, currentlyAvailable: Int(bucket.available.rounded(.down)), restoreRate: self.restoreRate)
    }
}
