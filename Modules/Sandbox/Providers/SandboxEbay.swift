import Channels
import Crypto
import Foundation
import Hummingbird
import Kernel

/// eBay's Sell APIs as the sandbox plays it: OAuth tokens (user tokens from the refresh token, application tokens from
/// client credentials), Fulfillment getOrders paged by offset and createShippingFulfillment, Inventory
/// bulkUpdatePriceQuantity, the Notification API's public key, and ORDER_CONFIRMATION notifications signed with
/// ECDSA P-256 over SHA-1.
enum SandboxEbay: SandboxChannel {
    /// The RuName of the sandbox\'s app: eBay\'s name for its registered redirect.
    static let ruName = "Switchyard-Sandbox-RuName"
    static let provider = Provider.ebay
    static let userToken = "v^1.1#i^1#p^3#r^1#sandbox-user-access-token"
    static let applicationToken = "v^1.1#i^1#f^0#p^1#sandbox-application-token"
    static let marketplaceID = "EBAY_US"
    static let sellerID = "switchyard_sandbox"
    static let notification = "ebay/notification.signature-test-vectors.sdk-test.json"

    static func orderIdentity(sequence: Int) -> (id: String, number: String) {
        let id = String(format: "12-%05d-%05d", 4000 + sequence, 10_000 + sequence * 7)
        return (id, id)
    }

    static func lineID(sequence: Int, position: Int) -> String {
        String(10_045_000_000_000 + sequence * 10 + position)
    }

