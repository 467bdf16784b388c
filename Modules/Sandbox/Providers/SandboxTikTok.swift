import Channels
import Foundation
import Hummingbird
import Kernel

/// TikTok Shop Open API 202309 as the sandbox plays it: signed calls (`sign` checked with `TikTokChannel.signature`),
/// Search Orders paged by `page_token`, Update Inventory, Mark Package As Shipped, and ORDER_STATUS_CHANGE webhooks
/// signed with the app secret over `app_key + body`. Order lines are single units, as TikTok's are.
enum SandboxTikTok: SandboxChannel {
    static let provider = Provider.tiktok
    static let notification = "tiktok-shop/webhook.ORDER_STATUS_CHANGE.type1.thirdparty-sdk-test.json"
    /// The `code` of every refusal but bad credentials (TikTok's per-API code tables were not available).
    static let invalidRequestCode = 36_009_004
    static let serviceID = "7300000000000000001"

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        let id = String(576_461_413_038_785_000 + sequence)
        return (id, id)
    }

    static func lineID(sequence: Int, position: Int) -> String {
        String(577_087_614_418_520_000 + sequence * 10 + position)
    }

    /// The ids of a line's units: the line's own id for a single unit, else the id followed by the unit's number.
    static func unitIDs(_ line: SandboxOrder.Line) -> [String] {
        line.quantity == 1 ? [line.lineID] : (0..<line.quantity).map { line.lineID + "\($0 + 1)" }
    }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        let version = TikTokChannel.apiVersion
        let credentials = SandboxCredentials.credentials(.tiktok)
        SandboxConsent.add(
            SandboxConsent.Page(
                provider: .tiktok, path: "open/authorize", client: ("service_id", Self.serviceID), redirectParameter: nil, redirectName: nil,
                answer: { code, state in
                    [("app_key", credentials["app_key"] ?? ""), ("code", code), ("locale", "en"), ("shop_region", "US"), ("state", state)]
                }),
            to: group, sandbox: sandbox)
        group.get("api/v2/token/get") { request, _ in
            guard SandboxHTTP.query(request, "app_key") == credentials["app_key"],
                SandboxHTTP.query(request, "app_secret") == credentials["app_secret"]
            else { return Self.answer(code: 36_004_003, message: "invalid app_key or app_secret") }
            guard SandboxHTTP.query(request, "grant_type") == "authorized_code",
                await sandbox.authorizations.redeem(SandboxHTTP.query(request, "auth_code") ?? "", for: .tiktok)
            else { return Self.answer(code: 36_004_004, message: "invalid auth_code") }
            return Self.answer(
                .members([
                    "access_token": .string(credentials["access_token"] ?? ""),
                    "access_token_expire_in": .number(Int(Date().timeIntervalSince1970) + 604_800),
                    "refresh_token": .string("ROW_sandbox-tts-refresh"),
                    "refresh_token_expire_in": .number(Int(Date().timeIntervalSince1970) + 31_536_000),
                    "open_id": .string("sandbox-open-id"), "seller_name": .string("Switchyard Sandbox Shop"), "seller_base_region": .string("US"),
                    "user_type": .number(0),
                ]))
        }
        group.get("authorization/\(version)/shops") { request, _ in
            guard Self.isAuthorized(request, body: [], shopScoped: false) else {
                return Self.answer(status: 401, code: 106_001, message: "Invalid credentials")
            }
            return Self.answer(
                .members([
                    "shops": .array([
                        .members([
                            "cipher": .string(credentials["shop_cipher"] ?? ""), "code": .string("USSANDBOX1"), "id": .string("7495000000000000001"),
                            "name": .string("Switchyard Sandbox Shop"), "region": .string("US"), "seller_type": .string("LOCAL"),
                        ])
                    ])
                ]))
        }
        let warehouseID = SandboxCatalog.identifiers(.tiktok, index: 0)["warehouse_id"] ?? ""
        group.get("logistics/\(version)/warehouses") { request, _ in
            guard Self.isAuthorized(request, body: []) else { return Self.answer(status: 401, code: 106_001, message: "Invalid credentials") }
            return Self.answer(
                .members([
                    "warehouses": .array([
                        .members([
                            "id": .string(warehouseID), "name": .string("Sandbox warehouse"), "type": .string("SALES_WAREHOUSE"),
                            "is_default": .bool(true), "effect_status": .string("ENABLED"),
                        ]),
                        .members(["id": .string("7068517275539719999"), "name": .string("Returns"), "type": .string("RETURN_WAREHOUSE")]),
                    ])
                ]))
        }
        group.get("logistics/\(version)/warehouses/:warehouseId/delivery_options") { request, context in
            guard Self.isAuthorized(request, body: []) else { return Self.answer(status: 401, code: 106_001, message: "Invalid credentials") }
            guard context.parameters.get("warehouseId") == warehouseID else { return Self.invalid("Unknown warehouse") }
            return Self.answer(
                .members([
                    "delivery_options": .array([
                        .members(["id": .string(Self.standardDelivery), "name": .string("Standard shipping"), "type": .string("STANDARD")]),
                        .members(["id": .string(Self.expressDelivery), "name": .string("Express shipping"), "type": .string("EXPRESS")]),
                    ])
                ]))
        }
        group.get("logistics/\(version)/delivery_options/:optionId/shipping_providers") { request, context in
            guard Self.isAuthorized(request, body: []) else { return Self.answer(status: 401, code: 106_001, message: "Invalid credentials") }
            let providers: [(String, String)]
            switch context.parameters.get("optionId") {
            case Self.standardDelivery:
                providers = [("6617675021119438849", "USPS"), ("6617675021119438850", "UPS"), ("6617675021119438851", "FedEx")]
            case Self.expressDelivery: providers = [("6617675021119438850", "UPS"), ("6617675021119438852", "DHL eCommerce")]
            default: return Self.invalid("Unknown delivery option")
            }
            return Self.answer(
                .members(["shipping_providers": .array(providers.map { .members(["id": .string($0.0), "name": .string($0.1)]) })]))
        }
        group.post(
            "order/\(version)/orders/search",
            use: Self.signed { request, _, body in
                await Self.search(request, body, "orders", { await sandbox.store.orders(.tiktok, updatedSince: $0) }) {
                    Self.render($0, sandbox: sandbox)
                }
            })
        group.post(
            "product/\(version)/products/search",
            use: Self.signed { request, _, body in
                await Self.search(request, body, "products", { await sandbox.store.products(.tiktok, updatedSince: $0) }, Self.render(_:))
            })
        group.post(
            "return_refund/\(version)/returns/search",
            use: Self.signed { request, _, body in
                await Self.search(request, body, "return_orders", { await sandbox.store.refunds(.tiktok, since: $0) }) {
                    Self.render($0.refund, of: $0.order)
                }
            })
        group.post(
            "product/\(version)/products/:productId/inventory/update",
            use: Self.signed { _, context, body in
                let productID = context.parameters.get("productId") ?? ""
                var levels: [(sku: String, quantity: Int)] = []
                for entry in body["skus"]?.arrayValue ?? [] {
                    let skuID = entry["id"]?.text ?? ""
                    guard
                        let item = sandbox.store.catalog.items.first(where: {
                            let identifiers = SandboxCatalog.identifiers(.tiktok, index: $0.index)
                            return identifiers["product_id"] == productID && identifiers["sku_id"] == skuID
                        })
                    else { return Self.invalid("SKU \(skuID) does not belong to product \(productID)") }
                    guard let stock = entry["inventory"]?.arrayValue?.first,
                        stock["warehouse_id"]?.text == SandboxCatalog.identifiers(.tiktok, index: item.index)["warehouse_id"],
                        let quantity = stock["quantity"]?.int, quantity >= 0
                    else { return Self.invalid("SKU \(skuID) needs a quantity of at least 0 in a warehouse of this shop") }
                    levels.append((item.sku, quantity))
                }
                guard !levels.isEmpty else { return Self.invalid("skus is required") }
                for level in levels { _ = await sandbox.store.setQuantity(.tiktok, sku: level.sku, to: level.quantity) }
                return Self.answer()
            })
        group.post(
            "fulfillment/\(version)/orders/:orderId/packages",
            use: Self.signed { _, context, body in
                let orderID = context.parameters.get("orderId") ?? ""
                guard let order = await sandbox.store.order(.tiktok, id: orderID) else { return Self.invalid("Order \(orderID) not found") }
                guard let carrier = body["shipping_provider_id"]?.nonEmptyText, let tracking = body["tracking_number"]?.nonEmptyText,
                    let units = body["order_line_item_ids"]?.arrayValue?.compactMap(\.text), !units.isEmpty
                else { return Self.invalid("order_line_item_ids, tracking_number and shipping_provider_id are required") }
                var lines: [String: Int] = [:]
                for unit in Set(units) {
                    guard let line = order.lines.first(where: { Self.unitIDs($0).contains(unit) }) else {
                        return Self.invalid("Order \(orderID) has no line item \(unit)")
                    }
                    lines[line.lineID, default: 0] += 1
                }
                switch await sandbox.store.ship(.tiktok, orderID: orderID, lines: lines, carrier: carrier, trackingNumber: tracking, at: Date()) {
                case .success(let shipment): return Self.answer(.members(["package_id": .string(shipment.id)]))
                case .failure(let refusal): return Self.invalid(refusal.message)
                }
            })
    }

    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let credentials = SandboxCredentials.credentials(.tiktok)
        let id = "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))"
        let body = sandbox.templates.value(Self.notification)
            .setting(["tts_notification_id": .string(id), "timestamp": Self.seconds(now)])
            .updating(["data"]) { data in
                data.setting([
                    "order_id": .string(order.id), "order_status": .string(Self.status(order)), "update_time": Self.seconds(order.updatedAt),
                ])
            }
            .serialized()
        let signature = MessageAuthentication.sign(
            Array((credentials["app_key"] ?? "").utf8) + body, key: Array((credentials["app_secret"] ?? "").utf8), encoding: .hex)
        return SandboxDelivery(id: id, headers: [("Content-Type", "application/json"), ("Authorization", signature)], body: body)
    }

    static func status(_ order: SandboxOrder) -> String {
        switch order.status {
        case .open: order.shippedCount > 0 ? "PARTIALLY_SHIPPING" : "AWAITING_SHIPMENT"
        case .shipped: "IN_TRANSIT"
        case .cancelled: "CANCELLED"
        }
    }

    /// An order as Get Order Detail and Search Orders return it; there is no public sample to start from, so the fields
    /// are those of the 202309 reference. Amounts are strings, times unix seconds, each unit its own line item.
    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let names = order.buyerName.split(separator: " ").map(String.init)
        var items: [JSONValue] = []
        for line in order.lines {
            let index = sandbox.store.catalog.items.firstIndex { $0.sku == line.sku } ?? 0
            let identifiers = SandboxCatalog.identifiers(.tiktok, index: index)
            let packages = order.shipments.flatMap { Array(repeating: $0, count: $0.lines[line.lineID] ?? 0) }
            for (position, unit) in Self.unitIDs(line).enumerated() {
                let package = position < packages.count ? packages[position] : nil
                var item = JSONValue.members([
                    "id": .string(unit), "sku_id": .string(identifiers["sku_id"] ?? ""), "seller_sku": .string(line.sku),
                    "product_id": .string(identifiers["product_id"] ?? ""), "product_name": .string(line.title), "sku_name": .string(line.title),
                    "sale_price": .string(line.unitPrice.money), "original_price": .string(line.unitPrice.money),
                    "seller_discount": .string("0.00"), "platform_discount": .string("0.00"), "currency": .string(order.currency),
                    "display_status": .string(package != nil ? "IN_TRANSIT" : order.status == .cancelled ? "CANCELLED" : "AWAITING_SHIPMENT"),
                    "is_gift": .bool(false),
                ])
                if let package {
                    item = item.setting([
                        "package_id": .string(package.id), "tracking_number": .string(package.trackingNumber),
                        "shipping_provider_name": .string(package.carrier),
                    ])
                }
                items.append(item)
            }
        }
        return .members([
            "id": .string(order.id), "status": .string(Self.status(order)),
            "create_time": Self.seconds(order.createdAt), "paid_time": Self.seconds(order.createdAt), "update_time": Self.seconds(order.updatedAt),
            "buyer_email": .string(order.buyerEmail), "buyer_message": .string(""),
            "fulfillment_type": .string("FULFILLMENT_BY_SELLER"), "delivery_option_name": .string("Standard shipping"), "is_cod": .bool(false),
            "warehouse_id": .string(SandboxCatalog.identifiers(.tiktok, index: 0)["warehouse_id"] ?? ""),
            "payment": .members([
                "currency": .string(order.currency), "sub_total": .string(order.subtotal.money), "shipping_fee": .string(order.shippingCost.money),
                "seller_discount": .string("0.00"), "platform_discount": .string("0.00"), "tax": .string(order.tax.money),
                "original_total_product_price": .string(order.subtotal.money), "original_shipping_fee": .string(order.shippingCost.money),
                "total_amount": .string(order.total.money),
            ]),
            "recipient_address": .members([
                "name": .string(order.buyerName), "first_name": .string(names.first ?? ""),
                "last_name": .string(names.dropFirst().joined(separator: " ")), "phone_number": .string("(+1)555-010-0000"),
                "address_line1": .string("1 Sandbox Way"), "postal_code": .string("94016"), "region_code": .string("US"),
                "full_address": .string("1 Sandbox Way, San Francisco, CA 94016, US"),
                "district_info": .array([
                    .members(["address_level_name": .string("Country"), "address_name": .string("United States"), "address_level": .string("L0")]),
                    .members(["address_level_name": .string("State"), "address_name": .string("California"), "address_level": .string("L1")]),
                    .members(["address_level_name": .string("County"), "address_name": .string("San Mateo"), "address_level": .string("L2")]),
                    .members(["address_level_name": .string("City"), "address_name": .string("San Francisco"), "address_level": .string("L3")]),
                ]),
            ]),
            "packages": .array(order.shipments.map { .members(["id": .string($0.id)]) }),
            "line_items": .array(items),
        ])
    }

    /// A search changed since the body's `update_time_ge`, paged by `page_token`, its items under `name`.
    static func search<Item>(
        _ request: Request, _ body: JSONValue, _ name: String, _ items: (Date) async -> [Item], _ render: (Item) -> JSONValue
    ) async -> Response {
        guard let size = Int(SandboxHTTP.query(request, "page_size") ?? ""), (1...100).contains(size) else {
            return Self.invalid("page_size must be between 1 and 100")
        }
        let token = SandboxHTTP.query(request, "page_token").flatMap { $0.isEmpty ? nil : $0 }
        let window: (offset: Int, size: Int, since: Date)
        if let token {
            guard let page = SandboxHTTP.page(fromToken: token) else { return Self.invalid("Invalid page_token") }
            window = page
        } else {
            window = (0, size, Timestamps.epochSeconds(body["update_time_ge"]) ?? .distantPast)
        }
        let all = await items(window.since)
        return Self.answer(
            .members([
                "next_page_token": .string(SandboxHTTP.nextToken(after: window, total: all.count) ?? ""), "total_count": .number(all.count),
                name: .array(all.dropFirst(window.offset).prefix(window.size).map(render)),
            ]))
    }

    static func render(_ product: SandboxProduct) -> JSONValue {
        let identifiers = SandboxCatalog.identifiers(.tiktok, index: product.item.index)
        return .members([
            "id": .string(identifiers["product_id"] ?? ""), "title": .string(product.item.title), "status": .string("ACTIVATE"),
            "create_time": Self.seconds(product.updatedAt), "update_time": Self.seconds(product.updatedAt), "sales_regions": .array([.string("US")]),
            "skus": .array([
                .members([
                    "id": .string(identifiers["sku_id"] ?? ""), "seller_sku": .string(product.item.sku),
                    "price": .members(["currency": .string("USD"), "tax_exclusive_price": .string(product.item.price.money)]),
                    "inventory": .array([
                        .members(["warehouse_id": .string(identifiers["warehouse_id"] ?? ""), "quantity": .number(product.quantity)])
                    ]),
                ])
            ]),
        ])
    }

    /// A return with its refund (Search Returns), one return line per refunded unit, naming the order's unit line item.
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder) -> JSONValue {
        let money = { (amount: Decimal) in amount.money }
        let units = refund.lines.flatMap { line in
            let ordered = order.lines.first { $0.lineID == line.lineID }
            let unitIDs = ordered.map(Self.unitIDs) ?? [line.lineID]
            return (0..<line.quantity).map { unit in
                (line: line, title: ordered?.title ?? "", unitID: unit < unitIDs.count ? unitIDs[unit] : line.lineID, position: unit)
            }
        }
        let perUnit = { (amount: Decimal, quantity: Int) in amount / Decimal(quantity) }
        return .members([
            "return_id": .string(refund.id), "order_id": .string(order.id), "return_type": .string("REFUND"),
            "return_status": .string("RETURN_OR_REFUND_REQUEST_COMPLETE"), "return_reason": .string("ecom_order_delivered_refund_reason_damaged"),
            "return_reason_text": .string(refund.reason), "create_time": Self.seconds(refund.createdAt),
            "update_time": Self.seconds(refund.createdAt),
            "refund_amount": .members([
                "currency": .string(order.currency), "refund_total": .string(money(refund.amount)),
                "refund_subtotal": .string(money(refund.amount - refund.tax)), "refund_shipping_fee": .string("0.00"),
                "refund_tax": .string(money(refund.tax)),
            ]),
            "return_line_items": .array(
                units.map { unit in
                    let (subtotal, tax) = (perUnit(unit.line.subtotal, unit.line.quantity), perUnit(unit.line.tax, unit.line.quantity))
                    return .members([
                        "return_line_item_id": .string("\(refund.id)\(unit.unitID.suffix(3))\(unit.position)"),
                        "order_line_item_id": .string(unit.unitID), "seller_sku": .string(unit.line.sku), "product_name": .string(unit.title),
                        "refund_amount": .members([
                            "currency": .string(order.currency), "refund_total": .string(money(subtotal + tax)),
                            "refund_subtotal": .string(money(subtotal)), "refund_tax": .string(money(tax)), "refund_shipping_fee": .string("0.00"),
                        ]),
                    ])
                }),
        ])
    }

    static let standardDelivery = "7091146663229654785"
    static let expressDelivery = "7091146663229654786"

    static func seconds(_ date: Date) -> JSONValue {
        .number(Int(date.timeIntervalSince1970))
    }

    /// A route handler that runs only for calls carrying the sandbox's app key, shop cipher and access token and a `sign`
    /// that matches; it is handed the JSON body.
    static func signed(
        _ handler: @escaping @Sendable (Request, BasicRequestContext, JSONValue) async throws -> Response
    ) -> @Sendable (Request, BasicRequestContext) async throws -> Response {
        { request, context in
            let bytes = try await SandboxHTTP.body(request)
            guard Self.isAuthorized(request, body: bytes) else { return Self.answer(status: 401, code: 106_001, message: "Invalid credentials") }
            guard let body = try? JSONParser.parse(bytes) else { return Self.invalid("The request body is not valid JSON") }
            return try await handler(request, context, body)
        }
    }

    /// Whether the call is signed with the sandbox app's secret and carries its token (and, for a shop's API, its cipher).
    static func isAuthorized(_ request: Request, body: [UInt8], shopScoped: Bool = true) -> Bool {
        let credentials = SandboxCredentials.credentials(.tiktok)
        guard SandboxHTTP.query(request, "app_key") == credentials["app_key"],
            !shopScoped || SandboxHTTP.query(request, "shop_cipher") == credentials["shop_cipher"],
            SandboxHTTP.header(request, "x-tts-access-token") == credentials["access_token"], let sign = SandboxHTTP.query(request, "sign")
        else { return false }
        let path = String(request.uri.path.dropFirst(Self.provider.rawValue.count + 1))
        let parameters = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let expected = TikTokChannel.signature(path: path, parameters: parameters, body: body, appSecret: credentials["app_secret"] ?? "")
        return MessageAuthentication.constantTimeEquals(sign, expected)
    }

    /// TikTok's envelope `{code, message, request_id, data}`.
    static func answer(_ data: JSONValue = .object([]), status: Int = 200, code: Int = 0, message: String = "Success") -> Response {
        SandboxHTTP.json(
            .members([
                "code": .number(code), "message": .string(message), "request_id": .string(Hex.random(bytes: 16).uppercased()), "data": data,
            ]),
            status: status)
    }

    /// A refusal of the call's content: HTTP 200 with a non-zero `code`, as TikTok answers.
    static func invalid(_ message: String) -> Response {
        Self.answer(code: Self.invalidRequestCode, message: message)
    }
}
