import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityContracts
import Inventory
import InventoryContracts
import Kernel
import Storage
import TestSupport
import Testing

/// Seed `004_…`'s master inventory over real PostgreSQL: quantities with their ledger, reservations that never take more
/// than is available (under concurrency too), the allocation strategies, release, commit and expiry.
@Suite struct InventoryTests {
    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields, body: String? = nil
    ) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        try await SalesChannelOrdersTests.call(client, method, uri, headers, body: body)
    }

    /// The sum of a SKU's ledger deltas and its on-hand total, as the table owner reads them.
    static func ledgerAndBalance(_ fixture: AppFixture, _ sku: String) async throws -> [String?] {
        try await fixture.texts(
            """
            SELECT (SELECT coalesce(sum(delta), 0) FROM inventory.ledger WHERE sku = '\(sku)') || '/'
                || (SELECT coalesce(sum(on_hand), 0) FROM inventory.stock_levels WHERE sku = '\(sku)')
            """)
    }

    @Test func settingAQuantityRecordsItInTheLedgerAndReadsBack() async throws {
        try await AppFixture.run { fixture, client in
            let staff = try await fixture.adminHeaders(fixture.staff)
            let set = try await Self.call(
                client, .put, "/sales-channel/inventory/SKU-100", staff, body: #"{"quantity": 42, "reason": "warehouse count"}"#)
            #expect(set.status == .ok)
            #expect(set.body["sku"] as? String == "SKU-100" && set.body["onHand"] as? Int == 42 && set.body["available"] as? Int == 42)
            #expect((set.body["warehouses"] as? [[String: Any]])?.map { $0["warehouse"] as? String } == ["default"])
            _ = try await Self.call(client, .put, "/sales-channel/inventory/SKU-100", staff, body: #"{"quantity": 40}"#)
            _ = try await Self.call(client, .put, "/sales-channel/inventory/SKU-100", staff, body: #"{"quantity": 40, "reason": "recount"}"#)

            let read = try await Self.call(client, .get, "/sales-channel/inventory/SKU-100", try await fixture.adminHeaders(fixture.viewer))
            #expect(read.status == .ok && read.body["onHand"] as? Int == 40 && read.body["reserved"] as? Int == 0)
            let history = try await Self.call(client, .get, "/sales-channel/inventory/SKU-100/history", staff)
            let entries = try #require(history.body["items"] as? [[String: Any]])
            #expect(entries.map { $0["delta"] as? Int } == [-2, 42], "newest first; a quantity that does not move writes no row")
            #expect(entries.map { $0["balanceAfter"] as? Int } == [40, 42])
            #expect(entries.last?["reason"] as? String == "warehouse count" && entries.last?["kind"] as? String == "set")
            #expect(entries.allSatisfy { $0["actor"] as? String == "user:\(fixture.staff.id)" && $0["source"] as? String == "api" })
            #expect(try await Self.ledgerAndBalance(fixture, "SKU-100") == ["40/40"])

            let spaced = try await Self.call(client, .put, "/sales-channel/inventory/SKU%20A", staff, body: #"{"quantity": 1}"#)
            #expect(spaced.body["sku"] as? String == "SKU A", "the path is percent-decoded")
            let routeName = try await Self.call(client, .put, "/sales-channel/inventory/%72eserve", staff, body: #"{"quantity": 2}"#)
            #expect(routeName.body["sku"] as? String == "reserve", "a SKU named like a fixed route is reached encoded")
            let malformed = try await Self.call(client, .get, "/sales-channel/inventory/SKU%ZZ", staff)
            #expect(malformed.status == .badRequest && malformed.body["field"] as? [String] == ["sku"])
            #expect(try await Self.call(client, .get, "/sales-channel/inventory/NEVER", staff).body["code"] as? String == "sku_not_found")
            let outsider = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            #expect(try await Self.call(client, .get, "/sales-channel/inventory/SKU-100", outsider).status == .notFound, "another tenant sees none")
        }
    }

    @Test func aRefusedUpdateChangesNothing() async throws {
        try await AppFixture.run { fixture, client in
            let staff = try await fixture.adminHeaders(fixture.staff)
            _ = try await Self.call(client, .put, "/sales-channel/inventory/SKU-1", staff, body: #"{"quantity": 5}"#)
            let invalid = try await Self.call(
                client, .put, "/sales-channel/inventory/bulk/update", staff,
                body: #"{"items": [{"sku": "SKU-1", "quantity": 9}, {"sku": "", "quantity": -1}, {"sku": "SKU-1", "quantity": 3}]}"#)
            #expect(invalid.status == .unprocessableContent && invalid.body["code"] as? String == "invalid_items")
            let rows = try #require(invalid.body["rows"] as? [[String: Any]])
            #expect(rows.map { $0["index"] as? Int } == [1, 2])
            #expect((rows[0]["messages"] as? [String])?.count == 2, "both the empty SKU and the negative quantity")
            let warehouse = try await Self.call(
                client, .put, "/sales-channel/inventory/bulk/update", staff,
                body: #"{"items": [{"sku": "SKU-1", "quantity": 9}, {"sku": "SKU-2", "quantity": 1, "warehouse": "nowhere"}]}"#)
            #expect(warehouse.body["code"] as? String == "unknown_warehouse" && warehouse.body["field"] as? [String] == ["items"])
            #expect((warehouse.body["rows"] as? [[String: Any]])?.map { $0["index"] as? Int } == [1], "the row naming it")
            let single = try await Self.call(client, .put, "/sales-channel/inventory/SKU-1", staff, body: #"{"quantity": 9, "warehouse": "nowhere"}"#)
            #expect(single.body["code"] as? String == "unknown_warehouse" && single.body["field"] as? [String] == ["warehouse"])
            let negative = try await Self.call(client, .put, "/sales-channel/inventory/SKU-1", staff, body: #"{"quantity": -1}"#)
            #expect(negative.body["code"] as? String == "invalid_field" && negative.body["field"] as? [String] == ["quantity"])
            let control = try await Self.call(client, .put, "/sales-channel/inventory/SKU-1", staff, body: #"{"quantity": 9, "reason": "a\u0000b"}"#)
            #expect(control.status == .unprocessableContent && control.body["field"] as? [String] == ["reason"])
            #expect(control.body["error"] as? String == "reason must not contain control characters.")
            let controlSKU = try await Self.call(
                client, .put, "/sales-channel/inventory/bulk/update", staff, body: #"{"items": [{"sku": "SKU\u0007", "quantity": 1}]}"#)
            #expect((controlSKU.body["rows"] as? [[String: Any]])?.first?["messages"] as? [String] == ["sku must not contain control characters."])
            let sync = try await Self.call(client, .put, "/sales-channel/inventory/SKU-1", staff, body: #"{"quantity": 9, "syncToChannels": true}"#)
            #expect(sync.status == .unprocessableContent && sync.body["code"] as? String == "channel_sync_unavailable")
            let fraction = try await Self.call(client, .put, "/sales-channel/inventory/SKU-1", staff, body: #"{"quantity": 2.5}"#)
            #expect(fraction.status == .unprocessableContent && fraction.body["field"] as? [String] == ["quantity"])
            let viewer = try await fixture.adminHeaders(fixture.viewer)
            #expect(try await Self.call(client, .put, "/sales-channel/inventory/SKU-1", viewer, body: #"{"quantity": 9}"#).status == .forbidden)
            #expect(try await Self.ledgerAndBalance(fixture, "SKU-1") == ["5/5"])
            #expect(try await fixture.count("inventory.stock_levels") == 1)

            let bulk = try await Self.call(
                client, .put, "/sales-channel/inventory/bulk/update", staff,
                body: #"{"items": [{"sku": "SKU-2", "quantity": 7}, {"sku": "SKU-1", "quantity": 0, "reason": "damaged"}]}"#)
            #expect((bulk.body["items"] as? [[String: Any]])?.map { $0["onHand"] as? Int } == [7, 0], "in the order asked")
        }
    }

    @Test func concurrentReservationsNeverTakeMoreThanIsAvailable() async throws {
        try await AppFixture.run { fixture, client in
            let inventory = InventoryService(database: fixture.environment.database)
            let tenant = fixture.tenant.id
            let actor = StockActor(name: "test", source: .admin)
            _ = try await inventory.setQuantities([StockChange(sku: "HOT", quantity: 25)], by: actor, tenant: tenant)
            let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            _ = try await inventory.reserve(
                                ReservationRequest(items: [ReservationItem(sku: "HOT", quantity: 1)], orderRef: "cart-\(index)"), tenant: tenant)
                            return true
                        } catch InventoryError.insufficientStock {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(granted == 25)
            let stock = try await fixture.environment.database.withTenant(tenant) { try await InventoryReads.stock(of: ["HOT"], in: $0) }
            #expect(stock.first?.reserved == 25 && stock.first?.available == 0)

            let staff = try await fixture.adminHeaders(fixture.staff)
            _ = try await Self.call(client, .put, "/sales-channel/inventory/PAIR", staff, body: #"{"quantity": 5}"#)
            let cart = #"{"items": [{"sku": "PAIR", "quantity": 2}, {"sku": "PAIR", "quantity": 2}], "orderId": "ord-pair"}"#
            let first = try await Self.call(client, .post, "/sales-channel/inventory/reserve", staff, body: cart)
            #expect(first.status == .created && first.body["state"] as? String == "active" && first.body["orderRef"] as? String == "ord-pair")
            #expect((first.body["lines"] as? [[String: Any]])?.map { $0["quantity"] as? Int } == [4], "lines of one SKU reserve their sum")
            let second = try await Self.call(client, .post, "/sales-channel/inventory/reserve", staff, body: cart)
            #expect(second.status == .conflict && second.body["code"] as? String == "insufficient_stock")
            #expect((second.body["rows"] as? [[String: Any]])?.first?["messages"] as? [String] == ["PAIR: 4 requested, 1 available."])
            #expect(try await fixture.count("inventory.reservations") == 26, "a refused reservation leaves nothing behind")
        }
    }

    @Test func theAllocationStrategyPicksTheWarehouses() async throws {
        try await AppFixture.run { fixture, client in
            let inventory = InventoryService(database: fixture.environment.database)
            let tenant = fixture.tenant.id
            _ = try await inventory.saveWarehouse(WarehouseInput(code: "east", name: "East", priority: 1), tenant: tenant)
            _ = try await inventory.setQuantities(
                [StockChange(sku: "MULTI", quantity: 4), StockChange(sku: "MULTI", quantity: 3, warehouse: "east")],
                by: StockActor(name: "test", source: .admin), tenant: tenant)
            try await inventory.setAllocationStrategy(.highestStock, channel: "shopify", tenant: tenant)
            let staff = try await fixture.adminHeaders(fixture.staff)
            let byStock = try await Self.call(
                client, .post, "/sales-channel/inventory/reserve", staff, body: #"{"items": [{"sku": "MULTI", "quantity": 2}], "channel": "shopify"}"#
            )
            #expect((byStock.body["lines"] as? [[String: Any]])?.map { $0["warehouse"] as? String } == ["default"], "4 available beats 3")
            let byPriority = try await Self.call(
                client, .post, "/sales-channel/inventory/reserve", staff, body: #"{"items": [{"sku": "MULTI", "quantity": 4}]}"#)
            let lines = try #require(byPriority.body["lines"] as? [[String: Any]])
            #expect(lines.map { "\($0["warehouse"] as? String ?? "")=\($0["quantity"] as? Int ?? 0)" } == ["east=3", "default=1"])
            let rest = try await Self.call(client, .get, "/sales-channel/inventory/MULTI", staff)
            #expect(rest.body["available"] as? Int == 1 && rest.body["reserved"] as? Int == 6)
        }
    }

    @Test func aReservationEndsOnceReleasedCommittedOrExpired() async throws {
        try await AppFixture.run { fixture, client in
            let staff = try await fixture.adminHeaders(fixture.staff)
            _ = try await Self.call(client, .put, "/sales-channel/inventory/SKU-R", staff, body: #"{"quantity": 10}"#)
            func reserve(_ quantity: Int, ttl: Int = 900) async throws -> Int {
                let body = #"{"items": [{"sku": "SKU-R", "quantity": \#(quantity)}], "orderId": "ord-\#(quantity)", "ttlSeconds": \#(ttl)}"#
                let answer = try await Self.call(client, .post, "/sales-channel/inventory/reserve", staff, body: body)
                return try #require(answer.body["id"] as? Int)
            }
            func available() async throws -> Int? {
                try await Self.call(client, .get, "/sales-channel/inventory/SKU-R", staff).body["available"] as? Int
            }

            let released = try await reserve(3)
            #expect(try await available() == 7)
            let release = try await Self.call(client, .post, "/sales-channel/inventory/reservation/\(released)/release", staff)
            #expect(release.status == .ok && release.body["state"] as? String == "released" && release.body["endedAt"] is String)
            #expect(try await available() == 10)
            let again = try await Self.call(client, .post, "/sales-channel/inventory/reservation/\(released)/commit", staff)
            #expect(again.status == .conflict && again.body["code"] as? String == "reservation_ended")
            #expect(again.body["error"] as? String == "Reservation \(released) is already released.")

            let committed = try await reserve(4)
            let commit = try await Self.call(client, .post, "/sales-channel/inventory/reservation/\(committed)/commit", staff)
            #expect(commit.status == .ok && commit.body["state"] as? String == "committed")
            let stock = try await Self.call(client, .get, "/sales-channel/inventory/SKU-R", staff)
            #expect(stock.body["onHand"] as? Int == 6 && stock.body["reserved"] as? Int == 0)
            let history = try await Self.call(client, .get, "/sales-channel/inventory/SKU-R/history?first=1", staff)
            let entry = try #require((history.body["items"] as? [[String: Any]])?.first)
            #expect(entry["delta"] as? Int == -4 && entry["kind"] as? String == "order" && entry["reason"] as? String == "order ord-4")
            #expect(entry["reference"] as? String == "reservation:\(committed)")
            #expect(try await Self.ledgerAndBalance(fixture, "SKU-R") == ["6/6"])

            let lapsed = try await reserve(2, ttl: 1)
            try await Task.sleep(for: .milliseconds(1500))
            let late = try await Self.call(client, .post, "/sales-channel/inventory/reservation/\(lapsed)/commit", staff)
            #expect(late.status == .conflict && late.body["error"] as? String == "Reservation \(lapsed) is already expired.")
            #expect(try await available() == 6, "a commit after its time expires the reservation there and then")
            let expiring = try await reserve(1, ttl: 1)
            #expect(try await available() == 5)
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("both reservations expire") {
                    let first = try await Self.call(client, .get, "/sales-channel/inventory/reservation/\(expiring)", staff)
                    let second = try await Self.call(client, .get, "/sales-channel/inventory/reservation/\(lapsed)", staff)
                    return first.body["state"] as? String == "expired" && second.body["state"] as? String == "expired"
                }
            }
            #expect(try await available() == 6)

            #expect(try await Self.call(client, .post, "/sales-channel/inventory/reservation/999999/release", staff).status == .notFound)
            #expect(
                try await Self.call(client, .get, "/sales-channel/inventory/reservation/abc", staff).body["code"] as? String
                    == "reservation_not_found")
            let viewer = try await fixture.adminHeaders(fixture.viewer)
            #expect(try await Self.call(client, .post, "/sales-channel/inventory/reservation/\(committed)/release", viewer).status == .forbidden)
        }
    }

    @Test func anInvalidReservationNamesWhatIsWrongAndHoldsNothing() async throws {
        try await AppFixture.run { fixture, client in
            let staff = try await fixture.adminHeaders(fixture.staff)
            _ = try await Self.call(client, .put, "/sales-channel/inventory/SKU-V", staff, body: #"{"quantity": 3}"#)
            func reserve(_ body: String) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
                try await Self.call(client, .post, "/sales-channel/inventory/reserve", staff, body: body)
            }
            let empty = try await reserve(#"{"items": []}"#)
            #expect(empty.status == .unprocessableContent && empty.body["field"] as? [String] == ["items"])
            let items = try await reserve(
                #"{"items": [{"sku": "SKU-V", "quantity": 1}, {"sku": "SKU-V", "quantity": 0}, {"sku": "", "quantity": 1}]}"#)
            #expect(items.body["code"] as? String == "invalid_items")
            #expect((items.body["rows"] as? [[String: Any]])?.map { $0["index"] as? Int } == [1, 2])
            let ttl = try await reserve(#"{"items": [{"sku": "SKU-V", "quantity": 1}], "ttlSeconds": 0}"#)
            #expect(ttl.body["field"] as? [String] == ["ttlSeconds"])
            let unknown = try await reserve(#"{"items": [{"sku": "SKU-V", "quantity": 1}, {"sku": "GHOST", "quantity": 1}]}"#)
            #expect(unknown.status == .conflict && (unknown.body["rows"] as? [[String: Any]])?.map { $0["index"] as? Int } == [1])
            #expect(try await reserve("{").status == .badRequest)
            let viewer = try await fixture.adminHeaders(fixture.viewer)
            let refused = try await Self.call(
                client, .post, "/sales-channel/inventory/reserve", viewer, body: #"{"items": [{"sku": "SKU-V", "quantity": 1}]}"#)
            #expect(refused.status == .forbidden)
            #expect(try await fixture.count("inventory.reservations") == 0)
            #expect(try await fixture.count("platform.jobs") == 0, "no expiry job for a refused reservation")
        }
    }
}
