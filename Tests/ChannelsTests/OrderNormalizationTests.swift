import Channels
import Foundation
import Kernel
import Testing

/// Every public order fixture read into Switchyard's order shape, field by field (seed `001_…`'s fields and per-provider
/// selling price). eBay and TikTok Shop publish no order sample; their orders are checked against the Sandbox in
/// `SandboxRoundTripTests`.
@Suite struct OrderNormalizationTests {
    static func json(_ path: String) throws -> JSONValue { try JSONParser.parse(try Fixture.bytes(path)) }
    static func date(_ text: String) -> Date? { ISO8601.date(from: text) }
    static func amount(_ text: String) -> Decimal? { Decimal.exact(text) }

    static func order(_ payload: JSONValue, id: String, lines: [JSONValue]? = nil, status: String? = nil, as type: any ChannelProvider.Type)
        -> NormalizedOrder
    {
        type.normalize(RemoteOrder(remoteID: id, status: status, createdAt: nil, updatedAt: nil, payload: payload, lines: lines ?? []))
    }

    @Test func shopifyOrderWithDiscountAllocationsAndBothAddresses() throws {
        let payload = try #require(try Self.json("shopify/order.rest-2026-07.get.response.json")["order"])
        let order = Self.order(payload, id: "450789469", lines: payload["line_items"]?.arrayValue, as: ShopifyChannel.self)
        #expect(order.status == "open")
        #expect(order.paymentStatus == "partially_refunded")
        #expect(order.canonicalStatus == .processing)
        #expect(order.orderedAt == Self.date("2008-01-10T16:00:00Z"))
        #expect(order.lastRemoteUpdateAt == Self.date("2008-01-10T16:00:00Z"))
        #expect(order.orderNumberHint == "#1001")
        #expect(order.taxesIncluded == false)
        #expect(order.buyerName == "Bob Norman")
        #expect(order.buyerEmail == "bob.norman@mail.example.com")
        #expect(order.currency == "USD")
        #expect(order.subtotal == Self.amount("597.00"))
        #expect(order.shipping == Self.amount("0.00"))
        #expect(order.tax == Self.amount("11.94"))
        #expect(order.discount == Self.amount("10.00"))
        #expect(order.total == Self.amount("598.94"))
        let address = PostalAddress(
            name: "Bob Norman", address1: "Chestnut Street 92", city: "Louisville", region: "KY", postal: "40202", country: "US",
            phone: "+1(502)-459-2181")
        #expect(order.billingAddress == address)
        #expect(order.shippingAddress == address)
        #expect(order.paymentMethod == "bogus")
        #expect(order.isGift == false)
        #expect(order.notes == nil)
        #expect(order.lines.map(\.externalLineID) == ["466157049", "518995019", "703073504"])
        #expect(order.lines.map(\.sku) == ["IPOD2008GREEN", "IPOD2008RED", "IPOD2008BLACK"])
        #expect(order.lines.map(\.variantSKU) == ["green", "red", "black"])
        #expect(order.lines.map(\.channelProductID) == ["632910392", "632910392", "632910392"])
        #expect(order.lines.map(\.channelVariantID) == ["39072856", "49148385", "457924702"])
        #expect(order.lines.map(\.quantity) == [1, 1, 1])
        #expect(order.lines.map(\.unitPrice) == Array(repeating: Self.amount("199.00"), count: 3))
        // (199.00 − the line's discount allocation) / 1, tax excluded since the shop's prices exclude it.
        #expect(order.lines.map(\.sellingUnitPrice) == [Self.amount("195.66"), Self.amount("195.67"), Self.amount("195.67")])
        #expect(order.lines.map(\.tax) == Array(repeating: Self.amount("3.98"), count: 3))
        #expect(order.lines.map(\.discount) == [Self.amount("3.34"), Self.amount("3.33"), Self.amount("3.33")])
        #expect(order.itemsTotalQuantity == 3)
    }

    @Test func shopifyTaxInclusivePricesSubtractTheLineTaxFromTheSellingPrice() throws {
        let payload = try #require(try Self.json("shopify/order.rest-2026-07.get.response.json")["order"]).setting("taxes_included", to: .bool(true))
        let order = Self.order(payload, id: "450789469", lines: payload["line_items"]?.arrayValue, as: ShopifyChannel.self)
        #expect(order.taxesIncluded == true)
        // (199.00 − 3.34 − 3.98) / 1
        #expect(order.lines.first?.sellingUnitPrice == Self.amount("191.68"))
    }

