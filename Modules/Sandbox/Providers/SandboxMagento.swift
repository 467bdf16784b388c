import Channels
import Crypto
import Foundation
import Hummingbird
import Kernel
import _CryptoExtras

/// Magento 2 / Adobe Commerce REST V1 as the sandbox plays it: bearer-token calls, `V1/orders` searched by
/// `searchCriteria` page number, MSI `inventory/source-items`, `order/{id}/ship`, and Adobe Commerce webhooks signed
/// RSA-SHA256 with the sandbox's private key.
enum SandboxMagento: SandboxChannel {
    static let provider = Provider.magento
    static let order = "magento2/sales-order.V1-orders-id.get.response.json"
    static let event = "observer.sales_order_save_after"
    static let defaultPageSize = 20
    static let maxPageSize = 300

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        (String(3 + sequence), String(format: "%09d", 3 + sequence))
    }

    static func lineID(sequence: Int, position: Int) -> String {
        String(10 + sequence * 10 + position)
    }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        let api = group.group("rest/V1")
        api.get("orders") { request, _ in
            if let refusal = Self.refuse(request, resource: "Magento_Sales::actions_view") { return refusal }
            return await Self.searched(request, "orders", { await sandbox.store.orders(.magento, updatedSince: $0) }) {
                Self.render($0, sandbox: sandbox)
            }
        }
        api.get("products") { request, _ in
            if let refusal = Self.refuse(request, resource: "Magento_Catalog::products") { return refusal }
            return await Self.searched(request, "products", { await sandbox.store.products(.magento, updatedSince: $0) }, Self.render(_:))
        }
        api.get("creditmemos") { request, _ in
            if let refusal = Self.refuse(request, resource: "Magento_Sales::sales_creditmemo") { return refusal }
            return await Self.searched(request, "credit memos", { await sandbox.store.refunds(.magento, since: $0) }) {
                Self.render($0.refund, of: $0.order)
            }
        }
        api.post("inventory/source-items") { request, _ in
            if let refusal = Self.refuse(request, resource: "Magento_InventoryApi::source_items") { return refusal }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let entries = body["sourceItems"]?.arrayValue, !entries.isEmpty else {
                return Self.error(400, "\"sourceItems\" is required. Enter and try again.")
            }
            var levels: [(sku: String, quantity: Int)] = []
            for entry in entries {
                let sku = entry["sku"]?.text ?? ""
                guard let item = sandbox.store.catalog.item(sku: sku),
                    entry["source_code"]?.text == SandboxCatalog.identifiers(.magento, index: item.index)["source_code"],
                    let quantity = entry["quantity"]?.int, quantity >= 0
                else { return Self.error(400, "Could not save Source Item Configuration for SKU \"\(sku)\".") }
                levels.append((sku, quantity))
            }
            for level in levels { _ = await sandbox.store.setQuantity(.magento, sku: level.sku, to: level.quantity) }
            return SandboxHTTP.json(.array([]))
        }
        api.post("order/:orderId/ship") { request, context in
            if let refusal = Self.refuse(request, resource: "Magento_Sales::ship") { return refusal }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let order = await sandbox.store.order(.magento, id: context.parameters.get("orderId") ?? "") else { return Self.notFound }
            var lines: [String: Int] = [:]
            for item in body["items"]?.arrayValue ?? [] {
                guard let id = item["order_item_id"]?.text, let quantity = item["qty"]?.int else {
                    return Self.error(400, "Every item needs an order_item_id and a qty.")
                }
                lines[id, default: 0] += quantity
            }
            if lines.isEmpty {
                let unshipped = order.lines.filter { $0.shipped < $0.quantity }
                lines = Dictionary(uniqueKeysWithValues: unshipped.map { ($0.lineID, $0.quantity - $0.shipped) })
            }
            guard !lines.isEmpty else {
                return Self.error(400, "Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.")
            }
            let track = body["tracks"]?.arrayValue?.first
            let carrier = track?["title"]?.nonEmptyText ?? track?["carrier_code"]?.nonEmptyText ?? "custom"
            let number = track?["track_number"]?.nonEmptyText ?? ""
            switch await sandbox.store.ship(.magento, orderID: order.id, lines: lines, carrier: carrier, trackingNumber: number, at: Date()) {
            case .success(let shipment): return SandboxHTTP.json(.string(shipment.id))
            case .failure(let refusal): return refusal.status == 404 ? Self.notFound : Self.error(400, refusal.message)
            }
        }
    }

    /// An `observer.sales_order_save_after` delivery carrying the order, signed over the body as Adobe Commerce signs it.
    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let event = JSONValue.members(["eventName": .string(Self.event), "data": .members(["order": Self.render(order, sandbox: sandbox)])])
        let body = event.serialized()
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: SandboxKeys.magentoPrivateKey)
        let signature = try key.signature(for: SHA256.hash(data: body), padding: .insecurePKCS1v1_5)
        return SandboxDelivery(
            id: "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))",
            headers: [
                ("Content-Type", "application/json"),
                ("x-adobe-commerce-webhook-signature", signature.rawRepresentation.base64EncodedString()),
            ],
            body: body)
    }

    /// Magento's state and status (the defaults share one name): orders are invoiced when placed, so an open one is
    /// `processing` until every unit has shipped.
    static func status(_ order: SandboxOrder) -> String {
        switch order.status {
        case .open: "processing"
        case .shipped: "complete"
        case .cancelled: "canceled"
        }
    }

    /// GET `V1/orders/{id}` from the fixture: money as JSON numbers, dates `yyyy-MM-dd HH:mm:ss` UTC, a guest buyer.
    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let template = sandbox.templates.value(Self.order)
        let created = JSONValue.string(Timestamps.utcWithoutZone(order.createdAt))
        let updated = JSONValue.string(Timestamps.utcWithoutZone(order.updatedAt))
        let names = order.buyerName.split(separator: " ").map(String.init)
        let buyer: KeyValuePairs<String, JSONValue> = [
            "firstname": .string(names.first ?? ""), "lastname": .string(names.dropFirst().joined(separator: " ")),
            "email": .string(order.buyerEmail), "parent_id": .number(order.id),
        ]
        let itemTemplate = template["items"]?.arrayValue?.first ?? .object([])
        let items = order.lines.map { line in
            let index = sandbox.store.catalog.items.firstIndex { $0.sku == line.sku } ?? 0
            let price = JSONValue.number(line.unitPrice)
            let row = JSONValue.number(line.unitPrice * Decimal(line.quantity))
            let quantity = JSONValue.number(line.quantity)
            return itemTemplate.setting([
                "item_id": .number(line.lineID), "order_id": .number(order.id), "product_id": .number(2_000 + index),
                "sku": .string(line.sku), "name": .string(line.title), "created_at": created, "updated_at": updated,
                "price": price, "base_price": price, "original_price": price, "base_original_price": price, "price_incl_tax": price,
                "base_price_incl_tax": price, "row_total": row, "base_row_total": row, "row_total_incl_tax": row, "base_row_total_incl_tax": row,
                "row_invoiced": row, "base_row_invoiced": row, "qty_ordered": quantity, "qty_invoiced": quantity,
                "qty_shipped": .number(line.shipped), "qty_canceled": .number(order.status == .cancelled ? line.quantity - line.shipped : 0),
            ])
        }
        let subtotal = JSONValue.number(order.subtotal)
        let subtotalWithTax = JSONValue.number(order.subtotal + order.tax)
        let tax = JSONValue.number(order.tax)
        let shipping = JSONValue.number(order.shippingCost)
        let total = JSONValue.number(order.total)
        let zero = JSONValue.number(0)
        let id = JSONValue.number(order.id)
        let assignment = (template["extension_attributes", "shipping_assignments"]?.arrayValue?.first ?? .object([]))
            .updating(["shipping", "address"]) { $0.setting(buyer) }
            .updating(["shipping", "total"]) { totals in
                totals.setting([
                    "shipping_amount": shipping, "base_shipping_amount": shipping, "shipping_incl_tax": shipping, "base_shipping_incl_tax": shipping,
                ])
            }
            .setting("items", to: .array(items))
        return template.removing(["customer_id"]).setting([
            "entity_id": id, "increment_id": .string(order.number), "created_at": created, "updated_at": updated,
            "state": .string(Self.status(order)), "status": .string(Self.status(order)),
            "customer_email": .string(order.buyerEmail), "customer_firstname": .string(names.first ?? ""),
            "customer_lastname": .string(names.dropFirst().joined(separator: " ")), "customer_is_guest": .number(1), "customer_group_id": zero,
            "order_currency_code": .string(order.currency), "subtotal": subtotal, "base_subtotal": subtotal,
            "subtotal_incl_tax": subtotalWithTax, "base_subtotal_incl_tax": subtotalWithTax, "tax_amount": tax, "base_tax_amount": tax,
            "shipping_amount": shipping, "base_shipping_amount": shipping, "shipping_incl_tax": shipping, "base_shipping_incl_tax": shipping,
            "grand_total": total, "base_grand_total": total, "total_invoiced": total, "base_total_invoiced": total,
            "total_paid": total, "base_total_paid": total, "total_due": zero, "base_total_due": zero,
            "total_item_count": .number(order.lines.count), "total_qty_ordered": .number(order.itemCount),
            "items": .array(items),
            "billing_address": (template["billing_address"] ?? .object([])).setting(buyer),
            "payment": (template["payment"] ?? .object([])).setting([
                "parent_id": id, "entity_id": id, "amount_ordered": total, "base_amount_ordered": total, "amount_paid": total,
                "base_amount_paid": total, "shipping_amount": shipping, "base_shipping_amount": shipping,
            ]),
            "extension_attributes": (template["extension_attributes"] ?? .object([])).setting("shipping_assignments", to: .array([assignment])),
        ])
    }

    /// The query's parameters by decoded name (`searchCriteria[pageSize]` arrives with its brackets percent-encoded).
    static func searchCriteria(_ request: Request) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { fields[String(key).removingPercentEncoding ?? String(key)] = String(value) }
        return fields
    }

    /// A `searchCriteria` list: the records changed since its `updated_at gteq` filter, one page of them, and the criteria
    /// echoed as Magento does.
    static func searched<Item>(_ request: Request, _ name: String, _ items: (Date) async -> [Item], _ render: (Item) -> JSONValue) async
        -> Response
    {
        let criteria = Self.searchCriteria(request)
        let filter = "searchCriteria[filter_groups][0][filters][0]"
        var since = Date.distantPast
        var filters: [JSONValue] = []
        if let field = criteria["\(filter)[field]"] {
            let value = criteria["\(filter)[value]"] ?? ""
            let condition = criteria["\(filter)[condition_type]"] ?? "eq"
            guard field == "updated_at", condition == "gteq", let stamp = Timestamps.utcWithoutZone(value) else {
                return Self.error(400, "The sandbox filters \(name) by updated_at gteq \"yyyy-MM-dd HH:mm:ss\" only.")
            }
            since = stamp
            filters.append(.members(["field": .string(field), "value": .string(value), "condition_type": .string(condition)]))
        }
        let size = min(Self.maxPageSize, max(1, criteria["searchCriteria[pageSize]"].flatMap { Int($0) } ?? Self.defaultPageSize))
        let requested = max(1, criteria["searchCriteria[currentPage]"].flatMap { Int($0) } ?? 1)
        let all = await items(since)
        let page = min(requested, max(1, (all.count + size - 1) / size))
        return SandboxHTTP.json(
            .members([
                "items": .array(all.dropFirst((page - 1) * size).prefix(size).map(render)),
                "search_criteria": .members([
                    "filter_groups": .array(filters.isEmpty ? [] : [.members(["filters": .array(filters)])]),
                    "sort_orders": .array([.members(["field": .string("updated_at"), "direction": .string("ASC")])]),
                    "page_size": .number(size), "current_page": .number(requested),
                ]),
                "total_count": .number(all.count),
            ]))
    }

    static func render(_ product: SandboxProduct) -> JSONValue {
        let changed = JSONValue.string(Timestamps.utcWithoutZone(product.updatedAt))
        return .members([
            "id": .number(2_000 + product.item.index), "sku": .string(product.item.sku), "name": .string(product.item.title),
            "attribute_set_id": .number(4), "price": .number(product.item.price), "status": .number(1), "visibility": .number(4),
            "type_id": .string("simple"), "created_at": changed, "updated_at": changed, "weight": .number(1),
            "extension_attributes": .members([
                "website_ids": .array([.number(1)]),
                "stock_item": .members(["qty": .number(product.quantity), "is_in_stock": .bool(product.quantity > 0)]),
            ]),
            "custom_attributes": .array([.members(["attribute_code": .string("barcode"), "value": .string(product.item.barcode)])]),
        ])
    }

    /// A credit memo with its items (by order item id).
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder) -> JSONValue {
        let created = JSONValue.string(Timestamps.utcWithoutZone(refund.createdAt))
        return .members([
            "entity_id": .number(refund.id), "order_id": .number(order.id), "increment_id": .string("CM\(refund.id)"), "state": .number(2),
            "created_at": created, "updated_at": created, "grand_total": .number(refund.amount), "base_currency_code": .string(order.currency),
            "order_currency_code": .string(order.currency), "customer_note": .string(refund.reason),
            "subtotal": .number(refund.amount - refund.tax), "tax_amount": .number(refund.tax), "shipping_amount": .number(0),
            "discount_amount": .number(0),
            "items": .array(
                refund.lines.map { line in
                    let orderLine = order.lines.first { $0.lineID == line.lineID }
                    return .members([
                        "entity_id": .number("\(refund.id)\(line.lineID.suffix(2))"), "parent_id": .number(refund.id),
                        "order_item_id": .number(line.lineID),
                        "sku": .string(line.sku), "name": .string(orderLine?.title ?? ""), "qty": .number(line.quantity),
                        "price": .number(line.unitPrice), "row_total": .number(line.subtotal), "tax_amount": .number(line.tax),
                    ])
                }),
        ])
    }

    /// 401 in Magento's words unless the call carries the integration's bearer token.
    static func refuse(_ request: Request, resource: String) -> Response? {
        SandboxHTTP.header(request, "Authorization") == "Bearer \(SandboxCredentials.credentials(.magento)["access_token"] ?? "")"
            ? nil
            : SandboxHTTP.json(
                .members([
                    "message": .string("The consumer isn't authorized to access %resources."),
                    "parameters": .members(["resources": .string(resource)]),
                ]),
                status: 401)
    }

    static var notFound: Response { Self.error(404, "The entity that was requested doesn't exist. Verify the entity and try again.") }

    static func error(_ status: Int, _ message: String) -> Response {
        SandboxHTTP.json(.members(["message": .string(message)]), status: status)
    }
}
