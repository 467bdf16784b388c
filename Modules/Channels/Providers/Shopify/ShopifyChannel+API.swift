import Foundation
import Kernel

/// REST Admin 2026-07: orders paged by the `Link` header's `page_info`, `inventory_levels/set`, and fulfillments through
/// the order's fulfillment orders. One leaky bucket per store: 2 requests/s, 40 saved up (Standard plan).
extension ShopifyChannel {
    public static let apiVersion = "2026-07"
    static let limit = RateLimit(perSecond: 2, burst: 40)

    public func fetchOrders(_ query: OrderQuery) async throws(ChannelCallError) -> OrderPage {
        let limit = ("limit", "\(min(250, query.pageSize))")
        let parameters =
            query.continuation.map { [limit, ("page_info", $0)] }
            ?? [limit, ("status", "any"), ("updated_at_min", ISO8601.string(from: query.updatedSince)), ("order", "updated_at asc")]
        let response = try await self.send(ChannelRequest(.GET, try self.url("orders.json", parameters), headers: self.headers))
        guard let orders = try response.json()["orders"]?.arrayValue else { throw .malformed("orders.json returned no orders") }
        return OrderPage(
            orders: try orders.map { order throws(ChannelCallError) in
                guard let id = order["id"]?.text else { throw .malformed("an order has no id") }
                return RemoteOrder(
                    remoteID: id, status: Self.status(of: order), createdAt: Timestamps.iso8601(order["created_at"]),
                    updatedAt: Timestamps.iso8601(order["updated_at"]), payload: order, lines: order["line_items"]?.arrayValue ?? [])
            },
            continuation: LinkHeader.next(response.header("Link")).flatMap { LinkHeader.parameter("page_info", in: $0) })
    }

    /// Shopify has no single order status: cancelled, closed (archived), else its fulfillment status.
    static func status(of order: JSONValue) -> String {
        if order["cancelled_at"]?.nonEmptyText != nil { return "cancelled" }
        if order["closed_at"]?.nonEmptyText != nil { return "closed" }
        return order["fulfillment_status"]?.nonEmptyText ?? "unfulfilled"
    }

    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        var results: [InventoryPushResult] = []
        for level in levels {
            let body = JSONValue.members([
                "location_id": .number(try level.identifier("location_id")),
                "inventory_item_id": .number(try level.identifier("inventory_item_id")),
                "available": .number(level.quantity),
            ])
            let answer = try await self.send(ChannelRequest(.POST, try self.url("inventory_levels/set.json"), headers: self.headers, json: body))
                .json()
            let available = answer["inventory_level", "available"]?.int
            results.append(
                InventoryPushResult(
                    sku: level.sku, accepted: available == level.quantity,
                    message: available == level.quantity ? nil : "Shopify reports \(available.map(String.init) ?? "no") available"))
        }
        return results
    }

    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        let orderID = URLQuery.escape(shipment.remoteOrderID)
        let answer = try await self.send(
            ChannelRequest(.GET, try self.url("orders/\(orderID)/fulfillment_orders.json"), headers: self.headers)
        ).json()
        var remaining = Dictionary(shipment.lines.map { ($0.remoteLineID, $0.quantity) }, uniquingKeysWith: +)
        var groups: [JSONValue] = []
        for fulfillmentOrder in answer["fulfillment_orders"]?.arrayValue ?? [] where fulfillmentOrder["status"]?.text != "closed" {
            var lines: [JSONValue] = []
            for line in fulfillmentOrder["line_items"]?.arrayValue ?? [] {
                guard let lineItem = line["line_item_id"]?.text, let id = line["id"]?.text, let wanted = remaining[lineItem], wanted > 0 else {
                    continue
                }
                let quantity = min(wanted, line["fulfillable_quantity"]?.int ?? wanted)
                guard quantity > 0 else { continue }
                remaining[lineItem] = wanted - quantity
                lines.append(.members(["id": .number(id), "quantity": .number(quantity)]))
            }
            if let id = fulfillmentOrder["id"]?.text, !lines.isEmpty {
                groups.append(.members(["fulfillment_order_id": .number(id), "fulfillment_order_line_items": .array(lines)]))
            }
        }
        guard remaining.values.allSatisfy({ $0 == 0 }) else {
            throw .rejected(status: 422, message: "order \(shipment.remoteOrderID) has no open fulfillment order for every shipped line")
        }
        var tracking = JSONValue.members(["number": .string(shipment.trackingNumber), "company": .string(shipment.carrier)])
        if let url = shipment.trackingURL { tracking = tracking.setting("url", to: .string(url)) }
        let body = JSONValue.members([
            "fulfillment": .members([
                "notify_customer": .bool(true), "tracking_info": tracking, "line_items_by_fulfillment_order": .array(groups),
            ])
        ])
        let created = try await self.send(ChannelRequest(.POST, try self.url("fulfillments.json"), headers: self.headers, json: body)).json()
        return ShipmentReceipt(remoteID: created["fulfillment", "id"]?.text)
    }

    private var headers: [(name: String, value: String)] {
        [("X-Shopify-Access-Token", self.credentials.values["access_token"] ?? "")]
    }

    private func url(_ resource: String, _ parameters: [(String, String)] = []) throws(ChannelCallError) -> String {
        _ = try self.context.connection.credential("access_token")
        return URLQuery.appending(parameters, to: try self.context.connection.base() + "/admin/api/\(Self.apiVersion)/\(resource)")
    }

    private func send(_ request: ChannelRequest) async throws(ChannelCallError) -> ChannelResponse {
        try await self.context.send(request, "rest", Self.limit)
    }
}
