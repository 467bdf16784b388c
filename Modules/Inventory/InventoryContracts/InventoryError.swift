import Kernel

/// Why the Inventory context refused a request.
public enum InventoryError: DomainError, Equatable {
    /// Items of a reservation or a stock update that are invalid, each with its messages; nothing was written.
    case invalidItems(field: String, [RowError])
    case invalidField(field: String, reason: String)
    /// Warehouse codes no warehouse has, with the changes naming them (none for a change made on its own).
    case unknownWarehouses([String], rows: [RowError])
    /// A reservation asked for more than is available; nothing was held.
    case insufficientStock([Shortage])
    case reservationNotFound(String)
    /// The reservation already ended (released, committed or expired).
    case reservationEnded(id: Int64, state: ReservationState)
    /// `syncToChannels` asked for a push to the channels, which this version cannot make yet; nothing was changed.
    case channelSyncUnavailable
    case skuNotFound(String)

    public struct Shortage: Sendable, Equatable {
        /// The index of the first request item naming the SKU.
        public let index: Int
        public let sku: String
        public let requested: Int64
        public let available: Int64

        public init(index: Int, sku: String, requested: Int64, available: Int64) {
            self.index = index
            self.sku = sku
            self.requested = requested
            self.available = available
        }
    }

    public var kind: DomainErrorKind {
        switch self {
        case .invalidItems, .invalidField, .unknownWarehouses: .invalidInput
        case .channelSyncUnavailable: .ruleViolated
        case .insufficientStock, .reservationEnded: .conflict
        case .reservationNotFound, .skuNotFound: .notFound
        }
    }

    public var code: String {
        switch self {
        case .invalidItems: "invalid_items"
        case .invalidField: "invalid_field"
        case .unknownWarehouses: "unknown_warehouse"
        case .insufficientStock: "insufficient_stock"
        case .reservationNotFound: "reservation_not_found"
        case .reservationEnded: "reservation_ended"
        case .channelSyncUnavailable: "channel_sync_unavailable"
        case .skuNotFound: "sku_not_found"
        }
    }

    public var message: String {
        switch self {
        case .invalidItems(let field, let rows): "\(rows.count) of the \(field) \(rows.count == 1 ? "is" : "are") invalid; nothing was changed."
        case .invalidField(let field, let reason): "\(field) \(reason)"
        case .unknownWarehouses(let codes, _):
            codes.count == 1
                ? "No warehouse has the code '\(codes[0].prefix(64))'; nothing was changed."
                : "No warehouses have the codes \(codes.prefix(20).map { "'\($0.prefix(64))'" }.joined(separator: ", ")); nothing was changed."
        case .insufficientStock(let shortages):
            "Not enough stock: "
                + shortages.prefix(20).map { "\($0.sku.prefix(64)) (\($0.requested) requested, \(max($0.available, 0)) available)" }
                .joined(separator: ", ") + ". Nothing was reserved."
        case .reservationNotFound(let id): "No reservation has the id '\(id.prefix(40))'."
        case .reservationEnded(let id, let state): "Reservation \(id) is already \(state.rawValue)."
        case .channelSyncUnavailable:
            "Pushing stock to the channels is not available yet; send syncToChannels false (or leave it out). Nothing was changed."
        case .skuNotFound(let sku): "No stock has been recorded for the SKU '\(sku.prefix(64))'."
        }
    }

    public var field: [String]? {
        switch self {
        case .invalidItems(let field, _): [field]
        case .invalidField(let field, _): [field]
        case .unknownWarehouses(_, let rows): rows.isEmpty ? ["warehouse"] : ["items"]
        case .insufficientStock: ["items"]
        case .reservationNotFound: ["reservationId"]
        case .reservationEnded: nil
        case .channelSyncUnavailable: ["syncToChannels"]
        case .skuNotFound: ["sku"]
        }
    }

    public var rows: [RowError]? {
        switch self {
        case .invalidItems(_, let rows): rows
        case .unknownWarehouses(_, let rows): rows.isEmpty ? nil : rows
        case .insufficientStock(let shortages):
            shortages.map {
                RowError(index: $0.index, messages: ["\($0.sku.prefix(64)): \($0.requested) requested, \(max($0.available, 0)) available."])
            }
        default: nil
        }
    }
}
