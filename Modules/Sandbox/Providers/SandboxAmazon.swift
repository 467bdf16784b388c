import Channels
import Foundation
import Hummingbird
import Kernel

/// SP-API as the sandbox plays it: LWA tokens, Orders v0 (NextToken paging, order items two to a page), confirm
/// shipment, Listings Items inventory patches, and ORDER_CHANGE notifications relayed with the notification key.
enum SandboxAmazon: SandboxChannel {
    static let provider = Provider.amazon
    static let marketplaceID = "ATVPDKIKX0DER"
    static let accessToken = "Atza|sandbox-access-token"
    static let applicationID = "amzn1.sp.solution.sandbox-switchyard"
    static let itemsPerPage = 2
    static let orders = "amazon-sp-api/orders-v0.getOrders.response.json"

    /// Login with Amazon's error answer.
    static func lwaError(_ status: Int, _ error: String, _ description: String) -> Response {
        SandboxHTTP.json(.members(["error": .string(error), "error_description": .string(description)]), status: status)
    }

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        let id = String(format: "113-%07d-%07d", 4_200_000 + sequence, 5_435_065 + sequence * 17)
        return (id, id)
    }

    static func lineID(sequence: Int, position: Int) -> String {
        String(68_828_574_383_266 + sequence * 10 + position)
    }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        let credentials = SandboxCredentials.credentials(.amazon)
        SandboxConsent.add(
            SandboxConsent.Page(
                provider: .amazon, path: "apps/authorize/consent", client: ("application_id", Self.applicationID), redirectParameter: "redirect_uri",
                redirectName: nil,
                answer: { code, state in
                    [("state", state), ("selling_partner_id", credentials["seller_id"] ?? ""), ("spapi_oauth_code", code)]
                }), to: group, sandbox: sandbox)
        group.post("auth/o2/token") { request, _ in
            let form = try await SandboxHTTP.form(request)
            guard form["client_id"] == credentials["lwa_client_id"], form["client_secret"] == credentials["lwa_client_secret"] else {
                return Self.lwaError(401, "invalid_client", "Client authentication failed")
            }
            var answer: [String: JSONValue] = [
                "access_token": .string(Self.accessToken), "token_type": .string("bearer"), "expires_in": .number(3600),
            ]
            switch form["grant_type"] {
            case "refresh_token":
                guard form["refresh_token"] == credentials["refresh_token"] else {
                    return Self.lwaError(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token")
                }
            case "authorization_code":
                guard await sandbox.authorizations.redeem(form["code"] ?? "", for: .amazon) else {
                    return Self.lwaError(400, "invalid_grant", "The request has an invalid grant parameter : code")
                }
                answer["refresh_token"] = .string(credentials["refresh_token"] ?? "")
            default:
                return Self.lwaError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server")
            }
            return SandboxHTTP.json(.object(answer.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        group.get("orders/v0/orders") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            guard SandboxHTTP.query(request, "MarketplaceIds") == Self.marketplaceID else {
                return Self.error(400, "InvalidInput", "Invalid Input")
            }
            let (offset, size, since): (Int, Int, Date)
            if let token = SandboxHTTP.query(request, "NextToken") {
                guard let page = SandboxHTTP.page(fromToken: token) else { return Self.error(400, "InvalidInput", "Invalid NextToken") }
                (offset, size, since) = page
            } else {
                guard let text = SandboxHTTP.query(request, "LastUpdatedAfter") ?? SandboxHTTP.query(request, "CreatedAfter"),
                    let stamp = ISO8601.date(from: text)
                else { return Self.error(400, "InvalidInput", "LastUpdatedAfter or CreatedAfter is required") }
                (offset, size, since) = (0, SandboxHTTP.int(request, "MaxResultsPerPage", default: 100, in: 1...100), stamp)
            }
            let orders = await sandbox.store.orders(.amazon, updatedSince: since)
            let page = Array(orders.dropFirst(offset).prefix(size))
            var next = offset + size < orders.count ? SandboxHTTP.pageToken(offset: offset + size, size: size, since: since) : nil
            if let stuck = await sandbox.control.take(.amazon, path: request.uri.path, kinds: [.stuckNextToken]) {
                next = SandboxHTTP.pageToken(offset: offset, size: size, since: since, nonce: stuck.freshToken == true ? UUID().uuidString : nil)
            }
            var payload = JSONValue.members([
                "Orders": .array(page.map { Self.render($0, sandbox: sandbox) }),
                "LastUpdatedBefore": .string(ISO8601.string(from: Date())),
            ])
            if let next { payload = payload.setting("NextToken", to: .string(next)) }
            return SandboxHTTP.json(.members(["payload": payload]))
        }
        group.get("listings/2021-08-01/items/:sellerId") { request, context in
            if let refusal = Self.refuse(request) { return refusal }
            guard context.parameters.get("sellerId") == credentials["seller_id"] else { return Self.error(403, "Unauthorized", "Access denied") }
            guard SandboxHTTP.query(request, "marketplaceIds") == Self.marketplaceID else { return Self.error(400, "InvalidInput", "Invalid Input") }
            let since = SandboxHTTP.query(request, "lastUpdatedAfter").flatMap(ISO8601.date(from:)) ?? .distantPast
            guard
                let window = SandboxHTTP.window(
                    request, tokenName: "pageToken", since: since, size: SandboxHTTP.int(request, "pageSize", default: 10, in: 1...20))
            else { return Self.error(400, "InvalidInput", "Invalid pageToken") }
            let products = await sandbox.store.products(.amazon, updatedSince: window.since)
            var answer = JSONValue.members([
                "numberOfResults": .number(products.count),
                "items": .array(products.dropFirst(window.offset).prefix(window.size).map(Self.render(_:))),
            ])
            if let next = SandboxHTTP.nextToken(after: window, total: products.count) {
                answer = answer.setting("pagination", to: .members(["nextToken": .string(next)]))
            }
            return SandboxHTTP.json(answer)
        }
        group.get("finances/v0/financialEvents") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let posted = SandboxHTTP.query(request, "PostedAfter").flatMap(ISO8601.date(from:))
            if SandboxHTTP.query(request, "NextToken") == nil {
                guard let posted, posted < Date().addingTimeInterval(-120) else {
                    return Self.error(400, "InvalidInput", "PostedAfter is required and must be no later than 2 minutes before the request")
                }
            }
            guard
                let window = SandboxHTTP.window(
                    request, tokenName: "NextToken", since: posted ?? .distantPast,
                    size: SandboxHTTP.int(request, "MaxResultsPerPage", default: 100, in: 1...100))
            else { return Self.error(400, "InvalidInput", "Invalid NextToken") }
            let before = SandboxHTTP.query(request, "PostedBefore").flatMap(ISO8601.date(from:)) ?? .distantFuture
            let events = await Self.financialEvents(since: window.since, before: before, sandbox: sandbox)
            let page = events.dropFirst(window.offset).prefix(window.size)
            var payload = JSONValue.members([
                "FinancialEvents": .members([
                    "ShipmentEventList": .array(page.compactMap { $0.refund == nil ? $0.event : nil }),
                    "RefundEventList": .array(page.compactMap { $0.refund == nil ? nil : $0.event }),
                ])
            ])
            if let next = SandboxHTTP.nextToken(after: window, total: events.count) { payload = payload.setting("NextToken", to: .string(next)) }
            return SandboxHTTP.json(.members(["payload": payload]))
        }
        group.get("orders/v0/orders/:orderId/orderItems") { request, context in
            if let refusal = Self.refuse(request) { return refusal }
            guard let order = await sandbox.store.order(.amazon, id: context.parameters.get("orderId") ?? "") else {
                return Self.error(404, "NotFound", "Order not found")
            }
            let offset = SandboxHTTP.query(request, "NextToken").flatMap(SandboxHTTP.page(fromToken:))?.offset ?? 0
            let items = order.lines.dropFirst(offset).prefix(Self.itemsPerPage)
            var next =
                offset + Self.itemsPerPage < order.lines.count
                ? SandboxHTTP.pageToken(offset: offset + Self.itemsPerPage, size: Self.itemsPerPage, since: order.createdAt) : nil
            if let stuck = await sandbox.control.take(.amazon, path: request.uri.path, kinds: [.stuckNextToken]) {
                next = SandboxHTTP.pageToken(
                    offset: offset, size: Self.itemsPerPage, since: order.createdAt, nonce: stuck.freshToken == true ? UUID().uuidString : nil)
            }
            var payload = JSONValue.members([
                "AmazonOrderId": .string(order.id), "OrderItems": .array(items.map { Self.render($0, order: order, sandbox: sandbox) }),
            ])
            if let next { payload = payload.setting("NextToken", to: .string(next)) }
            return SandboxHTTP.json(.members(["payload": payload]))
        }
        group.post("orders/v0/orders/:orderId/shipmentConfirmation") { request, context in
            if let refusal = Self.refuse(request) { return refusal }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let detail = body["packageDetail"], let carrier = detail["carrierCode"]?.nonEmptyText,
                let tracking = detail["trackingNumber"]?.nonEmptyText, body["marketplaceId"]?.text == Self.marketplaceID
            else { return Self.error(400, "InvalidInput", "packageDetail with carrierCode and trackingNumber, and marketplaceId, are required") }
            var lines: [String: Int] = [:]
            for item in detail["orderItems"]?.arrayValue ?? [] {
                guard let id = item["orderItemId"]?.text, let quantity = item["quantity"]?.int else {
                    return Self.error(400, "InvalidInput", "orderItems need orderItemId and quantity")
                }
                lines[id, default: 0] += quantity
            }
            let result = await sandbox.store.ship(
                .amazon, orderID: context.parameters.get("orderId") ?? "", lines: lines, carrier: carrier, trackingNumber: tracking, at: Date())
            switch result {
            case .success: return SandboxHTTP.empty(status: 204)
            case .failure(let refusal): return Self.error(refusal.status, refusal.status == 404 ? "NotFound" : "InvalidInput", refusal.message)
            }
        }
        group.patch("listings/2021-08-01/items/:sellerId/:sku") { request, context in
            if let refusal = Self.refuse(request) { return refusal }
            let sku = context.parameters.get("sku") ?? ""
            guard context.parameters.get("sellerId") == credentials["seller_id"] else { return Self.error(403, "Unauthorized", "Access denied") }
            let body = try await SandboxHTTP.jsonBody(request)
            let patch = body["patches"]?.arrayValue?.first { $0["path"]?.text == "/attributes/fulfillment_availability" }
            guard let quantity = patch?["value"]?.arrayValue?.first?["quantity"]?.int, quantity >= 0 else {
                return Self.error(400, "InvalidInput", "A fulfillment_availability patch with a quantity is required")
            }
            let known = await sandbox.store.setQuantity(.amazon, sku: sku, to: quantity)
            return SandboxHTTP.json(
                .members([
                    "sku": .string(sku), "status": .string(known ? "ACCEPTED" : "INVALID"), "submissionId": .string(UUID().uuidString),
                    "issues": .array(
                        known
                            ? []
                            : [
                                .members([
                                    "code": .string("4000001"), "message": .string("SKU \(sku) is not listed by this seller."),
                                    "severity": .string("ERROR"),
                                ])
                            ]),
                ]))
        }
    }

    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let id = "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))"
        let notification = sandbox.templates.value("amazon-sp-api/notification.ORDER_CHANGE.schema-example.json")
            .setting("EventTime", to: .string(ISO8601.string(from: order.updatedAt)))
            .updating(["Payload", "OrderChangeNotification"]) { change in
                change.setting([
                    "SellerId": .string(SandboxCredentials.credentials(.amazon)["seller_id"] ?? ""), "AmazonOrderId": .string(order.id),
                    "OrderChangeType": .string("OrderStatusChange"),
                ])
                .updating(["Summary"]) { summary in
                    summary.setting([
                        "OrderStatus": .string(Self.status(order)), "PurchaseDate": .string(ISO8601.string(from: order.createdAt)),
                        "NumberOfItemsShipped": .number(order.shippedCount), "NumberOfItemsUnshipped": .number(order.itemCount - order.shippedCount),
                    ])
                    .removing(["OrderItems", "CancelNotifyDate"])
                }
                .removing(["OrderChangeTrigger"])
            }
            .updating(["NotificationMetadata", "NotificationId"]) { _ in .string(id) }
        return SandboxDelivery(
            id: id,
            headers: [
                ("Content-Type", "application/json"),
                (AmazonChannel.notificationKeyHeader, SandboxCredentials.credentials(.amazon)["notification_key"] ?? ""),
            ],
            body: notification.serialized())
    }

    static func status(_ order: SandboxOrder) -> String {
        switch order.status {
        case .open: order.shippedCount > 0 ? "PartiallyShipped" : "Unshipped"
        case .shipped: "Shipped"
        case .cancelled: "Canceled"
        }
    }

    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        sandbox.templates.value(Self.orders, "payload", "Orders", "0").setting([
            "AmazonOrderId": .string(order.id),
            "PurchaseDate": .string(ISO8601.string(from: order.createdAt)),
            "LastUpdateDate": .string(ISO8601.string(from: order.updatedAt)),
            "OrderStatus": .string(Self.status(order)),
            "OrderTotal": .members(["CurrencyCode": .string(order.currency), "Amount": .string(order.total.money)]),
            "NumberOfItemsShipped": .number(order.shippedCount),
            "NumberOfItemsUnshipped": .number(order.itemCount - order.shippedCount),
            "MarketplaceId": .string(Self.marketplaceID),
            "BuyerInfo": .members(["BuyerEmail": .string(order.buyerEmail), "BuyerName": .string(order.buyerName)]),
        ])
    }

    static func render(_ line: SandboxOrder.Line, order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.members(["CurrencyCode": .string(order.currency), "Amount": .string(amount.money)]) }
        let index = sandbox.store.catalog.items.firstIndex { $0.sku == line.sku } ?? 0
        return sandbox.templates.value("amazon-sp-api/orders-v0.getOrderItems.response.json", "payload", "OrderItems", "0")
            .removing([
                "PointsGranted", "CODFee", "CODFeeDiscount", "BuyerInfo", "BuyerRequestedCancel", "SerialNumbers", "ScheduledDeliveryEndDate",
                "ScheduledDeliveryStartDate", "PriceDesignation",
            ])
            .setting([
                "ASIN": .string(SandboxCatalog.identifiers(.amazon, index: index)["asin"] ?? ""),
                "OrderItemId": .string(line.lineID), "SellerSKU": .string(line.sku), "Title": .string(line.title),
                "QuantityOrdered": .number(line.quantity), "QuantityShipped": .number(line.shipped),
                "ItemPrice": money(line.unitPrice * Decimal(line.quantity)), "ShippingPrice": money(0),
            ])
    }

    /// A listing as searchListingsItems returns it with summaries, offers and fulfillment availability.
    static func render(_ product: SandboxProduct) -> JSONValue {
        let identifiers = SandboxCatalog.identifiers(.amazon, index: product.item.index)
        let changed = JSONValue.string(ISO8601.string(from: product.updatedAt))
        return .members([
            "sku": .string(product.item.sku),
            "summaries": .array([
                .members([
                    "marketplaceId": .string(Self.marketplaceID), "asin": .string(identifiers["asin"] ?? ""),
                    "productType": .string(identifiers["product_type"] ?? "PRODUCT"), "conditionType": .string("new_new"),
                    "status": .array([.string("BUYABLE"), .string("DISCOVERABLE")]), "itemName": .string(product.item.title),
                    "createdDate": changed, "lastUpdatedDate": changed,
                ])
            ]),
            "offers": .array([
                .members([
                    "marketplaceId": .string(Self.marketplaceID), "offerType": .string("B2C"),
                    "price": .members(["currencyCode": .string("USD"), "amount": .string(product.item.price.money)]),
                ])
            ]),
            "fulfillmentAvailability": .array([.members(["fulfillmentChannelCode": .string("DEFAULT"), "quantity": .number(product.quantity)])]),
        ])
    }

    /// The financial events posted in `[since, before)`, oldest first: a sale (`ShipmentEventList`) per order when placed,
    /// and a refund event per refund.
    static func financialEvents(since: Date, before: Date, sandbox: Sandbox) async -> [(posted: Date, refund: String?, event: JSONValue)] {
        let orders = await sandbox.store.allOrders(.amazon)
        let sales = orders.map { order in
            (
                posted: order.createdAt, refund: String?.none,
                event: JSONValue.members([
                    "AmazonOrderId": .string(order.id), "SellerOrderId": .string(order.number), "MarketplaceName": .string("Amazon.com"),
                    "PostedDate": .string(ISO8601.string(from: order.createdAt)),
                    "ShipmentItemList": .array(
                        order.lines.map { line in
                            .members([
                                "SellerSKU": .string(line.sku), "OrderItemId": .string(line.lineID), "QuantityShipped": .number(line.quantity),
                                "ItemChargeList": .array([
                                    .members([
                                        "ChargeType": .string("Principal"),
                                        "ChargeAmount": .members(["CurrencyCode": .string(order.currency), "CurrencyAmount": .number(line.total)]),
                                    ])
                                ]),
                            ])
                        }),
                ])
            )
        }
        let refunds = orders.flatMap { order in
            order.refunds.map { (posted: $0.createdAt, refund: Optional($0.id), event: Self.render($0, of: order, sandbox: sandbox)) }
        }
        return (sales + refunds).filter { $0.posted >= since && $0.posted < before }.sorted {
            ($0.posted, $0.refund ?? "") < ($1.posted, $1.refund ?? "")
        }
    }

    /// A refund event (Finances' `ShipmentEvent`, built from the published chargeback event of the same type): one item
    /// adjustment per refunded line, amounts negative JSON numbers.
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.members(["CurrencyCode": .string(order.currency), "CurrencyAmount": .number(-amount)]) }
        return sandbox.templates.value(
            "amazon-sp-api/finances-v0.listFinancialEventsByGroupId.response.json", "payload", "FinancialEvents", "ChargebackEventList", "0"
        )
        .removing(["OrderChargeList", "ShipmentFeeList", "OrderFeeList", "DirectPaymentList", "ShipmentItemList", "OrderFeeAdjustmentList"])
        .setting([
            "AmazonOrderId": .string(order.id), "SellerOrderId": .string(order.number), "MarketplaceName": .string("Amazon.com"),
            "PostedDate": .string(ISO8601.string(from: refund.createdAt)), "OrderChargeAdjustmentList": .array([]),
            "ShipmentFeeAdjustmentList": .array([]),
            "ShipmentItemAdjustmentList": .array(
                refund.lines.map { line in
                    .members([
                        "SellerSKU": .string(line.sku), "OrderAdjustmentItemId": .string("\(refund.id)\(line.lineID)"),
                        "QuantityShipped": .number(line.quantity),
                        "ItemChargeAdjustmentList": .array([.members(["ChargeType": .string("Principal"), "ChargeAmount": money(line.amount)])]),
                    ])
                }),
        ])
    }

    /// 403 in SP-API's words unless the call carries the access token the sandbox issued.
    static func refuse(_ request: Request) -> Response? {
        SandboxHTTP.header(request, "x-amz-access-token") == Self.accessToken
            ? nil : Self.error(403, "Unauthorized", "Access to requested resource is denied.")
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> Response {
        SandboxHTTP.json(
            .members(["errors": .array([.members(["code": .string(code), "message": .string(message), "details": .string("")])])]), status: status)
    }
}