    /// The listing (Trading API item id) of catalog item `index`.
    static func legacyItemID(_ index: Int) -> String { String(110_554_000_000 + index) }

    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        let credentials = SandboxCredentials.credentials(.ebay)
        SandboxConsent.add(
            SandboxConsent.Page(
                provider: .ebay, path: "oauth2/authorize", client: ("client_id", credentials["client_id"] ?? ""), redirectParameter: "redirect_uri",
                redirectName: Self.ruName, answer: { code, state in [("state", state), ("code", code), ("expires_in", "299")] }),
            to: group, sandbox: sandbox)
        group.post("identity/v1/oauth2/token") { request, _ in
            guard let client = SandboxHTTP.basicCredentials(request), client.id == credentials["client_id"],
                client.secret == credentials["client_secret"]
            else { return Self.oauthError(401, "invalid_client", "client authentication failed") }
            let form = try await SandboxHTTP.form(request)
            switch form["grant_type"] {
            case "refresh_token":
                guard form["refresh_token"] == credentials["refresh_token"] else {
                    return Self.oauthError(
                        400, "invalid_grant", "the provided authorization refresh token is invalid or was issued to another client")
                }
                return SandboxHTTP.json(
                    .members(["access_token": .string(Self.userToken), "expires_in": .number(7200), "token_type": .string("User Access Token")]))
            case "authorization_code":
                guard form["redirect_uri"] == Self.ruName, await sandbox.authorizations.redeem(form["code"] ?? "", for: .ebay) else {
                    return Self.oauthError(400, "invalid_grant", "the provided authorization grant code is invalid or was issued to another client")
                }
                return SandboxHTTP.json(
                    .members([
                        "access_token": .string(Self.userToken), "expires_in": .number(7200),
                        "refresh_token": .string(credentials["refresh_token"] ?? ""),
                        "refresh_token_expires_in": .number(47_304_000), "token_type": .string("User Access Token"),
                    ]))
            case "client_credentials":
                return SandboxHTTP.json(
                    .members([
                        "access_token": .string(Self.applicationToken), "expires_in": .number(7200),
                        "token_type": .string("Application Access Token"),
                    ]))
            default:
                return Self.oauthError(400, "unsupported_grant_type", "grant type in request is not supported by the authorization server")
            }
        }
        group.get("commerce/notification/v1/public_key/:kid") { request, context in
            if let refusal = Self.refuse(request, accepting: [Self.applicationToken, Self.userToken]) { return refusal }
            guard context.parameters.get("kid") == SandboxKeys.ebayKeyID else {
                return Self.error(404, 195_000, "API_NOTIFICATION", "Resource not found.")
            }
            return SandboxHTTP.json(
                .members([
                    "key": .string(SandboxKeys.ebayPublicKey.replacingOccurrences(of: "\n", with: "")), "algorithm": .string("ECDSA"),
                    "digest": .string("SHA1"),
                ]))
        }
        group.get("sell/fulfillment/v1/order") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let limit = SandboxHTTP.int(request, "limit", default: 50, in: 1...200)
            let offset = SandboxHTTP.int(request, "offset", default: 0, in: 0...Int.max)
            let filter = SandboxHTTP.query(request, "filter")
            var since = Date.distantPast
            if let filter {
                guard let stamp = Self.lastModifiedSince(filter) else {
                    return Self.error(400, 30_800, "API_FULFILLMENT", "Invalid filter. Only lastmodifieddate:[<ISO date>..] is supported.")
                }
                since = stamp
            }
            let orders = await sandbox.store.orders(.ebay, updatedSince: since)
            return Self.offsetPage(request, "orders", orders.map { Self.render($0, sandbox: sandbox) }, maxLimit: 200)
        }
        group.get("sell/inventory/v1/inventory_item") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let products = await sandbox.store.products(.ebay, updatedSince: .distantPast)
            return Self.offsetPage(request, "inventoryItems", products.map(Self.render(_:)), maxLimit: 200, pageNumbered: true)
        }
        group.get("sell/metadata/v1/shipping/marketplace/:marketplace/get_shipping_carriers") { request, context in
            if let refusal = Self.refuse(request, accepting: [Self.applicationToken]) { return refusal }
            guard context.parameters.get("marketplace") == "EBAY_US" else {
                return Self.error(400, 50_001, "API_METADATA", "The marketplace_id value is invalid.")
            }
            let carriers = [("USPS", "USPS"), ("UPS", "UPS"), ("FEDEX", "FedEx"), ("DHL", "DHL Express"), ("ONTRAC", "OnTrac"), ("OTHER", "Other")]
            return SandboxHTTP.json(
                .members([
                    "shippingCarriers": .array(
                        carriers.map { .members(["shippingCarrier": .string($0.0), "displayName": .string($0.1)]) })
                ]))
        }
        group.get("sell/finances/v1/transaction") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            var since = Date.distantPast
            for criterion in (SandboxHTTP.query(request, "filter") ?? "").split(separator: ",").map(String.init) {
                if criterion == "transactionType:{REFUND}" { continue }
                guard let stamp = Self.rangeStart(criterion, field: "transactionDate") else {
                    return Self.error(
                        400, 135_005, "API_FINANCES",
                        "Invalid filter. Only transactionType:{REFUND} and transactionDate:[<ISO date>..] are supported.")
                }
                since = stamp
            }
            let refunds = await sandbox.store.refunds(.ebay, since: since)
            if refunds.isEmpty { return SandboxHTTP.empty(status: 204) }
            return Self.offsetPage(request, "transactions", refunds.map { Self.render($0.refund, of: $0.order) }, maxLimit: 1000)
        }
        group.post("sell/fulfillment/v1/order/:orderId/shipping_fulfillment") { request, context in
            if let refusal = Self.refuse(request) { return refusal }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let items = body["lineItems"]?.arrayValue, !items.isEmpty, let carrier = body["shippingCarrierCode"]?.nonEmptyText,
                let tracking = body["trackingNumber"]?.nonEmptyText
            else { return Self.error(400, 32_200, "API_FULFILLMENT", "lineItems, shippingCarrierCode and trackingNumber are required.") }
            var lines: [String: Int] = [:]
            for item in items {
                guard let id = item["lineItemId"]?.text, let quantity = item["quantity"]?.int else {
                    return Self.error(400, 32_200, "API_FULFILLMENT", "Every line item needs a lineItemId and a quantity.")
                }
                lines[id, default: 0] += quantity
            }
            let result = await sandbox.store.ship(
                .ebay, orderID: context.parameters.get("orderId") ?? "", lines: lines, carrier: carrier, trackingNumber: tracking, at: Date())
            switch result {
            case .failure(let refusal): return Self.error(refusal.status, refusal.status == 404 ? 32_100 : 32_200, "API_FULFILLMENT", refusal.message)
            case .success(let shipment):
                let location = "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.path)/\(shipment.id)"
                return SandboxHTTP.json(.object([]), status: 201, headers: [("Location", location)])
            }
        }
        group.post("sell/inventory/v1/bulk_update_price_quantity") { request, _ in
            if let refusal = Self.refuse(request) { return refusal }
            let body = try await SandboxHTTP.jsonBody(request)
            guard let entries = body["requests"]?.arrayValue, (1...25).contains(entries.count) else {
                return Self.error(400, 25_002, "API_INVENTORY", "requests must hold between 1 and 25 inventory items.")
            }
            var responses: [JSONValue] = []
            for entry in entries { responses.append(await Self.update(entry, sandbox: sandbox)) }
            return SandboxHTTP.json(.members(["responses": .array(responses)]))
        }
    }

    /// Applies one bulkUpdatePriceQuantity request (found by SKU, else by offer) and answers its response.
    static func update(_ entry: JSONValue, sandbox: Sandbox) async -> JSONValue {
        let catalog = sandbox.store.catalog
        let offers = entry["offers"]?.arrayValue ?? []
        let offerID = offers.first?["offerId"]?.text
        let item = entry["sku"]?.text.map(catalog.item(sku:)) ?? offerID.flatMap { id in catalog.items.first { Self.offerID($0) == id } }
        var members: [(key: String, value: JSONValue)] = []
        if let offerID { members.append(("offerId", .string(offerID))) }
        members.append(("sku", .string(entry["sku"]?.text ?? item?.sku ?? "")))
        let response = JSONValue.object(members)
        guard let item, offerID == nil || offerID == Self.offerID(item) else {
            return Self.failed(response, 404, 25_710, "We didn't find the entity you are requesting. Details: no such SKU or offer.")
        }
        guard let quantity = entry["shipToLocationAvailability", "quantity"]?.int ?? offers.first?["availableQuantity"]?.int, quantity >= 0,
            await sandbox.store.setQuantity(.ebay, sku: item.sku, to: quantity)
        else { return Self.failed(response, 400, 25_002, "A valid shipToLocationAvailability.quantity or availableQuantity is required.") }
        return response.setting(["statusCode": .number(200), "errors": .array([])])
    }

    static func failed(_ response: JSONValue, _ status: Int, _ id: Int, _ message: String) -> JSONValue {
        response.setting(["statusCode": .number(status), "errors": .array([Self.errorDetail(id, "API_INVENTORY", message)])])
    }

    static func offerID(_ item: SandboxCatalog.Item) -> String? {
        SandboxCatalog.identifiers(.ebay, index: item.index)["offer_id"]
    }

    /// The start of a `lastmodifieddate:[<from>..<to>]` filter.
    static func lastModifiedSince(_ filter: String) -> Date? {
        Self.rangeStart(filter, field: "lastmodifieddate")
    }

    /// The start of a `field:[<ISO date>..]` filter.
    static func rangeStart(_ filter: String, field: String) -> Date? {
        let prefix = "\(field):["
        guard filter.hasPrefix(prefix), let range = filter.range(of: "..") else { return nil }
        return ISO8601.date(from: String(filter[filter.index(filter.startIndex, offsetBy: prefix.count)..<range.lowerBound]))
    }

    /// A page of `items` by `limit` and `offset`, in eBay's envelope (`href`, `total`, `next`/`prev` links, `limit`,
    /// `offset`, then the items under `name`). Inventory's `offset` is a page number (`pageNumbered`), elsewhere a count.
    static func offsetPage(_ request: Request, _ name: String, _ items: [JSONValue], maxLimit: Int, pageNumbered: Bool = false) -> Response {
        let limit = SandboxHTTP.int(request, "limit", default: 50, in: 1...maxLimit)
        let position = SandboxHTTP.int(request, "offset", default: 0, in: 0...(Int.max / maxLimit))
        let (offset, step) = pageNumbered ? (position * limit, 1) : (position, limit)
        let root = "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.path)"
        let kept = request.uri.queryParameters.filter { $0.key != "limit" && $0.key != "offset" }.map { (String($0.key), String($0.value)) }
        let href = { (offset: Int) in root + "?" + URLQuery.encode(kept + [("limit", "\(limit)"), ("offset", "\(offset)")]) }
        var members: [(key: String, value: JSONValue)] = [("href", .string(href(position))), ("total", .number(items.count))]
        if offset + limit < items.count { members.append(("next", .string(href(position + step)))) }
        if position > 0 { members.append(("prev", .string(href(max(0, position - step))))) }
        members += [("limit", .number(limit)), ("offset", .number(position)), (name, .array(Array(items.dropFirst(offset).prefix(limit))))]
        return SandboxHTTP.json(.object(members))
    }

    static func render(_ product: SandboxProduct) -> JSONValue {
        .members([
            "sku": .string(product.item.sku), "locale": .string("en_US"),
            "product": .members([
                "title": .string(product.item.title), "upc": .array([.string(product.item.barcode)]),
                "aspects": .members(["Brand": .array([.string("Switchyard Sandbox")])]), "imageUrls": .array([]),
            ]),
            "condition": .string("NEW"),
            "availability": .members(["shipToLocationAvailability": .members(["quantity": .number(product.quantity)])]),
        ])
    }

    /// A refund as Finances' getTransactions lists it: the amount, the order, no per-line detail.
    static func render(_ refund: SandboxOrder.Refund, of order: SandboxOrder) -> JSONValue {
        .members([
            "transactionId": .string("REF-\(refund.id)"), "orderId": .string(order.id), "transactionType": .string("REFUND"),
            "transactionStatus": .string("FUNDS_PROCESSING"), "transactionDate": .string(ISO8601.string(from: refund.createdAt)),
            "amount": .members(["value": .string(refund.amount.money), "currency": .string(order.currency)]),
            "bookingEntry": .string("DEBIT"), "transactionMemo": .string(refund.reason),
            "references": .array([.members(["referenceId": .string(order.id), "referenceType": .string("ORDER_ID")])]),
            "buyer": .members(["username": .string(order.buyerEmail)]),
        ])
    }

    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery {
        let id = "\(order.id)-\(Int(order.updatedAt.timeIntervalSince1970 * 1000))"
        let message = sandbox.templates.value(Self.notification, "VALID", "message")
            .updating(["metadata", "topic"]) { _ in .string("ORDER_CONFIRMATION") }
            .updating(["notification"]) { notification in
                notification.setting([
                    "notificationId": .string(id), "eventDate": .string(ISO8601.string(from: order.updatedAt)),
                    "publishDate": .string(ISO8601.string(from: now)), "publishAttemptCount": .number(1),
                    "data": .members(["orderId": .string(order.id)]),
                ])
            }
        let body = message.serialized()
        let key = try P256.Signing.PrivateKey(pemRepresentation: SandboxKeys.ebayPrivateKey)
        let signature = try key.signature(for: Insecure.SHA1.hash(data: try JSONParser.parse(body).serialized(numbers: .javaScript)))
        let header = JSONValue.members([
            "alg": .string("ecdsa"), "kid": .string(SandboxKeys.ebayKeyID),
            "signature": .string(signature.derRepresentation.base64EncodedString()), "digest": .string("SHA1"),
        ])
        return SandboxDelivery(
            id: id,
            headers: [("Content-Type", "application/json"), ("X-EBAY-SIGNATURE", Data(header.serialized()).base64EncodedString())],
            body: body)
    }

    static func render(_ order: SandboxOrder, sandbox: Sandbox) -> JSONValue {
        let money = { (amount: Decimal) in JSONValue.members(["value": .string(amount.money), "currency": .string(order.currency)]) }
        let created = ISO8601.string(from: order.createdAt)
        let delivery: KeyValuePairs<String, JSONValue> = [
            "minEstimatedDeliveryDate": .string(ISO8601.string(from: order.createdAt.addingTimeInterval(3 * 86_400))),
            "maxEstimatedDeliveryDate": .string(ISO8601.string(from: order.createdAt.addingTimeInterval(5 * 86_400))),
        ]
        let address = JSONValue.members([
            "addressLine1": .string("2145 Hamilton Avenue"), "city": .string("San Jose"), "stateOrProvince": .string("CA"),
            "postalCode": .string("95125"), "countryCode": .string("US"),
        ])
        let indices = order.lines.map { line in sandbox.store.catalog.items.firstIndex { $0.sku == line.sku } ?? 0 }
        let lines = zip(order.lines, indices).map { line, index in
            let cost = line.unitPrice * Decimal(line.quantity)
            return JSONValue.members([
                "lineItemId": .string(line.lineID), "legacyItemId": .string(Self.legacyItemID(index)), "sku": .string(line.sku),
                "title": .string(line.title), "lineItemCost": money(cost), "quantity": .number(line.quantity), "soldFormat": .string("FIXED_PRICE"),
                "listingMarketplaceId": .string(Self.marketplaceID), "purchaseMarketplaceId": .string(Self.marketplaceID),
                "lineItemFulfillmentStatus": .string(Self.fulfillmentStatus(shipped: line.shipped, of: line.quantity)),
                "total": money(cost), "deliveryCost": .members(["shippingCost": money(0)]), "appliedPromotions": .array([]),
                "taxes": .array([]), "properties": .members(["buyerProtection": .bool(true)]),
                "lineItemFulfillmentInstructions": JSONValue.members(delivery).setting("guaranteedDelivery", to: .bool(false)),
            ])
        }
        return .members([
            "orderId": .string(order.id),
            "legacyOrderId": .string("\(Self.legacyItemID(indices.first ?? 0))-\(2_760_000_000_000 + order.sequence)"),
            "creationDate": .string(created), "lastModifiedDate": .string(ISO8601.string(from: order.updatedAt)),
            "orderFulfillmentStatus": .string(Self.fulfillmentStatus(shipped: order.shippedCount, of: order.itemCount)),
            "orderPaymentStatus": .string(order.status == .cancelled ? "FULLY_REFUNDED" : "PAID"),
            "sellerId": .string(Self.sellerID),
            "buyer": .members([
                "username": .string(order.buyerName.lowercased().replacingOccurrences(of: " ", with: "_")),
                "buyerRegistrationAddress": .members([
                    "fullName": .string(order.buyerName), "contactAddress": address, "email": .string(order.buyerEmail),
                ]),
            ]),
            "pricingSummary": .members([
                "priceSubtotal": money(order.subtotal), "deliveryCost": money(order.shippingCost), "tax": money(order.tax),
                "total": money(order.total),
            ]),
            "cancelStatus": .members([
                "cancelState": .string(order.status == .cancelled ? "CANCELED" : "NONE_REQUESTED"), "cancelRequests": .array([]),
            ]),
            "paymentSummary": .members([
                "totalDueSeller": money(order.total),
                "payments": .array([
                    .members([
                        "paymentMethod": .string("EBAY"), "paymentReferenceId": .string("SANDBOX\(order.sequence)"),
                        "paymentDate": .string(created), "amount": money(order.total), "paymentStatus": .string("PAID"),
                    ])
                ]),
                "refunds": .array([]),
            ]),
            "fulfillmentStartInstructions": .array([
                JSONValue.members(delivery).setting([
                    "fulfillmentInstructionsType": .string("SHIP_TO"), "ebaySupportedFulfillment": .bool(false),
                    "shippingStep": .members([
                        "shipTo": .members(["fullName": .string(order.buyerName), "contactAddress": address, "email": .string(order.buyerEmail)]),
                        "shippingCarrierCode": .string("USPS"), "shippingServiceCode": .string("USPSPriority"),
                    ]),
                ])
            ]),
            "salesRecordReference": .string("\(order.sequence)"),
            "totalFeeBasisAmount": money(order.total),
            "lineItems": .array(lines),
        ])
    }

    static func fulfillmentStatus(shipped: Int, of quantity: Int) -> String {
        shipped == 0 ? "NOT_STARTED" : shipped < quantity ? "IN_PROGRESS" : "FULFILLED"
    }

    /// 401 in eBay's words unless the call carries one of `tokens` as its bearer token.
    static func refuse(_ request: Request, accepting tokens: [String] = [Self.userToken]) -> Response? {
        tokens.contains { SandboxHTTP.header(request, "Authorization") == "Bearer \($0)" }
            ? nil
            : SandboxHTTP.json(
                .members([
                    "errors": .array([
                        .members([
                            "errorId": .number(1001), "domain": .string("OAuth"), "category": .string("REQUEST"),
                            "message": .string("Invalid access token"),
                            "longMessage": .string("Invalid access token. Check the value of the Authorization HTTP request header."),
                        ])
                    ])
                ]), status: 401)
    }

    static func error(_ status: Int, _ id: Int, _ domain: String, _ message: String) -> Response {
        SandboxHTTP.json(.members(["errors": .array([Self.errorDetail(id, domain, message)])]), status: status)
    }

    static func errorDetail(_ id: Int, _ domain: String, _ message: String) -> JSONValue {
        .members(["errorId": .number(id), "domain": .string(domain), "category": .string("REQUEST"), "message": .string(message)])
    }

    static func oauthError(_ status: Int, _ code: String, _ description: String) -> Response {
        SandboxHTTP.json(.members(["error": .string(code), "error_description": .string(description)]), status: status)
    }
}
