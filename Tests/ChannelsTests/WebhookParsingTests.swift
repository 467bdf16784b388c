import Foundation
import Kernel
import Testing

@testable import Channels

/// Every webhook-shaped fixture parses unchanged into the event it announces.
@Suite struct WebhookParsingTests {
    static let keys = WebhookSignatureTests.FixedKeys(keys: [:])

    static func adapter(_ provider: Provider) -> any ChannelProvider.Type {
        ChannelAdapters.type(for: provider)!
    }

    @Test func shopifyResourcesWithoutTheirRootKey() throws {
        let shopify = Self.adapter(.shopify)
        let order = try shopify.parseWebhook(
            topic: "orders/create", body: try Fixture.resource("shopify/order.rest-2026-07.get.response.json", key: "order"))
        #expect(order.resource == .order)
        #expect(order.remoteID == "450789469")
        let refund = try shopify.parseWebhook(
            topic: "refunds/create", body: try Fixture.resource("shopify/refund.rest-2026-07.create.response.json", key: "refund"))
        #expect(refund == ChannelEvent(resource: .refund, remoteID: "450789469", occurredAt: refund.occurredAt))
        let level = try shopify.parseWebhook(
            topic: "inventory_levels/update",
            body: try Fixture.resource("shopify/inventory_level.rest-2026-07.set.response.json", key: "inventory_level"))
        #expect(level.resource == .inventory)
        #expect(level.remoteID == "808950810")
        #expect(level.occurredAt != nil)
    }

    @Test func wooCommerceOrderIsTheRESTObjectItself() throws {
        let event = try Self.adapter(.woocommerce).parseWebhook(
            topic: "order.updated", body: try Fixture.bytes("woocommerce/order.wc-v3.get.response.json"))
        #expect(event.resource == .order)
        #expect(event.remoteID == "727")
        #expect(event.remoteStatus == "processing")
        #expect(event.occurredAt == ISO8601.date(from: "2017-03-22T19:28:08Z"))
    }

    @Test func bigCommerceLightPayloadNamesTheOrder() throws {
        let event = try Self.adapter(.bigcommerce).parseWebhook(
            topic: "store/order/created", body: try Fixture.bytes("bigcommerce/webhook.store_order_created.json"))
        #expect(event == ChannelEvent(resource: .order, remoteID: "250", occurredAt: Date(timeIntervalSince1970: 1_561_479_335)))
    }

    @Test func tikTokOrderStatusChange() throws {
        let event = try Self.adapter(.tiktok).parseWebhook(
            topic: "ORDER_STATUS_CHANGE", body: try Fixture.bytes("tiktok-shop/webhook.ORDER_STATUS_CHANGE.type1.thirdparty-sdk-test.json"))
        #expect(
            event
                == ChannelEvent(
                    resource: .order, remoteID: "576684019603311365", remoteStatus: "AWAITING_SHIPMENT",
                    occurredAt: Date(timeIntervalSince1970: 1_664_095_610)))
    }

    @Test func amazonOrderChangeNotifications() throws {
        let amazon = Self.adapter(.amazon)
        let shipped = try amazon.parseWebhook(
            topic: "ORDER_CHANGE", body: try Fixture.bytes("amazon-sp-api/notification.ORDER_CHANGE.shipped.sample.json"))
        #expect(
            shipped
                == ChannelEvent(
                    resource: .order, remoteID: "701-1588164-9632243", remoteStatus: "Shipped",
                    occurredAt: ISO8601.date(from: "2025-12-01T19:30:15.261Z")))
        let cancelRequest = try amazon.parseWebhook(
            topic: "ORDER_CHANGE", body: try Fixture.bytes("amazon-sp-api/notification.ORDER_CHANGE.schema-example.json"))
        #expect(cancelRequest.remoteID == "903-8868176-2219830")
        #expect(cancelRequest.remoteStatus == "Unshipped")
    }

    @Test func ebayAccountDeletion() throws {
        let vectors =
            try JSONSerialization.jsonObject(with: Data(try Fixture.bytes("ebay/notification.signature-test-vectors.sdk-test.json")))
            as! [String: [String: Any]]
        let body = Array(try JSONSerialization.data(withJSONObject: vectors["VALID"]!["message"]!))
        let event = try Self.adapter(.ebay).parseWebhook(topic: "MARKETPLACE_ACCOUNT_DELETION", body: body)
        #expect(event.resource == .account)
        #expect(event.remoteID == "ma8vp1jySJC")
    }

    @Test func aBodyThatIsNotTheTopicsJSONIsMalformed() {
        #expect(throws: WebhookRejection.self) { try Self.adapter(.shopify).parseWebhook(topic: "orders/create", body: Array("[1,2]".utf8)) }
        #expect(throws: WebhookRejection.self) { try Self.adapter(.tiktok).parseWebhook(topic: "x", body: Array("not json".utf8)) }
    }

    @Test func partnersHaveNoAdapterAndEveryOtherProviderHasOne() {
        for provider in Provider.allCases {
            let adapter = ChannelAdapters.adapter(for: provider, context: .testing())
            #expect((adapter == nil) == (provider == .partner))
            #expect(adapter.map { type(of: $0).provider } ?? .partner == provider)
            #expect(ChannelAdapters.type(for: provider)?.provider ?? .partner == provider)
        }
    }

    @Test func theFixtureCopyIsByteIdenticalToTheSharedSet() throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/fixtures/channels")
            .standardizedFileURL
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        let files = FileManager.default.enumerator(atPath: shared.path)!.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".json") || $0.hasSuffix(".md")
        }
        #expect(!files.isEmpty)
        for file in files {
            #expect(
                try Data(contentsOf: shared.appendingPathComponent(file)) == Data(contentsOf: Fixture.directory.appendingPathComponent(file)),
                "\(file)")
        }
    }
}

/// The JavaScript form eBay signs: `JSON.stringify(JSON.parse(text))`.
@Suite struct JavaScriptJSONFormTests {
    static func compact(_ text: String) throws -> String {
        String(decoding: try JSONParser.parse(text).serialized(numbers: .javaScript), as: UTF8.self)
    }

    @Test func matchesJavaScriptStringify() throws {
        #expect(try Self.compact(#" { "a" : [ 1 , 2.50, -0, 1e-7, 1E21, 10.0 ] , "b":{ } } "#) == #"{"a":[1,2.5,0,1e-7,1e+21,10],"b":{}}"#)
        #expect(try Self.compact(#"["\u00e9\/x", "\u001F\"\\", "\ud83d\ude00", "\ud800"]"#) == "[\"é/x\",\"\\u001f\\\"\\\\\",\"😀\",\"\u{FFFD}\"]")
        #expect(try Self.compact(#"{"k":true,"n":null,"f":false}"#) == #"{"k":true,"n":null,"f":false}"#)
    }

    @Test func refusesWhatIsNotJSON() {
        for text in ["{", "[1,]", "{\"a\" 1}", "tru", "\"\u{01}\"", "[1] x"] {
            #expect(throws: JSONParser.Invalid.self, "\(text)") { try JSONParser.parse(text) }
        }
    }
}
