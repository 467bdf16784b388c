import Foundation
import Kernel

/// Marketplace v3: orders and returns paged by `meta.nextCursor`, items by the `nextCursor` parameter, inventory per SKU,
/// and ship-order-lines, with a
/// client-credentials token (15 minutes). Walmart's limits "vary by API" and the per-endpoint numbers are unpublished
/// (developer.walmart.com/us-marketplace/docs/throttling; fixtures README §4), so calls are paced at a chosen
/// 5 requests/s with 10 saved up.
extension WalmartChannel {
    static let limit = RateLimit(perSecond: 5, burst: 10)
    static let serviceName = "Walmart Marketplace"
    static let maxPageSize = 200
    /// Walmart's shipping method (`Standard`, `Express`, `OneDay`, `Freight`, `WhiteGlove`, `Value`), not the carrier's service.
    static let methodCode = "Standard"
    /// Line statuses from least to most advanced.
    static let progress = ["Created", "Acknowledged", "Shipped", "Delivered", "Refund"]

    public func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage {
        guard let answer = try await self.page("/v3/orders", query, since: "lastModifiedStartDate") else {
            return OrderPage(records: [], continuation: nil)
        }
        guard let orders = answer["list", "elements", "order"]?.arrayValue else { throw .malformed("GET /v3/orders returned no list.elements.order") }
        return OrderPage(
            records: try orders.map { order throws(ChannelCallError) in
                let lines = order["orderLines", "orderLine"]?.arrayValue ?? []
                return RemoteOrder(
                    remoteID: try order.required("purchaseOrderId", of: "an order"), status: Self.status(of: lines),
                    createdAt: Timestamps.epochMilliseconds(order["orderDate"]),
                    updatedAt: lines.compactMap { Timestamps.epochMilliseconds($0["statusDate"]) }.max(), payload: order, lines: lines)
            },
            continuation: answer["list", "meta", "nextCursor"]?.nonEmptyText)
    }

    /// Every item of the catalog (GET /v3/items filters by nothing, so each pull reads them all); an item is known by its
    /// SKU.
    public func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage {
        let parameters = [("limit", "\(query.pageSize(max: Self.maxPageSize))"), ("nextCursor", query.continuation ?? "*")]
        let answer = try await self.send(.GET, "/v3/items?" + URLQuery.encode(parameters)).json()
        let items = answer["ItemResponse"]?.arrayValue ?? []
        return ProductPage(
            records: try items.map { item throws(ChannelCallError) in
                RemoteProduct(
                    remoteID: try item.required("sku", of: "an item"), status: item["publishedStatus"]?.text, createdAt: nil, updatedAt: nil,
                    payload: item, variants: [])
            },
            continuation: items.isEmpty ? nil : answer["nextCursor"]?.nonEmptyText)
    }

    /// Returns created since the cursor (GET /v3/returns filters by creation, so the cursor follows creation too; a later
    /// change of a return's refund status is not pulled again), each with its lines and their refunded charges.
    public func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage {
        guard let answer = try await self.page("/v3/returns", query, since: "returnCreationStartDate") else {
            return RefundPage(records: [], continuation: nil)
        }
        guard let returns = answer["returnOrders"]?.arrayValue else { throw .malformed("GET /v3/returns returned no returnOrders") }
        return RefundPage(
            records: try returns.map { returned throws(ChannelCallError) in
                let lines = returned["returnOrderLines"]?.arrayValue ?? []
                let created = Timestamps.iso8601(returned["returnOrderDate"])
                return RemoteRefund(
                    remoteID: try returned.required("returnOrderId", of: "a return"),
                    remoteOrderID: try Self.refundedOrder(of: returned, lines: lines),
                    status: lines.compactMap { $0["currentRefundStatus"]?.text }.first, createdAt: created,
                    updatedAt: created, payload: returned,
                    lines: lines)
            },
            continuation: answer["meta", "nextCursor"]?.nonEmptyText)
    }

    /// The purchase order a return refunds: its lines name it (what keys Walmart's orders); the buyer's `customerOrderId`
    /// stands in for a return that lists no line.
    private static func refundedOrder(of returned: JSONValue, lines: [JSONValue]) throws(ChannelCallError) -> String {
        if let purchaseOrder = lines.first?["purchaseOrderId"]?.nonEmptyText { return purchaseOrder }
        return try returned.required("customerOrderId", of: "a return")
    }

