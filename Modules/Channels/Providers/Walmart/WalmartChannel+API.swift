import Foundation
import Kernel

/// Marketplace v3: orders paged by `list.meta.nextCursor`, inventory per SKU, and ship-order-lines, with a
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
    static let progress = ["Created", "Acknowledged", "Shipped", "Delivered"]

    public func fetchOrders(_ query: OrderQuery) async throws(ChannelCallError) -> OrderPage {
        let first = [
            ("lastModifiedStartDate", ISO8601.string(from: query.updatedSince)), ("limit", "\(min(Self.maxPageSize, max(1, query.pageSize)))"),
        ]
        let cursor = query.continuation ?? "?" + URLQuery.encode(first)
        let answer: JSONValue
        do throws(ChannelCallError) {
            answer = try await self.send(.GET, "/v3/orders" + cursor).json()
        } catch .rejected(404, _) {
            return OrderPage(orders: [], continuation: nil)
        }
        guard let orders = answer["list", "elements", "order"]?.arrayValue else { throw .malformed("GET /v3/orders returned no list.elements.order") }
        var page: [RemoteOrder] = []
        for order in orders {
            guard let id = order["purchaseOrderId"]?.nonEmptyText else { throw .malformed("an order has no purchaseOrderId") }
            let lines = order["orderLines", "orderLine"]?.arrayValue ?? []
            page.append(
                RemoteOrder(
                    remoteID: id, status: Self.status(of: lines), createdAt: Timestamps.epochMilliseconds(order["orderDate"]),
                    updatedAt: lines.compactMap { Timestamps.epochMilliseconds($0["statusDate"]) }.max(), payload: order, lines: lines))
        }
        return OrderPage(orders: page, continuation: answer["list", "meta", "nextCursor"]?.nonEmptyText)
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
