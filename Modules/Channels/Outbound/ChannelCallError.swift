import Kernel

/// Why a call to a provider failed. `throttled` and `unavailable` are worth retrying later (the job queue does, with
/// backoff); `rejected` and `malformed` are not, until something changes.
public enum ChannelCallError: DomainError, Equatable {
    /// The provider answered 429, or our own limiter would have to wait longer than a call may: retry after `retryAfter` seconds.
    case throttled(retryAfter: Double)
    /// 5xx from the provider.
    case unavailable(status: Int)
    /// The provider could not be reached (connection refused, timeout).
    case unreachable(String)
    /// 4xx other than 429: the provider refused the request.
    case rejected(status: Int, message: String)
    /// The provider answered something we cannot read.
    case malformed(String)
    /// The instance lacks a setting or credential the call needs.
    case notConfigured(String)
    /// The seller declined a consent, or its answer is not the provider's (bad signature, spent or unknown code).
    case authorizationRefused(String)

    public var kind: DomainErrorKind {
        switch self {
        case .throttled: .rateLimited
        case .unavailable, .unreachable, .malformed: .unavailable
        case .rejected, .authorizationRefused: .ruleViolated
        case .notConfigured: .invalidInput
        }
    }

    public var code: String {
        switch self {
        case .throttled: "channel_throttled"
        case .unavailable: "channel_unavailable"
        case .unreachable: "channel_unreachable"
        case .rejected: "channel_rejected"
        case .malformed: "channel_answer_malformed"
        case .notConfigured: "channel_not_configured"
        case .authorizationRefused: "authorization_refused"
        }
    }

    public var message: String {
        switch self {
        case .throttled(let seconds): "The channel is rate limiting us; retry after \(Int(seconds.rounded(.up))) s."
        case .unavailable(let status): "The channel answered \(status)."
        case .unreachable(let why): "The channel could not be reached: \(why)."
        case .rejected(let status, let message): "The channel refused the request (\(status)): \(message)"
        case .malformed(let why): "The channel's answer could not be read: \(why)."
        case .notConfigured(let what): "This channel is missing \(what)."
        case .authorizationRefused(let why): "The channel's consent could not be used: \(why)."
        }
    }

    /// Whether trying again later can succeed without a change on our side.
    public var isTransient: Bool {
        switch self {
        case .throttled, .unavailable, .unreachable: true
        case .rejected, .malformed, .notConfigured, .authorizationRefused: false
        }
    }
}
