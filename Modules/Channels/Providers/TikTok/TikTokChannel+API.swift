import Foundation
import Kernel

/// TikTok Shop Open API 202309: Search Orders, Search Products and Search Returns (each paged by `page_token`), Update
/// Inventory, and Mark Package As Shipped. Every
/// call is a signed POST: `app_key`, `timestamp`, `shop_cipher` and `sign` in the query, the access token in
/// `x-tts-access-token`, and the `{code, message, request_id, data}` envelope back, where a non-zero `code` is a refusal.
/// TikTok Shop publishes no rate limit (the fixtures README, §4); 10 requests/s with 20 saved up is our own ceiling.
extension TikTokChannel {
    public static let apiVersion = "202309"
    static let limit = RateLimit(perSecond: 10, burst: 20)

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        let data = try await self.search("/order/\(Self.apiVersion)/orders/search", query, sorted: true)
        return OrderPage(
            records: try (data["orders"]?.arrayValue ?? []).map { order throws(ChannelCallError) in
                RemoteOrder(
                    remoteID: try order.required("id", of: "an order"), status: order["status"]?.text,
                    createdAt: Timestamps.epochSeconds(order["create_time"]), updatedAt: Timestamps.epochSeconds(order["update_time"]),
                    payload: order, lines: order["line_items"]?.arrayValue ?? [])
            },
            continuation: data["next_page_token"]?.nonEmptyText)
    }

    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let data = try await self.search("/product/\(Self.apiVersion)/products/search", query, sorted: false)
        return ProductPage(
            records: try (data["products"]?.arrayValue ?? []).map { product throws(ChannelCallError) in
                RemoteProduct(
                    remoteID: try product.required("id", of: "a product"), status: product["status"]?.text,
                    createdAt: Timestamps.epochSeconds(product["create_time"]), updatedAt: Timestamps.epochSeconds(product["update_time"]),
                    payload: product, variants: product["skus"]?.arrayValue ?? [])
            },
            continuation: data["next_page_token"]?.nonEmptyText)
    }

    /// Returns and refunds changed since the cursor (Search Returns), with their line items.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        let data = try await self.search("/return_refund/\(Self.apiVersion)/returns/search", query, sorted: true)
        return RefundPage(
            records: try (data["return_orders"]?.arrayValue ?? []).map { returned throws(ChannelCallError) in
                RemoteRefund(
                    remoteID: try returned.required("return_id", of: "a return"),
                    remoteOrderID: try returned.required("order_id", of: "a return"),
                    status: returned["return_status"]?.text, createdAt: Timestamps.epochSeconds(returned["create_time"]),
                    updatedAt: Timestamps.epochSeconds(returned["update_time"]), payload: returned,
                    lines: returned["return_line_items"]?.arrayValue ?? [])
            },
            continuation: data["next_page_token"]?.nonEmptyText)
    }

    /// One page of a search changed since the cursor (`update_time_ge`), oldest change first where the search sorts.
    private func search(_ path: String, _ query: PullQuery, sorted: Bool) async throws(ChannelCallError) -> JSONValue {
        var parameters = [("page_size", "\(query.pageSize(max: 100))")]
        if sorted { parameters += [("sort_field", "update_time"), ("sort_order", "ASC")] }
        if let token = query.continuation { parameters.append(("page_token", token)) }
        return try await self.call(path, parameters, body: .members(["update_time_ge": .number(Int(query.updatedSince.timeIntervalSince1970))]))
    }

    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        var results: [InventoryPushResult] = []
        for level in levels {
            let stock = JSONValue.members(["warehouse_id": .string(try level.identifier("warehouse_id")), "quantity": .number(level.quantity)])
            let body = JSONValue.members([
                "skus": .array([.members(["id": .string(try level.identifier("sku_id")), "inventory": .array([stock])])])
            ])
            let product = URLQuery.escape(try level.identifier("product_id"))
            _ = try await self.call("/product/\(Self.apiVersion)/products/\(product)/inventory/update", body: body)
            results.append(InventoryPushResult(sku: level.sku, accepted: true))
        }
        return results
    }

    /// The shipping providers of every delivery option of the shop's sales warehouses (Get Warehouse List, Get Warehouse
    /// Delivery Options, Get Shipping Providers); a provider's `id` is what Mark Package As Shipped takes.
    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        let logistics = "/logistics/\(Self.apiVersion)"
        var carriers: [CarrierCode] = []
        var seen = Set<String>()
        for warehouse in try await self.call(logistics + "/warehouses", body: nil)["warehouses"]?.arrayValue ?? []
        where warehouse["type"]?.text == "SALES_WAREHOUSE" {
            let warehouseID = URLQuery.escape(try warehouse.required("id", of: "a warehouse"))
            for option in try await self.call(logistics + "/warehouses/\(warehouseID)/delivery_options", body: nil)["delivery_options"]?.arrayValue
                ?? []
            {
                let optionID = URLQuery.escape(try option.required("id", of: "a delivery option"))
                let providers = try await self.call(logistics + "/delivery_options/\(optionID)/shipping_providers", body: nil)["shipping_providers"]
                for provider in providers?.arrayValue ?? [] {
                    let code = try provider.required("id", of: "a shipping provider")
                    if seen.insert(code).inserted { carriers.append(CarrierCode(code: code, displayName: provider["name"]?.nonEmptyText ?? code)) }
                }
            }
        }
        return carriers
    }

    /// TikTok's order lines are single units, so each shipped line is named once by its id; `carrier` is TikTok's
    /// `shipping_provider_id`.
    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        let body = JSONValue.members([
            "order_line_item_ids": .array(shipment.lines.map { .string($0.remoteLineID) }),
            "tracking_number": .string(shipment.trackingNumber),
            "shipping_provider_id": .string(shipment.carrier),
        ])
        let data = try await self.call("/fulfillment/\(Self.apiVersion)/orders/\(URLQuery.escape(shipment.remoteOrderID))/packages", body: body)
        return ShipmentReceipt(remoteID: data["package_id"]?.nonEmptyText)
    }

    /// TikTok Shop's request signature: the lower-case hex HMAC-SHA256, under the app secret, of
    /// `app_secret + path + (every query parameter but sign and access_token, sorted by name, as name + value) + body +
    /// app_secret`, where `path` is the API path after the API root. The Sandbox verifies calls with this too.
    public static func signature(path: String, parameters: [(String, String)], body: [UInt8], appSecret: String) -> String {
        let canonical = parameters.filter { $0.0 != "sign" && $0.0 != "access_token" }.sorted { $0.0 < $1.0 }.map { $0.0 + $0.1 }.joined()
        let secret = Array(appSecret.utf8)
        return MessageAuthentication.sign(secret + Array((path + canonical).utf8) + body + secret, key: secret, encoding: .hex)
    }

    /// Calls `path` for the instance's shop, signed (a POST of `body`, a GET without one), and answers the envelope's `data`.
    private func call(_ path: String, _ parameters: [(String, String)] = [], body: JSONValue?) async throws(ChannelCallError) -> JSONValue {
        let connection = self.context.connection
        return try await self.signed(
            body == nil ? .GET : .POST, path, [("shop_cipher", try connection.credential("shop_cipher"))] + parameters, body: body,
            token: try connection.credential("access_token"))
    }

    /// Sends a signed call (`app_key`, `timestamp` and `sign` added to `parameters`) with `token`, and answers the
    /// envelope's `data`; a non-zero `code` is a refusal.
    func signed(
        _ method: ChannelRequest.Method, _ path: String, _ parameters: [(String, String)], body: JSONValue?, token: String
    ) async throws(ChannelCallError) -> JSONValue {
        let connection = self.context.connection
        let appSecret = try connection.credential("app_secret")
        let query = [("app_key", try connection.credential("app_key")), ("timestamp", String(Int(Date().timeIntervalSince1970)))] + parameters
        let bytes = body?.serialized() ?? []
        let sign = Self.signature(path: path, parameters: query, body: bytes, appSecret: appSecret)
        let url = URLQuery.appending(query + [("sign", sign)], to: try connection.base() + path)
        var headers = [(name: "x-tts-access-token", value: token)]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let answer = try await self.context.json(ChannelRequest(method, url, headers: headers, body: body == nil ? nil : bytes), "api", Self.limit)
        return try Self.data(of: answer)
    }

    /// The `data` of a `{code, message, data}` envelope; a non-zero `code` is a refusal.
    static func data(of answer: JSONValue) throws(ChannelCallError) -> JSONValue {
        guard let code = answer["code"]?.int else { throw .malformed("the answer has no code") }
        guard code == 0 else { throw .rejected(status: 422, message: "\(code) \(answer["message"]?.text ?? "")") }
        return answer["data"] ?? .null
    }
}
