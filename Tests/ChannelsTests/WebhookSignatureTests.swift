import Channels
import Crypto
import Foundation
import Kernel
import Testing
import _CryptoExtras

/// Each provider's signature scheme against its published test vector where one exists, otherwise against the derived
/// vectors of the fixtures README, plus the tampered and unsigned cases.
@Suite struct WebhookSignatureTests {
    static let testBody = Array(#"{"test": 2432232314}"#.utf8)
    static let now = Date(timeIntervalSince1970: 1_614_265_330)

    struct FixedKeys: SigningKeySource {
        let keys: [String: String]
        struct Unknown: Error {}
        func publicKey(kid: String) async throws -> String {
            guard let key = self.keys[kid] else { throw Unknown() }
            return key
        }
    }

    static func request(_ headers: [(String, String)], body: [UInt8]) -> WebhookRequest {
        WebhookRequest(headers: headers.map { (name: $0.0, value: $0.1) }, body: body, endpointURL: "https://example.test/upstream")
    }

    static func rejection(_ body: () async throws -> Void) async -> WebhookRejection? {
        do {
            try await body()
            return nil
        } catch let rejection as WebhookRejection {
            return rejection
        } catch {
            return .malformed("unexpected \(error)")
        }
    }

    @Test func shopifyMatchesTheDerivedVectorUnderBothHeaderGenerations() async throws {
        let shopify = ShopifyChannel(context: .testing(["client_secret": "shopify_test_secret", "access_token": "t"]))
        let signature = "SXae6laiwG0SQRjm0xBUCHxo4BM6Stp5LXU2rGndq3w="
        let legacy = try await shopify.verifyWebhook(
            Self.request(
                [("X-Shopify-Hmac-Sha256", signature), ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Webhook-Id", "w-1")],
                body: Self.testBody), now: Self.now)
        #expect(legacy == WebhookDelivery(deliveryID: "w-1", topic: "orders/create"))
        let current = try await shopify.verifyWebhook(
            Self.request(
                [("shopify-hmac-sha256", signature), ("shopify-topic", "orders/updated"), ("shopify-webhook-id", "w-2")],
                body: Self.testBody), now: Self.now)
        #expect(current == WebhookDelivery(deliveryID: "w-2", topic: "orders/updated"))

        let tampered = Array(#"{"test": 2432232315}"#.utf8)
        let mismatch = await Self.rejection {
            _ = try await shopify.verifyWebhook(
                Self.request([("X-Shopify-Hmac-Sha256", signature), ("X-Shopify-Topic", "orders/create")], body: tampered), now: Self.now)
        }
        #expect(mismatch == .signatureMismatch)
        let unsigned = await Self.rejection {
            _ = try await shopify.verifyWebhook(Self.request([("X-Shopify-Topic", "orders/create")], body: Self.testBody), now: Self.now)
        }
        #expect(unsigned == .missingSignature(header: "X-Shopify-Hmac-Sha256"))
    }

    @Test func wooCommerceMatchesTheDerivedVectorAndAnswersItsUnsignedPing() async throws {
        let woo = WooCommerceChannel(
            context: .testing(["consumer_key": "ck", "consumer_secret": "cs", "webhook_secret": "woocommerce_test_secret"]))
        let delivery = try await woo.verifyWebhook(
            Self.request(
                [
                    ("X-WC-Webhook-Signature", "kHz3Ej5XJE7L6wdcVBJk/+X1Iu5COWF4WeBKiUHeFB0="), ("X-WC-Webhook-Topic", "order.updated"),
                    ("X-WC-Webhook-Delivery-ID", "917"),
                ], body: Self.testBody), now: Self.now)
        #expect(delivery == WebhookDelivery(deliveryID: "917", topic: "order.updated"))

        let ping = try await woo.verifyWebhook(Self.request([], body: Array("webhook_id=31".utf8)), now: Self.now)
        #expect(ping.kind == .ping)
        let unsigned = await Self.rejection { _ = try await woo.verifyWebhook(Self.request([], body: Self.testBody), now: Self.now) }
        #expect(unsigned == .missingSignature(header: "X-WC-Webhook-Signature"))
    }

    @Test func standardWebhooksReproducesThePublishedVectorAndRefusesStaleDeliveries() throws {
        let key = Array(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!)
        let headers = [
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"), ("webhook-timestamp", "1614265330"),
            ("webhook-signature", "v1,bm9ldHUK v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        ]
        #expect(
            StandardWebhooks.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Self.testBody, key: key)
                == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(try StandardWebhooks.verify(Self.request(headers, body: Self.testBody), key: key, now: Self.now) == "msg_p5jXN8AQM9LWM0D4loKWxJek")
        #expect(throws: WebhookRejection.staleTimestamp) {
            try StandardWebhooks.verify(Self.request(headers, body: Self.testBody), key: key, now: Self.now.addingTimeInterval(301))
        }
        #expect(throws: WebhookRejection.signatureMismatch) {
            try StandardWebhooks.verify(Self.request(headers, body: Array(#"{"test": 1}"#.utf8)), key: key, now: Self.now)
        }
    }

    @Test func bigCommerceKeysStandardWebhooksWithTheClientSecretBytes() async throws {
        let body = try Fixture.bytes("bigcommerce/webhook.store_order_created.json")
        let secret = "bc_client_secret"
        let signature = StandardWebhooks.sign(id: "bc-1", timestamp: 1_561_479_335, body: body, key: Array(secret.utf8))
        let bigcommerce = BigCommerceChannel(context: .testing(["client_secret": secret, "access_token": "t", "store_hash": "h"]))
        let delivery = try await bigcommerce.verifyWebhook(
            Self.request([("webhook-id", "bc-1"), ("webhook-timestamp", "1561479335"), ("webhook-signature", signature)], body: body),
            now: Date(timeIntervalSince1970: 1_561_479_400))
        #expect(delivery == WebhookDelivery(deliveryID: "bc-1", topic: "store/order/created"))
    }

    @Test func tikTokMatchesTheDerivedVectorOverTheFixtureBytes() async throws {
        let body = try Fixture.bytes("tiktok-shop/webhook.ORDER_STATUS_CHANGE.type1.thirdparty-sdk-test.json")
        let tiktok = TikTokChannel(
            context: .testing(["app_key": "fake_app_key", "app_secret": "fake_app_secret", "access_token": "t"]))
        let delivery = try await tiktok.verifyWebhook(
            Self.request([("Authorization", "21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27")], body: body), now: Self.now)
        #expect(delivery.topic == "ORDER_STATUS_CHANGE")
        #expect(delivery.deliveryID.hasPrefix("sha256:"))
        let bearer = await Self.rejection {
            _ = try await tiktok.verifyWebhook(
                Self.request([("Authorization", "Bearer 21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27")], body: body),
                now: Self.now)
        }
        #expect(bearer == .signatureMismatch)
    }

    /// eBay's official SDK vectors: the VALID message verifies after compact re-serialization (the body arrives pretty-printed
    /// here); the INVALID message under the same signature does not; an unknown key id is refused.
    @Test func ebayVerifiesThePublishedVectorOverTheCompactForm() async throws {
        let vectors =
            try JSONSerialization.jsonObject(with: Data(try Fixture.bytes("ebay/notification.signature-test-vectors.sdk-test.json")))
            as! [String: [String: Any]]
        let valid = vectors["VALID"]!
        let key = (valid["response"] as! [String: Any])["key"] as! String
        let ebay = EbayChannel(
            context: .testing(
                ["client_id": "c", "client_secret": "s", "refresh_token": "r"], keys: FixedKeys(keys: ["9936261a-7d7b-4621-a0f1-96ccb428af49": key])))
        let body = Array(
            """
            {
              "metadata": { "topic": "MARKETPLACE_ACCOUNT_DELETION", "schemaVersion": "1.0", "deprecated": false },
              "notification": {
                "notificationId": "49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d",
                "eventDate": "2021-03-19T20:43:59.462Z", "publishDate": "2021-03-19T20:43:59.679Z", "publishAttemptCount": 1,
                "data": { "username": "test_user", "userId": "ma8vp1jySJC", "eiasToken": "nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJnY+gAZGEpwmdj6x9nY+seQ==" }
              }
            }
            """.utf8)
        let header = valid["signature"] as! String
        let delivery = try await ebay.verifyWebhook(Self.request([("X-EBAY-SIGNATURE", header)], body: body), now: Self.now)
        #expect(
            delivery
                == WebhookDelivery(
                    deliveryID: "49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d", topic: "MARKETPLACE_ACCOUNT_DELETION"))

        let tampered = Array(
            String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\"publishAttemptCount\": 1", with: "\"publishAttemptCount\": 1000").utf8)
        let mismatch = await Self.rejection {
            _ = try await ebay.verifyWebhook(Self.request([("X-EBAY-SIGNATURE", header)], body: tampered), now: Self.now)
        }
        #expect(mismatch == .signatureMismatch)

        let unknownKey = EbayChannel(context: .testing([:], keys: FixedKeys(keys: [:])))
        let refused = await Self.rejection {
            _ = try await unknownKey.verifyWebhook(Self.request([("X-EBAY-SIGNATURE", header)], body: body), now: Self.now)
        }
        #expect(refused == .unknownSigningKey("9936261a-7d7b-4621-a0f1-96ccb428af49"))
    }

    @Test func ebayAnswersTheEndpointChallenge() throws {
        let ebay = EbayChannel(context: .testing(["verification_token": "token-123"], keys: FixedKeys(keys: [:])))
        let expected = Hex.encode(SHA256.hash(data: Array("abc".utf8) + Array("token-123".utf8) + Array("https://h/x".utf8)))
        #expect(try ebay.challengeResponse(code: "abc", endpointURL: "https://h/x") == expected)
    }

    @Test func walmartAcceptsHMACInHexOrBase64AndBasicAuth() async throws {
        let body = Array(#"{"source":{"eventType":"PO_CREATED","eventId":"e-1"},"payload":{"purchaseOrderId":"1796277083022"}}"#.utf8)
        let hmac = WalmartChannel(
            context: .testing([
                "client_id": "id", "client_secret": "walmart_secret", "webhook_auth_method": "HMAC", "webhook_auth_header": "X-Walmart-Signature",
            ]))
        for encoding in [MessageAuthentication.Encoding.hex, .base64] {
            let signature = MessageAuthentication.sign(body, key: Array("walmart_secret".utf8), encoding: encoding)
            let delivery = try await hmac.verifyWebhook(Self.request([("x-walmart-signature", signature)], body: body), now: Self.now)
            #expect(delivery == WebhookDelivery(deliveryID: "e-1", topic: "PO_CREATED"))
        }
        let basic = WalmartChannel(
            context: .testing([
                "client_id": "id", "client_secret": "s", "webhook_auth_method": "BASIC_AUTH", "webhook_auth_header": "Authorization",
                "webhook_username": "wm", "webhook_password": "pw",
            ]))
        _ = try await basic.verifyWebhook(Self.request([("Authorization", "Basic d206cHc=")], body: body), now: Self.now)
        let wrong = await Self.rejection {
            _ = try await basic.verifyWebhook(Self.request([("Authorization", "Basic d206eHg=")], body: body), now: Self.now)
        }
        #expect(wrong == .signatureMismatch)
    }

    @Test func amazonRequiresTheRelayKeyAndReadsEventBridgeEnvelopes() async throws {
        let amazon = AmazonChannel(
            context: .testing(["lwa_client_id": "a", "lwa_client_secret": "b", "refresh_token": "c", "notification_key": "relay-key"]))
        let notification = try Fixture.bytes("amazon-sp-api/notification.ORDER_CHANGE.shipped.sample.json")
        let direct = try await amazon.verifyWebhook(
            Self.request([(AmazonChannel.notificationKeyHeader, "relay-key")], body: notification), now: Self.now)
        #expect(direct == WebhookDelivery(deliveryID: "fb7a833f-bcb7-48b7-8f0b-10397b015af8", topic: "ORDER_CHANGE"))
        let wrapped = Array(#"{"version":"0","id":"x","detail-type":"ORDER_CHANGE","detail":"#.utf8) + notification + Array("}".utf8)
        let bridged = try await amazon.verifyWebhook(Self.request([(AmazonChannel.notificationKeyHeader, "relay-key")], body: wrapped), now: Self.now)
        #expect(bridged == direct)
        let wrongKey = await Self.rejection {
            _ = try await amazon.verifyWebhook(Self.request([(AmazonChannel.notificationKeyHeader, "other")], body: notification), now: Self.now)
        }
        #expect(wrongKey == .signatureMismatch)
    }

    @Test func magentoVerifiesRSASignaturesOverTheBodyOrItsBase64() async throws {
        let privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let magento = MagentoChannel(
            context: .testing(["access_token": "t", "webhook_public_key": privateKey.publicKey.pemRepresentation]))
        let body = Array(#"{"eventName":"observer.sales_order_save_after","data":{"order":{"entity_id":3,"increment_id":"000000003"}}}"#.utf8)
        for signed in [Data(body), Data(Data(body).base64EncodedString().utf8)] {
            let signature = try privateKey.signature(for: SHA256.hash(data: signed), padding: .insecurePKCS1v1_5).rawRepresentation
            let delivery = try await magento.verifyWebhook(
                Self.request([("x-adobe-commerce-webhook-signature", signature.base64EncodedString())], body: body), now: Self.now)
            #expect(delivery.topic == "observer.sales_order_save_after")
        }
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let forged = try other.signature(for: SHA256.hash(data: body), padding: .insecurePKCS1v1_5).rawRepresentation
        let refused = await Self.rejection {
            _ = try await magento.verifyWebhook(
                Self.request([("x-adobe-commerce-webhook-signature", forged.base64EncodedString())], body: body), now: Self.now)
        }
        #expect(refused == .signatureMismatch)
    }

    @Test func anInstanceWithoutTheSecretRefusesRatherThanAccepts() async {
        let shopify = ShopifyChannel(context: .testing([:]))
        let refused = await Self.rejection {
            _ = try await shopify.verifyWebhook(Self.request([("X-Shopify-Hmac-Sha256", "x")], body: Self.testBody), now: Self.now)
        }
        #expect(refused == .notConfigured(credential: "client_secret"))
    }
}
