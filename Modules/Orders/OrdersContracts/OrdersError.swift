import Kernel

/// Why the Orders context refused a request.
public enum OrdersError: DomainError, Equatable {
    case invalidLimit(String)
    case invalidSince(String)
    case unknownChannel(String)
    case channelRequired
    case invalidIDs

    public var kind: DomainErrorKind {
        switch self {
        case .invalidLimit, .invalidSince, .channelRequired, .invalidIDs: .invalidInput
        case .unknownChannel: .notFound
        }
    }

    public var code: String {
        switch self {
        case .invalidLimit: "invalid_limit"
        case .invalidSince: "invalid_since"
        case .unknownChannel: "unknown_channel"
        case .channelRequired: "channel_required"
        case .invalidIDs: "invalid_ids"
        }
    }

    public var message: String {
        switch self {
        case .invalidLimit(let text): "limit must be a whole number from 1 to \(ErpFeedQuery.maxLimit), not '\(text.prefix(40))'."
        case .invalidSince(let text): "since must be an ISO 8601 timestamp, not '\(text.prefix(60))'."
        case .unknownChannel(let code): "No channel has the code '\(code.prefix(64))'."
        case .channelRequired: "channel is required."
        case .invalidIDs: "ids must be an array of integers."
        }
    }

    public var field: [String]? {
        switch self {
        case .invalidLimit: ["limit"]
        case .invalidSince: ["since"]
        case .unknownChannel, .channelRequired: ["channel"]
        case .invalidIDs: ["ids"]
        }
    }
}
