import App
import Channels
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityContracts
import Integrations
import Kernel
import Logging
import NIOCore
import PostgresNIO
import Storage
import TestSupport
import Testing

/// Channel connections through the query language, and signed webhooks through the receiver, on real PostgreSQL.
@Suite struct IntegrationsHTTPTests {
    static let create = """
        mutation($input: IntegrationInstanceCreateInput!) {
          integrationInstanceCreate(input: $input) {
            integrationInstance { id provider name status credentialNames webhookPath pollIntervalMinutes integrationSettings }
            userErrors { field message code }
          }
        }
        """

    static func shopify(_ name: String = "Main store") -> [String: Any] {
        [
            "provider": "SHOPIFY", "name": name, "integrationSettings": ["sync": ["orders": true, "since": "2026-01-01"]],
            "credentials": [["name": "client_secret", "value": "shopify_test_secret"], ["name": "access_token", "value": "shpat_1"]],
        ]
    }

    static func createShopify(_ client: any TestClientProtocol, _ headers: HTTPFields) async throws -> [String: Any] {
        let (_, body) = try await client.graphQL(Self.create, variables: ["input": Self.shopify()], headers: headers)
        return try #require(value(body, "integrationInstanceCreate", "integrationInstance") as? [String: Any])
    }

    static func webhook(
        _ client: any TestClientProtocol, path: String, body: String, signature: String?, deliveryID: String
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/json", HTTPField.Name("X-Shopify-Topic")!: "orders/create"]
        headers[HTTPField.Name("X-Shopify-Webhook-Id")!] = deliveryID
        if let signature { headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = signature }
        return try await client.execute(uri: path, method: .post, headers: headers, body: body.buffer) { ($0.status, $0.json) }
    }

    @Test func credentialsAreCheckedStoredSealedAndNeverReturned() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let instance = try await Self.createShopify(client, owner)
            #expect(instance["provider"] as? String == "SHOPIFY")
            #expect(instance["credentialNames"] as? [String] == ["access_token", "client_secret"])
            #expect(instance["pollIntervalMinutes"] as? Int == 15)
            let rows = try await fixture.environment.ownerClient.query(
                "SELECT credentials_sealed FROM integrations.instances"
            ).collect()
            let sealed = try #require(try rows.first?.decode(ByteBuffer?.self))
            #expect(String(buffer: sealed).contains("shopify_test_secret") == false)

            var missing = Self.shopify("Second")
            missing["credentials"] = [["name": "access_token", "value": "x"], ["name": "api_password", "value": "y"]]
            let (_, refused) = try await client.graphQL(Self.create, variables: ["input": missing], headers: owner)
            let errors = value(refused, "integrationInstanceCreate", "userErrors") as? [[String: Any]]
            #expect(errors?.first?["code"] as? String == "UNKNOWN_CREDENTIALS")
            let (_, duplicate) = try await client.graphQL(Self.create, variables: ["input": Self.shopify()], headers: owner)
            #expect((value(duplicate, "integrationInstanceCreate", "userErrors") as? [[String: Any]])?.first?["code"] as? String == "DUPLICATE_NAME")
            #expect(try await fixture.count("integrations.instances") == 1)

