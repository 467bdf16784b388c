import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import IdentityContracts
import Kernel
import Orders
import OrdersContracts
import PostgresNIO
import Storage
import TestSupport
import Testing

/// The ERP API v1 order and refund feeds (seed `001_…`) over orders pulled from the Sandbox by a real worker: channel
/// codes, `since`, `limit`, status filters, acknowledgements, the refunds' required channel, scopes and tenants; and
/// ingestion's guard against an older version of an order.
@Suite struct ErpOrdersTests {
    static let apiKey = HTTPField.Name("X-Api-Key")!

    static func get(_ client: any TestClientProtocol, _ uri: String, key: String) async throws -> (HTTPResponse.Status, Any?) {
        try await client.execute(uri: uri, method: .get, headers: [Self.apiKey: key]) { response in
            (response.status, try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)))
        }
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ body: String, key: String) async throws -> (HTTPResponse.Status, Any?) {
        try await client.execute(
            uri: uri, method: .post, headers: [Self.apiKey: key, .contentType: "application/json"], body: ByteBuffer(string: body)
        ) { response in (response.status, try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) }
    }

    @Test func pulledOrdersReachTheErpFeedWithTheirLinesRefundsAndAcknowledgements() async throws {
        try await RemotePullTests.connected(.shopify, seed: 7) { _, fixture, client, owner, id in
            let (_, renamed) = try await client.graphQL(
                "mutation($id: ID!) { integrationInstanceUpdate(id: $id, input: {code: \"shop-us\"}) { integrationInstance { code } userErrors { code } } }",
                variables: ["id": id], headers: owner)
            #expect(value(renamed, "integrationInstanceUpdate", "integrationInstance", "code") as? String == "shop-us", "\(renamed)")
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                _ = try await RemotePullTests.sync(id, client, owner, resource: "REFUNDS")
                try await eventually("the first order and refund pulls finish") {
                    let orders = try await fixture.count("integrations.sync_runs WHERE status = 'succeeded' AND operation = 'orders_pull'")
                    let refunds = try await fixture.count("integrations.sync_runs WHERE status = 'succeeded' AND operation = 'refunds_pull'")
                    return orders >= 1 && refunds >= 1
                }
            }
            #expect(try await fixture.count("orders.orders") == 12)
            let erp = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "ERP", scopes: ["erp"], createdBy: "test").secret

            let (status, body) = try await Self.get(client, "/api/v1/orders?channel=shop-us&since=2000-01-01T00:00:00Z&limit=500", key: erp)
            #expect(status == .ok)
            let orders = try #require(body as? [[String: Any]])
            #expect(orders.count == 12)
            let changed = orders.compactMap { $0["last_remote_update_at"] as? String }
            #expect(changed == changed.sorted(), "oldest change first")
            let first = try #require(orders.first)
            #expect(first["channel_code"] as? String == "shop-us")
            #expect(first["provider"] as? String == "shopify")
            #expect(first["fulfillment_channel"] as? String == "shopify")
            #expect(first["imported_to_erp"] as? Bool == false)
            #expect(first["raw_payload"] is [String: Any])
            for order in orders {
                let lines = try #require(order["line_items"] as? [[String: Any]])
                #expect(lines.count == order["line_items_count"] as? Int)
                #expect(lines.reduce(0) { $0 + ($1["quantity"] as? Int ?? 0) } == order["items_total_quantity"] as? Int)
                #expect(lines.allSatisfy { $0["selling_unit_price"] is NSNumber && $0["sku"] is String })
                #expect(order["total_amount"] is NSNumber)
            }

            let (_, limited) = try await Self.get(client, "/api/v1/orders?since=2000-01-01T00:00:00Z&limit=2", key: erp)
            let two = try #require(limited as? [[String: Any]])
            #expect(two.map { $0["id"] as? Int } == orders.prefix(2).map { $0["id"] as? Int }, "no channel: every channel of the account")

            // The Sandbox ships some orders and cancels none: the filters are checked on fulfilled ones (Shopify's word) and
            // shipped ones (the canonical word); `canceled` is spelled `cancelled` before it is compared.
            #expect(ErpFeedQuery.statuses(single: "Canceled", multiple: ["paid,CANCELLED", " "]) == ["cancelled", "paid"])
            let fulfilledIDs = orders.filter { $0["status"] as? String == "fulfilled" }.compactMap { $0["id"] as? Int }
            #expect(!fulfilledIDs.isEmpty, "the Sandbox ships some orders")
            #expect(fulfilledIDs.count < orders.count)
            for uri in [
                "/api/v1/orders?since=2000-01-01T00:00:00Z&statuses=fulfilled,bogus", "/api/v1/orders?since=2000-01-01T00:00:00Z&status=SHIPPED",
                "/api/v1/orders?since=2000-01-01T00:00:00Z&statuses[]=fulfilled&include_cancelled=true",
                "/api/v1/orders?since=2000-01-01T00:00:00Z&statuses%5B%5D=fulfilled",
            ] {
                let (_, filtered) = try await Self.get(client, uri, key: erp)
                #expect((filtered as? [[String: Any]])?.compactMap { $0["id"] as? Int } == fulfilledIDs, "\(uri)")
            }
            let newest = try #require(changed.last)
            let (_, recent) = try await Self.get(client, "/api/v1/orders?since=\(newest)", key: erp)
            #expect(
                (recent as? [[String: Any]])?.compactMap { $0["id"] as? Int }
                    == orders.filter { $0["last_remote_update_at"] as? String == newest }
                    .compactMap { $0["id"] as? Int }, "since leaves out what changed before it")

            let ids = orders.prefix(2).compactMap { $0["id"] as? Int }
            let (acked, updated) = try await Self.post(client, "/api/v1/orders/ack", "{\"ids\": [\(ids[0]), \(ids[1]), 999999999]}", key: erp)
            #expect(acked == .ok)
            #expect((updated as? [String: Any])?["updated"] as? Int == 2)
            let (_, after) = try await Self.get(client, "/api/v1/orders?since=2000-01-01T00:00:00Z&limit=2", key: erp)
            #expect((after as? [[String: Any]])?.allSatisfy { $0["imported_to_erp"] as? Bool == true && $0["imported_at"] is String } == true)

            let (noChannel, refused) = try await Self.get(client, "/api/v1/refunds", key: erp)
            #expect(noChannel == .unprocessableContent)
            #expect((refused as? [String: Any])?["code"] as? String == "channel_required")
            let (_, refundBody) = try await Self.get(client, "/api/v1/refunds?channel=shop-us&since=2000-01-01T00:00:00Z", key: erp)
            let refunds = try #require(refundBody as? [[String: Any]])
            #expect(refunds.count == 2)
            for refund in refunds {
                #expect(refund["provider"] as? String == "shopify")
                #expect(refund["currency"] as? String == "USD")
                #expect((refund["line_items"] as? [[String: Any]])?.count == 1)
                #expect(orders.contains { $0["external_order_id"] as? String == refund["external_order_id"] as? String })
            }
            let refundIDs = refunds.compactMap { $0["id"] as? Int }
            let (_, refundsAcked) = try await Self.post(client, "/api/v1/refunds/ack", "{\"ids\": \(refundIDs)}", key: erp)
            #expect((refundsAcked as? [String: Any])?["updated"] as? Int == 2)
        }
    }

    @Test func badParametersScopesAndOtherTenantsAreRefused() async throws {
        try await RemotePullTests.connected(.amazon, seed: 2) { _, fixture, client, owner, id in
            let rename =
                "mutation($id: ID!, $code: String) { integrationInstanceUpdate(id: $id, input: {code: $code}) { userErrors { code field } } }"
            let (_, invalid) = try await client.graphQL(rename, variables: ["id": id, "code": "Amazon US"], headers: owner)
            #expect((value(invalid, "integrationInstanceUpdate", "userErrors") as? [[String: Any]])?.first?["code"] as? String == "INVALID_CODE")
            let (_, second) = try await client.graphQL(
                "mutation { integrationInstanceCreate(input: {provider: PARTNER, name: \"Partner\", code: \"amz-us\"}) { userErrors { code } } }",
                headers: owner)
            #expect((value(second, "integrationInstanceCreate", "userErrors") as? [Any])?.isEmpty == true, "\(second)")
            let (_, taken) = try await client.graphQL(rename, variables: ["id": id, "code": "amz-us"], headers: owner)
            #expect((value(taken, "integrationInstanceUpdate", "userErrors") as? [[String: Any]])?.first?["code"] as? String == "DUPLICATE_CODE")

            let erp = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "ERP", scopes: ["erp"], createdBy: "test").secret
            for (uri, code) in [
                ("/api/v1/orders?limit=501", "invalid_limit"), ("/api/v1/orders?limit=0", "invalid_limit"),
                ("/api/v1/orders?since=yesterday", "invalid_since"),
            ] {
                let (status, body) = try await Self.get(client, uri, key: erp)
                #expect(status == .unprocessableContent, "\(uri)")
                #expect((body as? [String: Any])?["code"] as? String == code, "\(uri)")
            }
            let (unknown, _) = try await Self.get(client, "/api/v1/orders?channel=nope", key: erp)
            #expect(unknown == .notFound)
            let (badAck, _) = try await Self.post(client, "/api/v1/orders/ack", "{\"ids\": \"1\"}", key: erp)
            #expect(badAck == .unprocessableContent)

            let importer = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "imp", scopes: ["import:read"], createdBy: "test")
            let (forbidden, _) = try await Self.get(client, "/api/v1/orders", key: importer.secret)
            #expect(forbidden == .forbidden)
            let (anonymous, _) = try await client.execute(uri: "/api/v1/orders", method: .get) { ($0.status, 0) }
            #expect(anonymous == .unauthorized)

            let instance = try #require(Int64(id.split(separator: "/").last ?? ""))
            let stored = NormalizedOrder(
                externalOrderID: "111-1", status: "Unshipped", paymentStatus: nil, canonicalStatus: .processing, orderedAt: Date(),
                lastRemoteUpdateAt: Date(), currency: "USD", lines: [])
            _ = try await OrdersService(database: fixture.environment.database).ingest(
                [stored], instance: instance, provider: .amazon, tenant: fixture.tenant.id)
            let (_, mine) = try await Self.get(client, "/api/v1/orders", key: erp)
            #expect((mine as? [[String: Any]])?.count == 1, "the default window holds the order just stored")
            let other = try await fixture.identity.issueToken(tenant: fixture.otherTenant.id, name: "ERP", scopes: ["erp"], createdBy: "test")
            let theirs = try await fixture.environment.database.withTenant(fixture.otherTenant.id) { transaction in
                try await OrdersReads.erpOrders(
                    ErpFeedQuery(
                        channels: [OrderChannel(instanceID: instance, code: "x", provider: .amazon)],
                        since: .distantPast, limit: 500), in: transaction)
            }
            #expect(String(decoding: theirs, as: UTF8.self) == "[]", "another tenant naming this tenant's instance reads nothing")
            let (_, overHTTP) = try await Self.get(client, "/api/v1/orders?since=2000-01-01T00:00:00Z", key: other.secret)
            #expect((overHTTP as? [Any])?.isEmpty == true)
        }
    }

    @Test func anOlderVersionOfAnOrderNeverOverwritesANewerOne() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = try await IdentityService(database: environment.database).ensureTenant(id: .random(), name: "Shop", slug: "shop")
            let service = OrdersService(database: environment.database)
            let newer = Date(timeIntervalSince1970: 1_800_000_000)
            let line = NormalizedOrderLine(
                externalLineID: "1", sku: "SKU-1", title: "Tee", quantity: 2, currency: "USD", unitPrice: 10, sellingUnitPrice: 9, totalPrice: 20)
            func order(_ status: String, at: Date, lines: [NormalizedOrderLine]) -> NormalizedOrder {
                NormalizedOrder(
                    externalOrderID: "A-1", status: status, paymentStatus: "paid", canonicalStatus: .processing, orderedAt: newer,
                    lastRemoteUpdateAt: at, currency: "USD", total: 20, lines: lines)
            }
            #expect(
                try await service.ingest([order("shipped", at: newer, lines: [line])], instance: 1, provider: .shopify, tenant: tenant.id).written
                    == 1)
            #expect(
                try await service.ingest(
                    [order("open", at: newer.addingTimeInterval(-60), lines: [])], instance: 1, provider: .shopify, tenant: tenant.id
                ).written == 0)
            let rows = try await environment.ownerClient.query(
                "SELECT status, line_items_count, (SELECT count(*)::int FROM orders.order_lines) FROM orders.orders"
            ).collect()
            #expect(rows.count == 1, "one order per (instance, channel order id)")
            let (status, count, lines) = try rows[0].decode((String, Int, Int).self)
            #expect(status == "shipped")
            #expect(count == 1)
            #expect(lines == 1, "the older version's empty lines did not replace the newer ones")
            let twice = [line, line]
            #expect(
                try await service.ingest([order("delivered", at: newer, lines: twice)], instance: 1, provider: .shopify, tenant: tenant.id).written
                    == 1)
            let relined = try await environment.ownerClient.query("SELECT count(*)::int FROM orders.order_lines").collect()
            #expect(try relined[0].decode(Int.self) == 2, "a newer version replaces the lines")

            var bad = order("open", at: newer.addingTimeInterval(60), lines: [line])
            bad.externalOrderID = ""
            var good = order("open", at: newer.addingTimeInterval(60), lines: [line])
            good.externalOrderID = "A-2"
            let outcome = try await service.ingest([bad, good], instance: 1, provider: .shopify, tenant: tenant.id)
            #expect(outcome == IngestOutcome(written: 1, rejected: [""]), "one refused order does not hold back the page")
        }
    }

    @Test func anOlderVersionOfARefundNeverOverwritesANewerOne() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = try await IdentityService(database: environment.database).ensureTenant(id: .random(), name: "Shop", slug: "shop")
            let service = OrdersService(database: environment.database)
            func refund(_ total: Decimal, at: Date) -> NormalizedRefund {
                var refund = NormalizedRefund(
                    externalRefundID: "R-1", externalOrderID: "A-1", occurredAt: at, amount: total, currency: "USD", total: total)
                refund.lastRemoteUpdateAt = at
                return refund
            }
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(try await service.ingest([refund(30, at: now)], instance: 1, provider: .walmart, tenant: tenant.id).written == 1)
            #expect(
                try await service.ingest([refund(10, at: now.addingTimeInterval(-60))], instance: 1, provider: .walmart, tenant: tenant.id).written
                    == 0)
            let rows = try await environment.ownerClient.query("SELECT total_amount::text FROM orders.refunds").collect()
            #expect(try rows[0].decode(String.self) == "30")
        }
    }
}
