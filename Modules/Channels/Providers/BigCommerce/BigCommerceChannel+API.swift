import Foundation
import Kernel

/// BigCommerce's REST API with an `X-Auth-Token`: v2 orders paged by page number (an empty page answers 204) with each
/// order's products fetched beside it, v3 catalog products (with variants) and refunds paged by `meta.pagination`, v3 absolute inventory adjustments, and v2 shipments to the order's shipping address.
extension BigCommerceChannel {
    /// The store-wide quota of Standard and Plus plans, shared by every app: 150 requests per 30 s window
    /// (bigcommerce/docs api-rate-limits.mdx; Pro stores get 450).
    static let limit = RateLimit.window(150, seconds: 30)
    /// The most `limit` a v2 list takes.
    public static let maxPageSize = 250
    /// The most items one inventory adjustment takes.
    static let maxAdjustmentItems = 2000

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        let page = try query.pageNumber()
        let size = query.pageSize(max: Self.maxPageSize)
        let orders = try await self.list(
            "v2/orders",
            [("min_date_modified", Timestamps.rfc2822(query.updatedSince)), ("sort", "date_modified:asc"), ("page", "\(page)"), ("limit", "\(size)")])
        return OrderPage(
            records: try orders.map { order throws(ChannelCallError) in
                RemoteOrder(
                    remoteID: try order.required("id", of: "an order"), status: order["status"]?.text,
                    createdAt: order["date_created"]?.nonEmptyText.flatMap { Timestamps.rfc2822($0) },
                    updatedAt: order["date_modified"]?.nonEmptyText.flatMap { Timestamps.rfc2822($0) }, payload: order, lines: [])
            },
            continuation: orders.count == size ? "\(page + 1)" : nil)
    }

    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let (products, next) = try await self.v3Page(
            "v3/catalog/products", query,
            [
                ("include", "variants"), ("date_modified:min", ISO8601.string(from: query.updatedSince)), ("sort", "date_modified"),
                ("direction", "asc"),
            ])
        return ProductPage(
            records: try products.map { product throws(ChannelCallError) in
                RemoteProduct(
                    remoteID: try product.required("id", of: "a product"), status: product["availability"]?.text,
                    createdAt: Timestamps.iso8601(product["date_created"]), updatedAt: Timestamps.iso8601(product["date_modified"]),
                    payload: product, variants: product["variants"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    /// Refunds created since the cursor (GET v3/orders/payment_actions/refunds), with their refunded items.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        let (refunds, next) = try await self.v3Page(
            "v3/orders/payment_actions/refunds", query, [("created:min", ISO8601.string(from: query.updatedSince))])
        return RefundPage(
            records: try refunds.map { refund throws(ChannelCallError) in
                let created = Timestamps.iso8601(refund["created"])
                return RemoteRefund(
                    remoteID: try refund.required("id", of: "a refund"), remoteOrderID: try refund.required("order_id", of: "a refund"),
                    status: nil, createdAt: created, updatedAt: created, payload: refund, lines: refund["items"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    /// One page of a v3 collection (`{data, meta.pagination}`) and the number of the next page.
    private func v3Page(_ path: String, _ query: PullQuery, _ filters: [(String, String)]) async throws(ChannelCallError) -> ([JSONValue], String?) {
        let page = try query.pageNumber()
        let answer = try await self.call(.GET, path, filters + [("page", "\(page)"), ("limit", "\(query.pageSize(max: Self.maxPageSize))")])
        guard let items = answer["data"]?.arrayValue else { throw .malformed("\(path) returned no data") }
        let pages = answer["meta", "pagination", "total_pages"]?.int ?? page
        return (items, page < pages ? "\(page + 1)" : nil)
    }

    /// Every product of an order (GET v2/orders/{id}/products), page by page until a short one.
    public func orderLines(_ order: RemoteOrder) async throws(ChannelCallError) -> [JSONValue] {
        let path = "v2/orders/\(URLQuery.escape(order.remoteID))/products"
        return try await PartPages.collect("order \(order.remoteID)'s products", pageSize: Self.maxPageSize) { page throws(ChannelCallError) in
            try await self.list(path, [("page", "\(page)"), ("limit", "\(Self.maxPageSize)")])
        }
    }

    /// Adjustments are all-or-nothing: an accepted call set every level, a refused one throws.
    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        for start in stride(from: 0, to: levels.count, by: Self.maxAdjustmentItems) {
            var items: [JSONValue] = []
            for level in levels[start..<min(start + Self.maxAdjustmentItems, levels.count)] {
                items.append(
                    .members([
                        "location_id": .number(try level.identifier("location_id")), "variant_id": .number(try level.identifier("variant_id")),
                        "quantity": .number(level.quantity),
                    ]))
            }
            _ = try await self.call(
                .PUT, "v3/inventory/adjustments/absolute", body: .members(["reason": .string("Switchyard sync"), "items": .array(items)]))
        }
        return levels.map { InventoryPushResult(sku: $0.sku, accepted: true) }
    }

    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        let order = "v2/orders/\(URLQuery.escape(shipment.remoteOrderID))"
        guard let address = try await self.list(order + "/shipping_addresses", []).first?["id"]?.text else {
            throw .rejected(status: 422, message: "order \(shipment.remoteOrderID) has no shipping address")
        }
        var body = JSONValue.members([
            "order_address_id": .number(address), "tracking_number": .string(shipment.trackingNumber), "shipping_provider": .string(""),
            "tracking_carrier": .string(shipment.carrier.lowercased()),
            "items": .array(shipment.lines.map { .members(["order_product_id": .number($0.remoteLineID), "quantity": .number($0.quantity)]) }),
        ])
        if let service = shipment.service { body = body.setting("shipping_method", to: .string(service)) }
        let created = try await self.call(.POST, order + "/shipments", body: body)
        return ShipmentReceipt(remoteID: created["id"]?.text)
    }

    /// A v2 collection's items; BigCommerce answers an empty page with 204 and no body.
    private func list(_ path: String, _ parameters: [(String, String)]) async throws(ChannelCallError) -> [JSONValue] {
        let answer = try await self.call(.GET, path, parameters)
        if answer == .null { return [] }
        guard let items = answer.arrayValue else { throw .malformed("\(path) returned no list") }
        return items
    }

    private func call(
        _ method: ChannelRequest.Method, _ path: String, _ parameters: [(String, String)] = [], body: JSONValue? = nil
    ) async throws(ChannelCallError) -> JSONValue {
        let connection = self.context.connection
        let store = URLQuery.escape(try connection.credential("store_hash"))
        let url = URLQuery.appending(parameters, to: try connection.base() + "/stores/\(store)/\(path)")
        let headers: [(name: String, value: String)] = [("X-Auth-Token", try connection.credential("access_token"))]
        let request = body.map { ChannelRequest(method, url, headers: headers, json: $0) } ?? ChannelRequest(method, url, headers: headers)
        return try await self.context.json(request, "rest", Self.limit)
    }
}
