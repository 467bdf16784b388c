import Channels
import Crypto
import Foundation
import Hummingbird
import Kernel

/// BigCommerce as the sandbox plays it, under `/stores/{store_hash}` with an `X-Auth-Token`: v2 orders paged by number
/// (an empty page answers 204) with their products and shipping address, v2 shipments, v3 absolute inventory adjustments
/// (all or nothing), and light `store/order/*` webhooks signed the Standard Webhooks way with the app's client secret.
enum SandboxBigCommerce: SandboxChannel {
    static let provider = Provider.bigcommerce
    static let order = "bigcommerce/orders-v2.getOrder.response.json"
    static let products = "bigcommerce/orders-v2.getOrderProducts.response.json"
    static let apiRoot = "https://api.bigcommerce.com"

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        let id = String(100 + sequence)
        return (id, id)
    }

    static func lineID(sequence: Int, position: Int) -> String {
        String(200 + sequence * 10 + position)
    }

    /// The id of the order's one shipping address.
    static func addressID(_ order: SandboxOrder) -> String {
        String(300 + order.sequence)
    }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        let credentials = SandboxCredentials.credentials(.bigcommerce)
        let context = "stores/" + (credentials["store_hash"] ?? "")
        SandboxConsent.add(
            SandboxConsent.Page(
                provider: .bigcommerce, path: "oauth2/authorize", client: ("client_id", credentials["client_id"] ?? ""),
                redirectParameter: "redirect_uri", redirectName: nil,
                answer: { code, state in [("code", code), ("scope", "store_v2_orders store_inventory"), ("context", context), ("state", state)] }),
            to: group, sandbox: sandbox)
        group.post("oauth2/token") { request, _ in
            let body = try await SandboxHTTP.jsonBody(request)
            guard body["client_id"]?.text == credentials["client_id"], body["client_secret"]?.text == credentials["client_secret"] else {
                return SandboxHTTP.json(.members(["error": .string("Invalid client_id or client_secret")]), status: 401)
            }
            guard body["grant_type"]?.text == "authorization_code", body["context"]?.text == context,
                await sandbox.authorizations.redeem(body["code"]?.text ?? "", for: .bigcommerce)
            else { return SandboxHTTP.json(.members(["error": .string("Invalid authorization code")]), status: 400) }
            return SandboxHTTP.json(
                .members([
                    "access_token": .string(credentials["access_token"] ?? ""), "scope": .string("store_v2_orders store_inventory"),
                    "user": .members(["id": .number(24_654), "username": .string("seller@example.com"), "email": .string("seller@example.com")]),
                    "context": .string(context), "account_uuid": .string("00000000-0000-4000-8000-00000000b1c0"),
                ]))
        }
        let store = group.group("stores/:storeHash")
        store.get("v2/orders") { request, context in
            if let refusal = Self.refuse(request, context) { return refusal }
            var since = Date.distantPast
            if let text = SandboxHTTP.query(request, "min_date_modified") {
                guard let date = Timestamps.rfc2822(text) ?? ISO8601.date(from: text) else {
                    return Self.error(400, "The field 'min_date_modified' is invalid.")
                }
                since = date
            }
            let orders = await sandbox.store.orders(.bigcommerce, updatedSince: since)
            let paging = Self.paging(request)
            return Self.list(SandboxHTTP.page(orders, number: paging.page, size: paging.limit).map { Self.render($0, sandbox: sandbox) })
        }
        store.get("v3/catalog/products") { request, context in
            if let refusal = Self.refuse(request, context, v3: true) { return refusal }
            guard let since = Self.v3Since(request, "date_modified:min") else {
                return Self.unprocessable(["date_modified:min": "The field 'date_modified:min' is invalid."])
            }
            let products = await sandbox.store.products(.bigcommerce, updatedSince: since)
            return Self.v3Page(request, products) { Self.render($0, variants: SandboxHTTP.query(request, "include")?.contains("variants") == true) }
        }
        store.get("v3/orders/payment_actions/refunds") { request, context in
            if let refusal = Self.refuse(request, context, v3: true) { return refusal }
            guard let since = Self.v3Since(request, "created:min") else {
                return Self.unprocessable(["created:min": "The field 'created:min' is invalid."])
            }
            let refunds = await sandbox.store.refunds(.bigcommerce, since: since)
            return Self.v3Page(request, refunds) { Self.render($0.refund, of: $0.order) }
        }
        store.get("v2/orders/:orderID/products") { request, context in
            if let refusal = Self.refuse(request, context) { return refusal }
            guard let order = await sandbox.store.order(.bigcommerce, id: context.parameters.get("orderID") ?? "") else { return Self.notFound }
            let paging = Self.paging(request)
            return Self.list(
                SandboxHTTP.page(order.lines, number: paging.page, size: paging.limit).map { Self.render($0, of: order, sandbox: sandbox) })
        }
        store.get("v2/orders/:orderID/shipping_addresses") { request, context in
            if let refusal = Self.refuse(request, context) { return refusal }
            guard let order = await sandbox.store.order(.bigcommerce, id: context.parameters.get("orderID") ?? "") else { return Self.notFound }
            return SandboxHTTP.json(.array([Self.renderAddress(of: order, sandbox: sandbox)]))
        }
        store.post("v2/orders/:orderID/shipments") { request, context in
            if let refusal = Self.refuse(request, context) { return refusal }
            guard let order = await sandbox.store.order(.bigcommerce, id: context.parameters.get("orderID") ?? "") else { return Self.notFound }
            let body = try await SandboxHTTP.jsonBody(request)
            guard body["order_address_id"]?.text == Self.addressID(order) else { return Self.error(400, "The field 'order_address_id' is invalid.") }
            var lines: [String: Int] = [:]
            for item in body["items"]?.arrayValue ?? [] {
                guard let id = item["order_product_id"]?.text, let quantity = item["quantity"]?.int else {
                    return Self.error(400, "The field 'items' is invalid.")
                }
                lines[id, default: 0] += quantity
            }
            guard !lines.isEmpty else { return Self.error(400, "The required field 'items' was not supplied.") }
            let carrier = body["tracking_carrier"]?.nonEmptyText ?? body["shipping_provider"]?.nonEmptyText ?? ""
            let result = await sandbox.store.ship(
                .bigcommerce, orderID: order.id, lines: lines, carrier: carrier, trackingNumber: body["tracking_number"]?.text ?? "", at: Date())
            switch result {
            case .failure(let refusal): return Self.error(refusal.status, refusal.message)
            case .success(let shipment):
                let shipped = await sandbox.store.order(.bigcommerce, id: order.id) ?? order
                return SandboxHTTP.json(
                    Self.render(shipment, of: shipped, sandbox: sandbox).setting([
                        "shipping_method": .string(body["shipping_method"]?.text ?? ""),
                        "shipping_provider": .string(body["shipping_provider"]?.text ?? ""),
                    ]),
                    status: 201)
            }
        }
        store.put("v3/inventory/adjustments/absolute") { request, context in
            if let refusal = Self.refuse(request, context, v3: true) { return refusal }
            let items = try await SandboxHTTP.jsonBody(request)["items"]?.arrayValue ?? []
            guard !items.isEmpty else { return Self.unprocessable(["items": "items must contain at least one adjustment"]) }
            var changes: [(sku: String, quantity: Int)] = []
            for (position, item) in items.enumerated() {
                guard
                    let listed = sandbox.store.catalog.items.first(where: {
                        SandboxCatalog.identifiers(.bigcommerce, index: $0.index)["variant_id"] == item["variant_id"]?.text
                    })
                else { return Self.unprocessable(["items.\(position).variant_id": "Variant not found"]) }
                guard item["location_id"]?.text == SandboxCatalog.identifiers(.bigcommerce, index: listed.index)["location_id"] else {
                    return Self.unprocessable(["items.\(position).location_id": "Location not found"])
                }
                guard let quantity = item["quantity"]?.int, quantity >= 0 else {
                    return Self.unprocessable(["items.\(position).quantity": "quantity must be a whole number of at least 0"])
                }
                changes.append((listed.sku, quantity))
            }
            for change in changes { _ = await sandbox.store.setQuantity(.bigcommerce, sku: change.sku, to: change.quantity) }
            return SandboxHTTP.json(.members(["transaction_id": .string(UUID().uuidString.lowercased())]))
        }
    }

    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let credentials = SandboxCredentials.credentials(.bigcommerce)
        let id = "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))"
        let scope = "store/order/" + (order.createdAt == order.updatedAt ? "created" : "updated")
        let body = sandbox.templates.value("bigcommerce/webhook.store_order_created.json").setting([
            "scope": .string(scope), "data": .members(["type": .string("order"), "id": .number(order.id)]),
            "hash": .string(Hex.encode(Insecure.SHA1.hash(data: Array("\(scope)|\(id)".utf8)))),
            "created_at": .number(Int(order.updatedAt.timeIntervalSince1970)), "producer": .string("stores/\(credentials["store_hash"] ?? "")"),
        ])
        .serialized()
        let timestamp = Int64(now.timeIntervalSince1970)
        return SandboxDelivery(
            id: id,
            headers: [
                ("Content-Type", "application/json"), ("webhook-id", id), ("webhook-timestamp", "\(timestamp)"),
                (
                    "webhook-signature",
                    StandardWebhooks.sign(id: id, timestamp: timestamp, body: body, key: Array((credentials["client_secret"] ?? "").utf8))
                ),
            ],
            body: body)
    }

    static func status(_ order: SandboxOrder) -> (id: Int, name: String) {
        switch order.status {
        case .open: order.shippedCount > 0 ? (id: 3, name: "Partially Shipped") : (id: 11, name: "Awaiting Fulfillment")
        case .shipped: (id: 2, name: "Shipped")
        case .cancelled: (id: 5, name: "Cancelled")
        }
    }

    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.string(amount.money(places: 4)) }
        let rfc2822 = { (date: Date) in JSONValue.string(Timestamps.rfc2822(date)) }
        let names = order.buyerName.split(separator: " ").map(String.init)
        let store = SandboxCredentials.credentials(.bigcommerce)["store_hash"] ?? ""
        let resource = { (name: String) in
            JSONValue.members([
                "url": .string("\(Self.apiRoot)/stores/\(store)/v2/orders/\(order.id)/\(name)"), "resource": .string("/orders/\(order.id)/\(name)"),
            ])
        }
        let status = Self.status(order)
        let template = sandbox.templates.value(Self.order)
        return template.setting([
            "id": .number(order.id), "customer_id": .number(0), "date_created": rfc2822(order.createdAt), "date_modified": rfc2822(order.updatedAt),
            "date_shipped": order.shipments.isEmpty ? .string("") : rfc2822(order.updatedAt), "status_id": .number(status.id),
            "status": .string(status.name), "custom_status": .string(status.name),
            "subtotal_ex_tax": money(order.subtotal), "subtotal_inc_tax": money(order.subtotal + order.tax), "subtotal_tax": money(order.tax),
            "base_shipping_cost": money(order.shippingCost), "shipping_cost_ex_tax": money(order.shippingCost),
            "shipping_cost_inc_tax": money(order.shippingCost), "shipping_cost_tax": money(0),
            "total_ex_tax": money(order.subtotal + order.shippingCost), "total_inc_tax": money(order.total), "total_tax": money(order.tax),
            "items_total": .number(order.itemCount), "items_shipped": .number(order.shippedCount), "payment_status": .string("captured"),
            "currency_code": .string(order.currency), "default_currency_code": .string(order.currency),
            "discount_amount": money(0), "coupon_discount": money(0),
            "billing_address": (template["billing_address"] ?? .object([])).setting([
                "first_name": .string(names.first ?? ""), "last_name": .string(names.dropFirst().joined(separator: " ")),
                "email": .string(order.buyerEmail), "form_fields": .array([]),
            ]),
            "order_source": .string("www"), "external_order_id": .string(""),
            "products": resource("products"), "shipping_addresses": resource("shipping_addresses"), "coupons": resource("coupons"),
            "fees": .array([]),
        ])
    }

    static func render(_ line: SandboxOrder.Line, of order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.string(amount.money(places: 4)) }
        let item = sandbox.store.catalog.item(sku: line.sku)
        let identifiers = SandboxCatalog.identifiers(.bigcommerce, index: item?.index ?? 0)
        let tax = order.lineTax(line)
        let unitTax = tax / Decimal(line.quantity)
        return sandbox.templates.value(Self.products, "0").setting([
            "id": .number(line.lineID), "order_id": .number(order.id), "product_id": .number(identifiers["product_id"] ?? "0"),
            "variant_id": .number(identifiers["variant_id"] ?? "0"), "order_address_id": .number(Self.addressID(order)),
            "name": .string(line.title), "name_customer": .string(line.title), "name_merchant": .string(line.title), "sku": .string(line.sku),
            "upc": .string(item?.barcode ?? ""), "base_price": money(line.unitPrice), "price_ex_tax": money(line.unitPrice),
            "price_inc_tax": money(line.unitPrice + unitTax), "price_tax": money(unitTax), "base_total": money(line.total),
            "total_ex_tax": money(line.total), "total_inc_tax": money(line.total + tax), "total_tax": money(tax),
            "quantity": .number(line.quantity), "quantity_shipped": .number(line.shipped), "fixed_shipping_cost": money(0),
            "option_set_id": .null, "applied_discounts": .array([]), "product_options": .array([]),
            "discounted_total_inc_tax": money(line.total + tax),
        ])
    }

    /// GET …/shipping_addresses' one address: the buyer at the fixture's billing street, with the order's shipping cost.
    static func renderAddress(of order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.string(amount.money(places: 4)) }
        let names = order.buyerName.split(separator: " ").map(String.init)
        let billing = sandbox.templates.value(Self.order, "billing_address")
        let store = SandboxCredentials.credentials(.bigcommerce)["store_hash"] ?? ""
        let street = ["street_1", "street_2", "city", "zip", "country", "country_iso2", "state", "phone"].reduce(
            JSONValue.members([
                "id": .number(Self.addressID(order)), "order_id": .number(order.id), "first_name": .string(names.first ?? ""),
                "last_name": .string(names.dropFirst().joined(separator: " ")), "company": .string(""),
            ])
        ) { $0.setting($1, to: billing[$1] ?? .string("")) }
        return street.setting([
            "email": .string(order.buyerEmail), "items_total": .number(order.itemCount), "items_shipped": .number(order.shippedCount),
            "shipping_method": .string("Flat Rate"), "base_cost": money(order.shippingCost), "cost_ex_tax": money(order.shippingCost),
            "cost_inc_tax": money(order.shippingCost), "cost_tax": money(0), "cost_tax_class_id": .number(0), "base_handling_cost": money(0),
            "handling_cost_ex_tax": money(0), "handling_cost_inc_tax": money(0), "handling_cost_tax": money(0),
            "handling_cost_tax_class_id": .number(0), "shipping_zone_id": .number(1), "shipping_zone_name": .string("United States"),
            "shipping_quotes": .members([
                "url": .string("\(Self.apiRoot)/stores/\(store)/v2/orders/\(order.id)/shipping_addresses/\(Self.addressID(order))/shipping_quotes"),
                "resource": .string("/orders/\(order.id)/shipping_addresses/\(Self.addressID(order))/shipping_quotes"),
            ]),
            "form_fields": .array([]),
        ])
    }

    static func render(_ shipment: SandboxOrder.Shipment, of order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let address = Self.renderAddress(of: order, sandbox: sandbox)
        let items = order.lines.compactMap { line -> JSONValue? in
            guard let quantity = shipment.lines[line.lineID] else { return nil }
            let index = sandbox.store.catalog.item(sku: line.sku)?.index ?? 0
            return .members([
                "order_product_id": .number(line.lineID),
                "product_id": .number(SandboxCatalog.identifiers(.bigcommerce, index: index)["product_id"] ?? "0"),
                "quantity": .number(quantity),
            ])
        }
        return .members([
            "id": .number(shipment.id), "order_id": .number(order.id), "customer_id": .number(0), "order_address_id": .number(Self.addressID(order)),
            "date_created": .string(Timestamps.rfc2822(order.updatedAt)), "tracking_number": .string(shipment.trackingNumber),
            "merchant_shipping_cost": .string(Decimal(0).money(places: 4)), "shipping_method": .string(""), "comments": .string(""),
            "shipping_provider": .string(""), "tracking_carrier": .string(shipment.carrier), "tracking_link": .string(""),
            "billing_address": sandbox.templates.value(Self.order, "billing_address").removing(["form_fields"]),
            "shipping_address": address.removing(["shipping_quotes", "form_fields"]), "items": .array(items),
        ])
    }

    /// `page` (default 1) and `limit` (default 50, at most 250) of a v2 list.
    static func paging(_ request: Request) -> (page: Int, limit: Int) {
        (
            SandboxHTTP.int(request, "page", default: 1, in: 1...Int.max),
            SandboxHTTP.int(request, "limit", default: 50, in: 1...BigCommerceChannel.maxPageSize)
        )
    }

    /// The date in v3 filter `name` (ISO 8601 or a Unix timestamp), `.distantPast` when absent, `nil` when unreadable.
    static func v3Since(_ request: Request, _ name: String) -> Date? {
        guard let text = SandboxHTTP.query(request, name) else { return .distantPast }
        return ISO8601.date(from: text) ?? Double(text).map { Date(timeIntervalSince1970: $0) }
    }

    /// A v3 collection page: `{data, meta.pagination}`.
    static func v3Page<Item>(_ request: Request, _ items: [Item], _ render: (Item) -> JSONValue) -> Response {
        let paging = Self.paging(request)
        let pages = (items.count + paging.limit - 1) / paging.limit
        let page = SandboxHTTP.page(items, number: paging.page, size: paging.limit)
        return SandboxHTTP.json(
            .members([
                "data": .array(page.map(render)),
                "meta": .members([
                    "pagination": .members([
                        "total": .number(items.count), "count": .number(page.count), "per_page": .number(paging.limit),
                        "current_page": .number(paging.page), "total_pages": .number(pages),
                    ])
                ]),
            ]))
    }

    static func render(_ product: SandboxProduct, variants: Bool) -> JSONValue {
        let identifiers = SandboxCatalog.identifiers(.bigcommerce, index: product.item.index)
        let changed = JSONValue.string(ISO8601.string(from: product.updatedAt))
        var rendered = JSONValue.members([
            "id": .number(identifiers["product_id"] ?? "0"), "name": .string(product.item.title), "type": .string("physical"),
            "sku": .string(product.item.sku), "price": .number(product.item.price), "inventory_level": .number(product.quantity),
            "inventory_tracking": .string("variant"), "is_visible": .bool(true), "availability": .string("available"),
            "upc": .string(product.item.barcode),
            "date_created": changed, "date_modified": changed,
        ])
        if variants {
            rendered = rendered.setting(
                "variants",
                to: .array([
                    .members([
                        "id": .number(identifiers["variant_id"] ?? "0"), "product_id": .number(identifiers["product_id"] ?? "0"),
                        "sku": .string(product.item.sku), "price": .number(product.item.price), "inventory_level": .number(product.quantity),
                        "upc": .string(product.item.barcode), "option_values": .array([]),
                    ])
                ]))
        }
        return rendered
    }

    /// A refund of the payment actions API, items named by order product id.
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder) -> JSONValue {
        return .members([
            "id": .number(refund.id), "order_id": .number(order.id), "user_id": .number(0),
            "created": .string(ISO8601.string(from: refund.createdAt)),
            "reason": .string(refund.reason), "total_amount": .number(refund.amount), "total_tax": .number(refund.tax),
            "uses_merchant_override_values": .bool(false),
            "items": .array(
                refund.lines.map { line in
                    .members([
                        "item_type": .string("PRODUCT"), "item_id": .number(line.lineID), "quantity": .number(line.quantity),
                        "requested_amount": .string(line.amount.money), "reason": .string(refund.reason),
                    ])
                }),
            "payments": .array([
                .members([
                    "id": .number("\(refund.id)1"), "provider_id": .string("storecredit"), "amount": .number(refund.amount), "offline": .bool(false),
                    "is_declined": .bool(false), "declined_message": .string(""),
                ])
            ]),
        ])
    }

    /// A v2 collection: the items, or 204 with no body when there are none.
    static func list(_ items: [JSONValue]) -> Response {
        items.isEmpty ? SandboxHTTP.empty(status: 204) : SandboxHTTP.json(.array(items))
    }

    /// 401 unless the call names the sandbox store and carries its access token; v2 writes errors as an array, v3 as one
    /// object.
    static func refuse(_ request: Request, _ context: BasicRequestContext, v3: Bool = false) -> Response? {
        let credentials = SandboxCredentials.credentials(.bigcommerce)
        if context.parameters.get("storeHash") == credentials["store_hash"],
            SandboxHTTP.header(request, "X-Auth-Token") == credentials["access_token"]
        {
            return nil
        }
        let message = "You are not authorised to access this resource."
        return v3
            ? SandboxHTTP.json(Self.v3Error(401, "Unauthorized", detail: message), status: 401) : Self.error(401, message)
    }

    static var notFound: Response { Self.error(404, "The requested resource was not found.") }

    /// A v2 error: `[{status, message}]`.
    static func error(_ status: Int, _ message: String) -> Response {
        SandboxHTTP.json(.array([.members(["status": .number(status), "message": .string(message)])]), status: status)
    }

    /// A v3 422 naming the invalid fields.
    static func unprocessable(_ errors: KeyValuePairs<String, String>) -> Response {
        let fields = JSONValue.object(errors.map { (key: $0.key, value: JSONValue.string($0.value)) })
        return SandboxHTTP.json(Self.v3Error(422, "JSON data is missing or invalid", detail: nil).setting("errors", to: fields), status: 422)
    }

    /// A v3 error: `{status, title, type[, detail]}`.
    static func v3Error(_ status: Int, _ title: String, detail: String?) -> JSONValue {
        let error = JSONValue.members([
            "status": .number(status), "title": .string(title),
            "type": .string("https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"),
        ])
        return detail.map { error.setting("detail", to: .string($0)) } ?? error
    }
}
