import Foundation
import Kernel

/// SP-API calls: Orders v0 (getOrders, getOrderItems, confirmShipment) and Listings Items 2021-08-01 (inventory), with an
/// LWA access token from the refresh token. Limits are the usage plans the fixtures README lists, per operation.
extension AmazonChannel {
    enum Limits {
        static let getOrders = RateLimit(perSecond: 0.0167, burst: 20)
        static let getOrderItems = RateLimit(perSecond: 0.5, burst: 30)
        static let confirmShipment = RateLimit(perSecond: 2, burst: 10)
        static let patchListingsItem = RateLimit(perSecond: 5, burst: 10)
        static let token = RateLimit(perSecond: 1, burst: 5)
    }

    /// Order items are paged too; their walk stops at this many pages (seed `001_…`'s last-resort cap).
    static let maxItemPages = 10
    static let defaultTokenURL = "https://api.amazon.com/auth/o2/token"

    public func fetchOrders(_ query: OrderQuery) async throws(ChannelCallError) -> OrderPage {
        var parameters = [("MarketplaceIds", try self.marketplaceID())]
        if let token = query.continuation {
            parameters.append(("NextToken", token))
        } else {
            parameters += [("LastUpdatedAfter", ISO8601.string(from: query.updatedSince)), ("MaxResultsPerPage", "\(min(100, query.pageSize))")]
        }
        let answer = try await self.call(.GET, "/orders/v0/orders", parameters, "getOrders", Limits.getOrders)
        guard let orders = answer["payload", "Orders"]?.arrayValue else { throw .malformed("getOrders returned no payload.Orders") }
        var page: [RemoteOrder] = []
        for order in orders {
            guard let id = order["AmazonOrderId"]?.nonEmptyText else { throw .malformed("an order has no AmazonOrderId") }
            page.append(
                RemoteOrder(
                    remoteID: id, status: order["OrderStatus"]?.text, createdAt: Timestamps.iso8601(order["PurchaseDate"]),
                    updatedAt: Timestamps.iso8601(order["LastUpdateDate"]), payload: order, lines: []))
        }
        return OrderPage(orders: page, continuation: answer["payload", "NextToken"]?.nonEmptyText)
    }

    /// Every item of an order (getOrderItems), de-duplicated and guarded against a NextToken that does not advance.
    public func orderLines(_ order: RemoteOrder) async throws(ChannelCallError) -> [JSONValue] {
        let orderID = order.remoteID
        var pageGuard = PaginationGuard(maxPages: Self.maxItemPages, label: "amazon order items \(orderID)", logger: self.context.logger)
        var items: [JSONValue] = []
        var token: String?
        repeat {
            let parameters = token.map { [("NextToken", $0)] } ?? []
            let answer = try await self.call(
                .GET, "/orders/v0/orders/\(URLQuery.escape(orderID))/orderItems", parameters, "getOrderItems", Limits.getOrderItems)
            let page = answer["payload", "OrderItems"]?.arrayValue ?? []
            let verdict = pageGuard.admit(
                contentKeys: page.map { item in
                    ["OrderItemId", "SellerSKU", "QuantityOrdered", "QuantityShipped"].map { item[$0]?.text ?? "" }.joined(separator: "|")
                },
                token: answer["payload", "NextToken"]?.nonEmptyText)
            items += verdict.freshIndices.map { page[$0] }
            if verdict.trip == .pageCap { throw .malformed("order \(orderID)'s items did not end after \(Self.maxItemPages) pages") }
            token = verdict.next
        } while token != nil
        return items
    }

    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        let seller = try self.context.connection.credential("seller_id")
        let marketplace = try self.marketplaceID()
        var results: [InventoryPushResult] = []
        for level in levels {
            let body = JSONValue.members([
                "productType": .string(level.identifiers["product_type"] ?? "PRODUCT"),
                "patches": .array([
                    .members([
                        "op": .string("replace"),
                        "path": .string("/attributes/fulfillment_availability"),
                        "value": .array([.members(["fulfillment_channel_code": .string("DEFAULT"), "quantity": .number(level.quantity)])]),
                    ])
                ]),
            ])
            let answer = try await self.call(
                .PATCH, "/listings/2021-08-01/items/\(URLQuery.escape(seller))/\(URLQuery.escape(level.sku))",
                [("marketplaceIds", level.identifiers["marketplace_id"] ?? marketplace)], "patchListingsItem", Limits.patchListingsItem, body: body)
            let issues = (answer["issues"]?.arrayValue ?? []).compactMap { $0["message"]?.text }
            results.append(
                InventoryPushResult(
                    sku: level.sku, accepted: answer["status"]?.text == "ACCEPTED", message: issues.isEmpty ? nil : issues.joined(separator: "; ")))
        }
        return results
    }

    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        let body = JSONValue.members([
            "packageDetail": .members([
                "packageReferenceId": .string("1"),
                "carrierCode": .string(shipment.carrier),
                "shippingMethod": shipment.service.map(JSONValue.string) ?? .null,
                "trackingNumber": .string(shipment.trackingNumber),
                "shipDate": .string(ISO8601.string(from: shipment.shippedAt)),
                "orderItems": .array(
                    shipment.lines.map { .members(["orderItemId": .string($0.remoteLineID), "quantity": .number($0.quantity)]) }),
            ]),
            "marketplaceId": .string(try self.marketplaceID()),
        ])
        _ = try await self.call(
            .POST, "/orders/v0/orders/\(URLQuery.escape(shipment.remoteOrderID))/shipmentConfirmation", [], "confirmShipment",
            Limits.confirmShipment, body: body)
        return ShipmentReceipt(remoteID: nil)
    }

    private func marketplaceID() throws(ChannelCallError) -> String {
        try self.context.connection.setting("marketplace_id")
    }

    private func call(
        _ method: ChannelRequest.Method, _ path: String, _ parameters: [(String, String)], _ operation: String, _ limit: RateLimit,
        body: JSONValue? = nil
    ) async throws(ChannelCallError) -> JSONValue {
        let connection = self.context.connection
        let clientID = try connection.credential("lwa_client_id")
        let token = try await self.context.http.tokens.token(
            url: connection.endpoint("token_url", default: Self.defaultTokenURL),
            form: [
                ("grant_type", "refresh_token"), ("refresh_token", try connection.credential("refresh_token")), ("client_id", clientID),
                ("client_secret", try connection.credential("lwa_client_secret")),
            ],
            basic: nil, via: self.context.http, throttle: self.context.throttle("lwaToken", Limits.token))
        let url = URLQuery.appending(parameters, to: try connection.base() + path)
        let headers = [("x-amz-access-token", token)]
        let request = body.map { ChannelRequest(method, url, headers: headers, json: $0) } ?? ChannelRequest(method, url, headers: headers)
        return try await self.context.json(request, operation, limit)
    }
}
