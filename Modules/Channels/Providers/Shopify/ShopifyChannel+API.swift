import Foundation
import Kernel

/// REST Admin 2026-07: orders and products paged by the `Link` header's `page_info`, refunds read from the orders they
/// belong to (Shopify lists no refunds on their own), `inventory_levels/set`, and fulfillments through the order's
/// fulfillment orders. One leaky bucket per store: 2 requests/s, 40 saved up (Standard plan).
extension ShopifyChannel {
    public static let apiVersion = "2026-07"
    static let limit = RateLimit(perSecond: 2, burst: 40)

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        let (orders, next) = try await self.list("orders", query, [("status", "any")])
        return OrderPage(
            records: try orders.map { order throws(ChannelCallError) in
                RemoteOrder(
                    remoteID: try order.required("id", of: "an order"), status: Self.status(of: order),
                    createdAt: Timestamps.iso8601(order["created_at"]), updatedAt: Timestamps.iso8601(order["updated_at"]), payload: order,
                    lines: order["line_items"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let (products, next) = try await self.list("products", query, [])
        return ProductPage(
            records: try products.map { product throws(ChannelCallError) in
                RemoteProduct(
                    remoteID: try product.required("id", of: "a product"), status: product["status"]?.text,
                    createdAt: Timestamps.iso8601(product["created_at"]), updatedAt: Timestamps.iso8601(product["updated_at"]), payload: product,
                    variants: product["variants"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    /// The refunds of the orders changed since the cursor (a refund changes its order's `updated_at`); the cursor follows
    /// the orders walked, refunded or not.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        let (orders, next) = try await self.list("orders", query, [("status", "any"), ("fields", "id,updated_at,refunds")])
        var refunds: [RemoteRefund] = []
        var walked: [String] = []
        for order in orders {
            let orderID = try order.required("id", of: "an order")
            walked.append("\(orderID)|\(order["updated_at"]?.text ?? "")")
            for refund in order["refunds"]?.arrayValue ?? [] {
                let created = Timestamps.iso8601(refund["created_at"])
                refunds.append(
                    RemoteRefund(
                        remoteID: try refund.required("id", of: "a refund"), remoteOrderID: orderID, status: nil, createdAt: created,
                        updatedAt: Timestamps.iso8601(refund["processed_at"]) ?? created, payload: refund,
                        lines: refund["refund_line_items"]?.arrayValue ?? []))
            }
        }
        return RefundPage(
            records: refunds, continuation: next, walkedKeys: walked, walkedThrough: orders.compactMap { Timestamps.iso8601($0["updated_at"]) }.max())
    }

    /// One page of a list resource changed since the cursor, oldest change first, and the next page's `page_info`.
    private func list(_ resource: String, _ query: PullQuery, _ filters: [(String, String)]) async throws(ChannelCallError) -> ([JSONValue], String?)
    {
        let limit = ("limit", "\(query.pageSize(max: 250))")
        let fields = filters.filter { $0.0 == "fields" }
        let parameters =
            query.continuation.map { [limit, ("page_info", $0)] + fields }
            ?? [limit] + filters + [("updated_at_min", ISO8601.string(from: query.updatedSince)), ("order", "updated_at asc")]
        let response = try await self.send(ChannelRequest(.GET, try self.url("\(resource).json", parameters), headers: self.headers))
        guard let items = try response.json()[resource]?.arrayValue else { throw .malformed("\(resource).json returned no \(resource)") }
        return (items, LinkHeader.next(response.header("Link")).flatMap { LinkHeader.parameter("page_info", in: $0) })
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
