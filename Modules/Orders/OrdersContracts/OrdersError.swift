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
    case tooManyShipments(Int)
    case orderNotFound(String)
    /// A status change that cannot be made (a shipment without its tracking number or carrier), with every reason.
    case statusChangeInvalid([String])
    case invalidPage(name: String, text: String)
    case invalidDate(name: String, text: String)
    /// A bulk action's selection is neither ids nor `applyToAll`, both, or too many ids.
    case selectionInvalid(String)
    case searchTooLong(Int)
    /// Orders with a shipment still on its way to the channel, which deleting would orphan.
    case ordersBusy([Int64])

    public var kind: DomainErrorKind {
        switch self {
        case .invalidLimit, .invalidSince, .channelRequired, .unknownProvider, .shipmentsNotArray, .shipmentsInvalid, .tooManyShipments,
            .statusChangeInvalid,
            .invalidPage, .invalidDate, .selectionInvalid, .searchTooLong:
            .invalidInput
        case .ordersBusy: .conflict
        case .unknownChannel, .orderNotFound: .notFound
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
        case .tooManyShipments: "too_many_shipments"
        case .orderNotFound: "order_not_found"
        case .statusChangeInvalid: "invalid_status_change"
        case .invalidPage: "invalid_page"
        case .invalidDate: "invalid_date"
        case .selectionInvalid: "invalid_selection"
        case .searchTooLong: "search_too_long"
        case .ordersBusy: "orders_busy"
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
        case .tooManyShipments(let count): "A request may hold at most 500 shipments, not \(count)."
        case .orderNotFound(let id): "No order has the id '\(id.prefix(40))'."
        case .statusChangeInvalid(let reasons): reasons.joined(separator: " ")
        case .invalidPage(let name, let text):
            "\(name) must be a whole number from 1\(name == "pageSize" ? " to \(AggregatedOrderQuery.maxPageSize)" : ""), not '\(text.prefix(40))'."
        case .invalidDate(let name, let text): "\(name) must be an ISO 8601 date or timestamp, not '\(text.prefix(60))'."
        case .selectionInvalid(let reason): reason
        case .searchTooLong(let length):
            "search may hold at most \(ChannelOrderFilter.maxSearchLength) characters, not \(length)."
        case .ordersBusy(let ids):
            "\(ids.count == 1 ? "Order \(ids[0]) has a shipment" : "Orders \(ids.prefix(20).map(String.init).joined(separator: ", ")) have shipments") waiting for or in a push to the channel; delete once the push ends."
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
        case .shipmentsNotArray, .shipmentsInvalid, .tooManyShipments: ["shipments"]
        case .orderNotFound: ["orderId"]
        case .statusChangeInvalid: nil
        case .invalidPage(let name, _), .invalidDate(let name, _): [name]
        case .searchTooLong: ["filter", "search"]
        case .selectionInvalid, .ordersBusy: nil
        }
    }
}
