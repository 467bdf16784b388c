import Channels
import Foundation
import Hummingbird
import Kernel

/// WooCommerce wc/v3 as the sandbox plays it: orders behind HTTP Basic authentication paged by number (`X-WP-Total`,
/// `X-WP-TotalPages`, `Link`), stock through `products/batch`, completion (which ships every remaining unit) and order
/// notes, and `order.*` webhooks signed with the webhook secret. The site runs three hours behind UTC, like the fixture's
/// store, so its local dates and its `_gmt` dates differ.
enum SandboxWooCommerce: SandboxChannel {
    static let provider = Provider.woocommerce
    static let order = "woocommerce/order.wc-v3.get.response.json"
    static let siteURL = "https://woo.switchyard-sandbox.test"
    static let siteOffset: TimeInterval = -3 * 3600
    static let webhookID = "41"

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        let id = String(727 + sequence)
        return (id, id)
    }

    static func lineID(sequence: Int, position: Int) -> String {
        String(315 + sequence * 10 + position)
    }

    /// The id of the note written on `order` after its shipments so far (WooCommerce's are site-wide comment ids).
    static func noteID(_ order: SandboxOrder) -> String {
        String(20_000 + order.sequence * 100 + order.shipments.count)
    }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        group.get("wc-auth/v1/authorize") { request, _ in
            guard let scope = SandboxHTTP.query(request, "scope"), ["read", "write", "read_write"].contains(scope),
                let userID = SandboxHTTP.query(request, "user_id"), let returnURL = SandboxHTTP.query(request, "return_url"),
                let callbackURL = SandboxHTTP.query(request, "callback_url"), SandboxHTTP.query(request, "app_name")?.isEmpty == false
            else { return Self.invalidParameter("app_name, scope, user_id, return_url or callback_url") }
            let credentials = SandboxCredentials.credentials(.woocommerce)
            let keys = JSONValue.members([
                "key_id": .number(1), "user_id": .string(userID), "consumer_key": .string(credentials["consumer_key"] ?? ""),
                "consumer_secret": .string(credentials["consumer_secret"] ?? ""), "key_permissions": .string(scope),
            ])
            let status = await sandbox.webhooks.send(
                SandboxDelivery(id: userID, headers: [("Content-Type", "application/json")], body: keys.serialized()), to: callbackURL)
            let success = status == 200 ? "1" : "0"
            return SandboxConsent.redirect(
                to: URLQuery.appending([("success", success), ("user_id", userID)], to: returnURL))
        }
        let api = group.group("wp-json/wc/v3")
        api.get("orders") { request, _ in
            if let refusal = Self.refuse(request, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.") { return refusal }
            return await Self.numberPaged(request, since: "modified_after", { await sandbox.store.orders(.woocommerce, updatedSince: $0) }) {
                Self.render($0, sandbox: sandbox)
            }
        }
        api.get("products") { request, _ in
            if let refusal = Self.refuse(request, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.") { return refusal }
            return await Self.numberPaged(
                request, since: "modified_after", { await sandbox.store.products(.woocommerce, updatedSince: $0) }, Self.render(_:))
        }
        api.get("refunds") { request, _ in
            if let refusal = Self.refuse(request, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.") { return refusal }
            return await Self.numberPaged(request, since: "after", { await sandbox.store.refunds(.woocommerce, since: $0) }) {
                Self.render($0.refund, of: $0.order, catalog: sandbox.store.catalog)
            }
        }
        api.put("orders/:id") { request, context in
            if let refusal = Self.refuse(request, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.") {
                return refusal
            }
            guard let order = await sandbox.store.order(.woocommerce, id: context.parameters.get("id") ?? "") else {
                return Self.error(400, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
            }
            let body = try await SandboxHTTP.jsonBody(request)
            let status = body["status"]?.text
            let tracking = body["meta_data"]?.arrayValue?.first { $0["key"]?.text == WooCommerceChannel.trackingMetaKey }?["value"]?.arrayValue?.first
            guard status == nil || status == "completed" || status == Self.status(order) else { return Self.invalidParameter("status") }
            let remaining = order.lines.filter { $0.shipped < $0.quantity }
            if status == "completed", !remaining.isEmpty {
                let lines = Dictionary(uniqueKeysWithValues: remaining.map { ($0.lineID, $0.quantity - $0.shipped) })
                if case .failure(let refusal) = await sandbox.store.ship(
                    .woocommerce, orderID: order.id, lines: lines, carrier: tracking?["tracking_provider"]?.text ?? "",
                    trackingNumber: tracking?["tracking_number"]?.text ?? "", at: Date())
                {
                    return Self.error(refusal.status, "rest_invalid_param", refusal.message)
                }
            }
            let changed = await sandbox.store.order(.woocommerce, id: order.id) ?? order
            return SandboxHTTP.json(Self.render(changed, sandbox: sandbox))
        }
        api.post("orders/:id/notes") { request, context in
            if let refusal = Self.refuse(request, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.") {
                return refusal
            }
            guard let order = await sandbox.store.order(.woocommerce, id: context.parameters.get("id") ?? "") else {
                return Self.error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
            }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let note = body["note"]?.nonEmptyText else { return Self.error(400, "rest_missing_callback_param", "Missing parameter(s): note") }
            let id = Self.noteID(order)
            let now = Date()
            return SandboxHTTP.json(
                .members([
                    "id": .number(id), "author": .string("system"), "date_created": Self.local(now), "date_created_gmt": Self.gmt(now),
                    "note": .string(note), "customer_note": .bool(body["customer_note"]?.text == "true"),
                    "_links": Self.links("orders/\(order.id)/notes/\(id)", collection: "orders/\(order.id)/notes"),
                ]),
                status: 201)
        }
        api.post("products/batch") { request, _ in
            if let refusal = Self.refuse(request, "woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.") {
                return refusal
            }
            let updates = try await SandboxHTTP.jsonBody(request)["update"]?.arrayValue ?? []
            guard updates.count <= WooCommerceChannel.maxBatch else {
                return Self.error(
                    413, "woocommerce_rest_request_entity_too_large",
                    "Unable to accept more than \(WooCommerceChannel.maxBatch) items for this request.")
            }
            var results: [JSONValue] = []
            for update in updates {
                let id = update["id"] ?? .number(0)
                guard
                    let item = sandbox.store.catalog.items.first(where: {
                        SandboxCatalog.identifiers(.woocommerce, index: $0.index)["product_id"] == id.text
                    })
                else {
                    results.append(.members(["id": id, "error": Self.errorBody(400, "woocommerce_rest_product_invalid_id", "Invalid ID.")]))
                    continue
                }
                if let quantity = update["stock_quantity"]?.int { _ = await sandbox.store.setQuantity(.woocommerce, sku: item.sku, to: quantity) }
                let stock = await sandbox.store.quantity(.woocommerce, sku: item.sku) ?? 0
                results.append(Self.render(item, quantity: stock))
            }
            return SandboxHTTP.json(.members(["update": .array(results)]))
        }
    }

    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let body = Self.render(order, sandbox: sandbox).serialized()
        let secret = SandboxCredentials.credentials(.woocommerce)["webhook_secret"] ?? ""
        let event = order.createdAt == order.updatedAt ? "created" : "updated"
        let id = "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))"
        return SandboxDelivery(
            id: id,
            headers: [
                ("Content-Type", "application/json"), ("User-Agent", "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)"),
                ("X-WC-Webhook-Source", Self.siteURL + "/"), ("X-WC-Webhook-Topic", "order.\(event)"), ("X-WC-Webhook-Resource", "order"),
                ("X-WC-Webhook-Event", event),
                ("X-WC-Webhook-Signature", MessageAuthentication.sign(body, key: Array(secret.utf8), encoding: .base64)),
                ("X-WC-Webhook-ID", Self.webhookID), ("X-WC-Webhook-Delivery-ID", id),
            ],
            body: body)
    }

    static func status(_ order: SandboxOrder) -> String {
        switch order.status {
        case .open: "processing"
        case .shipped: "completed"
        case .cancelled: "cancelled"
        }
    }

    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let template = sandbox.templates.value(Self.order)
        let names = order.buyerName.split(separator: " ").map(String.init)
        let person: KeyValuePairs<String, JSONValue> = [
            "first_name": .string(names.first ?? ""), "last_name": .string(names.dropFirst().joined(separator: " ")),
        ]
        let lineTemplate = template["line_items"]?.arrayValue?.first ?? .object([])
        let taxTemplate = lineTemplate["taxes"]?.arrayValue?.first ?? .object([])
        let lines = order.lines.map { line in
            let tax = JSONValue.string(order.lineTax(line).money)
            let total = JSONValue.string(line.total.money)
            let index = sandbox.store.catalog.item(sku: line.sku)?.index ?? 0
            return lineTemplate.setting([
                "id": .number(line.lineID), "name": .string(line.title),
                "product_id": .number(SandboxCatalog.identifiers(.woocommerce, index: index)["product_id"] ?? "0"), "variation_id": .number(0),
                "quantity": .number(line.quantity), "subtotal": total, "subtotal_tax": tax, "total": total, "total_tax": tax,
                "taxes": .array([taxTemplate.setting(["total": tax, "subtotal": tax])]), "meta_data": .array([]), "sku": .string(line.sku),
                "price": .number(line.unitPrice),
            ])
        }
        let completed = order.status == .shipped ? order.updatedAt : nil
        return template.setting([
            "id": .number(order.id), "number": .string(order.number), "order_key": .string("wc_order_sandbox\(order.sequence)"),
            "status": .string(Self.status(order)), "currency": .string(order.currency),
            "date_created": Self.local(order.createdAt), "date_created_gmt": Self.gmt(order.createdAt),
            "date_modified": Self.local(order.updatedAt), "date_modified_gmt": Self.gmt(order.updatedAt),
            "discount_total": .string("0.00"), "discount_tax": .string("0.00"), "shipping_total": .string(order.shippingCost.money),
            "shipping_tax": .string("0.00"), "cart_tax": .string(order.tax.money), "total": .string(order.total.money),
            "total_tax": .string(order.tax.money),
            "billing": (template["billing"] ?? .object([])).setting(person).setting("email", to: .string(order.buyerEmail)),
            "shipping": (template["shipping"] ?? .object([])).setting(person),
            "date_paid": Self.local(order.createdAt), "date_paid_gmt": Self.gmt(order.createdAt),
            "date_completed": completed.map(Self.local) ?? .null, "date_completed_gmt": completed.map(Self.gmt) ?? .null,
            "line_items": .array(lines),
            "tax_lines": .array((template["tax_lines"]?.arrayValue ?? []).prefix(1).map { $0.setting("tax_total", to: .string(order.tax.money)) }),
            "shipping_lines": .array(
                (template["shipping_lines"]?.arrayValue ?? []).prefix(1).map { $0.setting("total", to: .string(order.shippingCost.money)) }),
            "_links": Self.links("orders/\(order.id)", collection: "orders"),
        ])
    }

    /// A product as wc/v3 writes it, with the fields a stock update concerns (no fixture publishes one).
    static func render(_ item: SandboxCatalog.Item, quantity: Int) -> JSONValue {
        let id = SandboxCatalog.identifiers(.woocommerce, index: item.index)["product_id"] ?? "0"
        let slug = item.sku.lowercased()
        return .members([
            "id": .number(id), "name": .string(item.title), "slug": .string(slug), "permalink": .string("\(Self.siteURL)/product/\(slug)/"),
            "type": .string("simple"), "status": .string("publish"), "sku": .string(item.sku), "price": .string(item.price.money),
            "regular_price": .string(item.price.money), "sale_price": .string(""), "manage_stock": .bool(true), "stock_quantity": .number(quantity),
            "stock_status": .string(quantity > 0 ? "instock" : "outofstock"), "backorders": .string("no"),
            "_links": Self.links("products/\(id)", collection: "products"),
        ])
    }

    static func links(_ resource: String, collection: String) -> JSONValue {
        let href = { (path: String) in JSONValue.array([.members(["href": .string("\(Self.siteURL)/wp-json/wc/v3/\(path)")])]) }
        return .members(["self": href(resource), "collection": href(collection)])
    }

    /// The site-local form of a date, as the fields without `_gmt` hold it.
    static func local(_ date: Date) -> JSONValue {
        .string(Timestamps.utcWithoutZone(date.addingTimeInterval(Self.siteOffset), separatedByT: true))
    }

    static func gmt(_ date: Date) -> JSONValue {
        .string(Timestamps.utcWithoutZone(date, separatedByT: true))
    }

    /// A date parameter as WordPress reads it: with an offset as written, without one in GMT (`dates_are_gmt`) or site time.
    static func date(_ text: String, gmt: Bool) -> Date? {
        if let date = ISO8601.date(from: text) { return date }
        return Timestamps.utcWithoutZone(text).map { gmt ? $0 : $0.addingTimeInterval(-Self.siteOffset) }
    }

    /// A collection changed since the date in parameter `since`, paged by `page` and `per_page` with `Link` and
    /// `X-WP-Total*` headers, as wc/v3 pages.
    static func numberPaged<Item>(
        _ request: Request, since parameter: String, _ items: (Date) async -> [Item], _ render: (Item) -> JSONValue
    ) async -> Response {
        guard let perPage = Int(SandboxHTTP.query(request, "per_page") ?? "10"), (1...WooCommerceChannel.maxBatch).contains(perPage) else {
            return Self.invalidParameter("per_page")
        }
        guard let page = Int(SandboxHTTP.query(request, "page") ?? "1"), page >= 1 else { return Self.invalidParameter("page") }
        var since = Date.distantPast
        if let text = SandboxHTTP.query(request, parameter) {
            guard let date = Self.date(text, gmt: SandboxHTTP.query(request, "dates_are_gmt") == "true") else {
                return Self.invalidParameter(parameter)
            }
            since = date
        }
        let all = await items(since)
        let pages = (all.count + perPage - 1) / perPage
        let root = "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.path)"
        let kept = [parameter, "dates_are_gmt", "orderby", "order", "per_page"].compactMap { name in
            SandboxHTTP.query(request, name).map { (name, $0) }
        }
        let link = { (page: Int, relation: String) in "<\(root)?\(URLQuery.encode(kept + [("page", "\(page)")]))>; rel=\"\(relation)\"" }
        var links: [String] = []
        if page > 1 { links.append(link(min(page - 1, max(1, pages)), "prev")) }
        if page < pages { links.append(link(page + 1, "next")) }
        var headers: [(name: String, value: String)] = [("X-WP-Total", "\(all.count)"), ("X-WP-TotalPages", "\(pages)")]
        if !links.isEmpty { headers.append(("Link", links.joined(separator: ", "))) }
        return SandboxHTTP.json(.array(SandboxHTTP.page(all, number: page, size: perPage).map(render)), headers: headers)
    }

    static func render(_ product: SandboxProduct) -> JSONValue {
        let id = SandboxCatalog.identifiers(.woocommerce, index: product.item.index)["product_id"] ?? "0"
        let changed = Timestamps.utcWithoutZone(product.updatedAt, separatedByT: true)
        return .members([
            "id": .number(id), "name": .string(product.item.title), "slug": .string(product.item.sku.lowercased()), "type": .string("simple"),
            "status": .string("publish"), "sku": .string(product.item.sku), "price": .string(product.item.price.money),
            "regular_price": .string(product.item.price.money), "sale_price": .string(""), "date_created": .string(changed),
            "date_created_gmt": .string(changed), "date_modified": .string(changed), "date_modified_gmt": .string(changed),
            "manage_stock": .bool(true), "stock_quantity": .number(product.quantity),
            "stock_status": .string(product.quantity > 0 ? "instock" : "outofstock"), "global_unique_id": .string(product.item.barcode),
            "variations": .array([]), "meta_data": .array([]),
        ])
    }

    /// A refund as GET refunds lists it: quantities and totals negative, as WooCommerce writes them.
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder, catalog: SandboxCatalog) -> JSONValue {
        let created = Timestamps.utcWithoutZone(refund.createdAt, separatedByT: true)
        return .members([
            "id": .number(refund.id), "parent_id": .number(order.id), "date_created": .string(created), "date_created_gmt": .string(created),
            "amount": .string(refund.amount.money), "reason": .string(refund.reason), "refunded_by": .number(1), "refunded_payment": .bool(true),
            "meta_data": .array([]),
            "line_items": .array(
                refund.lines.enumerated().map { position, line in
                    let item = catalog.item(sku: line.sku)
                    return .members([
                        "id": .number("\(refund.id)\(position)"), "name": .string(item?.title ?? ""),
                        "product_id": .number(SandboxCatalog.identifiers(.woocommerce, index: item?.index ?? 0)["product_id"] ?? "0"),
                        "variation_id": .number(0), "quantity": .number(-line.quantity), "subtotal": .string((-line.subtotal).money),
                        "total": .string((-line.subtotal).money), "total_tax": .string((-line.tax).money), "sku": .string(line.sku),
                        "price": .number(-line.unitPrice),
                        "meta_data": .array([.members(["key": .string("_refunded_item_id"), "value": .string(line.lineID)])]),
                    ])
                }),
        ])
    }

    /// 401 in WooCommerce's words (`code` names what was refused) unless the call carries the consumer key and secret.
    static func refuse(_ request: Request, _ code: String, _ message: String) -> Response? {
        let credentials = SandboxCredentials.credentials(.woocommerce)
        let expected = ChannelRequest.basicAuthorization(user: credentials["consumer_key"] ?? "", password: credentials["consumer_secret"] ?? "")
        return SandboxHTTP.header(request, expected.name) == expected.value ? nil : Self.error(401, code, message)
    }

    static func invalidParameter(_ name: String) -> Response {
        Self.error(400, "rest_invalid_param", "Invalid parameter(s): \(name)")
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> Response {
        SandboxHTTP.json(Self.errorBody(status, code, message), status: status)
    }

    /// WordPress's `WP_Error` as JSON: `{code, message, data{status}}`.
    static func errorBody(_ status: Int, _ code: String, _ message: String) -> JSONValue {
        .members(["code": .string(code), "message": .string(message), "data": .members(["status": .number(status)])])
    }
}
