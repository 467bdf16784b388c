import InventoryContracts
import Kernel

/// What a valid reservation request asks of each SKU: lines of one SKU summed, in SKU order (the order stock rows are
/// locked in, so two carts never wait on each other in a cycle).
struct ReservationWants: Sendable, Equatable {
    struct Want: Sendable, Equatable {
        let sku: String
        let quantity: Int64
        /// The first request item naming the SKU, for errors.
        let index: Int
    }

    let wants: [Want]

    /// Checks every item and the request's own fields; throws `InventoryError` naming every invalid item.
    init(_ request: ReservationRequest) throws {
        guard !request.items.isEmpty else { throw InventoryError.invalidField(field: "items", reason: "must name at least one item.") }
        guard request.items.count <= ReservationRequest.maxItems else {
            throw InventoryError.invalidField(
                field: "items", reason: "may hold at most \(ReservationRequest.maxItems) items, not \(request.items.count).")
        }
        guard (1...ReservationRequest.maxTTLSeconds).contains(request.ttlSeconds) else {
            throw InventoryError.invalidField(
                field: "ttlSeconds",
                reason: "must be a whole number of seconds from 1 to \(ReservationRequest.maxTTLSeconds), not \(request.ttlSeconds).")
        }
        if let reason = StockText.problem(request.orderRef) { throw InventoryError.invalidField(field: "orderId", reason: reason) }
        if let reason = StockText.problem(request.channel) { throw InventoryError.invalidField(field: "channel", reason: reason) }
        var rows: [RowError] = []
        var sums: [String: Want] = [:]
        for (index, item) in request.items.enumerated() {
            var messages: [String] = []
            if let reason = StockText.skuProblem(item.sku) { messages.append("sku \(reason)") }
            if !(1...ReservationRequest.maxQuantity).contains(item.quantity) {
                messages.append("quantity must be a whole number from 1 to \(ReservationRequest.maxQuantity), not \(item.quantity).")
            }
            guard messages.isEmpty else {
                rows.append(RowError(index: index, messages: messages))
                continue
            }
            let sum = (sums[item.sku]?.quantity ?? 0) + item.quantity
            sums[item.sku] = Want(sku: item.sku, quantity: sum, index: sums[item.sku]?.index ?? index)
        }
        guard rows.isEmpty else { throw InventoryError.invalidItems(field: "items", rows) }
        if let over = sums.values.first(where: { $0.quantity > ReservationRequest.maxQuantity }) {
            throw InventoryError.invalidItems(
                field: "items",
                [
                    RowError(
                        index: over.index,
                        messages: ["the lines of \(over.sku.prefix(64)) ask for more than \(ReservationRequest.maxQuantity) together."])
                ])
        }
        self.wants = sums.values.sorted { $0.sku < $1.sku }
    }
}
