import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import IdentityContracts
import Kernel
import PostgresNIO
import Sandbox
import TestSupport
import Testing

/// Seed `001_…`'s `POST /api/v1/shipments` and `GET /api/v1/carrier_codes` against orders pulled from the Sandbox by a real
/// worker: each channel is told of the shipment by its own confirm-shipment call, carriers are matched without regard to
/// case, a request with any invalid shipment records nothing, and the channel's refusals and outages show in the sync
/// history.
@Suite struct ErpShipmentsTests {
    typealias Answer = (status: HTTPResponse.Status, body: [String: Any])

    static func post(_ client: any TestClientProtocol, _ body: String, key: String) async throws -> Answer {
        let (status, json) = try await ErpOrdersTests.post(client, "/api/v1/shipments", body, key: key)
        return (status, json as? [String: Any] ?? [:])
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, key: String) async throws -> Answer {
        let (status, json) = try await ErpOrdersTests.get(client, uri, key: key)
        return (status, json as? [String: Any] ?? [:])
    }

    static func shipments(_ rows: [Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["shipments": rows]), as: UTF8.self)
    }

    /// A connected channel of `provider` whose orders and carriers the worker has pulled, an `erp` key, and the channel's
    /// code; `body` runs while the worker still runs.
    static func pulled(
        _ provider: Provider, seed: UInt64,
        _ body: @escaping @Sendable (Sandbox, AppFixture, any TestClientProtocol, String, String) async throws -> Void
    ) async throws {
        try await RemotePullTests.connected(provider, seed: seed) { sandbox, fixture, client, _, _ in
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the first orders pull and the carrier refresh finish") {
                    let orders = try await fixture.count("integrations.sync_runs WHERE operation = 'orders_pull' AND status = 'succeeded'")
                    let carriers = try await fixture.count("platform.jobs WHERE kind = 'integrations.refresh_carrier_codes' AND state = 'succeeded'")
                    return orders >= 1 && carriers == 1
                }
                let erp = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "ERP", scopes: ["erp"], createdBy: "test").secret
                let code = try #require(try await fixture.texts("SELECT code FROM integrations.instances").first ?? nil)
                try await body(sandbox, fixture, client, erp, code)
            }
        }
    }

    /// The local id of a Sandbox order the channel has not shipped yet.
    static func openOrder(_ provider: Provider, _ sandbox: Sandbox, _ fixture: AppFixture, skipping: Int = 0) async throws -> (
        id: Int, external: String
    ) {
        let open = await sandbox.store.allOrders(provider).filter { $0.status == .open }
        let order = try #require(open.dropFirst(skipping).first, "the Sandbox keeps open orders")
        let id = try #require(try await fixture.texts("SELECT id::text FROM orders.orders WHERE external_order_id = '\(order.id)'").first ?? nil)
        return (try #require(Int(id)), order.id)
    }

    @Test(arguments: Sandbox.providers)
    func aShipmentReachesTheChannelWithTheCarrierSpelledAsTheChannelSpellsIt(provider: Provider) async throws {
        try await Self.pulled(provider, seed: 21) { sandbox, fixture, client, erp, code in
            let carriers = try await Self.get(client, "/api/v1/carrier_codes?channel=\(code)", key: erp)
            #expect(carriers.status == .ok)
            let listed = try #require(carriers.body["carrier_codes"] as? [[String: Any]])
            #expect(listed.allSatisfy { $0["provider"] as? String == provider.rawValue && $0["display_name"] is String })
            let upsEntry = listed.first { ($0["code"] as? String)?.uppercased() == "UPS" || ($0["display_name"] as? String)?.uppercased() == "UPS" }
            let ups = try #require(upsEntry?["code"] as? String, "TikTok Shop names carriers by id, the others by name: \(listed)")

            let order = try await Self.openOrder(provider, sandbox, fixture)
            let request = try Self.shipments([
                [
                    "remote_order_id": order.id, "carrier": ups.lowercased() == ups ? ups.uppercased() : ups.lowercased(), "service": "Ground",
                    "tracking_number": "1ZSWITCHYARD\(provider.rawValue.uppercased())", "ship_date": "2026-11-20T15:00:00Z",
                ]
            ])
            let created = try await Self.post(client, request, key: erp)
            #expect(created.status == .created, "\(created.body)")
            let ids = try #require(created.body["created_ids"] as? [Int])
            #expect(ids.count == 1)
            #expect(try await fixture.texts("SELECT carrier FROM orders.shipments") == [ups], "stored as the channel spells it")

            try await eventually("the push succeeds") { try await fixture.count("orders.shipments WHERE status = 'succeeded'") == 1 }
            let shipped = try #require(await sandbox.store.order(provider, id: order.external))
            #expect(shipped.status == .shipped, "every open line was shipped")
            #expect(shipped.shipments.last?.trackingNumber == "1ZSWITCHYARD\(provider.rawValue.uppercased())")
            #expect(try await fixture.count("integrations.sync_runs WHERE operation = 'fulfillment_writeback' AND status = 'succeeded'") == 1)

            let again = try await Self.post(client, request, key: erp)
            #expect(again.status == .created)
            #expect(again.body["created_ids"] as? [Int] == ids, "the same tracking number for the same order is the same shipment")
            #expect(try await fixture.count("platform.jobs WHERE kind = 'orders.push_shipment'") == 1, "and it is not pushed again")
        }
    }

    @Test func aRequestWithAnyInvalidShipmentRecordsNothingAndSaysWhatIsWrongWithEach() async throws {
        try await Self.pulled(.walmart, seed: 22) { sandbox, fixture, client, erp, code in
            let first = try await Self.openOrder(.walmart, sandbox, fixture)
            let second = try await Self.openOrder(.walmart, sandbox, fixture, skipping: 1)

            let notArray = try await Self.post(client, #"{"shipments": {"carrier": "UPS"}}"#, key: erp)
            #expect(notArray.status == .unprocessableContent)
            #expect(notArray.body["error"] as? String == "shipments must be an array")
            let blank = try await Self.post(client, try Self.shipments([["remote_order_id": first.id, "carrier": "UPS"]]), key: erp)
            #expect(blank.status == .unprocessableContent)
            #expect(blank.body["error"] as? [String] == ["Tracking number can't be blank"], "seed 001's body, verbatim")

            let cases: [([String: Any], String)] = [
                (["remote_order_id": first.id, "carrier": "Pigeon", "tracking_number": "T1"], "Carrier is not a valid carrier code for walmart"),
                (["remote_order_id": 999_999, "carrier": "UPS", "tracking_number": "T2"], "Remote order 999999 not found"),
                (["remote_order_id": "12x", "carrier": "UPS", "tracking_number": "T3"], "Remote order id must be a positive integer"),
                (["channel": "nope", "external_order_id": first.external, "carrier": "UPS", "tracking_number": "T4"], "Channel nope not found"),
                (
                    ["channel": code, "external_order_id": "missing-1", "carrier": "UPS", "tracking_number": "T5"],
                    "Order missing-1 not found on channel \(code)"
                ),
                (
                    ["remote_order_id": first.id, "external_order_id": second.external, "carrier": "UPS", "tracking_number": "T6"],
                    "remote_order_id \(first.id) conflicts with external_order_id \(second.external)"
                ),
                (["carrier": "UPS", "tracking_number": "T7"], "Channel can't be blank when remote_order_id is not given"),
                (
                    ["remote_order_id": first.id, "carrier": "UPS", "tracking_number": "T8", "ship_date": "yesterday"],
                    "Ship date must be an ISO 8601 date and time"
                ),
                (["remote_order_id": first.id, "carrier": ["UPS"], "tracking_number": "T9"], "Carrier must be a string"),
                (
                    ["remote_order_id": first.id, "carrier": "UPS", "tracking_number": "T\u{0}1"],
                    "Tracking number may not contain control characters"
                ),
            ]
            let valid: [String: Any] = [
                "channel": code.uppercased(), "external_order_id": second.external, "carrier": "usps", "tracking_number": "OK1",
            ]
            let refused = try await Self.post(client, try Self.shipments([valid] + cases.map(\.0) + ["not a shipment"] as [Any]), key: erp)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body["code"] as? String == "invalid_shipments")
            let rows = try #require(refused.body["rows"] as? [[String: Any]])
            #expect(rows.map { $0["index"] as? Int } == Array(1...cases.count + 1), "the valid row is not named")
            for (row, expected) in zip(rows, cases) {
                #expect((row["messages"] as? [String])?.contains(expected.1) == true, "\(row) should say \(expected.1)")
            }
            #expect((rows.last?["messages"] as? [String]) == ["Shipment must be an object"])
            #expect(try await fixture.count("orders.shipments") == 0, "nothing recorded")
            #expect(try await fixture.count("platform.jobs WHERE kind = 'orders.push_shipment'") == 0, "nothing queued")

            let accepted = try await Self.post(client, try Self.shipments([valid]), key: erp)
            #expect(accepted.status == .created, "channel codes and carriers match in any case: \(accepted.body)")
            #expect(try await fixture.texts("SELECT carrier FROM orders.shipments") == ["USPS"])
            let secondPackage = try await Self.post(
                client, try Self.shipments([["remote_order_id": second.id, "carrier": "UPS", "tracking_number": "OK2"]]), key: erp)
            #expect(secondPackage.body["error"] as? [String] == ["Order \(second.external) already has a shipment (tracking number OK1)"])
            let tooMany = try await Self.post(client, try Self.shipments(Array(repeating: [String: Any](), count: 501)), key: erp)
            #expect(tooMany.body["code"] as? String == "too_many_shipments")

            let other = try await fixture.identity.issueToken(tenant: fixture.otherTenant.id, name: "ERP", scopes: ["erp"], createdBy: "test")
            let foreign = try await Self.post(
                client, try Self.shipments([["remote_order_id": first.id, "carrier": "UPS", "tracking_number": "X1"]]), key: other.secret)
            #expect(foreign.body["error"] as? [String] == ["Remote order \(first.id) not found"], "another tenant's order is not found")
            let wrongScope = try await fixture.identity.issueToken(
                tenant: fixture.tenant.id, name: "Import", scopes: ["import:write"], createdBy: "test")
            #expect(try await Self.post(client, try Self.shipments([valid]), key: wrongScope.secret).status == .forbidden)
        }
    }

    @Test func carrierCodesAreListedByProviderOrChannel() async throws {
        try await Self.pulled(.ebay, seed: 23) { _, fixture, client, erp, code in
            let all = try await Self.get(client, "/api/v1/carrier_codes", key: erp)
            let codes = try #require(all.body["carrier_codes"] as? [[String: Any]])
            #expect(!codes.isEmpty)
            let byProvider = try #require(
                try await Self.get(client, "/api/v1/carrier_codes?provider=EBAY", key: erp).body["carrier_codes"] as? [[String: Any]])
            #expect(byProvider.count == codes.count)
            let none = try await Self.get(client, "/api/v1/carrier_codes?provider=walmart", key: erp)
            #expect((none.body["carrier_codes"] as? [Any])?.isEmpty == true, "no channel of the account is Walmart's")
            let mismatch = try await Self.get(client, "/api/v1/carrier_codes?provider=walmart&channel=\(code)", key: erp)
            #expect((mismatch.body["carrier_codes"] as? [Any])?.isEmpty == true)
            #expect(try await Self.get(client, "/api/v1/carrier_codes?provider=pigeon", key: erp).status == .unprocessableContent)
            #expect(try await Self.get(client, "/api/v1/carrier_codes?channel=nope", key: erp).status == .notFound)
            let other = try await fixture.identity.issueToken(tenant: fixture.otherTenant.id, name: "ERP", scopes: ["erp"], createdBy: "test")
            #expect((try await Self.get(client, "/api/v1/carrier_codes", key: other.secret).body["carrier_codes"] as? [Any])?.isEmpty == true)

            let owner = try await fixture.adminHeaders(fixture.owner)
            let (_, listed) = try await client.graphQL("{ carrierCodes(provider: EBAY) { provider code displayName } }", headers: owner)
            #expect((value(listed, "carrierCodes") as? [Any])?.count == codes.count, "\(listed)")
            let id = try #require(try await fixture.texts("SELECT id::text FROM integrations.instances").first ?? nil)
            let (_, refreshed) = try await client.graphQL(
                "mutation($id: ID!) { integrationInstanceRefreshCarrierCodes(id: $id) { job { kind } userErrors { code } } }",
                variables: ["id": "gid://switchyard/IntegrationInstance/\(id)"], headers: owner)
            #expect(value(refreshed, "integrationInstanceRefreshCarrierCodes", "job", "kind") as? String == "integrations.refresh_carrier_codes")
            try await eventually("the requested refresh finishes") {
                try await fixture.count("platform.jobs WHERE kind = 'integrations.refresh_carrier_codes' AND state = 'succeeded'") == 2
            }
        }
    }

    @Test func aChannelsRefusalFailsTheShipmentAndAnOutageIsRetried() async throws {
        try await Self.pulled(.amazon, seed: 24) { sandbox, fixture, client, erp, _ in
            let shippedOrder = try #require(await sandbox.store.allOrders(.amazon).first { $0.status == .shipped })
            let shippedID = try #require(
                try await fixture.texts("SELECT id::text FROM orders.orders WHERE external_order_id = '\(shippedOrder.id)'").first ?? nil)
            let refused = try await Self.post(
                client, try Self.shipments([["remote_order_id": Int(shippedID) ?? 0, "carrier": "UPS", "tracking_number": "AGAIN1"]]), key: erp)
            #expect(refused.status == .created, "the channel, not Switchyard, knows what it shipped")
            try await eventually("the channel's refusal fails the shipment") {
                try await fixture.count("orders.shipments WHERE status = 'failed'") == 1
            }
            #expect(try await fixture.count("orders.shipments WHERE last_error LIKE '%refused%' AND attempts = 1") == 1, "a refusal is not retried")
            #expect(
                try await fixture.count(
                    "integrations.sync_runs WHERE operation = 'fulfillment_writeback' AND status = 'failed' AND error LIKE '%AGAIN1%'") == 1)

            let open = try await Self.openOrder(.amazon, sandbox, fixture)
            // Four answers of 503 outlast the channel client's own retries, so the job's attempt fails and the queue retries it.
            await sandbox.control.add(Fault(provider: .amazon, kind: .serverError, count: 4, pathSuffix: "/shipmentConfirmation"))
            let created = try await Self.post(
                client, try Self.shipments([["remote_order_id": open.id, "carrier": "ups", "tracking_number": "OUTAGE1"]]), key: erp)
            #expect(created.status == .created)
            try await eventually(within: 90, "the push succeeds on its second attempt") {
                try await fixture.count("orders.shipments WHERE tracking_number = 'OUTAGE1' AND status = 'succeeded' AND attempts = 2") == 1
            }
            #expect(try await fixture.count("integrations.sync_runs WHERE operation = 'fulfillment_writeback' AND error LIKE '%OUTAGE1%503%'") == 1)
            #expect(await sandbox.store.order(.amazon, id: open.external)?.status == .shipped)
        }
    }
}
