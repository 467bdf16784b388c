import Foundation

/// How one job is enqueued, on top of its payload type's defaults.
public struct JobOptions: Sendable, Equatable {
    /// Run no earlier than this (defaults to now).
    public var runAt: Date?
    /// Higher runs first among due jobs.
    public var priority: Int16
    /// While a pending job with the same kind and key exists, enqueuing again returns that job instead.
    public var uniqueKey: String?
    /// Overrides the payload type's `maxAttempts`.
    public var maxAttempts: Int?

    public init(runAt: Date? = nil, priority: Int16 = 0, uniqueKey: String? = nil, maxAttempts: Int? = nil) {
        self.runAt = runAt
        self.priority = priority
        self.uniqueKey = uniqueKey
        self.maxAttempts = maxAttempts
    }
}
