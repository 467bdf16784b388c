import Kernel

/// A failure the sandbox injects into the next `count` matching calls to a provider.
public struct Fault: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// 429 with `Retry-After: retryAfter` seconds.
        case rateLimit = "rate_limit"
        /// `status` (default 503).
        case serverError = "server_error"
        /// The answer comes after `delayMilliseconds`.
        case slow
        /// Amazon lists answer the same page again with a continuation token (a fresh one when `freshToken`).
        case stuckNextToken = "stuck_next_token"
    }

    public let provider: Provider
    public let kind: Kind
    /// How many calls it affects; `nil` means until the faults are cleared.
    public var count: Int?
    /// Only calls whose path ends with this text (e.g. `/orders/v0/orders`, `/orderItems`).
    public let pathSuffix: String?
    public let retryAfter: Int?
    public let status: Int?
    public let delayMilliseconds: Int?
    public let freshToken: Bool?

    public init(
        provider: Provider, kind: Kind, count: Int? = 1, pathSuffix: String? = nil, retryAfter: Int? = nil, status: Int? = nil,
        delayMilliseconds: Int? = nil, freshToken: Bool? = nil
    ) {
        self.provider = provider
        self.kind = kind
        self.count = count
        self.pathSuffix = pathSuffix
        self.retryAfter = retryAfter
        self.status = status
        self.delayMilliseconds = delayMilliseconds
        self.freshToken = freshToken
    }
}
