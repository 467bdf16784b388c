import Foundation
import Kernel

/// SP-API calls: Orders v0 (getOrders, getOrderItems, confirmShipment), Listings Items 2021-08-01 (searchListingsItems,
/// inventory) and Finances v0 (refund events), with an LWA access token from the refresh token. Limits are the usage plans the fixtures README lists, per operation.
extension AmazonChannel {
    enum Limits {
        static let getOrders = RateLimit(perSecond: 0.0167, burst: 20)
        static let getOrderItems = RateLimit(perSecond: 0.5, burst: 30)
        static let confirmShipment = RateLimit(perSecond: 2, burst: 10)
        static let patchListingsItem = RateLimit(perSecond: 5, burst: 10)
        static let searchListingsItems = RateLimit(perSecond: 5, burst: 5)
        static let listFinancialEvents = RateLimit(perSecond: 0.5, burst: 30)
        static let token = RateLimit(perSecond: 1, burst: 5)
    }

    /// Order items are paged too; their walk stops at this many pages (seed `001_…`'s last-resort cap).
    static let maxItemPages = 10
    static let defaultTokenURL = "https://api.amazon.com/auth/o2/token"
    /// The most `pageSize` searchListingsItems takes.
    static let maxListingsPageSize = 20
    /// Finances refuses a `PostedAfter` (and `PostedBefore`) less than two minutes old.
    static let financesSettleSeconds: TimeInterval = 180
    /// Finances answers nothing when `PostedAfter` and `PostedBefore` are more than 180 days apart.
    static let financesWindow: TimeInterval = 180 * 86_400

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        var parameters = [("MarketplaceIds", try self.marketplaceID())]
        if let token = query.continuation {
            parameters.append(("NextToken", token))
        } else {
            parameters += [("LastUpdatedAfter", ISO8601.string(from: query.updatedSince)), ("MaxResultsPerPage", "\(query.pageSize(max: 100))")]
        }
        let answer = try await self.call(.GET, "/orders/v0/orders", parameters, "getOrders", Limits.getOrders)
        guard let orders = answer["payload", "Orders"]?.arrayValue else { throw .malformed("getOrders returned no payload.Orders") }
        return OrderPage(
            records: try orders.map { order throws(ChannelCallError) in
                RemoteOrder(
                    remoteID: try order.required("AmazonOrderId", of: "an order"), status: order["OrderStatus"]?.text,
                    createdAt: Timestamps.iso8601(order["PurchaseDate"]),
                    updatedAt: Timestamps.iso8601(order["LastUpdateDate"]), payload: order, lines: [])
            },
            continuation: answer["payload", "NextToken"]?.nonEmptyText)
    }

    /// The seller's listings (searchListingsItems), by last update; a listing is known by its SKU.
    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let seller = try self.context.connection.credential("seller_id")
        var parameters = [
            ("marketplaceIds", try self.marketplaceID()), ("includedData", "summaries,attributes,offers,fulfillmentAvailability"),
            ("lastUpdatedAfter", ISO8601.string(from: query.updatedSince)), ("sortBy", "lastUpdatedDate"), ("sortOrder", "ASC"),
            ("pageSize", "\(query.pageSize(max: Self.maxListingsPageSize))"),
        ]
        if let token = query.continuation { parameters.append(("pageToken", token)) }
        let answer = try await self.call(
            .GET, "/listings/2021-08-01/items/\(URLQuery.escape(seller))", parameters, "searchListingsItems", Limits.searchListingsItems)
        guard let items = answer["items"]?.arrayValue else { throw .malformed("searchListingsItems returned no items") }
        return ProductPage(
            records: try items.map { item throws(ChannelCallError) in
                let summary = item["summaries"]?.arrayValue?.first
                return RemoteProduct(
                    remoteID: try item.required("sku", of: "a listing"),
                    status: summary?["status"]?.arrayValue.map { $0.compactMap(\.text).joined(separator: ",") },
                    createdAt: Timestamps.iso8601(summary?["createdDate"]), updatedAt: Timestamps.iso8601(summary?["lastUpdatedDate"]),
                    payload: item, variants: [])
            },
            continuation: answer["pagination", "nextToken"]?.nonEmptyText)
    }

    /// Refund events of Finances v0 (listFinancialEvents' `RefundEventList`), one refund per event with its item
    /// adjustments as lines. Finances answers every kind of event, so a page may hold no refund: the page walks them all.
    /// It answers nothing for a window longer than 180 days and takes no `PostedAfter` younger than two minutes, so each
    /// walk reads at most 180 days up to three minutes ago; the cursor follows the latest event walked, or the end of a
    /// 180-day window that reached no further.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        let settled = Date().addingTimeInterval(-Self.financesSettleSeconds)
        let windowEnd = min(query.updatedSince.addingTimeInterval(Self.financesWindow), settled)
        var parameters = [("MaxResultsPerPage", "\(query.pageSize(max: 100))")]
        if let token = query.continuation {
            parameters.append(("NextToken", token))
        } else {
            guard windowEnd > query.updatedSince else { return RefundPage(records: [], continuation: nil, walkedThrough: query.updatedSince) }
            parameters += [("PostedAfter", ISO8601.string(from: query.updatedSince)), ("PostedBefore", ISO8601.string(from: windowEnd))]
        }
        let answer = try await self.call(.GET, "/finances/v0/financialEvents", parameters, "listFinancialEvents", Limits.listFinancialEvents)
        guard case .object(let lists) = answer["payload", "FinancialEvents"] ?? .null else {
            throw .malformed("listFinancialEvents returned no FinancialEvents")
        }
        let others = lists.filter { $0.key != "RefundEventList" }.flatMap { $0.value.arrayValue ?? [] }
        let latest = lists.flatMap { $0.value.arrayValue ?? [] }.compactMap { event in
            Timestamps.iso8601(event["PostedDate"] ?? event["postedDate"] ?? event["TransactionPostedDate"] ?? event["TransactionCreationDate"])
        }.max()
        let next = answer["payload", "NextToken"]?.nonEmptyText
        let capped = windowEnd < settled
        return RefundPage(
            records: try (answer["payload", "FinancialEvents", "RefundEventList"]?.arrayValue ?? []).map { event throws(ChannelCallError) in
                let order = try event.required("AmazonOrderId", of: "a refund event")
                let posted = try event.required("PostedDate", of: "a refund event")
                let lines = event["ShipmentItemAdjustmentList"]?.arrayValue ?? []
                let adjustments = lines.compactMap { $0["OrderAdjustmentItemId"]?.text }.joined(separator: ",")
                return RemoteRefund(
                    remoteID: "\(order)@\(posted)#\(adjustments)", remoteOrderID: order, status: nil,
                    createdAt: Timestamps.iso8601(event["PostedDate"]),
                    updatedAt: Timestamps.iso8601(event["PostedDate"]), payload: event, lines: lines)
            },
            continuation: next, walkedKeys: others.map { String(decoding: $0.serialized(), as: UTF8.self) },
            walkedThrough: next == nil && capped ? windowEnd : latest)
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