    /// A page of a list walked by `meta.nextCursor` (the query string of the next page); `nil` where Walmart answers an
    /// empty result with 404.
    private func page(_ path: String, _ query: PullQuery, since: String) async throws(ChannelCallError) -> JSONValue? {
        let first = [(since, ISO8601.string(from: query.updatedSince)), ("limit", "\(query.pageSize(max: Self.maxPageSize))")]
        do throws(ChannelCallError) {
            return try await self.send(.GET, path + (query.continuation ?? "?" + URLQuery.encode(first))).json()
        } catch .rejected(404, _) {
            return nil
        }
    }

    /// Walmart states a status per line quantity and none for the order: it is as far along as its least advanced live
    /// line, and `Cancelled` once every line is.
    static func status(of lines: [JSONValue]) -> String? {
        let statuses = lines.flatMap { $0["orderLineStatuses", "orderLineStatus"]?.arrayValue ?? [] }.compactMap { $0["status"]?.text }
        let live = statuses.filter { $0 != "Cancelled" }
        guard !live.isEmpty else { return statuses.first }
        return live.min { (Self.progress.firstIndex(of: $0) ?? -1) < (Self.progress.firstIndex(of: $1) ?? -1) }
    }

    public func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult] {
        var results: [InventoryPushResult] = []
        for level in levels {
            var parameters = [("sku", level.sku)]
            if let node = level.identifiers["ship_node"], !node.isEmpty { parameters.append(("shipNode", node)) }
            let body = JSONValue.members([
                "sku": .string(level.sku), "quantity": .members(["unit": .string("EACH"), "amount": .number(level.quantity)]),
            ])
            do throws(ChannelCallError) {
                let amount = try await self.send(.PUT, "/v3/inventory?" + URLQuery.encode(parameters), body: body).json()["quantity", "amount"]?.int
                results.append(
                    InventoryPushResult(
                        sku: level.sku, accepted: amount == level.quantity,
                        message: amount == level.quantity ? nil : "Walmart reports \(amount.map(String.init) ?? "no") available"))
            } catch .rejected(let status, let message) where status == 400 || status == 404 {
                results.append(InventoryPushResult(sku: level.sku, accepted: false, message: message))
            }
        }
        return results
    }

    public func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt {
        var tracking = JSONValue.members([
            "shipDateTime": Timestamps.epochMilliseconds(shipment.shippedAt),
            "carrierName": .members(["carrier": .string(shipment.carrier)]),
            "methodCode": .string(Self.methodCode),
            "trackingNumber": .string(shipment.trackingNumber),
        ])
        if let url = shipment.trackingURL { tracking = tracking.setting("trackingURL", to: .string(url)) }
        let lines = shipment.lines.map { line in
            JSONValue.members([
                "lineNumber": .string(line.remoteLineID),
                "orderLineStatuses": .members([
                    "orderLineStatus": .array([
                        .members([
                            "status": .string("Shipped"),
                            "statusQuantity": .members(["unitOfMeasurement": .string("EACH"), "amount": .string("\(line.quantity)")]),
                            "trackingInfo": tracking,
                        ])
                    ])
                ]),
            ])
        }
        let body = JSONValue.members(["orderShipment": .members(["orderLines": .members(["orderLine": .array(lines)])])])
        let answer = try await self.send(.POST, "/v3/orders/\(URLQuery.escape(shipment.remoteOrderID))/shipping", body: body).json()
        guard answer["order", "purchaseOrderId"] != nil else { throw .malformed("the shipping update returned no order") }
        return ShipmentReceipt(remoteID: nil)
    }

    private func send(_ method: ChannelRequest.Method, _ resource: String, body: JSONValue? = nil) async throws(ChannelCallError) -> ChannelResponse {
        let connection = self.context.connection
        let base = try connection.base()
        let clientID = try connection.credential("client_id")
        let token = try await self.context.http.tokens.token(
            url: base + "/v3/token", form: [("grant_type", "client_credentials")],
            basic: (clientID, try connection.credential("client_secret")), via: self.context.http,
            throttle: self.context.throttle("token", Self.limit))
        let headers = [
            (name: "WM_SEC.ACCESS_TOKEN", value: token), (name: "WM_SVC.NAME", value: Self.serviceName),
            (name: "WM_QOS.CORRELATION_ID", value: UUID().uuidString),
        ]
        let url = base + resource
        let request = body.map { ChannelRequest(method, url, headers: headers, json: $0) } ?? ChannelRequest(method, url, headers: headers)
        return try await self.context.send(request, "marketplace", Self.limit)
    }
}
