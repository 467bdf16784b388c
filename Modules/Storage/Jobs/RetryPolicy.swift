/// Exponential backoff with jitter: attempt n waits `base * 2^(n-1)`, capped, then scaled by a random factor
/// in `[1 - jitter, 1]` so that jobs failing together do not retry together.
public struct RetryPolicy: Sendable, Equatable {
    public var baseSeconds: Double
    public var capSeconds: Double
    public var jitter: Double

    public init(baseSeconds: Double = 5, capSeconds: Double = 3600, jitter: Double = 0.5) {
        precondition(baseSeconds > 0 && capSeconds >= baseSeconds && (0...1).contains(jitter))
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.jitter = jitter
    }

    public static let standard = RetryPolicy()

    /// The wait after failed attempt number `attempt` (1-based), for a random draw `unit` in `0..<1`.
    public func delay(afterAttempt attempt: Int, unit: Double = Double.random(in: 0..<1)) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 62)))
        let uncapped = self.baseSeconds * Double.pow2(exponent)
        let capped = min(uncapped, self.capSeconds)
        return capped * (1 - self.jitter * unit)
    }
}

extension Double {
    fileprivate static func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
