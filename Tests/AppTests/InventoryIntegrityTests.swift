import App
import Foundation
import IdentityContracts
import Inventory
import InventoryContracts
import Kernel
import Storage
import TestSupport
import Testing

/// The master inventory's invariants hold whatever runs at once (reservations of several SKUs, recounts, commits,
/// releases, expiry), and no reservation holds stock past its time even when its expiry job runs early or is lost.
@Suite struct InventoryIntegrityTests {
    /// Stock levels breaking an invariant: on hand ≠ the sum of its own ledger, the last ledger balance ≠ on hand, or
    /// reserved ≠ the sum of the active reservation lines drawing on it.
    static func brokenLevels(_ fixture: AppFixture) async throws -> [String?] {
        try await fixture.texts(
            """
            SELECT s.sku || '@' || s.warehouse_id || ': on hand ' || s.on_hand || ', reserved ' || s.reserved
            FROM inventory.stock_levels s
            WHERE s.on_hand <> (SELECT coalesce(sum(l.delta), 0) FROM inventory.ledger l
                                WHERE l.tenant_id = s.tenant_id AND l.sku = s.sku AND l.warehouse_id = s.warehouse_id)
               OR s.on_hand <> coalesce((SELECT l.balance_after FROM inventory.ledger l
                                         WHERE l.tenant_id = s.tenant_id AND l.sku = s.sku AND l.warehouse_id = s.warehouse_id
                                         ORDER BY l.id DESC LIMIT 1), 0)
               OR s.reserved <> (SELECT coalesce(sum(rl.quantity), 0) FROM inventory.reservation_lines rl
                                 JOIN inventory.reservations r ON r.tenant_id = rl.tenant_id AND r.id = rl.reservation_id
                                 WHERE r.state = 'active' AND rl.tenant_id = s.tenant_id AND rl.sku = s.sku
                                   AND rl.warehouse_id = s.warehouse_id)
            """)
    }

