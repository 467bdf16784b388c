import Foundation
import Kernel

/// Magento 2 / Adobe Commerce REST V1 with an integration's bearer token: orders, products and credit memos (refunds)
/// paged by `searchCriteria` page number,
/// MSI source items, and `order/{id}/ship`. Magento sets no request-rate limit by default, only optional input limits (a
/// page holds at most 300; the fixtures README, §4); 10 requests/s with 20 saved up is our own ceiling.
extension MagentoChannel {
    static let limit = RateLimit(perSecond: 10, burst: 20)
    static let maxPageSize = 300
    /// The MSI source of a single-source store, used when a listing names none.
    static let defaultSource = "default"

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        let (orders, next) = try await self.search("orders", query)
        return OrderPage(
            records: try orders.map { order throws(ChannelCallError) in
                RemoteOrder(
                    remoteID: try order.required("entity_id", of: "an order"), status: order["status"]?.text,
                    createdAt: Timestamps.utcWithoutZone(order["created_at"]), updatedAt: Timestamps.utcWithoutZone(order["updated_at"]),
                    payload: order,
                    lines: order["items"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    /// Products by `updated_at`; a configurable product's children are products of their own.
    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let (products, next) = try await self.search("products", query)
        return ProductPage(
            records: try products.map { product throws(ChannelCallError) in
                RemoteProduct(
                    remoteID: try product.required("id", of: "a product"), status: product["status"]?.text,
                    createdAt: Timestamps.utcWithoutZone(product["created_at"]), updatedAt: Timestamps.utcWithoutZone(product["updated_at"]),
                    payload: product, variants: [])
            },
            continuation: next)
    }

    /// Credit memos by `updated_at`, with their items.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        let (memos, next) = try await self.search("creditmemos", query)
        return RefundPage(
            records: try memos.map { memo throws(ChannelCallError) in
                RemoteRefund(
                    remoteID: try memo.required("entity_id", of: "a credit memo"), remoteOrderID: try memo.required("order_id", of: "a credit memo"),
                    status: memo["state"]?.text, createdAt: Timestamps.utcWithoutZone(memo["created_at"]),
                    updatedAt: Timestamps.utcWithoutZone(memo["updated_at"]),
                    payload: memo, lines: memo["items"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    /// One page of a `searchCriteria` list changed since the cursor (`updated_at`, oldest first), and the next page's number.
    private func search(_ resource: String, _ query: PullQuery) async throws(ChannelCallError) -> ([JSONValue], String?) {
        let page = try query.pageNumber()
        let size = query.pageSize(max: Self.maxPageSize)
        let filter = "searchCriteria[filter_groups][0][filters][0]"
        let answer = try await self.call(
            .GET, resource,
            [
                ("\(filter)[field]", "updated_at"), ("\(filter)[value]", Timestamps.utcWithoutZone(query.updatedSince)),
                ("\(filter)[condition_type]", "gteq"), ("searchCriteria[sortOrders][0][field]", "updated_at"),
                ("searchCriteria[sortOrders][0][direction]", "ASC"), ("searchCriteria[pageSize]", "\(size)"),
                ("searchCriteria[currentPage]", "\(page)"),
            ])
        guard let items = answer["items"]?.arrayValue, let total = answer["total_count"]?.int else {
            throw .malformed("V1/\(resource) returned no items or total_count")
        }
        return (items, page * size < total ? String(page + 1) : nil)
    }

    /// One call for every level; Magento answers `[]` or refuses the whole batch.
    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        guard !levels.isEmpty else { return [] }
        let items = levels.map { level in
            JSONValue.members([
                "sku": .string(level.sku), "source_code": .string(level.identifiers["source_code"] ?? Self.defaultSource),
                "quantity": .number(level.quantity), "status": .number(level.quantity > 0 ? 1 : 0),
            ])
        }
        _ = try await self.call(.POST, "inventory/source-items", body: .members(["sourceItems": .array(items)]))
        return levels.map { InventoryPushResult(sku: $0.sku, accepted: true) }
    }

    /// Lines are named by `item_id`; the answer is the new shipment's id as a bare JSON value.
    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        let track = JSONValue.members([
            "track_number": .string(shipment.trackingNumber), "title": .string(shipment.carrier),
            "carrier_code": .string(shipment.carrier.lowercased()),
        ])
        let body = JSONValue.members([
            "items": .array(shipment.lines.map { .members(["order_item_id": .number($0.remoteLineID), "qty": .number($0.quantity)]) }),
            "notify": .bool(true),
            "tracks": .array([track]),
        ])
        let answer = try await self.call(.POST, "order/\(URLQuery.escape(shipment.remoteOrderID))/ship", body: body)
        return ShipmentReceipt(remoteID: answer.nonEmptyText)
    }

    private func call(
        _ method: ChannelRequest.Method, _ resource: String, _ parameters: [(String, String)] = [], body: JSONValue? = nil
    ) async throws(ChannelCallError) -> JSONValue {
        let connection = self.context.connection
        let token = try connection.credential("access_token")
        let url = URLQuery.appending(parameters, to: try connection.base() + "/rest/V1/" + resource)
        let headers = [("Authorization", "Bearer \(token)")]
        let request = body.map { ChannelRequest(method, url, headers: headers, json: $0) } ?? ChannelRequest(method, url, headers: headers)
        return try await self.context.json(request, "rest", Self.limit)
    }
}
