import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityContracts
import Kernel
import Sandbox
import TestSupport
import Testing

/// The admin's channel orders in the query language (seed `000_…`'s order sections) over orders pulled from the Sandbox
/// by a real worker: the list with its filters, sorts, pages and search, stats and filter options, an order's detail,
/// and archive, unarchive and delete, single and bulk.
@Suite struct ChannelOrderQueryTests {
    static let listFields = "totalCount pageInfo { hasNextPage endCursor } nodes { id externalOrderId aggregatedStatus archivedAt }"

    static func ids(_ body: [String: Any], _ field: String) -> [String] {
        (value(body, field, "nodes") as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    static func gid(_ id: String?) -> String { "gid://switchyard/ChannelOrder/\(id ?? "")" }

    @Test func theListFiltersSortsPagesAndSearches() async throws {
        try await ErpShipmentsTests.pulled(.shopify, seed: 41) { _, fixture, client, _, _ in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let newestFirst = try await fixture.texts("SELECT id::text FROM orders.orders ORDER BY placed_at DESC, id DESC").map(Self.gid)
            #expect(newestFirst.count == 12)

            let (_, first) = try await client.graphQL("{ channelOrders(first: 5) { \(Self.listFields) } }", headers: owner)
            #expect(value(first, "channelOrders", "totalCount") as? Int == 12, "\(first)")
            #expect(Self.ids(first, "channelOrders") == Array(newestFirst.prefix(5)), "newest placed first")
            #expect(value(first, "channelOrders", "pageInfo", "hasNextPage") as? Bool == true)
            let cursor = try #require(value(first, "channelOrders", "pageInfo", "endCursor") as? String)
            let (_, second) = try await client.graphQL(
                "query($after: String) { channelOrders(first: 5, after: $after) { \(Self.listFields) } }", variables: ["after": cursor],
                headers: owner)
            #expect(Self.ids(second, "channelOrders") == Array(newestFirst[5..<10]))
            let (_, oldest) = try await client.graphQL(
                "{ channelOrders(first: 3, sort: [{field: ORDERED_AT, direction: ASC}]) { \(Self.listFields) } }", headers: owner)
            #expect(Self.ids(oldest, "channelOrders") == Array(newestFirst.reversed().prefix(3)))

            let shipped = try await fixture.count("orders.orders WHERE aggregated_status = 'shipped'")
            #expect(shipped > 0 && shipped < 12)
            let (_, filtered) = try await client.graphQL(
                "{ channelOrders(filter: {aggregatedStatus: {eq: SHIPPED}, provider: {eq: SHOPIFY}}) { totalCount } }", headers: owner)
            #expect(value(filtered, "channelOrders", "totalCount") as? Int == shipped)
            let cancelled = try await fixture.count("orders.orders WHERE aggregated_status = 'cancelled'")
            let (_, combined) = try await client.graphQL(
                """
                { notShipped: channelOrders(filter: {not: {aggregatedStatus: {eq: SHIPPED}}}) { totalCount }
                  either: channelOrders(filter: {or: [{aggregatedStatus: {eq: SHIPPED}}, {aggregatedStatus: {eq: CANCELLED}}]}) { totalCount } }
                """, headers: owner)
            #expect(value(combined, "notShipped", "totalCount") as? Int == 12 - shipped)
            #expect(value(combined, "either", "totalCount") as? Int == shipped + cancelled)

            /// How many orders hold `text` where the search looks: the channel id, number, buyer, or a line's SKU.
            func holding(_ text: String) async throws -> Int {
                let quoted = text.lowercased().replacingOccurrences(of: "'", with: "''")
                return try await fixture.count(
                    """
                    orders.orders o WHERE strpos(o.search_text, '\(quoted)') > 0
                        OR EXISTS (SELECT 1 FROM orders.order_lines l WHERE l.order_id = o.id AND strpos(lower(l.sku), '\(quoted)') > 0)
                    """)
            }
            let email = try #require(
                try await fixture.texts("SELECT buyer_email FROM orders.orders WHERE buyer_email IS NOT NULL LIMIT 1").first ?? nil)
            let (_, searched) = try await client.graphQL(
                "query($q: String) { channelOrders(filter: {search: $q}) { totalCount } }", variables: ["q": email.prefix(6).uppercased()],
                headers: owner)
            let holdingEmail = try await holding(String(email.prefix(6)))
            #expect(value(searched, "channelOrders", "totalCount") as? Int == holdingEmail && holdingEmail > 0, "case-insensitive")
            let sku = try #require(try await fixture.texts("SELECT sku FROM orders.order_lines WHERE sku IS NOT NULL LIMIT 1").first ?? nil)
            let (_, skuSearch) = try await client.graphQL(
                "query($q: String) { channelOrders(filter: {search: $q}) { totalCount } }", variables: ["q": sku], headers: owner)
            let holdingSKU = try await holding(sku)
            #expect(value(skuSearch, "channelOrders", "totalCount") as? Int == holdingSKU, "a line's SKU finds its order")
            let (_, nothing) = try await client.graphQL("{ channelOrders(filter: {search: \"%_\"}) { totalCount } }", headers: owner)
            #expect(value(nothing, "channelOrders", "totalCount") as? Int == 0, "% and _ are text, not wildcards")

            let instance = try #require(try await fixture.texts("SELECT id::text FROM integrations.instances").first ?? nil)
            let (_, byInstance) = try await client.graphQL(
                "query($i: ID) { channelOrders(instanceId: $i) { totalCount } }",
                variables: ["i": "gid://switchyard/IntegrationInstance/\(instance)"],
                headers: owner)
            #expect(value(byInstance, "channelOrders", "totalCount") as? Int == 12)
            let (_, otherInstance) = try await client.graphQL(
                "{ channelOrders(instanceId: \"gid://switchyard/IntegrationInstance/999999\") { totalCount } }", headers: owner)
            #expect(value(otherInstance, "channelOrders", "totalCount") as? Int == 0, "only the instance's orders")
            let (_, badInstance) = try await client.graphQL("{ channelOrders(instanceId: \"7\") { totalCount } }", headers: owner)
            #expect(codes(badInstance) == ["INVALID_ID"], "\(badInstance)")
            let (_, long) = try await client.graphQL(
                "query($q: String) { channelOrders(filter: {search: $q}) { totalCount } }", variables: ["q": String(repeating: "x", count: 201)],
                headers: owner)
            #expect(codes(long) == ["SEARCH_TOO_LONG"], "\(long)")

            let (_, stats) = try await client.graphQL(
                "{ channelOrderStats { total byStatus { status count } byInstance { provider count integrationInstance { id } } totals { currency count total } } }",
                headers: owner)
            #expect(value(stats, "channelOrderStats", "total") as? Int == 12, "\(stats)")
            let byStatus = try #require(value(stats, "channelOrderStats", "byStatus") as? [[String: Any]])
            #expect(byStatus.count == 6 && byStatus.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 12)
            #expect(byStatus.first { $0["status"] as? String == "SHIPPED" }?["count"] as? Int == shipped)
            #expect(value(stats, "channelOrderStats", "byInstance", 0, "count") as? Int == 12)
            #expect(value(stats, "channelOrderStats", "byInstance", 0, "provider") as? String == "SHOPIFY")
            let sum = try #require(try await fixture.texts("SELECT sum(total_amount)::text FROM orders.orders").first ?? nil)
            let totals = try #require(value(stats, "channelOrderStats", "totals") as? [[String: Any]])
            #expect(totals.compactMap { Decimal(string: $0["total"] as? String ?? "") }.reduce(0, +) == Decimal(string: sum))

            let (_, options) = try await client.graphQL(
                "{ channelOrderFilterOptions { statuses paymentStatuses currencies paymentMethods } }", headers: owner)
            let statuses = try await fixture.texts("SELECT DISTINCT status FROM orders.orders WHERE status IS NOT NULL ORDER BY 1")
            #expect(value(options, "channelOrderFilterOptions", "statuses") as? [String] == statuses.compactMap { $0 })
            #expect((value(options, "channelOrderFilterOptions", "currencies") as? [String])?.isEmpty == false)

            let other = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            let (_, theirs) = try await client.graphQL("{ channelOrders { totalCount } channelOrderStats { total } }", headers: other)
            #expect(value(theirs, "channelOrders", "totalCount") as? Int == 0, "another tenant sees none")
            #expect(value(theirs, "channelOrderStats", "total") as? Int == 0)
            let (_, node) = try await client.graphQL(
                "query($id: ID!) { node(id: $id) { id } }", variables: ["id": newestFirst[0]], headers: other)
            #expect((node["data"] as? [String: Any])?["node"] is NSNull, "nor one by its id")
        }
    }

    @Test func anOrdersDetailHasItsLinesRefundsShipmentsAndPayload() async throws {
        try await ErpShipmentsTests.pulled(.shopify, seed: 42) { sandbox, fixture, client, erp, _ in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let refunded = try #require(
                try await fixture.texts(
                    """
                    SELECT o.id::text FROM orders.orders o JOIN orders.refunds r ON r.instance_id = o.instance_id
                        AND r.external_order_id = o.external_order_id ORDER BY o.id LIMIT 1
                    """
                ).first ?? nil, "the Sandbox refunds every fifth order")
            let detail = """
                query($id: ID!) { node(id: $id) { ... on ChannelOrder {
                  id externalOrderId provider lineItemsCount total currency shippingAddress { country } integrationInstance { provider }
                  lines { position sku quantity sellingUnitPrice }
                  refunds { externalRefundId externalOrderId total lines { sku quantity } rawPayload }
                  shipments { carrier trackingNumber status attempts }
                  rawPayload
                } } }
                """
            let (_, shown) = try await client.graphQL(detail, variables: ["id": Self.gid(refunded)], headers: owner)
            let order = try #require(value(shown, "node") as? [String: Any], "\(shown)")
            let external = try #require(order["externalOrderId"] as? String)
            let lines = try #require(order["lines"] as? [[String: Any]])
            #expect(lines.count == order["lineItemsCount"] as? Int && !lines.isEmpty)
            let positions = lines.compactMap { $0["position"] as? Int }
            #expect(
                positions.count == lines.count && positions == positions.sorted() && Set(positions).count == positions.count, "the channel's order")
            #expect(lines.allSatisfy { $0["sellingUnitPrice"] is String && $0["quantity"] is Int })
            let refunds = try #require(order["refunds"] as? [[String: Any]])
            #expect(refunds.count == (try await fixture.count("orders.refunds WHERE external_order_id = '\(external)'")))
            #expect(refunds.allSatisfy { $0["externalOrderId"] as? String == external && $0["rawPayload"] is [String: Any] })
            #expect((order["rawPayload"] as? [String: Any])?["id"].map { "\($0)" } == external, "the order exactly as Shopify sent it")
            #expect((value(shown, "node", "integrationInstance", "provider") as? String) == "SHOPIFY")

            let open = try await ErpShipmentsTests.openOrder(.shopify, sandbox, fixture)
            let created = try await ErpShipmentsTests.post(
                client, try ErpShipmentsTests.shipments([["remote_order_id": open.id, "carrier": "UPS", "tracking_number": "1ZDETAIL"]]), key: erp)
            #expect(created.status == .created)
            try await eventually("the shipment is pushed") { try await fixture.count("orders.shipments WHERE status = 'succeeded'") == 1 }
            let (_, withShipment) = try await client.graphQL(detail, variables: ["id": Self.gid(String(open.id))], headers: owner)
            let shipments = try #require(value(withShipment, "node", "shipments") as? [[String: Any]])
            #expect(shipments.count == 1)
            #expect(shipments.first?["trackingNumber"] as? String == "1ZDETAIL" && shipments.first?["status"] as? String == "SUCCEEDED")
        }
    }

    @Test func ordersAreArchivedUnarchivedAndDeletedSingleAndBulk() async throws {
        try await ErpShipmentsTests.pulled(.amazon, seed: 43) { _, fixture, client, _, _ in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let staff = try await fixture.adminHeaders(fixture.staff)
            let viewer = try await fixture.adminHeaders(fixture.viewer)
            let ids = try await fixture.texts("SELECT id::text FROM orders.orders ORDER BY id").map(Self.gid)
            /// How many orders the list shows as active, archived and in all.
            func totals() async throws -> [Int?] {
                let (_, body) = try await client.graphQL(
                    """
                    { active: channelOrders { totalCount } archived: channelOrders(filter: {archived: ARCHIVED}) { totalCount }
                      all: channelOrders(filter: {archived: ALL}) { totalCount } }
                    """, headers: owner)
                return ["active", "archived", "all"].map { value(body, $0, "totalCount") as? Int }
            }
            let single = "mutation($id: ID!) { channelOrderArchive(id: $id) { channelOrder { id archivedAt } userErrors { code field } } }"

            let (_, refused) = try await client.graphQL(single, variables: ["id": ids[0]], headers: viewer)
            #expect(value(refused, "channelOrderArchive", "userErrors", 0, "code") as? String == "INSUFFICIENT_ROLE", "\(refused)")
            #expect(try await totals() == [12, 0, 12], "a viewer archives nothing")

            let (_, archived) = try await client.graphQL(single, variables: ["id": ids[0]], headers: staff)
            #expect(value(archived, "channelOrderArchive", "channelOrder", "archivedAt") is String, "\(archived)")
            let (_, defaultList) = try await client.graphQL("{ channelOrders { totalCount } }", headers: owner)
            #expect(value(defaultList, "channelOrders", "totalCount") as? Int == 11, "archived orders leave the default list")
            #expect(try await totals() == [11, 1, 12])
            let (_, again) = try await client.graphQL(single, variables: ["id": ids[0]], headers: staff)
            #expect((value(again, "channelOrderArchive", "userErrors") as? [Any])?.isEmpty == true, "archiving twice is harmless")
            let (_, unarchived) = try await client.graphQL(
                "mutation($id: ID!) { channelOrderUnarchive(id: $id) { channelOrder { archivedAt } userErrors { code } } }",
                variables: ["id": ids[0]],
                headers: staff)
            #expect(value(unarchived, "channelOrderUnarchive", "channelOrder", "archivedAt") is NSNull)
            let (_, unknown) = try await client.graphQL(single, variables: ["id": Self.gid("999999")], headers: staff)
            #expect(value(unknown, "channelOrderArchive", "userErrors", 0, "code") as? String == "ORDER_NOT_FOUND")
            #expect(value(unknown, "channelOrderArchive", "userErrors", 0, "field") as? [String] == ["id"])
            let (_, malformed) = try await client.graphQL(single, variables: ["id": "gid://switchyard/Job/1"], headers: staff)
            #expect(value(malformed, "channelOrderArchive", "userErrors", 0, "code") as? String == "INVALID_ID")
            let other = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            let (_, foreign) = try await client.graphQL(single, variables: ["id": ids[5]], headers: other)
            #expect(
                value(foreign, "channelOrderArchive", "userErrors", 0, "code") as? String == "ORDER_NOT_FOUND", "another tenant's order is unknown")
            #expect(try await totals() == [12, 0, 12])

            let bulk = "mutation($s: ChannelOrderSelection!) { channelOrdersArchive(selection: $s) { count ids userErrors { code field message } } }"
            let (_, byIDs) = try await client.graphQL(bulk, variables: ["s": ["ids": Array(ids[1...2])]], headers: staff)
            #expect(value(byIDs, "channelOrdersArchive", "count") as? Int == 2, "\(byIDs)")
            #expect(value(byIDs, "channelOrdersArchive", "ids") as? [String] == Array(ids[1...2]))
            let shipped = try await fixture.count("orders.orders WHERE aggregated_status = 'shipped' AND archived_at IS NULL")
            let (_, all) = try await client.graphQL(
                bulk, variables: ["s": ["applyToAll": true, "filter": ["aggregatedStatus": ["eq": "SHIPPED"]]]], headers: staff)
            #expect(value(all, "channelOrdersArchive", "count") as? Int == shipped, "\(all)")
            #expect(value(all, "channelOrdersArchive", "ids") is NSNull, "applyToAll answers the count alone")
            #expect(try await fixture.count("orders.orders WHERE aggregated_status = 'shipped' AND archived_at IS NULL") == 0)
            let archivedNow = try await fixture.count("orders.orders WHERE archived_at IS NOT NULL")
            #expect(try await totals() == [12 - archivedNow, archivedNow, 12])
            let (_, restored) = try await client.graphQL(
                "mutation($s: ChannelOrderSelection!) { channelOrdersUnarchive(selection: $s) { count } }",
                variables: ["s": ["applyToAll": true, "filter": ["archived": "ARCHIVED"]]], headers: staff)
            #expect(value(restored, "channelOrdersUnarchive", "count") as? Int == archivedNow)
            #expect(try await totals() == [12, 0, 12])

            for (selection, reason) in [
                (["ids": [ids[0]], "applyToAll": true] as [String: Any], "both"), ([:], "neither"),
                (["ids": [ids[0]], "filter": ["search": "x"]], "a filter without applyToAll"),
            ] {
                let (_, invalid) = try await client.graphQL(bulk, variables: ["s": selection], headers: staff)
                #expect(value(invalid, "channelOrdersArchive", "userErrors", 0, "code") as? String == "INVALID_SELECTION", "\(reason): \(invalid)")
                #expect(value(invalid, "channelOrdersArchive", "userErrors", 0, "field") as? [String] == ["selection"])
            }
            #expect(try await fixture.count("orders.orders WHERE archived_at IS NOT NULL") == 0, "a refused selection changes nothing")

            let delete = "mutation($id: ID!) { channelOrderDelete(id: $id) { ids userErrors { code } } }"
            let (_, staffDelete) = try await client.graphQL(delete, variables: ["id": ids[0]], headers: staff)
            #expect(value(staffDelete, "channelOrderDelete", "userErrors", 0, "code") as? String == "INSUFFICIENT_ROLE", "only admins delete")
            let (_, deleted) = try await client.graphQL(delete, variables: ["id": ids[0]], headers: owner)
            #expect(value(deleted, "channelOrderDelete", "ids") as? [String] == [ids[0]], "\(deleted)")
            #expect(try await fixture.count("orders.orders") == 11)
            #expect(try await fixture.count("orders.order_lines WHERE order_id = \(ids[0].split(separator: "/").last!)") == 0, "its lines go with it")
            let (_, gone) = try await client.graphQL("query($id: ID!) { node(id: $id) { id } }", variables: ["id": ids[0]], headers: owner)
            #expect((gone["data"] as? [String: Any])?["node"] is NSNull)
            let (_, deletedAgain) = try await client.graphQL(delete, variables: ["id": ids[0]], headers: owner)
            #expect(value(deletedAgain, "channelOrderDelete", "userErrors", 0, "code") as? String == "ORDER_NOT_FOUND")

            let busy = try #require(ids[3].split(separator: "/").last.map(String.init))
            _ = try await fixture.texts(
                """
                INSERT INTO orders.shipments (tenant_id, order_id, carrier, tracking_number, status)
                SELECT tenant_id, id, 'UPS', 'INFLIGHT1', 'pushing' FROM orders.orders WHERE id = \(busy) RETURNING id::text
                """)
            let bulkDelete = "mutation($s: ChannelOrderSelection!) { channelOrdersDelete(selection: $s) { count userErrors { code message } } }"
            let (_, refusedDelete) = try await client.graphQL(bulkDelete, variables: ["s": ["ids": Array(ids[2...4])]], headers: owner)
            #expect(value(refusedDelete, "channelOrdersDelete", "userErrors", 0, "code") as? String == "ORDERS_BUSY", "\(refusedDelete)")
            let (_, busySingle) = try await client.graphQL(delete, variables: ["id": ids[3]], headers: owner)
            #expect(value(busySingle, "channelOrderDelete", "userErrors", 0, "code") as? String == "ORDERS_BUSY")
            #expect((value(refusedDelete, "channelOrdersDelete", "userErrors", 0, "message") as? String)?.contains(busy) == true)
            #expect(try await fixture.count("orders.orders") == 11, "all or nothing")
            let (_, deletedAll) = try await client.graphQL(
                bulkDelete, variables: ["s": ["applyToAll": true, "filter": ["archived": "ALL"]]], headers: owner)
            #expect(value(deletedAll, "channelOrdersDelete", "userErrors", 0, "code") as? String == "ORDERS_BUSY")
            _ = try await fixture.texts("UPDATE orders.shipments SET status = 'succeeded' RETURNING id::text")
            let (_, deletedNow) = try await client.graphQL(
                bulkDelete, variables: ["s": ["applyToAll": true, "filter": ["archived": "ALL"]]], headers: owner)
            #expect(value(deletedNow, "channelOrdersDelete", "count") as? Int == 11, "\(deletedNow)")
            #expect(try await fixture.count("orders.orders") == 0)
            #expect(
                try await fixture.count("platform.activity_log WHERE subject_type = 'ChannelOrder'") == 7, "each action that changed orders, once")
            #expect(try await fixture.count("platform.activity_log WHERE subject_id = 'bulk' AND properties->>'count' = '11'") == 1)

        }
    }
}