            let staff = try await fixture.adminHeaders(fixture.staff)
            let (_, forbidden) = try await client.graphQL(Self.create, variables: ["input": Self.shopify("Third")], headers: staff)
            #expect(
                (value(forbidden, "integrationInstanceCreate", "userErrors") as? [[String: Any]])?.first?["code"] as? String == "INSUFFICIENT_ROLE")
        }
    }

    @Test func patchDeepMergesSettingsAndPutReplacesThem() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let id = try #require(try await Self.createShopify(client, owner)["id"] as? String)
            let update = """
                mutation($id: ID!, $input: IntegrationInstanceUpdateInput!) {
                  integrationInstanceUpdate(id: $id, input: $input) { integrationInstance { name integrationSettings } userErrors { code } }
                }
                """
            let (_, patched) = try await client.graphQL(
                update, variables: ["id": id, "input": ["integrationSettings": ["sync": ["since": NSNull(), "refunds": true]]]], headers: owner)
            #expect(
                value(patched, "integrationInstanceUpdate", "integrationInstance", "integrationSettings") as? NSDictionary
                    == ["sync": ["orders": true, "refunds": true]])
            let (_, replaced) = try await client.graphQL(
                update, variables: ["id": id, "input": ["replace": true, "name": "Renamed"]], headers: owner)
            #expect(value(replaced, "integrationInstanceUpdate", "integrationInstance", "integrationSettings") as? NSDictionary == [:])
            #expect(value(replaced, "integrationInstanceUpdate", "integrationInstance", "name") as? String == "Renamed")

            let other = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            let (_, foreign) = try await client.graphQL(update, variables: ["id": id, "input": ["name": "Stolen"]], headers: other)
            #expect(
                (value(foreign, "integrationInstanceUpdate", "userErrors") as? [[String: Any]])?.first?["code"] as? String == "INSTANCE_NOT_FOUND")
        }
    }

    /// A signed delivery is recorded and processed; the same delivery again is acknowledged and not recorded twice; a forged
    /// one answers 401, is kept as a failed, unverified event, and is never processed.
    @Test func signedWebhooksAreRecordedOnceAndForgedOnesRefused() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let path = try #require(try await Self.createShopify(client, owner)["webhookPath"] as? String)
            let body = #"{"id":820982911946154508,"updated_at":"2026-11-23T10:00:00-05:00"}"#
            let signature = MessageAuthentication.sign(Array(body.utf8), key: Array("shopify_test_secret".utf8), encoding: .base64)

            let (status, receipt) = try await Self.webhook(client, path: path, body: body, signature: signature, deliveryID: "d-1")
            #expect(status == .ok)
            #expect(receipt["duplicate"] as? Bool == false)
            let (again, repeated) = try await Self.webhook(client, path: path, body: body, signature: signature, deliveryID: "d-1")
            #expect(again == .ok)
            #expect(repeated["duplicate"] as? Bool == true)
            let (forged, _) = try await Self.webhook(client, path: path, body: body, signature: "AAAA" + signature.dropFirst(4), deliveryID: "d-2")
            #expect(forged == .unauthorized)
            let (unsigned, _) = try await Self.webhook(client, path: path, body: body, signature: nil, deliveryID: "d-3")
            #expect(unsigned == .unauthorized)
            let (unknown, _) = try await Self.webhook(
                client, path: "/upstream/webhooks/shopify/orders?instance=whk_nope", body: body, signature: signature, deliveryID: "d-4")
            #expect(unknown == .notFound)
            #expect(try await fixture.count("integrations.inbound_events") == 3)
            #expect(try await fixture.count("platform.jobs WHERE kind = 'integrations.process_inbound_event'") == 1)

            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the delivery is processed") {
                    try await fixture.count("integrations.inbound_events WHERE status = 'completed'") == 1
                }
            }
            let query = """
                query { inboundEvents(sort: [{field: ID, direction: ASC}]) { totalCount nodes { status verified deliveryId resource remoteId responseStatus requestHeaders error } }
                        inboundEventStats { total byStatus { status count } endpoints } }
                """
            let (_, listed) = try await client.graphQL(query, headers: owner)
            let nodes = try #require(value(listed, "inboundEvents", "nodes") as? [[String: Any]])
            #expect(nodes.count == 3)
            #expect(nodes[0]["status"] as? String == "COMPLETED")
            #expect(nodes[0]["remoteId"] as? String == "820982911946154508")
            #expect(nodes[0]["resource"] as? String == "order")
            #expect((nodes[0]["requestHeaders"] as? [String: Any])?["x-shopify-hmac-sha256"] as? String == "[redacted]")
            #expect(nodes[1]["status"] as? String == "FAILED")
            #expect(nodes[1]["verified"] as? Bool == false)
            #expect(nodes[1]["responseStatus"] as? Int == 401)
            #expect(value(listed, "inboundEventStats", "total") as? Int == 3)
            #expect(value(listed, "inboundEventStats", "endpoints") as? [String] == ["POST /upstream/webhooks/shopify/orders"])

            let other = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            let (_, foreign) = try await client.graphQL("{ inboundEvents { totalCount } }", headers: other)
            #expect(value(foreign, "inboundEvents", "totalCount") as? Int == 0)
        }
    }

    /// Deliveries arriving together are written together: each distinct delivery id is recorded once with one job, and
    /// every repeat of it, even one racing the original, is answered as a duplicate.
    @Test func concurrentDeliveriesAreEachRecordedOnce() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let path = try #require(try await Self.createShopify(client, owner)["webhookPath"] as? String)
            let body = #"{"id":1,"updated_at":"2026-11-23T10:00:00-05:00"}"#
            let signature = MessageAuthentication.sign(Array(body.utf8), key: Array("shopify_test_secret".utf8), encoding: .base64)
            let answers = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status, Bool?).self) { group in
                for index in 0..<60 {
                    let deliveryID = "burst-\(index % 30)"
                    group.addTask {
                        let (status, receipt) = try await Self.webhook(client, path: path, body: body, signature: signature, deliveryID: deliveryID)
                        return (deliveryID, status, receipt["duplicate"] as? Bool)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.1 == .ok })
            let firsts = Dictionary(grouping: answers, by: \.0).mapValues { $0.filter { $0.2 == false }.count }
            #expect(firsts.count == 30 && firsts.values.allSatisfy { $0 == 1 }, "each delivery id accepted exactly once")
            #expect(try await fixture.count("integrations.inbound_events WHERE verified") == 30)
            #expect(try await fixture.count("platform.jobs WHERE kind = 'integrations.process_inbound_event'") == 30)
        }
    }

    /// A changed secret or a disconnect applies to the very next delivery, although routes are cached between deliveries.
    @Test func aRotatedSecretOrADisconnectAppliesToTheNextDelivery() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let instance = try await Self.createShopify(client, owner)
            let path = try #require(instance["webhookPath"] as? String)
            let body = #"{"id":2,"updated_at":"2026-11-23T10:00:00-05:00"}"#
            let sign = { (secret: String) in MessageAuthentication.sign(Array(body.utf8), key: Array(secret.utf8), encoding: .base64) }
            #expect(try await Self.webhook(client, path: path, body: body, signature: sign("shopify_test_secret"), deliveryID: "r-1").0 == .ok)

            let rotate = """
                mutation($id: ID!, $input: IntegrationInstanceUpdateInput!) { integrationInstanceUpdate(id: $id, input: $input) { userErrors { code } } }
                """
            let credentials = [["name": "client_secret", "value": "rotated_secret"], ["name": "access_token", "value": "shpat_2"]]
            _ = try await client.graphQL(rotate, variables: ["id": instance["id"] ?? "", "input": ["credentials": credentials]], headers: owner)
            #expect(
                try await Self.webhook(client, path: path, body: body, signature: sign("shopify_test_secret"), deliveryID: "r-2").0 == .unauthorized)
            #expect(try await Self.webhook(client, path: path, body: body, signature: sign("rotated_secret"), deliveryID: "r-3").0 == .ok)

            _ = try await client.graphQL(
                "mutation($id: ID!) { integrationInstanceDisconnect(id: $id) { userErrors { code } } }", variables: ["id": instance["id"] ?? ""],
                headers: owner)
            let (refused, answer) = try await Self.webhook(client, path: path, body: body, signature: sign("rotated_secret"), deliveryID: "r-4")
            #expect(refused != .ok)
            #expect(answer["code"] as? String == "instance_disconnected")
            #expect(try await fixture.count("integrations.inbound_events WHERE verified") == 2)
        }
    }

    /// The setup wizard resumes where it was left: `connect` at first, then the saved step; `completed` sticks once set;
    /// other settings are kept; a malformed step is refused and changes nothing.
    @Test func theSetupWizardResumesWhereItWasLeft() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let id = try #require(try await Self.createShopify(client, owner)["id"] as? String)
            let read = "query($id: ID!) { node(id: $id) { ... on IntegrationInstance { setupWizard { step completed } integrationSettings } } }"
            let save = """
                mutation($id: ID!, $input: SetupStepInput!) {
                  integrationInstanceSetupStepUpdate(id: $id, input: $input) {
                    integrationInstance { setupWizard { step completed } } userErrors { field code }
                  }
                }
                """
            let (_, fresh) = try await client.graphQL(read, variables: ["id": id], headers: owner)
            #expect(value(fresh, "node", "setupWizard") as? NSDictionary == ["step": "connect", "completed": false])

            let (_, saved) = try await client.graphQL(save, variables: ["id": id, "input": ["step": "warehouses"]], headers: owner)
            #expect(
                value(saved, "integrationInstanceSetupStepUpdate", "integrationInstance", "setupWizard") as? NSDictionary
                    == ["step": "warehouses", "completed": false])
            _ = try await client.graphQL(save, variables: ["id": id, "input": ["step": "done", "completed": true]], headers: owner)
            let (_, again) = try await client.graphQL(save, variables: ["id": id, "input": ["step": "review"]], headers: owner)
            #expect(
                value(again, "integrationInstanceSetupStepUpdate", "integrationInstance", "setupWizard") as? NSDictionary
                    == ["step": "review", "completed": true], "completed is never set back")

            let (_, refused) = try await client.graphQL(save, variables: ["id": id, "input": ["step": "Step 4!"]], headers: owner)
            #expect(value(refused, "integrationInstanceSetupStepUpdate", "userErrors", 0, "code") as? String == "INVALID_SETUP_STEP")
            let (_, after) = try await client.graphQL(read, variables: ["id": id], headers: owner)
            #expect((value(after, "node", "setupWizard") as? NSDictionary)?["step"] as? String == "review")
            #expect((value(after, "node", "integrationSettings") as? [String: Any])?["sync"] != nil, "the other settings are kept")
        }
    }

    @Test func onlyFailedEventsAreReprocessed() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let path = try #require(try await Self.createShopify(client, owner)["webhookPath"] as? String)
            let body = "[1,2,3]"
            let signature = MessageAuthentication.sign(Array(body.utf8), key: Array("shopify_test_secret".utf8), encoding: .base64)
            _ = try await Self.webhook(client, path: path, body: body, signature: signature, deliveryID: "bad-body")
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the malformed delivery fails") {
                    try await fixture.count("integrations.inbound_events WHERE status = 'failed'") == 1
                }
            }
            let (_, listed) = try await client.graphQL("{ inboundEvents { nodes { id error } } }", headers: owner)
            let id = try #require(value(listed, "inboundEvents", "nodes", 0, "id") as? String)
            #expect((value(listed, "inboundEvents", "nodes", 0, "error") as? String)?.contains("could not be read") == true)
            let reprocess = "mutation($id: ID!) { inboundEventReprocess(id: $id) { inboundEvent { status } userErrors { code } } }"
            let (_, requeued) = try await client.graphQL(reprocess, variables: ["id": id], headers: owner)
            #expect(value(requeued, "inboundEventReprocess", "inboundEvent", "status") as? String == "PENDING")
            let (_, refused) = try await client.graphQL(reprocess, variables: ["id": id], headers: owner)
            #expect(value(refused, "inboundEventReprocess", "userErrors", 0, "code") as? String == "EVENT_NOT_REPROCESSABLE")
            let (_, limit) = try await client.graphQL(
                "mutation { inboundEventsRetryFailed(limit: 501) { count userErrors { code } } }", headers: owner)
            #expect(value(limit, "inboundEventsRetryFailed", "userErrors", 0, "code") as? String == "INVALID_LIMIT")
            let (_, deleted) = try await client.graphQL(
                "mutation($ids: [ID!]!) { inboundEventsDelete(ids: $ids) { count } }", variables: ["ids": [id]], headers: owner)
            #expect(value(deleted, "inboundEventsDelete", "count") as? Int == 1)
        }
    }

    /// eBay's deliveries and its endpoint challenge share a path; both reach their handler, and only eBay is challenged.
    @Test func eBayDeliveriesReachTheReceiver() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let input: [String: Any] = [
                "provider": "EBAY", "name": "eBay US",
                "credentials": [
                    ["name": "client_id", "value": "c"], ["name": "client_secret", "value": "s"], ["name": "refresh_token", "value": "r"],
                    ["name": "verification_token", "value": "v"],
                ],
            ]
            let (_, created) = try await client.graphQL(Self.create, variables: ["input": input], headers: owner)
            let path = try #require(value(created, "integrationInstanceCreate", "integrationInstance", "webhookPath") as? String)
            #expect(path.hasPrefix("/upstream/webhooks/ebay/notifications?instance=whk_"))
            let (status, body) = try await client.execute(
                uri: path, method: .post, headers: [.contentType: "application/json"], body: "{}".buffer
            ) { ($0.status, $0.json) }
            #expect(status == .unauthorized)
            #expect(body["code"] as? String == "webhook_signature_missing")
            #expect(try await fixture.count("integrations.inbound_events WHERE status = 'failed' AND NOT verified") == 1)
            let challenge = try await client.execute(
                uri: path.replacingOccurrences(of: "/ebay/", with: "/shopify/") + "&challenge_code=abc", method: .get
            ) { $0.status }
            #expect(challenge == .notFound, "only eBay answers endpoint challenges")
            let (answered, answer) = try await client.execute(uri: path + "&challenge_code=abc", method: .get) { ($0.status, $0.json) }
            #expect(answered == .ok)
            #expect((answer["challengeResponse"] as? String)?.count == 64)
        }
    }
}