    @Test func shopifyRefundWithItsLinesAndTransactions() throws {
        let payload = try #require(try Self.json("shopify/order.rest-2026-07.get.response.json")["order", "refunds"]?.arrayValue?.first)
        let refund = try #require(
            ShopifyChannel.normalize(
                RemoteRefund(
                    remoteID: "509562969", remoteOrderID: "450789469", status: nil, createdAt: nil, updatedAt: nil, payload: payload,
                    lines: payload["refund_line_items"]?.arrayValue ?? [])))
        #expect(refund.externalRefundID == "509562969")
        #expect(refund.externalOrderID == "450789469")
        #expect(refund.occurredAt == Self.date("2025-07-02T16:29:59Z"))
        #expect(refund.amount == Self.amount("209.00"))
        #expect(refund.total == Self.amount("209.00"))
        #expect(refund.currency == "USD")
        #expect(refund.subtotal == Self.amount("391.33"))
        #expect(refund.tax == Self.amount("7.96"))
        #expect(refund.shipping == 0)
        #expect(refund.paymentStatus == "success")
        #expect(refund.paymentMethod == "bogus")
        #expect(refund.notes == "it broke during shipping")
        #expect(refund.lines.map(\.externalLineID) == ["104689539", "709875399"])
        #expect(refund.lines.map(\.sku) == ["IPOD2008BLACK", "IPOD2008GREEN"])
        #expect(refund.lines.map(\.variantSKU) == ["black", "green"])
        #expect(refund.lines.map(\.quantity) == [1, 1])
        #expect(refund.lines.map(\.unitRefund) == [Self.amount("195.66"), Self.amount("195.67")])
        #expect(refund.lines.map(\.totalRefund) == [Self.amount("199.64"), Self.amount("199.65")])
        #expect(refund.discount == Self.amount("6.67"), "each line's share of its discount allocations")
        #expect(refund.itemsTotalQuantity == 2)
    }

    @Test func amazonOrderAndItsOrderItems() throws {
        let orders = try #require(try Self.json("amazon-sp-api/orders-v0.getOrders.response.json")["payload", "Orders"]?.arrayValue)
        let items = try #require(try Self.json("amazon-sp-api/orders-v0.getOrderItems.response.json")["payload", "OrderItems"]?.arrayValue)
        let order = Self.order(orders[0], id: "902-1845936-5435065", lines: items, as: AmazonChannel.self)
        #expect(order.status == "Unshipped")
        #expect(order.canonicalStatus == .processing)
        #expect(order.paymentStatus == nil)
        #expect(order.orderedAt == Self.date("1970-01-19T03:58:30Z"))
        #expect(order.lastRemoteUpdateAt == Self.date("1970-01-19T03:58:32Z"))
        #expect(order.orderNumberHint == "902-1845936-5435065")
        #expect(order.currency == "USD")
        #expect(order.total == Self.amount("11.01"))
        #expect(order.shippingAddress == nil, "the seller's ship-from address is not the buyer's")
        #expect(order.paymentMethod == "Standard")
        #expect(order.channelMetadata["fulfillment_channel"] == "MFN")
        #expect(order.subtotal == Self.amount("43.94"))
        #expect(order.shipping == Self.amount("1.26"))
        #expect(order.lines.map(\.externalLineID) == ["68828574383266", "79039765272157"])
        #expect(order.lines.map(\.sku) == ["CBA_OTF_1", "CBA_OTF_5"])
        #expect(order.lines.map(\.channelProductID) == ["BT0093TELA", "BCTU1104UEFB"])
        #expect(order.lines.map(\.quantity) == [1, 2])
        #expect(order.lines.map(\.currency) == ["JPY", "JPY"])
        // ItemPrice is the line total; the unit price is exact, the selling price rounded to 2 places.
        #expect(order.lines.map(\.unitPrice) == [Self.amount("25.99"), Self.amount("8.975")])
        #expect(order.lines.map(\.sellingUnitPrice) == [Self.amount("25.99"), Self.amount("8.98")])
        #expect(order.lines.map(\.totalPrice) == [Self.amount("25.99"), Self.amount("17.95")])
        #expect(order.lines.map(\.fulfillmentStatus) == ["fulfilled", "unfulfilled"])
        #expect(order.lines.map(\.notes) == ["For you!", "For you!"])

        let pending = try #require(
            try Self.json("amazon-sp-api/orders-v0.getOrders.page1-NextToken.response.json")["payload", "Orders"]?.arrayValue?.first)
        let waiting = Self.order(pending, id: "902-3159896-1390916", as: AmazonChannel.self)
        #expect(waiting.canonicalStatus == .pending)
        #expect(waiting.total == nil, "no OrderTotal on a pending order")
        #expect(waiting.paymentMethod == "CreditCard,GiftCertificate")
    }

    @Test func walmartPurchaseOrderSumsItsCharges() throws {
        let orders = try #require(try Self.json("walmart/orders-v3.getAllReleasedOrders.response.json")["list", "elements", "order"]?.arrayValue)
        let payload = orders[0]
        let order = Self.order(
            payload, id: "4792982839409", lines: payload["orderLines", "orderLine"]?.arrayValue, status: "Created", as: WalmartChannel.self)
        #expect(order.canonicalStatus == .processing)
        #expect(order.orderedAt == Self.date("2019-10-24T07:52:30Z"))
        #expect(order.lastRemoteUpdateAt == Self.date("2019-10-24T07:55:48Z"))
        #expect(order.orderNumberHint == "5681962097195")
        #expect(order.buyerName == "SFirst1340778269137n SLast1340778269137n")
        #expect(order.buyerEmail == "9336DEB95193429EA032F07770C3E48A@relay.walmart.com")
        #expect(order.currency == "USD")
        #expect(order.subtotal == 99)
        #expect(order.shipping == 60)
        #expect(order.tax == Self.amount("7.92"))
        #expect(order.discount == 0)
        #expect(order.total == Self.amount("166.92"))
        #expect(
            order.shippingAddress
                == PostalAddress(
                    name: "SFirst1340778269137n SLast1340778269137n", address1: "13227 City Square Dr", city: "Jacksonville", region: "CA",
                    postal: "12901", country: "US", phone: "7992381678"))
        #expect(order.billingAddress == nil)
        let line = try #require(order.lines.first)
        #expect(line.externalLineID == "3")
        #expect(line.sku == "StressTestHome_29")
        #expect(line.title == "Dummystresstest_MP_Home_29")
        #expect(line.quantity == 1)
        #expect(line.unitPrice == 99)
        #expect(line.sellingUnitPrice == 99)
        #expect(line.tax == Self.amount("7.92"))
        #expect(line.shipping == 60)
        #expect(line.fulfillmentStatus == "Created")
    }

    @Test func walmartSellingPriceIsTheProductChargeLessItsDiscountsPerUnit() throws {
        let orders = try #require(try Self.json("walmart/orders-v3.getAllReleasedOrders.response.json")["list", "elements", "order"]?.arrayValue)
        var line = try #require(orders[0]["orderLines", "orderLine"]?.arrayValue?.first)
        line = line.setting("orderLineQuantity", to: .members(["unitOfMeasure": .string("EACH"), "amount": .string("3")]))
        var charges = line["charges", "charge"]?.arrayValue ?? []
        charges.append(
            .members([
                "chargeType": .string("PRODUCT"), "chargeName": .string("SubscriptionDiscount"),
                "chargeAmount": .members(["currency": .string("USD"), "amount": .number("-10.00")]),
            ]))
        line = line.setting("charges", to: .members(["charge": .array(charges)]))
        let order = Self.order(orders[0], id: "4792982839409", lines: [line], as: WalmartChannel.self)
        // (99 − 10) / 3 = 29.666… → 29.67
        #expect(order.lines.first?.sellingUnitPrice == Self.amount("29.67"))
        #expect(order.lines.first?.discount == 10)
    }

    @Test func wooCommerceOrderReadsGMTDatesAndDecodesLineNames() throws {
        let payload = try Self.json("woocommerce/order.wc-v3.get.response.json")
        let order = Self.order(payload, id: "727", lines: payload["line_items"]?.arrayValue, as: WooCommerceChannel.self)
        #expect(order.status == "processing")
        #expect(order.paymentStatus == "paid")
        #expect(order.canonicalStatus == .processing)
        #expect(order.orderedAt == Self.date("2017-03-22T19:28:02Z"))
        #expect(order.lastRemoteUpdateAt == Self.date("2017-03-22T19:28:08Z"))
        #expect(order.orderNumberHint == "727")
        #expect(order.taxesIncluded == false)
        #expect(order.buyerName == "John Doe")
        #expect(order.buyerEmail == "john.doe@example.com")
        #expect(order.subtotal == 18)
        #expect(order.shipping == 10)
        #expect(order.tax == Self.amount("1.35"))
        #expect(order.discount == 0)
        #expect(order.total == Self.amount("29.35"))
        #expect(
            order.billingAddress
                == PostalAddress(
                    name: "John Doe", address1: "969 Market", city: "San Francisco", region: "CA", postal: "94103", country: "US",
                    phone: "(555) 555-5555"))
        #expect(order.shippingAddress?.phone == nil)
        #expect(order.paymentMethod == "bacs")
        #expect(order.lines.map(\.externalLineID) == ["315", "316"])
        #expect(order.lines.map(\.sku) == [nil, "Bar3"])
        #expect(order.lines[1].title == "Ship Your Idea \u{2013} Color: Black, Size: M Test")
        #expect(order.lines[1].variantSKU == "black / M Test")
        #expect(order.lines.map(\.channelVariantID) == [nil, "23"])
        #expect(order.lines.map(\.quantity) == [2, 1])
        #expect(order.lines.map(\.unitPrice) == [3, 12])
        #expect(order.lines.map(\.sellingUnitPrice) == [3, 12])
        #expect(order.lines.map(\.tax) == [Self.amount("0.45"), Self.amount("0.90")])
        #expect(order.itemsTotalQuantity == 3)
    }

    @Test func bigCommerceOrderAndItsProductsLeaveBundledChildrenOut() throws {
        let payload = try Self.json("bigcommerce/orders-v2.getOrder.response.json")
        let products = try #require(try Self.json("bigcommerce/orders-v2.getOrderProducts.response.json").arrayValue)
        let order = Self.order(payload, id: "218", lines: products, as: BigCommerceChannel.self)
        #expect(order.status == "Awaiting Payment")
        #expect(order.paymentStatus == "authorized")
        #expect(order.canonicalStatus == .pending)
        #expect(order.orderedAt == Self.date("2019-03-05T21:40:11Z"))
        #expect(order.lastRemoteUpdateAt == Self.date("2019-03-11T15:17:25Z"))
        #expect(order.taxesIncluded == false)
        #expect(order.buyerName == "Jane Doe")
        #expect(order.buyerEmail == "janedoe@example.com")
        #expect(order.currency == "USD")
        #expect(order.subtotal == Self.amount("62.6793"))
        #expect(order.shipping == Self.amount("11.09"))
        #expect(order.tax == Self.amount("5.31"))
        #expect(order.total == Self.amount("69.84"))
        #expect(order.billingAddress?.region == "Texas")
        #expect(order.billingAddress?.country == "US")
        #expect(order.paymentMethod == "Cash")
        #expect(order.lines.count == 1, "the bundled child is part of its parent")
        let line = try #require(order.lines.first)
        #expect(line.externalLineID == "65")
        #expect(line.sku == "S-ORAN")
        #expect(line.variantSKU == "S / Orange / Text Field / Yes / Able Brewing System")
        #expect(line.unitPrice == Self.amount("55.99"))
        // (55.99 − 1.59 applied discount) / 1
        #expect(line.sellingUnitPrice == Self.amount("54.40"))
        #expect(line.tax == Self.amount("9.24"))
        #expect(line.discount == Self.amount("1.59"))
        #expect(line.fulfillmentStatus == "unfulfilled")
    }

    @Test func magentoOrderKeepsTopLevelItemsAndNamesTheConfigurableChild() throws {
        let payload = try Self.json("magento2/sales-order.V1-orders-id.get.response.json")
        let order = Self.order(payload, id: "3", lines: payload["items"]?.arrayValue, as: MagentoChannel.self)
        #expect(order.status == "pending")
        #expect(order.paymentStatus == "pending")
        #expect(order.canonicalStatus == .pending)
        #expect(order.orderNumberHint == "000000003")
        #expect(order.buyerName == "Jane Doe")
        #expect(order.buyerEmail == "jdoe@example.com")
        #expect(order.currency == "USD")
        #expect(order.subtotal == 160)
        #expect(order.shipping == 5)
        #expect(order.tax == 0)
        #expect(order.discount == 0)
        #expect(order.total == 165)
        let address = PostalAddress(
            name: "Jane Doe", address1: "123 Oak Ave", city: "Purchase", region: "NY", postal: "10577", country: "US", phone: "512-555-1111")
        #expect(order.billingAddress == address)
        #expect(order.shippingAddress == address)
        #expect(order.paymentMethod == "banktransfer")
        #expect(order.lines.map(\.externalLineID) == ["3", "4", "5", "10"])
        #expect(order.lines.map(\.unitPrice) == [22, 18, 68, 52])
        #expect(order.lines.compactMap(\.totalPrice).reduce(0, +) == 160, "children are not counted twice")
        #expect(order.lines[3].variantSKU == "MH01-S-Gray")
        #expect(order.lines[3].channelVariantID == "56")
        #expect(order.lines.map(\.fulfillmentStatus) == Array(repeating: "unfulfilled", count: 4))
    }

    @Test func tiktokReturnsUnderReviewAreNotRefundsYet() throws {
        let returned = JSONValue.members([
            "return_id": .string("1"), "order_id": .string("2"), "return_status": .string("RETURN_OR_REFUND_REQUEST_PENDING"),
            "refund_amount": .members(["currency": .string("USD"), "refund_total": .string("9.99")]),
        ])
        let pending = RemoteRefund(
            remoteID: "1", remoteOrderID: "2", status: "RETURN_OR_REFUND_REQUEST_PENDING", createdAt: nil, updatedAt: nil, payload: returned,
            lines: [])
        #expect(TikTokChannel.normalize(pending) == nil)
        let complete = RemoteRefund(
            remoteID: "1", remoteOrderID: "2", status: "RETURN_OR_REFUND_REQUEST_COMPLETE", createdAt: nil, updatedAt: nil, payload: returned,
            lines: [])
        #expect(TikTokChannel.normalize(complete)?.total == Self.amount("9.99"))
    }

    @Test func amazonAndEbayRoundTheSellingPriceOnceFromTheLineTotal() throws {
        let item = JSONValue.members([
            "OrderItemId": .string("1"), "SellerSKU": .string("BULK"), "QuantityOrdered": .number(250),
            "ItemPrice": .members(["CurrencyCode": .string("USD"), "Amount": .string("123.74")]),
        ])
        let order = Self.order(.members(["AmazonOrderId": .string("1")]), id: "1", lines: [item], as: AmazonChannel.self)
        // 123.74 / 250 = 0.49496: 0.49, not 0.50 by way of 0.4950.
        #expect(order.lines.first?.sellingUnitPrice == Self.amount("0.49"))
        #expect(order.lines.first?.unitPrice == Self.amount("0.495"))
    }

    @Test func wooCommerceSellingPriceIsTheDiscountedLineTotal() throws {
        let payload = try Self.json("woocommerce/order.wc-v3.get.response.json")
        var lines = payload["line_items"]?.arrayValue ?? []
        lines[0] = lines[0].setting("total", to: .string("5.00"))
        let order = Self.order(payload, id: "727", lines: lines, as: WooCommerceChannel.self)
        #expect(order.lines[0].unitPrice == 3)
        #expect(order.lines[0].sellingUnitPrice == Self.amount("2.50"))
        #expect(order.lines[0].discount == 1)
    }

    @Test func magentoCreditMemoKeepsItsRefundedItemsButNotAConfigurablesChild() throws {
        let item = { (id: String, sku: String, qty: Int, price: String, total: String) in
            JSONValue.members([
                "entity_id": .number(id), "parent_id": .number("7"), "order_item_id": .number(id), "sku": .string(sku), "name": .string(sku),
                "qty": .number(qty), "price": .number(price), "row_total": .number(total), "tax_amount": .number("0"),
            ])
        }
        let memo = JSONValue.members([
            "entity_id": .number("7"), "order_id": .number("3"), "grand_total": .number("57"), "subtotal": .number("52"),
            "shipping_amount": .number("5"), "tax_amount": .number("0"), "discount_amount": .number("0"), "order_currency_code": .string("USD"),
        ])
        let lines = [
            item("10", "MH01-S-Gray", 1, "52", "52"), item("11", "MH01-S-Gray", 1, "0", "0"), item("3", "WS12-M-Orange", 0, "22", "0"),
        ]
        let refund = try #require(
            MagentoChannel.normalize(
                RemoteRefund(remoteID: "7", remoteOrderID: "3", status: "2", createdAt: nil, updatedAt: nil, payload: memo, lines: lines)))
        #expect(refund.lines.map(\.externalLineID) == ["10"], "the child and the unrefunded item are not lines")
        #expect(refund.total == 57)
        #expect(refund.paymentStatus == "refunded")
    }

    @Test func walmartReturnNotYetRefundedCountsItsReturnedUnits() throws {
        let line = JSONValue.members([
            "returnOrderLineNumber": .number(1), "purchaseOrderId": .string("PO-1"), "item": .members(["sku": .string("SKU")]),
            "unitPrice": .members(["currencyAmount": .number("10"), "currencyUnit": .string("USD")]), "refundedQty": .number(0),
            "quantity": .members(["unitOfMeasure": .string("EACH"), "measurementValue": .number(3)]),
            "charges": .array([
                .members([
                    "chargeCategory": .string("PRODUCT"), "isDiscount": .bool(false),
                    "chargePerUnit": .members(["currencyAmount": .number("10"), "currencyUnit": .string("USD")]),
                ])
            ]),
        ])
        let returned = JSONValue.members([
            "returnOrderId": .string("R-1"), "totalRefundAmount": .members(["currencyAmount": .number("30"), "currencyUnit": .string("USD")]),
        ])
        let refund = try #require(
            WalmartChannel.normalize(
                RemoteRefund(remoteID: "R-1", remoteOrderID: "PO-1", status: nil, createdAt: nil, updatedAt: nil, payload: returned, lines: [line])))
        #expect(refund.lines.first?.quantity == 3)
        #expect(refund.subtotal == 30)
    }

    @Test func hostileQuantitiesAndAmountsNeitherCrashNorOverflow() throws {
        let line = { (quantity: JSONValue, price: String) in
            JSONValue.members(["id": .number(1), "sku": .string("S"), "quantity": quantity, "price": .string(price)])
        }
        let lines = [
            line(.number("9223372036854775807"), "1.00"), line(.number("-9223372036854775808"), "1.00"), line(.number("4294967296"), "12,99"),
            line(.number("2147483647"), "9e400"), line(.number("2147483647"), "1.00"), line(.string("1e3"), "1.00"),
        ]
        let order = Self.order(.members(["id": .number(1), "line_items": .array(lines)]), id: "1", lines: lines, as: ShopifyChannel.self)
        #expect(order.lines.map(\.quantity) == [0, 0, 0, Int(Int32.max), Int(Int32.max), 1000], "out-of-range quantities read as 0")
        #expect(order.itemsTotalQuantity == Int(Int32.max), "capped where a PostgreSQL integer ends")
        #expect(order.lines[2].unitPrice == nil, "'12,99' is not 12")
        #expect(order.lines[3].unitPrice == nil, "too large for a decimal")
        #expect(JSONValue.number(Decimal.nan) == .null)

        let woo = JSONValue.members(["id": .number(1), "name": .string("Bad&#0;name &#x1F600;"), "quantity": .number(-3), "total": .string("-9.00")])
        let refund = try #require(
            WooCommerceChannel.normalize(
                RemoteRefund(remoteID: "1", remoteOrderID: "2", status: nil, createdAt: nil, updatedAt: nil, payload: .members([:]), lines: [woo])))
        #expect(refund.lines.first?.title == "Bad\u{FFFD}name \u{1F600}")
        #expect(refund.lines.first?.quantity == 3)
        #expect(refund.lines.first?.unitRefund == 3)
    }
}
