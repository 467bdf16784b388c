import App
import Channels
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityContracts
import Integrations
import IntegrationsContracts
import Kernel
import Logging
import PostgresNIO
import Sandbox
import Storage
import TestSupport
import Testing

/// Pulls end to end: an instance pointed at the Sandbox, the pull jobs on a real worker, orders, products and refunds stored
/// as the channel holds them, the cursors advancing, the sync history, and a throttled channel handing the run back to the
/// queue.
@Suite struct RemotePullTests {
    static let logger = Logger(label: "sandbox") { _ in SwiftLogNoOpLogHandler() }

    static func connect(_ provider: Provider, root: String, _ client: any TestClientProtocol, _ headers: HTTPFields) async throws -> String {
        let base = Sandbox.baseURL(provider, root: root)
        let settings = SandboxCredentials.settings(provider, baseURL: base)
        let input: [String: Any] = [
            "provider": provider.rawValue.uppercased(), "name": "Sandbox \(provider.rawValue)", "apiBaseUrl": base, "connectionSettings": settings,
            "credentials": SandboxCredentials.credentials(provider).map { ["name": $0.key, "value": $0.value] },
        ]
        let (_, created) = try await client.graphQL(IntegrationsHTTPTests.create, variables: ["input": input], headers: headers)
        let id = try #require(value(created, "integrationInstanceCreate", "integrationInstance", "id") as? String, "\(created)")
        let (_, enabled) = try await client.graphQL(
            "mutation($id: ID!) { channelEnable(id: $id, input: {webhooks: true}) { userErrors { code } } }", variables: ["id": id], headers: headers)
        #expect((value(enabled, "channelEnable", "userErrors") as? [Any])?.isEmpty == true)
        return id
    }

    /// Runs `body` with a fresh tenant connected to a Sandbox channel of `provider` (enabled, so its polling is scheduled).
    static func connected(
        _ provider: Provider, seed: UInt64,
        _ body: @escaping @Sendable (Sandbox, AppFixture, any TestClientProtocol, HTTPFields, String) async throws -> Void
    ) async throws {
        let sandbox = try Sandbox(configuration: Sandbox.Configuration(seed: seed), logger: Self.logger)
        try await sandbox.serving(logger: Self.logger) { root in
            try await AppFixture.run { fixture, client in
                let owner = try await fixture.adminHeaders(fixture.owner)
                try await body(sandbox, fixture, client, owner, try await Self.connect(provider, root: root, client, owner))
            }
        }
    }

    static func sync(
        _ id: String, _ client: any TestClientProtocol, _ headers: HTTPFields, resource: String = "ORDERS"
    ) async throws -> [String: Any] {
        let (_, body) = try await client.graphQL(
            "mutation($id: ID!, $resource: SyncResource) { integrationInstanceSync(id: $id, resource: $resource) { job { id kind } userErrors { code } } }",
            variables: ["id": id, "resource": resource], headers: headers)
        return try #require(value(body, "integrationInstanceSync") as? [String: Any])
    }

    @Test func pulledOrdersAreStoredAndTheCursorAdvances() async throws {
        try await Self.connected(.shopify, seed: 3) { sandbox, fixture, client, owner, id in
            #expect(
                try await fixture.count("platform.job_schedules WHERE kind = 'integrations.pull'") == 3, "enabling schedules polling of each kind")
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the scheduled first pull finishes") {
                    try await fixture.count("integrations.sync_runs WHERE operation = 'orders_pull' AND status = 'succeeded'") == 1
                }
                #expect(try await fixture.count("integrations.remote_orders") == 12)

