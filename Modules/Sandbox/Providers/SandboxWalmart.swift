import Channels
import Foundation
import Hummingbird
import Kernel

/// Walmart Marketplace v3 as the sandbox plays it: client-credentials tokens, GET /v3/orders paged by `nextCursor`
/// (and answering 404 when nothing matches, as Walmart does), inventory per SKU, ship-order-lines, and PO_CREATED /
/// PO_LINE_AUTOCANCELLED notifications signed with HMAC-SHA256 of the body under the client secret.
enum SandboxWalmart: SandboxChannel {
    static let provider = Provider.walmart
    static let shipNode = 721_407
    static let partnerID = "10001234567"
    static let accessToken = "eyJraWQiOiJzYW5kYm94In0.sandbox-walmart-access-token"
    static let orders = "walmart/orders-v3.getAllReleasedOrders.response.json"

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        (String(1_796_277_083_000 + sequence * 7), String(5_681_962_000_000 + sequence * 13))
    }

    /// Walmart numbers lines within each order: `lineNumber` 1, 2, 3…
    static func lineID(sequence: Int, position: Int) -> String {
        String(position + 1)
    }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        let credentials = SandboxCredentials.credentials(.walmart)
        group.post("v3/token") { request, _ in
            guard let client = SandboxHTTP.basicCredentials(request), client.id == credentials["client_id"],
                client.secret == credentials["client_secret"]
            else { return Self.unauthorized }
            guard try await SandboxHTTP.form(request)["grant_type"] == "client_credentials" else {
                return Self.error(400, "INVALID_REQUEST_CONTENT.GMP_GATEWAY_API", "grant_type must be client_credentials")
            }
            return SandboxHTTP.json(
                .members(["access_token": .string(Self.accessToken), "token_type": .string("Bearer"), "expires_in": .number(900)]))
        }
        group.get("v3/orders") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let limit = SandboxHTTP.int(request, "limit", default: 100, in: 1...200)
            let offset = SandboxHTTP.int(request, "poIndex", default: 0, in: 0...Int.max)
            let sinceText = SandboxHTTP.query(request, "lastModifiedStartDate")
            var since = Date.distantPast
            if let sinceText {
                guard let stamp = ISO8601.date(from: sinceText) else {
                    return Self.error(400, "INVALID_REQUEST_PARAM.GMP_ORDER_API", "lastModifiedStartDate is not an ISO 8601 date")
                }
                since = stamp
            }
            let orders = await sandbox.store.orders(.walmart, updatedSince: since)
            let page = orders.dropFirst(offset).prefix(limit)
            guard !page.isEmpty else { return Self.error(404, "CONTENT_NOT_FOUND.GMP_ORDER_API", "No order found") }
            var meta = JSONValue.members(["totalCount": .number(orders.count), "limit": .number(limit)])
            if offset + limit < orders.count {
                let cursor = [
                    ("limit", "\(limit)"), ("hasMoreElements", "true"), ("soIndex", "\(orders.count)"), ("poIndex", "\(offset + limit)"),
                ]
                meta = meta.setting(
                    "nextCursor", to: .string("?" + URLQuery.encode(cursor + (sinceText.map { [("lastModifiedStartDate", $0)] } ?? []))))
            }
            return SandboxHTTP.json(
                .members([
                    "list": .members(["meta": meta, "elements": .members(["order": .array(page.map { Self.render($0, sandbox: sandbox) })])])
                ]))
        }
        group.get("v3/items") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let limit = SandboxHTTP.int(request, "limit", default: 20, in: 1...200)
            let cursor = SandboxHTTP.query(request, "nextCursor") ?? "*"
            guard let offset = cursor == "*" ? 0 : Int(cursor.dropFirst("AoE".count)), offset >= 0 else {
                return Self.error(400, "INVALID_REQUEST_PARAM.GMP_ITEM_QUERY_API", "nextCursor is invalid")
            }
            let products = await sandbox.store.products(.walmart, updatedSince: .distantPast)
            let page = products.dropFirst(offset).prefix(limit)
            var answer = JSONValue.members(["ItemResponse": .array(page.map(Self.render(_:))), "totalItems": .number(products.count)])
            if offset + limit < products.count { answer = answer.setting("nextCursor", to: .string("AoE\(offset + limit)")) }
            return SandboxHTTP.json(answer)
        }
        group.get("v3/returns") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let limit = SandboxHTTP.int(request, "limit", default: 10, in: 1...200)
            let offset = SandboxHTTP.int(request, "offset", default: 0, in: 0...Int.max)
            let sinceText = SandboxHTTP.query(request, "returnCreationStartDate")
            var since = Date.distantPast
            if let sinceText {
                guard let stamp = ISO8601.date(from: sinceText) else {
                    return Self.error(400, "INVALID_REQUEST_PARAM.GMP_RETURNS_API", "returnCreationStartDate is not an ISO 8601 date")
                }
                since = stamp
            }
            let refunds = await sandbox.store.refunds(.walmart, since: since)
            let page = refunds.dropFirst(offset).prefix(limit)
            var meta = JSONValue.members(["totalCount": .number(refunds.count), "limit": .number(limit)])
            if offset + limit < refunds.count {
                let cursor = [("limit", "\(limit)"), ("offset", "\(offset + limit)")] + (sinceText.map { [("returnCreationStartDate", $0)] } ?? [])
                meta = meta.setting("nextCursor", to: .string("?" + URLQuery.encode(cursor)))
            }
            return SandboxHTTP.json(.members(["meta": meta, "returnOrders": .array(page.map { Self.render($0.refund, of: $0.order) })]))
        }
        group.put("v3/inventory") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            guard let sku = SandboxHTTP.query(request, "sku"), !sku.isEmpty else {
                return Self.error(400, "INVALID_REQUEST_PARAM.GMP_INVENTORY_API", "sku is required")
            }
            if let node = SandboxHTTP.query(request, "shipNode"), node != String(Self.shipNode) {
                return Self.error(400, "INVALID_REQUEST_PARAM.GMP_INVENTORY_API", "shipNode \(node) is not one of this seller's ship nodes")
            }
            let body = try await SandboxHTTP.jsonBody(request)
            guard (body["sku"]?.text ?? sku) == sku, let amount = body["quantity", "amount"]?.int, amount >= 0 else {
                return Self.error(400, "INVALID_REQUEST_CONTENT.GMP_INVENTORY_API", "the body needs this sku and a quantity amount of 0 or more")
            }
            guard await sandbox.store.setQuantity(.walmart, sku: sku, to: amount) else {
                return Self.error(404, "CONTENT_NOT_FOUND.GMP_INVENTORY_API", "Item \(sku) not found")
            }
            return SandboxHTTP.json(.members(["sku": .string(sku), "quantity": .members(["unit": .string("EACH"), "amount": .number(amount)])]))
        }
        group.post("v3/orders/:purchaseOrderId/shipping") { request, context in
            if let refusal = Self.refuse(request) { return refusal }
            let orderID = context.parameters.get("purchaseOrderId") ?? ""
            let body = try await SandboxHTTP.jsonBody(request)
            var quantities: [String: Int] = [:]
            var tracking: JSONValue?
            for line in body["orderShipment", "orderLines", "orderLine"]?.arrayValue ?? [] {
                guard let number = line["lineNumber"]?.text, let statuses = line["orderLineStatuses", "orderLineStatus"]?.arrayValue,
                    !statuses.isEmpty
                else { return Self.invalidShipment }
                for status in statuses {
                    guard status["status"]?.text == "Shipped", let amount = status["statusQuantity", "amount"]?.int,
                        let info = status["trackingInfo"], info["trackingNumber"]?.nonEmptyText != nil
                    else { return Self.invalidShipment }
                    quantities[number, default: 0] += amount
                    tracking = tracking ?? info
                }
            }
            guard let tracking, let number = tracking["trackingNumber"]?.nonEmptyText else { return Self.invalidShipment }
            let carrier = tracking["carrierName", "carrier"]?.nonEmptyText ?? tracking["carrierName", "otherCarrier"]?.nonEmptyText ?? "Other"
            switch await sandbox.store.ship(.walmart, orderID: orderID, lines: quantities, carrier: carrier, trackingNumber: number, at: Date()) {
            case .failure(let refusal):
                return Self.error(
                    refusal.status, refusal.status == 404 ? "CONTENT_NOT_FOUND.GMP_ORDER_API" : "INVALID_REQUEST_CONTENT.GMP_ORDER_API",
                    refusal.message)
            case .success:
                guard let shipped = await sandbox.store.order(.walmart, id: orderID) else {
                    return Self.error(404, "CONTENT_NOT_FOUND.GMP_ORDER_API", "Order \(orderID) not found")
                }
                return SandboxHTTP.json(.members(["order": Self.render(shipped, sandbox: sandbox)]))
            }
        }
    }

    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let id = "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))"
        let lines = order.lines.map { line in
            JSONValue.members([
                "lineNumber": .string(line.lineID), "sku": .string(line.sku), "productName": .string(line.title),
                "quantity": .members(["unitOfMeasure": .string("EACH"), "measurementValue": .string("\(line.quantity)")]),
                "status": .string(order.status == .cancelled ? "CANCELLED" : line.shipped == line.quantity ? "SHIPPED" : "CREATED"),
                "statusDate": .string(ISO8601.string(from: order.updatedAt)), "shippingMethod": .string("Standard"),
                "shipNodeType": .string("SellerFulfilled"),
            ])
        }
        let body = JSONValue.members([
            "source": .members([
                "eventType": .string(order.status == .cancelled ? "PO_LINE_AUTOCANCELLED" : "PO_CREATED"),
                "eventTime": .string(ISO8601.string(from: order.updatedAt)), "eventId": .string(id),
            ]),
            "payload": .members([
                "partnerId": .string(Self.partnerID), "purchaseOrderId": .string(order.id), "customerOrderId": .string(order.number),
                "orderDate": .string(ISO8601.string(from: order.createdAt)),
                "estimatedDeliveryDate": .string(ISO8601.string(from: Self.estimatedDelivery(order))),
                "estimatedShipDate": .string(ISO8601.string(from: Self.estimatedShip(order))), "orderLines": .array(lines),
            ]),
        ]).serialized()
        let credentials = SandboxCredentials.credentials(.walmart)
        let signature = MessageAuthentication.sign(body, key: Array((credentials["client_secret"] ?? "").utf8), encoding: .base64)
        return SandboxDelivery(
            id: id, headers: [("Content-Type", "application/json"), (credentials["webhook_auth_header"] ?? "", signature)], body: body)
    }

    static func estimatedShip(_ order: SandboxOrder) -> Date { order.createdAt.addingTimeInterval(2 * 86_400) }
    static func estimatedDelivery(_ order: SandboxOrder) -> Date { order.createdAt.addingTimeInterval(5 * 86_400) }

    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.members(["currency": .string(order.currency), "amount": .number(amount.rounded(2))]) }
        let quantity = { (amount: Int) in JSONValue.members(["unitOfMeasurement": .string("EACH"), "amount": .string("\(amount)")]) }
        let changed = Timestamps.epochMilliseconds(order.updatedAt)
        let template = sandbox.templates.value(Self.orders, "list", "elements", "order", "1")
        let lineTemplate = template["orderLines", "orderLine"]?.arrayValue?.first ?? .object([])
        let amounts = order.lines.map { ($0.unitPrice * Decimal($0.quantity)).rounded(2) }
        let shares = amounts.dropLast().map { order.subtotal == 0 ? 0 : (order.tax * $0 / order.subtotal).rounded(2) }
        let taxes = shares + [order.tax - shares.reduce(0, +)]
        let lines = order.lines.indices.map { position in
            let line = order.lines[position]
            var charges = [
                JSONValue.members([
                    "chargeType": .string("PRODUCT"), "chargeName": .string("ItemPrice"), "chargeAmount": money(amounts[position]),
                    "tax": .members(["taxName": .string("Tax1"), "taxAmount": money(taxes[position])]),
                ])
            ]
            if position == 0, order.shippingCost > 0 {
                charges.append(
                    .members(["chargeType": .string("SHIPPING"), "chargeName": .string("Shipping"), "chargeAmount": money(order.shippingCost)]))
            }
            var statuses = order.shipments.compactMap { shipment -> JSONValue? in
                guard let shipped = shipment.lines[line.lineID], shipped > 0 else { return nil }
                return .members([
                    "status": .string("Shipped"), "statusQuantity": quantity(shipped),
                    "trackingInfo": .members([
                        "shipDateTime": changed, "carrierName": .members(["carrier": .string(shipment.carrier)]), "methodCode": .string("Standard"),
                        "trackingNumber": .string(shipment.trackingNumber),
                    ]),
                ])
            }
            if line.shipped < line.quantity {
                statuses.append(
                    .members([
                        "status": .string(order.status == .cancelled ? "Cancelled" : "Created"),
                        "statusQuantity": quantity(line.quantity - line.shipped),
                    ]))
            }
            return lineTemplate.setting([
                "lineNumber": .string(line.lineID), "item": .members(["productName": .string(line.title), "sku": .string(line.sku)]),
                "charges": .members(["charge": .array(charges)]), "orderLineQuantity": quantity(line.quantity), "statusDate": changed,
                "orderLineStatuses": .members(["orderLineStatus": .array(statuses)]),
            ])
        }
        return template.setting([
            "purchaseOrderId": .string(order.id), "customerOrderId": .string(order.number), "customerEmailId": .string(order.buyerEmail),
            "orderType": .string("REGULAR"), "orderDate": Timestamps.epochMilliseconds(order.createdAt),
            "shippingInfo": (template["shippingInfo"] ?? .object([])).setting([
                "estimatedDeliveryDate": Timestamps.epochMilliseconds(Self.estimatedDelivery(order)),
                "estimatedShipDate": Timestamps.epochMilliseconds(Self.estimatedShip(order)), "methodCode": .string("Standard"),
                "postalAddress": (template["shippingInfo", "postalAddress"] ?? .object([])).setting("name", to: .string(order.buyerName)),
            ]),
            "orderLines": .members(["orderLine": .array(lines)]),
        ])
    }

    static func render(_ product: SandboxProduct) -> JSONValue {
        .members([
            "mart": .string("WALMART_US"), "sku": .string(product.item.sku), "wpid": .string("5SANDBOX\(product.item.index)"),
            "upc": .string(String(product.item.barcode.suffix(12))), "gtin": .string(product.item.barcode),
            "productName": .string(product.item.title), "shelf": .string("[\"Home Page\"]"), "productType": .string("Clothing"),
            "price": .members(["currency": .string("USD"), "amount": .number(product.item.price)]),
            "publishedStatus": .string("PUBLISHED"), "lifecycleStatus": .string("ACTIVE"),
        ])
    }

    /// A return with its refund (Returns API), one return line per refunded unit line.
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.members(["currencyAmount": .number(amount), "currencyUnit": .string(order.currency)]) }
        let date = JSONValue.string(ISO8601.string(from: refund.createdAt))
        return .members([
            "returnOrderId": .string(refund.id), "customerEmailId": .string(order.buyerEmail),
            "customerName": .members(["firstName": .string(order.buyerName), "lastName": .string("")]),
            "customerOrderId": .string(order.number), "returnOrderDate": date, "returnByDate": date, "refundMode": .string("ONLINE"),
            "totalRefundAmount": money(refund.amount),
            "returnOrderLines": .array(
                refund.lines.enumerated().map { position, line in
                    .members([
                        "returnOrderLineNumber": .number(position + 1), "salesOrderLineNumber": .number(line.lineID),
                        "purchaseOrderLineNumber": .number(line.lineID),
                        "returnReason": .string(refund.reason), "purchaseOrderId": .string(order.id),
                        "item": .members([
                            "sku": .string(line.sku), "productName": .string(order.lines.first { $0.lineID == line.lineID }?.title ?? ""),
                        ]),
                        "charges": .array([
                            .members([
                                "chargeCategory": .string("PRODUCT"), "chargeName": .string("ItemPrice"), "chargePerUnit": money(line.unitPrice),
                                "isDiscount": .bool(false), "isBillable": .bool(true),
                                "tax": .array([
                                    .members([
                                        "taxName": .string("Tax1"), "excessTax": money(0),
                                        "taxPerUnit": money(line.tax / Decimal(line.quantity)),
                                    ])
                                ]),
                            ])
                        ]),
                        "unitPrice": money(line.unitPrice),
                        "quantity": .members(["unitOfMeasure": .string("EACH"), "measurementValue": .number(line.quantity)]),
                        "currentRefundStatus": .string("REFUND_COMPLETED"), "currentRefundStatusDate": date, "refundedQty": .number(line.quantity),
                    ])
                }),
        ])
    }

    /// 401 in Walmart's words unless the call carries the token the sandbox issued and names the service.
    static func refuse(_ request: Request) -> Response? {
        SandboxHTTP.header(request, "WM_SEC.ACCESS_TOKEN") == Self.accessToken && SandboxHTTP.header(request, "WM_SVC.NAME") != nil
            ? nil : Self.unauthorized
    }

    static var unauthorized: Response {
        Self.error(401, "UNAUTHORIZED.GMP_GATEWAY_API", "Unauthorized token or incorrect authorization header.")
    }

    static var invalidShipment: Response {
        Self.error(
            400, "INVALID_REQUEST_CONTENT.GMP_ORDER_API",
            "orderShipment.orderLines.orderLine needs lineNumber and Shipped statuses with statusQuantity and trackingInfo.trackingNumber")
    }

    static func error(_ status: Int, _ code: String, _ description: String) -> Response {
        SandboxHTTP.json(
            .members([
                "errors": .members([
                    "error": .array([
                        .members([
                            "code": .string(code), "description": .string(description), "severity": .string("ERROR"),
                            "category": .string("DATA"), "causes": .array([]), "errorIdentifiers": .object([]),
                        ])
                    ])
                ])
            ]), status: status)
    }
}
