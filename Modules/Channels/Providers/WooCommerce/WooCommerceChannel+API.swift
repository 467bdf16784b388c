import Foundation
import Kernel

/// wc/v3 with HTTP Basic authentication (consumer key and secret): orders, products and refunds paged by page number
/// (`Link`, `X-WP-TotalPages`), a variable product's variations fetched beside it, stock through `products/batch`, and a shipment as the order completed plus a customer note, since
/// core WooCommerce records no tracking and ships no part of an order.
extension WooCommerceChannel {
    /// WooCommerce publishes no limit (each store is self-hosted, so its host decides); this is our own ceiling.
    static let limit = RateLimit(perSecond: 10, burst: 20)
    /// The most `per_page` and `products/batch` take.
    public static let maxBatch = 100

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        let (orders, next) = try await self.list("orders", query, changedSince: "modified_after", order: "modified")
        return OrderPage(
            records: try orders.map { order throws(ChannelCallError) in
                RemoteOrder(
                    remoteID: try order.required("id", of: "an order"), status: order["status"]?.text,
                    createdAt: Timestamps.utcWithoutZone(order["date_created_gmt"]), updatedAt: Timestamps.utcWithoutZone(order["date_modified_gmt"]),
                    payload: order,
                    lines: order["line_items"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let (products, next) = try await self.list("products", query, changedSince: "modified_after", order: "modified")
        return ProductPage(
            records: try products.map { product throws(ChannelCallError) in
                RemoteProduct(
                    remoteID: try product.required("id", of: "a product"), status: product["status"]?.text,
                    createdAt: Timestamps.utcWithoutZone(product["date_created_gmt"]),
                    updatedAt: Timestamps.utcWithoutZone(product["date_modified_gmt"]), payload: product,
                    variants: [])
            },
            continuation: next)
    }

    /// A variable product's variations (GET products/{id}/variations, page by page until a short one); none for others.
    public func productVariants(_ product: RemoteProduct) async throws(ChannelCallError) -> [JSONValue] {
        guard product.payload["type"]?.text == "variable" else { return [] }
        let path = "products/\(URLQuery.escape(product.remoteID))/variations"
        return try await PartPages.collect("product \(product.remoteID)'s variations", pageSize: Self.maxBatch) { page throws(ChannelCallError) in
            let parameters = [("per_page", "\(Self.maxBatch)"), ("page", "\(page)")]
            let response = try await self.send(ChannelRequest(.GET, try self.url(path, parameters), headers: try self.headers()))
            guard let batch = try response.json().arrayValue else { throw .malformed("variations returned no list") }
            return batch
        }
    }

    /// Refunds issued since the cursor (GET refunds, WooCommerce 9.0 and later), each with its order as `parent_id`.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        let (refunds, next) = try await self.list("refunds", query, changedSince: "after", order: "date")
        return RefundPage(
            records: try refunds.map { refund throws(ChannelCallError) in
                let created = Timestamps.utcWithoutZone(refund["date_created_gmt"])
                return RemoteRefund(
                    remoteID: try refund.required("id", of: "a refund"), remoteOrderID: try refund.required("parent_id", of: "a refund"),
                    status: nil, createdAt: created, updatedAt: created, payload: refund, lines: refund["line_items"]?.arrayValue ?? [])
            },
            continuation: next)
    }

    /// One page of a collection changed since the cursor, oldest first, and the number of the next page.
    private func list(_ resource: String, _ query: PullQuery, changedSince: String, order: String) async throws(ChannelCallError) -> (
        [JSONValue], String?
    ) {
        let page = try query.pageNumber()
        let parameters = [
            (changedSince, Timestamps.utcWithoutZone(query.updatedSince, separatedByT: true)), ("dates_are_gmt", "true"), ("orderby", order),
            ("order", "asc"), ("per_page", "\(query.pageSize(max: Self.maxBatch))"), ("page", "\(page)"),
        ]
        let response = try await self.send(ChannelRequest(.GET, try self.url(resource, parameters), headers: try self.headers()))
        guard let items = try response.json().arrayValue else { throw .malformed("\(resource) returned no list") }
        let pages = response.header("X-WP-TotalPages").flatMap { Int($0) } ?? page
        let next = LinkHeader.next(response.header("Link")).flatMap { LinkHeader.parameter("page", in: $0) } ?? (page < pages ? "\(page + 1)" : nil)
        return (items, next)
    }

    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        var results: [InventoryPushResult] = []
        for start in stride(from: 0, to: levels.count, by: Self.maxBatch) {
            let batch = levels[start..<min(start + Self.maxBatch, levels.count)]
            var updates: [JSONValue] = []
            for level in batch {
                updates.append(
                    .members([
                        "id": .number(try level.identifier("product_id")), "manage_stock": .bool(true), "stock_quantity": .number(level.quantity),
                    ]))
            }
            let request = ChannelRequest(
                .POST, try self.url("products/batch"), headers: try self.headers(), json: .members(["update": .array(updates)]))
            let updated = try await self.context.json(request, "rest", Self.limit)["update"]?.arrayValue ?? []
            for level in batch {
                results.append(Self.result(of: level, updated.first { $0["id"]?.text == level.identifiers["product_id"] }))
            }
        }
        return results
    }

    /// What `products/batch` answered for one level: the product as saved, or `{id, error{code, message}}`.
    private static func result(of level: InventoryLevel, _ product: JSONValue?) -> InventoryPushResult {
        if let error = product?["error", "message"]?.text { return InventoryPushResult(sku: level.sku, accepted: false, message: error) }
        let stock = product?["stock_quantity"]?.int
        return InventoryPushResult(
            sku: level.sku, accepted: stock == level.quantity,
            message: stock == level.quantity ? nil : "WooCommerce reports \(stock.map(String.init) ?? "no") in stock")
    }

    /// Where the WooCommerce Shipment Tracking extension keeps an order's tracking numbers (shown to the customer).
    public static let trackingMetaKey = "_wc_shipment_tracking_items"

    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        let order = "orders/\(URLQuery.escape(shipment.remoteOrderID))"
        let headers = try self.headers()
        var tracking = JSONValue.members([
            "tracking_provider": .string(shipment.carrier), "tracking_number": .string(shipment.trackingNumber),
            "date_shipped": .string(String(Int(shipment.shippedAt.timeIntervalSince1970))),
        ])
        if let url = shipment.trackingURL { tracking = tracking.setting("custom_tracking_link", to: .string(url)) }
        let completion = JSONValue.members([
            "status": .string("completed"),
            "meta_data": .array([.members(["key": .string(Self.trackingMetaKey), "value": .array([tracking])])]),
        ])
        _ = try await self.send(ChannelRequest(.PUT, try self.url(order), headers: headers, json: completion))
        let note = (["Shipped via \(shipment.carrier), tracking \(shipment.trackingNumber)", shipment.trackingURL].compactMap { $0 }).joined(
            separator: " ")
        let created = try await self.context.json(
            ChannelRequest(
                .POST, try self.url(order + "/notes"), headers: headers, json: .members(["note": .string(note), "customer_note": .bool(true)])),
            "rest", Self.limit)
        return ShipmentReceipt(remoteID: created["id"]?.text)
    }

    private func headers() throws(ChannelCallError) -> [(name: String, value: String)] {
        let connection = self.context.connection
        return [
            ChannelRequest.basicAuthorization(user: try connection.credential("consumer_key"), password: try connection.credential("consumer_secret"))
        ]
    }

    private func url(_ resource: String, _ parameters: [(String, String)] = []) throws(ChannelCallError) -> String {
        URLQuery.appending(parameters, to: try self.context.connection.base() + "/wp-json/wc/v3/\(resource)")
    }

    private func send(_ request: ChannelRequest) async throws(ChannelCallError) -> ChannelResponse {
        try await self.context.send(request, "rest", Self.limit)
    }
}