                await sandbox.advance(newOrders: 2, updates: 1, now: Date().addingTimeInterval(5))
                let requested = try await Self.sync(id, client, owner)
                #expect((requested["job"] as? [String: Any])?["kind"] as? String == "integrations.pull", "\(requested)")
                try await eventually("the second pull finishes") {
                    try await fixture.count("integrations.sync_runs WHERE operation = 'orders_pull' AND status = 'succeeded'") == 2
                }
            }
            #expect(try await fixture.count("integrations.remote_orders") == 14)
            #expect(try await fixture.count("integrations.remote_orders WHERE payload::jsonb ->> 'fulfillment_status' = 'fulfilled'") >= 4)

            let query = """
                query($id: ID!) {
                  syncRuns(instanceId: $id, filter: {operation: {eq: ORDERS_PULL}}, sort: [{field: STARTED_AT, direction: ASC}]) {
                    totalCount nodes { operation trigger status fetched stored pages error }
                  }
                  node(id: $id) { ... on IntegrationInstance { syncInfo { resource lastSyncedAt updatedSince continuation totalFetched stored } } }
                }
                """
            let (_, listed) = try await client.graphQL(query, variables: ["id": id], headers: owner)
            let runs = try #require(value(listed, "syncRuns", "nodes") as? [[String: Any]], "\(listed)")
            #expect(runs.count == 2)
            #expect(runs.allSatisfy { $0["operation"] as? String == "ORDERS_PULL" })
            #expect(runs.map { $0["trigger"] as? String } == ["SCHEDULE", "MANUAL"])
            #expect(runs.first?["fetched"] as? Int == 12)
            let second = try #require(runs.last?["fetched"] as? Int)
            #expect((3...4).contains(second), "the three changed orders, plus at most the boundary order again")
            #expect(value(listed, "node", "syncInfo", "stored") as? Int == 14)
            #expect(value(listed, "node", "syncInfo", "resource") as? String == "ORDERS")
            #expect(value(listed, "node", "syncInfo", "lastSyncedAt") is String)
            #expect(value(listed, "node", "syncInfo", "continuation") is NSNull)

            let (status, history) = try await client.execute(
                uri: "/sales-channel/sync/history?operation=orders_pull&first=1", method: .get, headers: owner
            ) { ($0.status, $0.json) }
            #expect(status == .ok)
            #expect((history["items"] as? [[String: Any]])?.first?["operation"] as? String == "orders_pull")
            #expect((history["page_info"] as? [String: Any])?["has_next_page"] as? Bool == true)
            let (none, _) = try await client.execute(
                uri: "/sales-channel/sync/history?operation=inventory_conflict", method: .get, headers: owner
            ) {
                ($0.status, $0.json)
            }
            #expect(none == .ok)
            let (bad, refusal) = try await client.execute(uri: "/sales-channel/sync/history?operation=bogus", method: .get, headers: owner) {
                ($0.status, $0.json)
            }
            #expect(bad == .badRequest)
            #expect(refusal["code"] as? String == "invalid_parameter")

            let other = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            let (_, foreign) = try await client.graphQL("{ syncRuns { totalCount } }", headers: other)
            #expect(value(foreign, "syncRuns", "totalCount") as? Int == 0)
        }
    }

    @Test func aThrottledChannelFailsTheRunAndTheQueueRetriesAfterItsRetryAfter() async throws {
        try await Self.connected(.shopify, seed: 4) { sandbox, fixture, client, owner, id in
            await sandbox.control.add(Fault(provider: .shopify, kind: .rateLimit, count: 1, pathSuffix: "/products.json", retryAfter: 600))
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                // Shopify's bucket is the store's: the order and refund pulls may meet the pause too.
                try await eventually("the products run fails as throttled") {
                    try await fixture.count(
                        "integrations.sync_runs WHERE operation = 'products_pull' AND status = 'failed' AND error LIKE '%rate limiting%'") == 1
                }
            }
            #expect(
                try await fixture.count(
                    """
                    platform.jobs WHERE kind = 'integrations.pull' AND payload ->> 'resource' = 'products' AND state = 'pending'
                      AND run_at > now() + interval '500 seconds'
                    """) == 1,
                "the job waits out the channel's Retry-After")
            #expect(try await fixture.count("integrations.sync_runs WHERE status = 'failed' AND operation = 'products_pull'") == 1)
            #expect(try await fixture.count("integrations.remote_products") == 0)
        }
    }

    @Test func aNextTokenThatNeverAdvancesEndsTheRunWithAWarningAndNoDuplicates() async throws {
        try await Self.connected(.amazon, seed: 5) { sandbox, fixture, client, owner, id in
            await sandbox.control.add(
                Fault(provider: .amazon, kind: .stuckNextToken, count: nil, pathSuffix: "/orders/v0/orders", freshToken: true))
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the run ends") {
                    try await fixture.count("integrations.sync_runs WHERE operation = 'orders_pull' AND status = 'succeeded'") == 1
                }
            }
            let (_, listed) = try await client.graphQL(
                "{ syncRuns(filter: {operation: {eq: ORDERS_PULL}}) { nodes { warning fetched pages } } }", headers: owner)
            #expect((value(listed, "syncRuns", "nodes", 0, "warning") as? String)?.contains("no_new_items") == true)
            #expect(value(listed, "syncRuns", "nodes", 0, "fetched") as? Int == 12)
            #expect(try await fixture.count("integrations.remote_orders") == 12)
        }
    }

    @Test(arguments: [Provider.shopify, .amazon, .woocommerce])
    func productsAndRefundsArePulledOnScheduleAndKeptWithTheirOrders(provider: Provider) async throws {
        try await Self.connected(provider, seed: 6) { sandbox, fixture, client, owner, id in
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the scheduled product and refund pulls finish") {
                    try await fixture.count("integrations.sync_runs WHERE operation IN ('products_pull', 'refunds_pull') AND status = 'succeeded'")
                        == 2
                }
                #expect(try await fixture.count("integrations.remote_products") == 12)
                let refunded = await sandbox.store.refunds(provider, since: .distantPast).map(\.order.id)
                #expect(try await fixture.count("integrations.remote_refunds") == refunded.count)
                #expect(
                    try await fixture.count("integrations.remote_refunds WHERE remote_order_id = ANY(ARRAY['\(refunded.joined(separator: "','"))'])")
                        == refunded.count, "each refund names its order")

                await sandbox.advance(newOrders: 0, updates: 0, refunds: 1, now: Date().addingTimeInterval(-300))
                let requested = try await Self.sync(id, client, owner, resource: "REFUNDS")
                #expect((requested["job"] as? [String: Any])?["kind"] as? String == "integrations.pull", "\(requested)")
                try await eventually("the manual refund pull finishes") {
                    try await fixture.count("integrations.sync_runs WHERE operation = 'refunds_pull' AND status = 'succeeded'") == 2
                }
            }
            #expect(try await fixture.count("integrations.remote_refunds") == 3)
            let query = """
                query($id: ID!) {
                  node(id: $id) { ... on IntegrationInstance {
                    products: syncInfo(resource: PRODUCTS) { resource stored lastSyncedAt }
                    refunds: syncInfo(resource: REFUNDS) { resource stored }
                  } }
                  syncRuns(instanceId: $id, filter: {operation: {in: [PRODUCTS_PULL, REFUNDS_PULL]}}) { totalCount nodes { operation trigger } }
                }
                """
            let (_, listed) = try await client.graphQL(query, variables: ["id": id], headers: owner)
            #expect(value(listed, "node", "products", "resource") as? String == "PRODUCTS")
            #expect(value(listed, "node", "products", "stored") as? Int == 12)
            #expect(value(listed, "node", "products", "lastSyncedAt") is String)
            #expect(value(listed, "node", "refunds", "stored") as? Int == 3)
            #expect(value(listed, "syncRuns", "totalCount") as? Int == 3, "\(listed)")
        }
    }

    /// A processed delivery queues a pull of what it announces, through the same walk the schedule uses.
    @Test func aProcessedWebhookQueuesAPullOfItsKind() async throws {
        try await Self.connected(.shopify, seed: 8) { sandbox, fixture, client, owner, id in
            let (_, shown) = try await client.graphQL(
                "query($id: ID!) { node(id: $id) { ... on IntegrationInstance { webhookPath } } }", variables: ["id": id], headers: owner)
            let path = try #require(value(shown, "node", "webhookPath") as? String)
            let order = try #require(await sandbox.store.allOrders(.shopify).first)
            let body = #"{"id":\#(order.id),"updated_at":"2026-11-23T10:00:00-05:00"}"#
            let secret = SandboxCredentials.credentials(.shopify)["client_secret"] ?? ""
            let signature = MessageAuthentication.sign(Array(body.utf8), key: Array(secret.utf8), encoding: .base64)
            try await fixture.environment.ownerClient.query("UPDATE platform.job_schedules SET next_run_at = now() + interval '1 hour'")
            let (status, _) = try await IntegrationsHTTPTests.webhook(client, path: path, body: body, signature: signature, deliveryID: "w-1")
            #expect(status == .ok)
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the announced order is pulled") {
                    try await fixture.count("integrations.sync_runs WHERE operation = 'orders_pull' AND trigger = 'webhook' AND status = 'succeeded'")
                        == 1
                }
            }
            #expect(try await fixture.count("integrations.remote_orders WHERE remote_id = '\(order.id)'") == 1)
        }
    }
}
