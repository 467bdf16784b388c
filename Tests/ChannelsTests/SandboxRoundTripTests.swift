import Channels
import Foundation
import Kernel
import Logging
import Sandbox
import Testing

/// Every adapter against the Sandbox over HTTP: pull orders in the provider's paging style, push stock, confirm a
/// shipment, verify the Sandbox's signed webhook.
@Suite struct SandboxRoundTripTests {
    static let providers = Sandbox.providers

    @Test(arguments: Self.providers)
    func pullsEveryOrderChangedSinceTheCursorInPages(provider: Provider) async throws {
        try await RunningSandbox.run { running in
            let adapter = running.adapter(provider)
            let expected = await running.sandbox.store.allOrders(provider)
            var received: [RemoteOrder] = []
            let outcome = try await RemoteWalk.run(
                adapter, RemoteOrder.self, since: RunningSandbox.now.addingTimeInterval(-86_400), continuation: nil, maxPages: 50, pageSize: 5,
                logger: .init(label: "t")
            ) { orders, _ in received += orders }
            #expect(outcome.trip == nil)
            #expect(outcome.continuation == nil)
            #expect(outcome.pages >= 3, "12 orders, 5 to a page")
            #expect(Set(received.map(\.remoteID)) == Set(expected.map(\.id)))
            #expect(received.count == expected.count, "no order twice")
            for order in received {
                let stored = try #require(expected.first { $0.id == order.remoteID })
                // TikTok lists one line item per unit.
                #expect(order.lines.count == (provider == .tiktok ? stored.itemCount : stored.lines.count), "\(order.remoteID)")
                #expect(abs((order.updatedAt ?? .distantPast).timeIntervalSince(stored.updatedAt)) < 1)
                #expect(order.payload != .null)
                let normalized = try #require(ChannelAdapters.normalize(order, from: provider))
                #expect(normalized.itemsTotalQuantity == stored.itemCount, "\(order.remoteID)")
                #expect(normalized.lines.compactMap(\.sku).count == normalized.lines.count, "every line names its SKU")
                #expect(normalized.total == stored.total, "\(order.remoteID)")
                #expect(normalized.currency == stored.currency)
                #expect(normalized.buyerEmail == stored.buyerEmail)
                #expect(normalized.orderedAt.map { abs($0.timeIntervalSince(stored.createdAt)) < 1 } == true)
            }
            #expect(received.compactMap(\.updatedAt) == received.compactMap(\.updatedAt).sorted(), "oldest change first")

            let changed = await running.sandbox.advance(newOrders: 2, updates: 1, now: RunningSandbox.now.addingTimeInterval(60))
            var next: [RemoteOrder] = []
            _ = try await RemoteWalk.run(
                adapter, RemoteOrder.self, since: try #require(outcome.newestChange).addingTimeInterval(1), continuation: nil, maxPages: 50,
                logger: .init(label: "t")
            ) { orders, _ in next += orders }
            #expect(Set(next.map(\.remoteID)) == Set((changed[provider] ?? []).map(\.id)))
            #expect(next.count == 3)
        }
    }

