import Foundation
import Kernel

/// Sell APIs: Fulfillment v1 (getOrders paged by offset, createShippingFulfillment), Inventory v1 (getInventoryItems,
/// bulkUpdatePriceQuantity) and Finances v1 (refund transactions, on the `apiz` host), with a user access token minted
/// from the refresh token. eBay publishes daily call quotas
/// per API, not a request rate (developer.ebay.com/develop/api/sell/api_call_limits; fixtures README §4), so calls are
/// paced at a chosen 5 requests/s with 10 saved up.
extension EbayChannel {
    static let limit = RateLimit(perSecond: 5, burst: 10)
    static let scopes = [
        "https://api.ebay.com/oauth/api_scope/sell.fulfillment", "https://api.ebay.com/oauth/api_scope/sell.inventory",
    ]
    /// Finances needs its own scope. A seller who consented before it was asked for holds a refresh token without it, so
    /// only Finances calls ask for it (and only the refund pull fails, asking for a new consent).
    static let financesScope = "https://api.ebay.com/oauth/api_scope/sell.finances"
    /// What a new consent asks for: every scope the adapter uses.
    static let consentScopes = Self.scopes + [Self.financesScope]
    static let maxPageSize = 200
    static let defaultMarketplace = "EBAY_US"
    /// The most `limit` getInventoryItems takes.
    static let maxInventoryPageSize = 200
    /// The most `limit` getTransactions takes.
    static let maxTransactionPageSize = 1000
    /// bulkUpdatePriceQuantity takes at most this many inventory items a call.
    static let maxBulkRequests = 25

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        let offset = try query.offset()
        let answer = try await self.send(
            .GET, "/sell/fulfillment/v1/order",
            [
                ("filter", "lastmodifieddate:[\(ISO8601.string(from: query.updatedSince))..]"),
                ("limit", "\(query.pageSize(max: Self.maxPageSize))"), ("offset", "\(offset)"),
            ]
        ).json()
        guard let orders = answer["orders"]?.arrayValue else { throw .malformed("getOrders returned no orders") }
        return OrderPage(
            records: try orders.map { order throws(ChannelCallError) in
                RemoteOrder(
                    remoteID: try order.required("orderId", of: "an order"), status: Self.status(of: order),
                    createdAt: Timestamps.iso8601(order["creationDate"]), updatedAt: Timestamps.iso8601(order["lastModifiedDate"]),
                    payload: order, lines: order["lineItems"]?.arrayValue ?? [])
            },
            continuation: Self.nextOffset(answer, offset: offset, count: orders.count))
    }

    /// Every inventory item (getInventoryItems filters by nothing, so each pull reads them all; its `offset` is a page
    /// number); an item is known by its SKU.
    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let page = try query.offset()
        let answer = try await self.send(
            .GET, "/sell/inventory/v1/inventory_item",
            [("limit", "\(query.pageSize(max: Self.maxInventoryPageSize))"), ("offset", "\(page)")]
        ).json()
        let items = answer["inventoryItems"]?.arrayValue ?? []
        return ProductPage(
            records: try items.map { item throws(ChannelCallError) in
                RemoteProduct(
                    remoteID: try item.required("sku", of: "an inventory item"), status: item["condition"]?.text, createdAt: nil,
                    updatedAt: nil, payload: item, variants: [])
            },
            continuation: answer["next"]?.nonEmptyText.map { LinkHeader.parameter("offset", in: $0) ?? String(page + 1) })
    }

    /// Refund transactions of Finances v1 (getTransactions): totals only, no per-line detail. An empty result is a 204.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        let offset = try query.offset()
        let answer = try await self.send(
            .GET, "/sell/finances/v1/transaction",
            [
                ("filter", "transactionType:{REFUND},transactionDate:[\(ISO8601.string(from: query.updatedSince))..]"),
                ("sort", "transactionDate"), ("limit", "\(query.pageSize(max: Self.maxTransactionPageSize))"), ("offset", "\(offset)"),
            ], host: try self.financesBase(), grant: .user(Self.scopes + [Self.financesScope])
        ).json()
        if answer == .null { return RefundPage(records: [], continuation: nil) }
        guard let transactions = answer["transactions"]?.arrayValue else { throw .malformed("getTransactions returned no transactions") }
        return RefundPage(
            records: try transactions.map { transaction throws(ChannelCallError) in
                let date = Timestamps.iso8601(transaction["transactionDate"])
                return RemoteRefund(
                    remoteID: try transaction.required("transactionId", of: "a refund transaction"),
                    remoteOrderID: try transaction.required("orderId", of: "a refund transaction"), status: transaction["transactionStatus"]?.text,
                    createdAt: date, updatedAt: date, payload: transaction, lines: [])
            },
            continuation: Self.nextOffset(answer, offset: offset, count: transactions.count))
    }

    /// The carriers a shipment may name on the instance's marketplace (Metadata `getShippingCarriers`, with an
    /// application token); `shippingCarrier` is the value `createShippingFulfillment` takes.
    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        let marketplace = self.context.connection.settings["marketplace_id"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultMarketplace
        let answer = try await self.send(
            .GET, "/sell/metadata/v1/shipping/marketplace/\(URLQuery.escape(marketplace))/get_shipping_carriers", grant: .application
        ).json()
        guard let carriers = answer["shippingCarriers"]?.arrayValue else { throw .malformed("getShippingCarriers returned no shippingCarriers") }
        return carriers.compactMap { carrier in
            carrier["shippingCarrier"]?.nonEmptyText.map { CarrierCode(code: $0, displayName: carrier["displayName"]?.nonEmptyText ?? $0) }
        }
    }

    /// Which token a call carries: the seller's (from the refresh token, with these scopes) or the application's.
    enum Grant {
        case user([String])
        case application
    }

    /// The offset of the page after this one: the `offset` of the answer's `next` link, absent on the last page.
    static func nextOffset(_ answer: JSONValue, offset: Int, count: Int) -> String? {
        answer["next"]?.nonEmptyText.map { LinkHeader.parameter("offset", in: $0) ?? String(offset + count) }
    }

    /// Finances lives on the `apiz` host beside the API's own (`api.ebay.com` → `apiz.ebay.com`, the sandbox's likewise).
    func financesBase() throws(ChannelCallError) -> String {
        try self.context.connection.base().replacingOccurrences(of: "://api.", with: "://apiz.")
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
        _ method: ChannelRequest.Method, _ path: String, _ parameters: [(String, String)] = [], body: JSONValue? = nil, host: String? = nil,
        grant: Grant = .user(Self.scopes)
    ) async throws(ChannelCallError) -> ChannelResponse {
        let connection = self.context.connection
        let clientID = try connection.credential("client_id")
        let form: [(String, String)]
        switch grant {
        case .user(let scopes):
            form = [
                ("grant_type", "refresh_token"), ("refresh_token", try connection.credential("refresh_token")),
                ("scope", scopes.joined(separator: " ")),
            ]
        case .application: form = [("grant_type", "client_credentials"), ("scope", "https://api.ebay.com/oauth/api_scope")]
        }
        let token = try await self.context.http.tokens.token(
            url: try self.tokenURL(), form: form,
            basic: (clientID, try connection.credential("client_secret")), via: self.context.http,
            throttle: self.context.throttle("oauth", Self.limit))
        let root: String
        if let host { root = host } else { root = try connection.base() }
        let url = URLQuery.appending(parameters, to: root + path)
        let headers = [(name: "Authorization", value: "Bearer \(token)")]
        let request = body.map { ChannelRequest(method, url, headers: headers, json: $0) } ?? ChannelRequest(method, url, headers: headers)
        return try await self.context.send(request, "sell", Self.limit)
    }
}