    @Test func reservationsRecountsCommitsAndExpiryAtOnceKeepEveryLevelTrue() async throws {
        try await AppFixture.run { fixture, _ in
            let inventory = InventoryService(database: fixture.environment.database)
            let tenant = fixture.tenant.id
            let actor = StockActor(name: "test", source: .admin)
            _ = try await inventory.saveWarehouse(WarehouseInput(code: "east", name: "East", priority: 1), tenant: tenant)
            let skus = ["MIX-A", "MIX-B", "MIX-C"]
            _ = try await inventory.setQuantities(
                skus.flatMap { [StockChange(sku: $0, quantity: 30), StockChange(sku: $0, quantity: 20, warehouse: "east")] }, by: actor,
                tenant: tenant)

            let outcomes = try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for client in 0..<24 {
                        group.addTask {
                            var seen: [String] = []
                            for round in 0..<8 {
                                let first = skus[(client + round) % 3]
                                let second = skus[(client + round + 1) % 3]
                                if (client + round) % 7 == 0 {
                                    _ = try await inventory.setQuantities(
                                        [
                                            StockChange(sku: second, quantity: Int64(20 + round)),
                                            StockChange(sku: first, quantity: 25, warehouse: "east"),
                                        ],
                                        by: actor, tenant: tenant)
                                    seen.append("recount")
                                    continue
                                }
                                let request = ReservationRequest(
                                    items: [
                                        ReservationItem(sku: first, quantity: 2), ReservationItem(sku: second, quantity: 1),
                                        ReservationItem(sku: first, quantity: 1),
                                    ],
                                    orderRef: "mix-\(client)-\(round)", channel: client % 2 == 0 ? "shopify" : nil,
                                    ttlSeconds: round % 3 == 0 ? 1 : 60)
                                do {
                                    let reservation = try await inventory.reserve(request, tenant: tenant)
                                    switch round % 3 {
                                    case 1: _ = try await inventory.commit(reservation.id, by: actor, tenant: tenant)
                                    case 2: _ = try await inventory.release(reservation.id, tenant: tenant)
                                    default: break
                                    }
                                    seen.append("granted")
                                } catch InventoryError.insufficientStock {
                                    seen.append("short")
                                }
                            }
                            return seen.joined(separator: ",")
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                try await eventually("every reservation of one second has expired") {
                    try await fixture.texts(
                        "SELECT id::text FROM inventory.reservations WHERE state = 'active' AND expires_at <= now() + interval '2 seconds'"
                    )
                    .isEmpty
                }
                return outcomes
            }
            let all = outcomes.flatMap { $0.split(separator: ",") }
            #expect(all.count == 24 * 8 && all.contains("granted") && all.contains("recount"))
            #expect(try await Self.brokenLevels(fixture) == [])
            #expect(try await fixture.texts("SELECT count(*)::text FROM inventory.reservations WHERE state = 'committed'") != ["0"])
            #expect(try await fixture.texts("SELECT count(*)::text FROM inventory.reservations WHERE state = 'expired'") != ["0"])
        }
    }

    @Test func aReservationIsNeverHeldPastItsTimeEvenWhenItsJobRunsEarlyOrIsLost() async throws {
        try await AppFixture.run { fixture, _ in
            let inventory = InventoryService(database: fixture.environment.database)
            let tenant = fixture.tenant.id
            _ = try await inventory.setQuantities(
                [StockChange(sku: "LATE", quantity: 10)], by: StockActor(name: "test", source: .admin), tenant: tenant)
            #expect(
                try await fixture.texts("SELECT kind || ' every ' || interval_minutes FROM platform.job_schedules")
                    == ["inventory.expire_due_reservations every 1"], "a tenant's first warehouse starts the sweep")

            let early = try await inventory.reserve(
                ReservationRequest(items: [ReservationItem(sku: "LATE", quantity: 2)], ttlSeconds: 600), tenant: tenant)
            let earlyJob = "unique_key = 'reservation:\(early.id)'"
            _ = try await fixture.texts("UPDATE platform.jobs SET run_at = now() WHERE \(earlyJob) RETURNING id::text")
            let lost = try await inventory.reserve(
                ReservationRequest(items: [ReservationItem(sku: "LATE", quantity: 3)], ttlSeconds: 1), tenant: tenant)
            _ = try await fixture.texts("DELETE FROM platform.jobs WHERE unique_key = 'reservation:\(lost.id)' RETURNING id::text")
            _ = try await fixture.texts("UPDATE platform.job_schedules SET next_run_at = now() + interval '1200 milliseconds' RETURNING name")

            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the sweep ends the reservation whose job was lost; the early job waits for its time") {
                    let states = try await fixture.texts("SELECT state FROM inventory.reservations ORDER BY id")
                    let job = try await fixture.texts(
                        "SELECT state || ' ' || attempts || ' ' || (run_at > now() + interval '500 seconds')::text FROM platform.jobs WHERE \(earlyJob)"
                    )
                    return states == ["active", "expired"] && job == ["pending 1 true"]
                }
                _ = try await fixture.texts("UPDATE inventory.reservations SET expires_at = now() WHERE id = \(early.id) RETURNING id::text")
                _ = try await fixture.texts("UPDATE platform.jobs SET run_at = now() WHERE \(earlyJob) RETURNING id::text")
                try await eventually("the job, back when the reservation is due, ends it") {
                    try await fixture.texts("SELECT state || ' ' || attempts || ' ' || result::text FROM platform.jobs WHERE \(earlyJob)") == [
                        #"succeeded 2 {"expired": true}"#
                    ]
                }
            }
            #expect(try await fixture.texts("SELECT state FROM inventory.reservations ORDER BY id") == ["expired", "expired"])
            #expect(
                try await fixture.texts(
                    "SELECT result::text FROM platform.jobs WHERE kind = 'inventory.expire_due_reservations' AND result IS NOT NULL"
                )
                .contains(#"{"expired": 1}"#), "the sweep ended the reservation whose job was lost")
            #expect(try await Self.brokenLevels(fixture) == [])
            #expect(try await fixture.texts("SELECT reserved::text FROM inventory.stock_levels") == ["0"])
        }
    }
}
