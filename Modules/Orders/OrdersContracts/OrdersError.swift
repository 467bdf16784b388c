import Kernel

/// Why the Orders context refused a request.
public enum OrdersError: DomainError, Equatable {
    case invalidLimit(String)
    case invalidSince(String)
    case unknownChannel(String)
    case channelRequired
    case unknownProvider(String)
    /// `shipments` is not an array (seed `001_…`'s `{"error": "shipments must be an array"}`).
    case shipmentsNotArray
    /// Some rows of a shipments request are invalid; none was recorded.
    case shipmentsInvalid([RowError])

    public var kind: DomainErrorKind {
        switch self {
        case .invalidLimit, .invalidSince, .channelRequired, .unknownProvider, .shipmentsNotArray, .shipmentsInvalid: .invalidInput
        case .unknownChannel: .notFound
        }
    }

    public var code: String {
        switch self {
        case .invalidLimit: "invalid_limit"
        case .invalidSince: "invalid_since"
        case .unknownChannel: "unknown_channel"
        case .channelRequired: "channel_required"
        case .unknownProvider: "unknown_provider"
        case .shipmentsNotArray: "invalid_body"
        case .shipmentsInvalid: "invalid_shipments"
        }
    }

    public var message: String {
        switch self {
        case .invalidLimit(let text): "limit must be a whole number from 1 to \(ErpFeedQuery.maxLimit), not '\(text.prefix(40))'."
        case .invalidSince(let text): "since must be an ISO 8601 timestamp, not '\(text.prefix(60))'."
        case .unknownChannel(let code): "No channel has the code '\(code.prefix(64))'."
        case .channelRequired: "channel is required."
        case .unknownProvider(let name): "No provider is called '\(name.prefix(40))'."
        case .shipmentsNotArray: "shipments must be an array"
        case .shipmentsInvalid(let rows): "\(rows.count) of the shipments are invalid; none was recorded."
        }
    }

    public var rows: [RowError]? {
        if case .shipmentsInvalid(let rows) = self { return rows }
        return nil
    }

    public var field: [String]? {
        switch self {
        case .invalidLimit: ["limit"]
        case .invalidSince: ["since"]
        case .unknownChannel, .channelRequired: ["channel"]
        case .unknownProvider: ["provider"]
        case .shipmentsNotArray, .shipmentsInvalid: ["shipments"]
        }
    }
}
