/// A provider's published limit as a token bucket: `perSecond` tokens restored each second, at most `burst` saved up.
public struct RateLimit: Sendable, Hashable {
    public let perSecond: Double
    public let burst: Int

    public init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = burst
    }

    /// `requests` per `seconds`, all of them available at once (BigCommerce: 150 per 30 s).
    public static func window(_ requests: Int, seconds: Double) -> RateLimit {
        RateLimit(perSecond: Double(requests) / seconds, burst: requests)
    }
}

/// The bucket one call draws from: an instance's limit for one operation (Amazon limits each operation separately) or
/// for its whole API.
public struct ThrottleKey: Sendable, Hashable {
    public let instance: String
    public let operation: String
    public let limit: RateLimit

    public init(instance: String, operation: String, limit: RateLimit) {
        self.instance = instance
        self.operation = operation
        self.limit = limit
    }
}
