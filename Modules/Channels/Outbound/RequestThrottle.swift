/// Token buckets per instance and operation, shared by every call this process makes. A caller reserves its token and is
/// told how long to wait for it; a 429's `Retry-After` pauses the bucket for everyone.
public actor RequestThrottle {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
        var pausedUntil: ContinuousClock.Instant?
    }

    private var buckets: [ThrottleKey: Bucket] = [:]
    private let clock = ContinuousClock()

    public init() {}

    /// Takes one token of `key` and answers how long to wait before using it. When that would exceed `maxWait`, takes
    /// nothing and throws `throttled` so the caller can come back later instead of holding a worker.
    func reserve(_ key: ThrottleKey, maxWait: Duration) throws(ChannelCallError) -> Duration {
        let now = self.clock.now
        var bucket = self.buckets[key] ?? Bucket(tokens: Double(key.limit.burst), updated: now)
        bucket.tokens = min(Double(key.limit.burst), bucket.tokens + (now - bucket.updated).seconds * key.limit.perSecond)
        bucket.updated = now
        var wait = bucket.tokens >= 1 ? Duration.zero : .seconds((1 - bucket.tokens) / key.limit.perSecond)
        if let paused = bucket.pausedUntil, paused > now { wait = max(wait, paused - now) }
        guard wait <= maxWait else {
            self.buckets[key] = bucket
            throw .throttled(retryAfter: wait.seconds)
        }
        bucket.tokens -= 1
        self.buckets[key] = bucket
        return wait
    }

    /// Holds every call on `key` for `seconds` (a 429 with `Retry-After`).
    func pause(_ key: ThrottleKey, seconds: Double) {
        let until = self.clock.now + .seconds(seconds)
        var bucket = self.buckets[key] ?? Bucket(tokens: 0, updated: self.clock.now)
        bucket.pausedUntil = max(bucket.pausedUntil ?? until, until)
        bucket.tokens = min(bucket.tokens, 0)
        self.buckets[key] = bucket
    }
}

extension Duration {
    var seconds: Double { Double(self.components.seconds) + Double(self.components.attoseconds) * 1e-18 }
}
