import Foundation
import Kernel

/// Sell APIs: Fulfillment v1 (getOrders paged by offset, createShippingFulfillment) and Inventory v1
/// (bulkUpdatePriceQuantity), with a user access token minted from the refresh token. eBay publishes daily call quotas
/// per API, not a request rate (developer.ebay.com/develop/api/sell/api_call_limits; fixtures README §4), so calls are
/// paced at a chosen 5 requests/s with 10 saved up.
extension EbayChannel {
    static let limit = RateLimit(perSecond: 5, burst: 10)
    static let scopes = [
        "https://api.ebay.com/oauth/api_scope/sell.fulfillment", "https://api.ebay.com/oauth/api_scope/sell.inventory",
    ]
    static let maxPageSize = 200
    /// bulkUpdatePriceQuantity takes at most this many inventory items a call.
    static let maxBulkRequests = 25

    public func fetchOrders(_ query: OrderQuery) async throws(ChannelCallError) -> OrderPage {
        var offset = 0
        if let continuation = query.continuation {
            guard let value = Int(continuation) else { throw .malformed("the continuation '\(continuation)' is not an eBay offset") }
            offset = value
        }
        let answer = try await self.send(
            .GET, "/sell/fulfillment/v1/order",
            [
                ("filter", "lastmodifieddate:[\(ISO8601.string(from: query.updatedSince))..]"),
                ("limit", "\(min(Self.maxPageSize, max(1, query.pageSize)))"), ("offset", "\(offset)"),
            ]
        ).json()
        guard let orders = answer["orders"]?.arrayValue else { throw .malformed("getOrders returned no orders") }
        var page: [RemoteOrder] = []
        for order in orders {
            guard let id = order["orderId"]?.nonEmptyText else { throw .malformed("an order has no orderId") }
            page.append(
                RemoteOrder(
                    remoteID: id, status: Self.status(of: order), createdAt: Timestamps.iso8601(order["creationDate"]),
                    updatedAt: Timestamps.iso8601(order["lastModifiedDate"]), payload: order, lines: order["lineItems"]?.arrayValue ?? []))
        }
        let next = answer["next"]?.nonEmptyText.map { LinkHeader.parameter("offset", in: $0) ?? String(offset + orders.count) }
        return OrderPage(orders: page, continuation: next)
    }

    /// eBay keeps cancellation apart from fulfillment: a cancelled order reads `CANCELED`, any other its fulfillment
    /// status (`NOT_STARTED`, `IN_PROGRESS`, `FULFILLED`).
    static func status(of order: JSONValue) -> String? {
        order["cancelStatus", "cancelState"]?.text == "CANCELED" ? "CANCELED" : order["orderFulfillmentStatus"]?.text
    }

    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        var results: [InventoryPushResult] = []
        for start in stride(from: 0, to: levels.count, by: Self.maxBulkRequests) {
            let batch = levels[start..<min(start + Self.maxBulkRequests, levels.count)]
            let body = JSONValue.members(["requests": .array(batch.map(Self.request(for:)))])
            let answer = try await self.send(.POST, "/sell/inventory/v1/bulk_update_price_quantity", body: body).json()
            let responses = answer["responses"]?.arrayValue ?? []
            for level in batch {
                let mine = responses.filter { $0["sku"]?.text == level.sku }
                let errors = mine.flatMap { $0["errors"]?.arrayValue ?? [] }.compactMap { $0["message"]?.text }
                results.append(
                    InventoryPushResult(
                        sku: level.sku, accepted: !mine.isEmpty && mine.allSatisfy { $0["statusCode"]?.int == 200 },
                        message: mine.isEmpty ? "eBay returned no result for this SKU" : errors.isEmpty ? nil : errors.joined(separator: "; ")))
            }
        }
        return results
    }

    /// The inventory item's ship-to-home quantity, and its published offer's when the listing names one (`offer_id`).
    static func request(for level: InventoryLevel) -> JSONValue {
        let request = JSONValue.members([
            "shipToLocationAvailability": .members(["quantity": .number(level.quantity)]), "sku": .string(level.sku),
        ])
        guard let offer = level.identifiers["offer_id"], !offer.isEmpty else { return request }
        return request.setting("offers", to: .array([.members(["offerId": .string(offer), "availableQuantity": .number(level.quantity)])]))
    }

    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        let body = JSONValue.members([
            "lineItems": .array(shipment.lines.map { .members(["lineItemId": .string($0.remoteLineID), "quantity": .number($0.quantity)]) }),
            "shippedDate": .string(ISO8601.string(from: shipment.shippedAt)),
            "shippingCarrierCode": .string(shipment.carrier),
            "trackingNumber": .string(shipment.trackingNumber),
        ])
        let response = try await self.send(
            .POST, "/sell/fulfillment/v1/order/\(URLQuery.escape(shipment.remoteOrderID))/shipping_fulfillment", body: body)
        return ShipmentReceipt(remoteID: response.header("Location").flatMap { $0.split(separator: "/").last.map(String.init) })
    }

    /// eBay's OAuth token endpoint, on the API's own host.
    func tokenURL() throws(ChannelCallError) -> String {
        try self.context.connection.base() + "/identity/v1/oauth2/token"
    }

    private func send(
        _ method: ChannelRequest.Method, _ path: String, _ parameters: [(String, String)] = [], body: JSONValue? = nil
    ) async throws(ChannelCallError) -> ChannelResponse {
        let connection = self.context.connection
        let clientID = try connection.credential("client_id")
        let token = try await self.context.http.tokens.token(
            url: try self.tokenURL(),
            form: [
                ("grant_type", "refresh_token"), ("refresh_token", try connection.credential("refresh_token")),
                ("scope", Self.scopes.joined(separator: " ")),
            ],
            basic: (clientID, try connection.credential("client_secret")), via: self.context.http,
            throttle: self.context.throttle("oauth", Self.limit))
        let url = URLQuery.appending(parameters, to: try connection.base() + path)
        let headers = [(name: "Authorization", value: "Bearer \(token)")]
        let request = body.map { ChannelRequest(method, url, headers: headers, json: $0) } ?? ChannelRequest(method, url, headers: headers)
        return try await self.context.send(request, "sell", Self.limit)
    }
}
