import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityContracts
import Kernel
import NIOCore
import Sandbox
import TestSupport
import Testing

/// Seed `002_…`'s aggregated orders over orders pulled from the Sandbox by a real worker: the unified list and its
/// filters, one order, the dashboard summary, the status writeback (local at once, the channel told by a job) and the
/// one-shot pulls.
@Suite struct SalesChannelOrdersTests {
    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields, body: String? = nil
    ) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:])
        }
    }

    @Test func theUnifiedListFiltersAndPagesTheChannelsOrders() async throws {
        try await ErpShipmentsTests.pulled(.shopify, seed: 31) { _, fixture, client, _, code in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let all = try await Self.call(client, .get, "/sales-channel/orders", owner)
            #expect(all.status == .ok)
            #expect(all.body["total"] as? Int == 12)
            #expect(all.body["page"] as? Int == 1 && all.body["pageSize"] as? Int == 50)
            let items = try #require(all.body["items"] as? [[String: Any]])
            let created = items.compactMap { $0["createdAt"] as? String }
            #expect(created.count == 12 && created == created.sorted(by: >), "newest first")
            #expect(items.allSatisfy { $0["channel"] as? String == code && $0["provider"] as? String == "shopify" && $0["channelOrderId"] is String })
            #expect(items.allSatisfy { ($0["totals"] as? [String: Any])?["grandTotal"] is NSNumber })

            let third = try await Self.call(client, .get, "/sales-channel/orders?pageSize=5&page=3", owner)
            #expect((third.body["items"] as? [[String: Any]])?.map { $0["orderId"] as? Int } == items.suffix(2).map { $0["orderId"] as? Int })
            let shippedCount = items.filter { $0["status"] as? String == "shipped" }.count
            #expect(shippedCount > 0 && shippedCount < 12, "the Sandbox ships some orders")
            let shipped = try await Self.call(client, .get, "/sales-channel/orders?status=shipped&channel=shopify", owner)
            #expect(shipped.body["total"] as? Int == shippedCount)
            let byCode = try await Self.call(client, .get, "/sales-channel/orders?channel=\(code)&fromDate=2099-01-01", owner)
            #expect(byCode.body["total"] as? Int == 0, "nothing created after 2099")
            let window = try await Self.call(client, .get, "/sales-channel/orders?fromDate=2000-01-01&toDate=\(String(created[0].prefix(10)))", owner)
            #expect(window.body["total"] as? Int == 12, "a date as toDate reaches through its end")

            #expect(try await Self.call(client, .get, "/sales-channel/orders?channel=walmart", owner).status == .notFound)
            #expect(try await Self.call(client, .get, "/sales-channel/orders?fromDate=yesterday", owner).body["code"] as? String == "invalid_date")
            #expect(try await Self.call(client, .get, "/sales-channel/orders?pageSize=251", owner).body["code"] as? String == "invalid_page")
            #expect(try await Self.call(client, .get, "/sales-channel/orders?status=lost", owner).status == .badRequest)

            let summary = try await Self.call(client, .get, "/sales-channel/orders/stats/summary", owner)
            #expect(summary.body["count"] as? Int == 12)
            #expect((summary.body["byChannel"] as? [[String: Any]])?.map { $0["count"] as? Int } == [12])
            let byStatus = try #require(summary.body["byStatus"] as? [[String: Any]])
            #expect(byStatus.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 12)
            #expect(byStatus.first { $0["status"] as? String == "shipped" }?["count"] as? Int == shippedCount)
            let rows = try #require(summary.body["rows"] as? [[String: Any]])
            #expect(rows.allSatisfy { $0["currency"] is String && $0["total"] is NSNumber })

            let other = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            #expect(try await Self.call(client, .get, "/sales-channel/orders", other).body["total"] as? Int == 0, "another tenant sees none")
        }
    }

    @Test func oneOrderHasItsLinesAddressesAndShipments() async throws {
        try await ErpShipmentsTests.pulled(.amazon, seed: 32) { sandbox, fixture, client, _, code in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let open = try await ErpShipmentsTests.openOrder(.amazon, sandbox, fixture)
            let shown = try await Self.call(client, .get, "/sales-channel/orders/\(open.id)", owner)
            #expect(shown.status == .ok)
            #expect(shown.body["channelOrderId"] as? String == open.external)
            #expect(shown.body["channel"] as? String == code)
            let lines = try #require(shown.body["lines"] as? [[String: Any]])
            #expect(!lines.isEmpty && lines.allSatisfy { $0["sku"] is String && $0["channelSku"] is String && $0["quantity"] is Int })
            #expect(shown.body["shippingAddress"] is [String: Any] && shown.body["channelMetadata"] is [String: Any])
            #expect((shown.body["shipments"] as? [Any])?.isEmpty == true)

            #expect(try await Self.call(client, .get, "/sales-channel/orders/999999", owner).body["code"] as? String == "order_not_found")
            #expect(try await Self.call(client, .get, "/sales-channel/orders/abc", owner).status == .notFound)
            let other = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            #expect(try await Self.call(client, .get, "/sales-channel/orders/\(open.id)", other).status == .notFound)
        }
    }

    @Test func aStatusIsSetAtOnceAndShippedIsWrittenBackToTheChannel() async throws {
        try await ErpShipmentsTests.pulled(.walmart, seed: 33) { sandbox, fixture, client, _, _ in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let open = try await ErpShipmentsTests.openOrder(.walmart, sandbox, fixture)
            let path = "/sales-channel/orders/\(open.id)/status"

            let incomplete = try await Self.call(client, .put, path, owner, body: #"{"status": "shipped"}"#)
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.body["code"] as? String == "invalid_status_change")
            #expect((incomplete.body["error"] as? String)?.contains("trackingNumber can't be blank") == true)
            #expect((incomplete.body["error"] as? String)?.contains("carrier can't be blank") == true)
            let badCarrier = try await Self.call(
                client, .put, path, owner, body: #"{"status": "shipped", "trackingNumber": "T1", "carrier": "Pigeon"}"#)
            #expect(badCarrier.body["error"] as? String == "Carrier is not a valid carrier code for walmart")
            #expect(try await Self.call(client, .put, path, owner, body: #"{"status": "lost"}"#).status == .unprocessableContent)
            #expect(try await fixture.count("orders.orders WHERE local_status IS NOT NULL") == 0, "a refused change changes nothing")
            let viewer = try await fixture.adminHeaders(fixture.viewer)
            #expect(try await Self.call(client, .put, path, viewer, body: #"{"status": "delivered"}"#).status == .forbidden)

            let shipped = try await Self.call(
                client, .put, path, owner, body: #"{"status": "shipped", "trackingNumber": "1ZWRITEBACK", "carrier": "usps"}"#)
            #expect(shipped.status == .accepted)
            #expect(shipped.body["shipmentId"] is Int)
            let now = try await Self.call(client, .get, "/sales-channel/orders/\(open.id)", owner)
            #expect(now.body["status"] as? String == "shipped", "the status is local at once")
            try await eventually("the channel ships the order and a pull brings its word back") {
                let order = try await Self.call(client, .get, "/sales-channel/orders/\(open.id)", owner)
                return order.body["statusPendingOnChannel"] as? Bool == false && order.body["status"] as? String == "shipped"
            }
            #expect(await sandbox.store.order(.walmart, id: open.external)?.shipments.last?.trackingNumber == "1ZWRITEBACK")
            #expect(try await fixture.texts("SELECT carrier FROM orders.shipments") == ["USPS"])

            let other = try await ErpShipmentsTests.openOrder(.walmart, sandbox, fixture)
            let delivered = try await Self.call(client, .put, "/sales-channel/orders/\(other.id)/status", owner, body: #"{"status": "delivered"}"#)
            #expect(delivered.status == .accepted && delivered.body["shipmentId"] == nil)
            let kept = try await Self.call(client, .get, "/sales-channel/orders/\(other.id)", owner)
            #expect(kept.body["status"] as? String == "delivered" && kept.body["statusPendingOnChannel"] as? Bool == true)
            #expect(
                try await Self.call(client, .put, "/sales-channel/orders/999999/status", owner, body: #"{"status": "delivered"}"#).status == .notFound
            )
        }
    }

    @Test func oneShotPullsStartWhereTheyAreAskedTo() async throws {
        try await ErpShipmentsTests.pulled(.woocommerce, seed: 34) { _, fixture, client, _, code in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let one = try await Self.call(client, .post, "/sales-channel/orders/sync/\(code)", owner, body: #"{"fromDate": "2001-02-03"}"#)
            #expect(one.status == .accepted)
            #expect((one.body["jobs"] as? [[String: Any]])?.map { $0["channel"] as? String } == [code])
            try await eventually("the one-shot pull runs") {
                try await fixture.count("integrations.sync_runs WHERE operation = 'orders_pull' AND status = 'succeeded'") >= 2
            }
            #expect(
                try await fixture.count("integrations.sync_runs WHERE operation = 'orders_pull' AND status = 'succeeded' AND fetched >= 12") == 2,
                "the first pull and the one from 2001 both walk every order; an incremental pull would find none changed")
            #expect(try await fixture.count("orders.orders") == 12, "pulling again stores nothing twice")

            let all = try await Self.call(client, .post, "/sales-channel/orders/sync", owner)
            #expect(all.status == .accepted)
            #expect((all.body["jobs"] as? [Any])?.count == 1)
            #expect(try await Self.call(client, .post, "/sales-channel/orders/sync/nope", owner).status == .notFound)
            #expect(
                try await Self.call(client, .post, "/sales-channel/orders/sync/\(code)", owner, body: #"{"fromDate": "soon"}"#).body["code"]
                    as? String
                    == "invalid_date")
        }
    }
}
