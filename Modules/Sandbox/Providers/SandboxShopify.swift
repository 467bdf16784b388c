import Channels
import Foundation
import Hummingbird
import Kernel

/// Shopify's REST Admin API 2026-07 as the sandbox plays it: orders paged by `Link` / `page_info`, fulfillment orders
/// and fulfillments, `inventory_levels/set`, and `orders/*` webhooks signed with the app's client secret.
enum SandboxShopify: SandboxChannel {
    static let provider = Provider.shopify
    static let locationID = 655_441_491
    static let shopDomain = "switchyard-sandbox.myshopify.com"
    static let order = "shopify/order.rest-2026-07.get.response.json"

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        (String(450_789_469 + sequence * 1000), "#\(1000 + sequence)")
    }

    static func lineID(sequence: Int, position: Int) -> String {
        String(466_157_049 + sequence * 10 + position)
    }

    /// The fulfillment order of order `sequence` and the ids of its lines.
    static func fulfillmentOrderID(_ order: SandboxOrder) -> String { String(1_046_000_811 + order.sequence) }
    static func fulfillmentLineID(_ lineID: String) -> String { String((Int(lineID) ?? 0) + 606_346_267) }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        let credentials = SandboxCredentials.credentials(.shopify)
        SandboxConsent.add(
            SandboxConsent.Page(
                provider: .shopify, path: "admin/oauth/authorize", client: ("client_id", credentials["client_id"] ?? ""),
                redirectParameter: "redirect_uri", redirectName: nil,
                answer: { code, state in
                    var parameters = [
                        "code": code, "host": Data("admin.shopify.com/store/switchyard-sandbox".utf8).base64EncodedString(),
                        "shop": Self.shopDomain, "state": state, "timestamp": String(Int(Date().timeIntervalSince1970)),
                    ]
                    parameters["hmac"] = MessageAuthentication.sign(
                        ShopifyChannel.callbackMessage(parameters), key: Array((credentials["client_secret"] ?? "").utf8), encoding: .hex)
                    return parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                }), to: group, sandbox: sandbox)
        group.post("admin/oauth/access_token") { request, _ in
            let body = try await SandboxHTTP.jsonBody(request)
            guard body["client_id"]?.text == credentials["client_id"], body["client_secret"]?.text == credentials["client_secret"] else {
                return SandboxHTTP.json(.members(["error": .string("invalid_client")]), status: 400)
            }
            guard await sandbox.authorizations.redeem(body["code"]?.text ?? "", for: .shopify) else {
                return SandboxHTTP.json(
                    .members([
                        "error": .string("invalid_request"), "error_description": .string("The authorization code was not found or was already used"),
                    ]),
                    status: 400)
            }
            return SandboxHTTP.json(
                .members(["access_token": .string(credentials["access_token"] ?? ""), "scope": .string("read_orders,write_orders,write_inventory")]))
        }
        let api = group.group("admin/api/\(ShopifyChannel.apiVersion)")
        api.get("orders.json") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            return await Self.linkPaged(request, "orders", { await sandbox.store.orders(.shopify, updatedSince: $0) }) {
                Self.render($0, sandbox: sandbox)
            }
        }
        api.get("products.json") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            return await Self.linkPaged(request, "products", { await sandbox.store.products(.shopify, updatedSince: $0) }, Self.render(_:))
        }
        api.get("orders/:id/fulfillment_orders.json") { request, context in
            if let refusal = Self.refuse(request) { return refusal }
            guard let order = await sandbox.store.order(.shopify, id: context.parameters.get("id") ?? "") else { return Self.notFound }
            let lines = order.lines.map { line in
                JSONValue.members([
                    "id": .number(Self.fulfillmentLineID(line.lineID)), "fulfillment_order_id": .number(Self.fulfillmentOrderID(order)),
                    "line_item_id": .number(line.lineID), "quantity": .number(line.quantity),
                    "fulfillable_quantity": .number(line.quantity - line.shipped),
                ])
            }
            let status = order.status == .open ? (order.shippedCount > 0 ? "in_progress" : "open") : "closed"
            return SandboxHTTP.json(
                .members([
                    "fulfillment_orders": .array([
                        .members([
                            "id": .number(Self.fulfillmentOrderID(order)), "order_id": .number(order.id), "status": .string(status),
                            "assigned_location_id": .number(Self.locationID), "line_items": .array(lines),
                        ])
                    ])
                ]))
        }
        api.post("fulfillments.json") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let fulfillment = body["fulfillment"], let groups = fulfillment["line_items_by_fulfillment_order"]?.arrayValue, groups.count == 1,
                let group = groups.first, let fulfillmentOrderID = group["fulfillment_order_id"]?.text
            else { return Self.invalid("line_items_by_fulfillment_order must name one fulfillment order") }
            let orders = await sandbox.store.allOrders(.shopify)
            guard let order = orders.first(where: { Self.fulfillmentOrderID($0) == fulfillmentOrderID }) else { return Self.notFound }
            var lines: [String: Int] = [:]
            for item in group["fulfillment_order_line_items"]?.arrayValue ?? [] {
                guard let id = item["id"]?.text, let line = order.lines.first(where: { Self.fulfillmentLineID($0.lineID) == id }),
                    let quantity = item["quantity"]?.int
                else { return Self.invalid("unknown fulfillment order line item") }
                lines[line.lineID, default: 0] += quantity
            }
            let tracking = fulfillment["tracking_info"]
            let company = tracking?["company"]?.nonEmptyText ?? "Other"
            let number = tracking?["number"]?.nonEmptyText ?? ""
            switch await sandbox.store.ship(.shopify, orderID: order.id, lines: lines, carrier: company, trackingNumber: number, at: Date()) {
            case .failure(let refusal): return Self.invalid(refusal.message)
            case .success(let shipment):
                let shipped = await sandbox.store.order(.shopify, id: order.id) ?? order
                return SandboxHTTP.json(.members(["fulfillment": Self.render(shipment, of: shipped, sandbox: sandbox)]), status: 201)
            }
        }
        api.post("inventory_levels/set.json") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let itemID = body["inventory_item_id"]?.text, body["location_id"]?.text == String(Self.locationID),
                let available = body["available"]?.int
            else { return Self.invalid("inventory_item_id, location_id and available are required") }
            guard
                let item = sandbox.store.catalog.items.first(where: {
                    SandboxCatalog.identifiers(.shopify, index: $0.index)["inventory_item_id"] == itemID
                }),
                await sandbox.store.setQuantity(.shopify, sku: item.sku, to: available)
            else { return Self.notFound }
            let level = sandbox.templates.value("shopify/inventory_level.rest-2026-07.set.response.json", "inventory_level").setting([
                "inventory_item_id": .number(itemID), "location_id": .number(Self.locationID), "available": .number(available),
                "updated_at": .string(ISO8601.string(from: Date())),
                "admin_graphql_api_id": .string("gid://shopify/InventoryLevel/\(Self.locationID)?inventory_item_id=\(itemID)"),
            ])
            return SandboxHTTP.json(.members(["inventory_level": level]))
        }
    }

    /// A list changed since `updated_at_min`, paged by the `Link` header's `page_info` as Shopify pages.
    static func linkPaged<Item>(
        _ request: Request, _ name: String, _ items: (Date) async -> [Item], _ render: (Item) -> JSONValue
    ) async -> Response {
        let since = SandboxHTTP.query(request, "updated_at_min").flatMap(ISO8601.date(from:)) ?? .distantPast
        guard
            let window = SandboxHTTP.window(
                request, tokenName: "page_info", since: since, size: SandboxHTTP.int(request, "limit", default: 50, in: 1...250))
        else { return SandboxHTTP.json(.members(["errors": .string("Invalid page_info")]), status: 400) }
        let all = await items(window.since)
        var headers: [(name: String, value: String)] = [("X-Shopify-Shop-Api-Call-Limit", "1/40")]
        if let token = SandboxHTTP.nextToken(after: window, total: all.count) {
            let root = "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.path)"
            headers.append(("Link", "<\(root)?limit=\(window.size)&page_info=\(URLQuery.escape(token))>; rel=\"next\""))
        }
        return SandboxHTTP.json(.members([name: .array(all.dropFirst(window.offset).prefix(window.size).map(render))]), headers: headers)
    }

    static func render(_ product: SandboxProduct) -> JSONValue {
        let identifiers = SandboxCatalog.identifiers(.shopify, index: product.item.index)
        let id = 632_910_392 + product.item.index
        let changed = JSONValue.string(ISO8601.string(from: product.updatedAt))
        return .members([
            "id": .number(id), "title": .string(product.item.title), "body_html": .string(""), "vendor": .string("Switchyard Sandbox"),
            "product_type": .string(""), "created_at": changed, "handle": .string(product.item.sku.lowercased()), "updated_at": changed,
            "published_at": changed, "status": .string("active"), "tags": .string(""),
            "admin_graphql_api_id": .string("gid://shopify/Product/\(id)"),
            "variants": .array([
                .members([
                    "id": .number(identifiers["variant_id"] ?? "0"), "product_id": .number(id), "title": .string("Default Title"),
                    "price": .string(product.item.price.money), "sku": .string(product.item.sku), "position": .number(1),
                    "inventory_policy": .string("deny"), "barcode": .string(product.item.barcode), "created_at": changed, "updated_at": changed,
                    "inventory_item_id": .number(identifiers["inventory_item_id"] ?? "0"), "inventory_quantity": .number(product.quantity),
                    "admin_graphql_api_id": .string("gid://shopify/ProductVariant/\(identifiers["variant_id"] ?? "0")"),
                ])
            ]),
        ])
    }

    /// A refund as the order carries it (the published refund resource, one refund line per refunded line).
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let template = sandbox.templates.value("shopify/refund.rest-2026-07.create.response.json", "refund")
        let lineTemplate = template["refund_line_items"]?.arrayValue?.first ?? .object([])
        let moneySet = { (amount: Decimal) in
            let bag = JSONValue.members(["amount": .string(amount.money), "currency_code": .string(order.currency)])
            return JSONValue.members(["shop_money": bag, "presentment_money": bag])
        }
        let created = JSONValue.string(ISO8601.string(from: refund.createdAt))
        return template.setting([
            "id": .number(refund.id), "order_id": .number(order.id), "created_at": created, "processed_at": created, "note": .string(refund.reason),
            "admin_graphql_api_id": .string("gid://shopify/Refund/\(refund.id)"),
            "refund_line_items": .array(
                refund.lines.enumerated().map { position, line in
                    lineTemplate.removing(["line_item"]).setting([
                        "id": .number("\(refund.id)\(position)"), "line_item_id": .number(line.lineID), "quantity": .number(line.quantity),
                        "subtotal": .number(line.subtotal), "total_tax": .number(line.tax), "subtotal_set": moneySet(line.subtotal),
                        "total_tax_set": moneySet(line.tax),
                    ])
                }),
            "transactions": .array([
                .members([
                    "id": .number("\(refund.id)1"), "order_id": .number(order.id), "kind": .string("refund"), "status": .string("success"),
                    "amount": .string(refund.amount.money), "currency": .string(order.currency), "created_at": created,
                ])
            ]),
        ])
    }

    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let body = Self.render(order, sandbox: sandbox).serialized()
        let secret = SandboxCredentials.credentials(.shopify)["client_secret"] ?? ""
        let id = "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))"
        return SandboxDelivery(
            id: id,
            headers: [
                ("Content-Type", "application/json"), ("X-Shopify-Topic", order.createdAt == order.updatedAt ? "orders/create" : "orders/updated"),
                ("X-Shopify-Hmac-Sha256", MessageAuthentication.sign(body, key: Array(secret.utf8), encoding: .base64)),
                ("X-Shopify-Shop-Domain", Self.shopDomain), ("X-Shopify-API-Version", ShopifyChannel.apiVersion),
                ("X-Shopify-Webhook-Id", id), ("X-Shopify-Triggered-At", ISO8601.string(from: now)),
            ],
            body: body)
    }

    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let moneySet = { (amount: Decimal) in
            let bag = JSONValue.members(["amount": .string(amount.money), "currency_code": .string(order.currency)])
            return JSONValue.members(["shop_money": bag, "presentment_money": bag])
        }
        let names = order.buyerName.split(separator: " ").map(String.init)
        let template = sandbox.templates.value(Self.order, "order")
        let lineTemplate = template["line_items"]?.arrayValue?.first ?? .object([])
        let lines = order.lines.map { line in
            let index = sandbox.store.catalog.items.firstIndex { $0.sku == line.sku } ?? 0
            let identifiers = SandboxCatalog.identifiers(.shopify, index: index)
            return lineTemplate.setting([
                "id": .number(line.lineID), "admin_graphql_api_id": .string("gid://shopify/LineItem/\(line.lineID)"),
                "current_quantity": .number(line.quantity), "fulfillable_quantity": .number(line.quantity - line.shipped),
                "fulfillment_status": line.shipped == line.quantity ? .string("fulfilled") : .null, "name": .string(line.title),
                "price": .string(line.unitPrice.money), "price_set": moneySet(line.unitPrice), "product_id": .number(632_910_392 + index),
                "properties": .array([]), "quantity": .number(line.quantity), "sku": .string(line.sku), "title": .string(line.title),
                "variant_id": .number(identifiers["variant_id"] ?? "0"), "variant_title": .null, "tax_lines": .array([]),
                "discount_allocations": .array([]), "total_discount": .string("0.00"), "total_discount_set": moneySet(0),
            ])
        }
        let fulfillmentStatus: JSONValue =
            order.shippedCount == 0 ? .null : order.shippedCount == order.itemCount ? .string("fulfilled") : .string("partial")
        return template.setting([
            "id": .number(order.id), "admin_graphql_api_id": .string("gid://shopify/Order/\(order.id)"),
            "name": .string(order.number), "number": .number(order.sequence), "order_number": .number(1000 + order.sequence),
            "email": .string(order.buyerEmail), "contact_email": .string(order.buyerEmail),
            "created_at": .string(ISO8601.string(from: order.createdAt)), "processed_at": .string(ISO8601.string(from: order.createdAt)),
            "updated_at": .string(ISO8601.string(from: order.updatedAt)),
            "cancelled_at": order.status == .cancelled ? .string(ISO8601.string(from: order.updatedAt)) : .null,
            "cancel_reason": .null, "closed_at": .null, "currency": .string(order.currency), "presentment_currency": .string(order.currency),
            "financial_status": .string("paid"), "fulfillment_status": fulfillmentStatus, "taxes_included": .bool(false),
            "subtotal_price": .string(order.subtotal.money), "subtotal_price_set": moneySet(order.subtotal),
            "current_subtotal_price": .string(order.subtotal.money), "current_subtotal_price_set": moneySet(order.subtotal),
            "total_line_items_price": .string(order.subtotal.money), "total_line_items_price_set": moneySet(order.subtotal),
            "total_tax": .string(order.tax.money), "total_tax_set": moneySet(order.tax),
            "current_total_tax": .string(order.tax.money), "current_total_tax_set": moneySet(order.tax),
            "total_price": .string(order.total.money), "total_price_set": moneySet(order.total),
            "current_total_price": .string(order.total.money), "current_total_price_set": moneySet(order.total),
            "total_discounts": .string("0.00"), "total_discounts_set": moneySet(0), "current_total_discounts": .string("0.00"),
            "current_total_discounts_set": moneySet(0), "total_shipping_price_set": moneySet(order.shippingCost),
            "total_outstanding": .string("0.00"), "discount_codes": .array([]), "discount_applications": .array([]), "tax_lines": .array([]),
            "line_items": .array(lines),
            "fulfillments": .array(order.shipments.map { Self.render($0, of: order, sandbox: sandbox) }),
            "refunds": .array(order.refunds.map { Self.render($0, of: order, sandbox: sandbox) }),
            "customer": (template["customer"] ?? .object([])).setting([
                "email": .string(order.buyerEmail), "first_name": .string(names.first ?? ""),
                "last_name": .string(names.dropFirst().joined(separator: " ")),
            ]),
            "shipping_address": (template["shipping_address"] ?? .object([])).setting([
                "name": .string(order.buyerName), "first_name": .string(names.first ?? ""),
                "last_name": .string(names.dropFirst().joined(separator: " ")),
            ]),
            "shipping_lines": .array([
                .members([
                    "code": .string("Standard"), "price": .string(order.shippingCost.money), "price_set": moneySet(order.shippingCost),
                    "title": .string("Standard Shipping"), "source": .string("shopify"),
                ])
            ]),
        ])
    }

    static func render(_ shipment: SandboxOrder.Shipment, of order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let position = (order.shipments.firstIndex(of: shipment) ?? 0) + 1
        return sandbox.templates.value("shopify/fulfillment.rest-2026-07.create.response.json", "fulfillment")
            .removing(["line_items"])
            .setting([
                "id": .number(shipment.id), "order_id": .number(order.id), "status": .string("success"),
                "created_at": .string(ISO8601.string(from: order.updatedAt)), "updated_at": .string(ISO8601.string(from: order.updatedAt)),
                "tracking_company": .string(shipment.carrier), "tracking_number": .string(shipment.trackingNumber),
                "tracking_numbers": .array([.string(shipment.trackingNumber)]), "location_id": .number(Self.locationID),
                "name": .string("\(order.number).\(position)"),
            ])
    }

    static func refuse(_ request: Request) -> Response? {
        SandboxHTTP.header(request, "X-Shopify-Access-Token") == SandboxCredentials.credentials(.shopify)["access_token"]
            ? nil
            : SandboxHTTP.json(
                .members(["errors": .string("[API] Invalid API key or access token (unrecognized login or wrong password)")]), status: 401)
    }

    static var notFound: Response { SandboxHTTP.json(.members(["errors": .string("Not Found")]), status: 404) }

    static func invalid(_ message: String) -> Response {
        SandboxHTTP.json(.members(["errors": .array([.string(message)])]), status: 422)
    }
}