    @Test(arguments: Self.providers)
    func pullsEveryProductWithItsStockInPages(provider: Provider) async throws {
        try await RunningSandbox.run { running in
            let adapter = running.adapter(provider)
            let catalog = running.sandbox.store.catalog.items
            let since = RunningSandbox.now.addingTimeInterval(-30 * 86_400)
            var received: [RemoteProduct] = []
            let outcome = try await RemoteWalk.run(
                adapter, RemoteProduct.self, since: since, continuation: nil, maxPages: 50, pageSize: 5, logger: .init(label: "t")
            ) {
                products, _ in received += products
            }
            #expect(outcome.trip == nil)
            #expect(outcome.pages >= 3, "12 products, 5 to a page")
            #expect(received.count == catalog.count, "every product once")
            #expect(Set(received.map(\.remoteID)).count == catalog.count)
            for item in catalog { #expect(received.contains { Self.text(of: $0).contains("\"\(item.sku)\"") }, "\(item.sku)") }

            let item = catalog[3]
            let identifiers = SandboxCatalog.identifiers(provider, index: item.index)
            _ = try await adapter.pushInventory([InventoryLevel(sku: item.sku, quantity: 4_321, identifiers: identifiers)])
            var changed: [RemoteProduct] = []
            _ = try await RemoteWalk.run(
                adapter, RemoteProduct.self, since: try #require(outcome.newestChange ?? since).addingTimeInterval(1), continuation: nil,
                maxPages: 50,
                logger: .init(label: "t")
            ) { products, _ in changed += products }
            let pushed = try #require(changed.first { Self.text(of: $0).contains("\"\(item.sku)\"") })
            // Walmart's item report carries no stock.
            if provider != .walmart { #expect(Self.text(of: pushed).contains("4321"), "the pushed stock") }
            if outcome.newestChange != nil { #expect(changed.count == 1, "only the product whose stock changed") }
        }
    }

    /// A product's JSON with its variants', to look for a SKU or a quantity in whatever shape the provider gives.
    static func text(of product: RemoteProduct) -> String {
        String(decoding: product.payload.serialized() + JSONValue.array(product.variants).serialized(), as: UTF8.self)
    }

    @Test(arguments: Self.providers)
    func pullsEveryRefundWithItsOrder(provider: Provider) async throws {
        try await RunningSandbox.run { running in
            let adapter = running.adapter(provider)
            let expected = await running.sandbox.store.refunds(provider, since: .distantPast)
            #expect(expected.count == 2, "orders 5 and 10 of 12 are refunded")
            var received: [RemoteRefund] = []
            let outcome = try await RemoteWalk.run(
                adapter, RemoteRefund.self, since: RunningSandbox.now.addingTimeInterval(-86_400), continuation: nil, maxPages: 50, pageSize: 1,
                logger: .init(label: "t")
            ) { refunds, _ in received += refunds }
            #expect(outcome.trip == nil)
            #expect(received.map(\.remoteOrderID).sorted() == expected.map(\.order.id).sorted())
            #expect(received.count == expected.count, "no refund twice")
            #expect(Set(received.map(\.remoteID)).count == expected.count)
            for refund in received {
                // eBay's finances report totals only.
                #expect(refund.lines.count == (provider == .ebay ? 0 : 1), "\(refund.remoteID)")
                let amount = try #require(expected.first { $0.order.id == refund.remoteOrderID }).refund.amount
                #expect(String(decoding: refund.payload.serialized(), as: UTF8.self).contains("\(amount)"), "the refunded amount")
                let normalized = try #require(ChannelAdapters.normalize(refund, from: provider))
                #expect(normalized.total == amount, "\(refund.remoteID)")
                #expect(normalized.itemsTotalQuantity == (provider == .ebay ? 0 : 1), "eBay reports refund totals only")
            }

            let changed = await running.sandbox.advance(newOrders: 0, updates: 0, refunds: 1, now: RunningSandbox.now.addingTimeInterval(-600))
            let refunded = try #require(changed[provider]?.first)
            var next: [RemoteRefund] = []
            _ = try await RemoteWalk.run(
                adapter, RemoteRefund.self, since: try #require(outcome.newestChange).addingTimeInterval(1), continuation: nil, maxPages: 50,
                logger: .init(label: "t")
            ) { refunds, _ in next += refunds }
            #expect(next.map(\.remoteOrderID) == [refunded.id])
            let none = try await RemoteWalk.run(
                adapter, RemoteRefund.self, since: Date(), continuation: nil, maxPages: 50, logger: .init(label: "t")
            ) { _, _ in }
            #expect(none.records == 0, "nothing refunded since: an empty answer (eBay's is a 204), not an error")
        }
    }

    @Test(arguments: Self.providers)
    func everyChannelNamesTheCarriersAShipmentMayUse(provider: Provider) async throws {
        try await RunningSandbox.run { running in
            let carriers = try await running.adapter(provider).carrierCodes()
            #expect(Set(carriers.map(\.code)).count == carriers.count, "no carrier twice: \(carriers)")
            #expect(carriers.contains { $0.code.uppercased() == "UPS" || $0.displayName == "UPS" }, "\(carriers)")
            #expect(carriers.allSatisfy { !$0.code.isEmpty && !$0.displayName.isEmpty })
        }
    }

    @Test(arguments: Self.providers)
    func pushedStockIsWhatTheChannelShows(provider: Provider) async throws {
        try await RunningSandbox.run { running in
            let items = Array(running.sandbox.store.catalog.items.prefix(2))
            let levels = items.enumerated().map { position, item in
                InventoryLevel(sku: item.sku, quantity: 7 + position, identifiers: SandboxCatalog.identifiers(provider, index: item.index))
            }
            let results = try await running.adapter(provider).pushInventory(levels)
            #expect(results.map(\.sku) == items.map(\.sku))
            #expect(results.allSatisfy { $0.accepted }, "\(results)")
            for level in levels { #expect(await running.sandbox.store.quantity(provider, sku: level.sku) == level.quantity) }
        }
    }

    @Test(arguments: Self.providers)
    func aConfirmedShipmentShipsTheOrderOnTheChannel(provider: Provider) async throws {
        try await RunningSandbox.run { running in
            let order = try #require(await running.sandbox.store.allOrders(provider).first { $0.status == .open })
            let shipment = ShipmentConfirmation(
                remoteOrderID: order.id, carrier: "UPS", service: "Ground", trackingNumber: "1Z999AA10123456784", shippedAt: RunningSandbox.now,
                lines: try await Self.lines(of: order, on: provider, running))
            _ = try await running.adapter(provider).confirmShipment(shipment)
            let shipped = try #require(await running.sandbox.store.order(provider, id: order.id))
            #expect(shipped.status == .shipped)
            #expect(shipped.shipments.last?.trackingNumber == "1Z999AA10123456784")
            if provider != .woocommerce {  // WooCommerce completes a completed order again without complaint.
                await #expect(throws: ChannelCallError.self) { try await running.adapter(provider).confirmShipment(shipment) }
            }
        }
    }

    @Test(arguments: Self.providers)
    func theSandboxesSignedWebhookVerifiesAndNamesTheOrder(provider: Provider) async throws {
        try await RunningSandbox.run { running in
            let order = try #require(await running.sandbox.store.allOrders(provider).last)
            let delivery = try running.sandbox.webhook(provider, for: order)
            let adapter = running.adapter(provider)
            let verified = try await adapter.verifyWebhook(
                WebhookRequest(headers: delivery.headers, body: delivery.body, endpointURL: "https://switchyard.test/upstream"), now: Date())
            let event = try type(of: adapter).parseWebhook(topic: verified.topic, body: delivery.body)
            #expect(event.resource == .order)
            #expect(event.remoteID == order.id)
            // Amazon's relay proves itself with a key header rather than a signature over the body; the others sign the body,
            // so a delivery naming another order must fail.
            let tampered = String(decoding: delivery.body, as: UTF8.self).replacingOccurrences(of: order.id, with: order.id + "9")
            let forged =
                provider == .amazon
                ? WebhookRequest(
                    headers: delivery.headers.map { ($0.name, $0.name == AmazonChannel.notificationKeyHeader ? "guessed" : $0.value) },
                    body: delivery.body,
                    endpointURL: "https://switchyard.test/upstream")
                : WebhookRequest(headers: delivery.headers, body: Array(tampered.utf8), endpointURL: "https://switchyard.test/upstream")
            await #expect(throws: WebhookRejection.self) { try await adapter.verifyWebhook(forged, now: Date()) }
        }
    }

    @Test func wrongCredentialsAreRefusedByTheChannel() async throws {
        try await RunningSandbox.run { running in
            let context = ChannelContext(
                connection: ChannelConnection(
                    instanceKey: "wrong", baseURL: running.baseURL(.shopify), credentials: ChannelCredentials(["access_token": "shpat_wrong"])),
                http: ChannelHTTP(policy: RunningSandbox.policy), signingKeys: WebhookSignatureTests.FixedKeys(keys: [:]), logger: .init(label: "t"))
            await #expect(throws: ChannelCallError.self) {
                try await ShopifyChannel(context: context).fetchOrders(PullQuery(updatedSince: .distantPast))
            }
        }
    }

    /// A provider token obtained with one instance's secret is never handed to a caller presenting another secret for
    /// the same app, even on one shared sender: the wrong secret goes to the channel and is refused.
    @Test func aCachedTokenIsNotSharedWithAWrongSecret() async throws {
        try await RunningSandbox.run { running in
            let http = ChannelHTTP(policy: RunningSandbox.policy)
            func walmart(secret: String) -> WalmartChannel {
                var credentials = SandboxCredentials.credentials(.walmart)
                credentials["client_secret"] = secret
                return WalmartChannel(
                    context: ChannelContext(
                        connection: ChannelConnection(
                            instanceKey: secret, baseURL: running.baseURL(.walmart), credentials: ChannelCredentials(credentials)),
                        http: http, signingKeys: WebhookSignatureTests.FixedKeys(keys: [:]), logger: .init(label: "t")))
            }
            _ = try await walmart(secret: SandboxCredentials.credentials(.walmart)["client_secret"] ?? "").fetchOrders(
                PullQuery(updatedSince: .distantPast))
            await #expect(throws: ChannelCallError.self) {
                try await walmart(secret: "guessed").fetchOrders(PullQuery(updatedSince: .distantPast))
            }
        }
    }

    /// The lines to ship for all of `order`: the store's lines, except on TikTok, whose line items are one per unit and are
    /// read from the pulled order.
    static func lines(of order: SandboxOrder, on provider: Provider, _ running: RunningSandbox) async throws -> [ShipmentConfirmation.Line] {
        guard provider == .tiktok else { return order.lines.map { .init(remoteLineID: $0.lineID, sku: $0.sku, quantity: $0.quantity) } }
        let page = try await running.adapter(provider).fetchOrders(PullQuery(updatedSince: order.updatedAt.addingTimeInterval(-1)))
        let pulled = try #require(page.records.first { $0.remoteID == order.id })
        return pulled.lines.compactMap { $0["id"]?.text }.map { .init(remoteLineID: $0, quantity: 1) }
    }
}
