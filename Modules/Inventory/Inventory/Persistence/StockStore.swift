import Foundation
import InventoryContracts
import Kernel
import PostgresNIO
import Storage

/// Stock levels: locked in (SKU, warehouse) order by every writer, so concurrent writers never wait on each other in a
/// cycle; on hand changes only together with its ledger rows.
enum StockStore {
    /// A stock level, locked, with what it held when locked.
    struct Locked: Sendable, Equatable {
        let key: LevelKey
        let onHand: Int64
        let reserved: Int64
    }

    /// A new on-hand quantity and the ledger row that explains it.
    struct OnHandWrite: Sendable {
        let key: LevelKey
        let onHand: Int64
        let delta: Int64
        let kind: String
        let reason: String?
        let reference: String?
    }

    /// Creates the levels not yet recorded (nothing on hand) and locks every named one.
    static func lock(creating keys: [LevelKey], in transaction: Transaction) async throws -> [Locked] {
        let tenant = transaction.tenant.rawValue
        let skus = keys.map(\.sku)
        let warehouses = keys.map(\.warehouseID)
        try await transaction.query(
            """
            INSERT INTO inventory.stock_levels (tenant_id, sku, warehouse_id)
            SELECT \(tenant), key.sku, key.warehouse_id FROM unnest(\(skus)::text[], \(warehouses)::int8[]) AS key(sku, warehouse_id)
            ORDER BY key.sku, key.warehouse_id
            ON CONFLICT (tenant_id, sku, warehouse_id) DO NOTHING
            """)
        let rows = try await transaction.query(
            """
            SELECT s.sku, s.warehouse_id, s.on_hand, s.reserved FROM inventory.stock_levels s
            JOIN unnest(\(skus)::text[], \(warehouses)::int8[]) AS key(sku, warehouse_id)
              ON key.sku = s.sku AND key.warehouse_id = s.warehouse_id
            WHERE s.tenant_id = \(tenant)
            ORDER BY s.sku, s.warehouse_id FOR UPDATE OF s
            """)
        var levels: [Locked] = []
        for try await (sku, warehouse, onHand, reserved) in rows.decode((String, Int64, Int64, Int64).self) {
            levels.append(Locked(key: LevelKey(sku: sku, warehouseID: warehouse), onHand: onHand, reserved: reserved))
        }
        return levels
    }

    /// Locks the levels a reservation holds, with how much it holds of each.
    static func lock(heldBy reservation: Int64, in transaction: Transaction) async throws -> [(level: Locked, held: Int64)] {
        let rows = try await transaction.query(
            """
            SELECT s.sku, s.warehouse_id, s.on_hand, s.reserved, l.quantity FROM inventory.stock_levels s
            JOIN inventory.reservation_lines l ON l.tenant_id = s.tenant_id AND l.sku = s.sku AND l.warehouse_id = s.warehouse_id
            WHERE s.tenant_id = \(transaction.tenant.rawValue) AND l.reservation_id = \(reservation)
            ORDER BY s.sku, s.warehouse_id FOR UPDATE OF s
            """)
        var levels: [(level: Locked, held: Int64)] = []
        for try await (sku, warehouse, onHand, reserved, held) in rows.decode((String, Int64, Int64, Int64, Int64).self) {
            levels.append((Locked(key: LevelKey(sku: sku, warehouseID: warehouse), onHand: onHand, reserved: reserved), held))
        }
        return levels
    }

    /// Locks every warehouse's level of the SKUs, with each warehouse's priority, for allocating a reservation.
    static func candidates(for skus: [String], in transaction: Transaction) async throws -> [Allocation.Candidate] {
        let rows = try await transaction.query(
            """
            SELECT s.sku, s.warehouse_id, w.code, w.priority, s.on_hand - s.reserved FROM inventory.stock_levels s
            JOIN inventory.warehouses w ON w.tenant_id = s.tenant_id AND w.id = s.warehouse_id
            WHERE s.tenant_id = \(transaction.tenant.rawValue) AND s.sku = ANY(\(skus))
            ORDER BY s.sku, s.warehouse_id FOR UPDATE OF s
            """)
        var candidates: [Allocation.Candidate] = []
        for try await (sku, warehouseID, warehouse, priority, available) in rows.decode((String, Int64, String, Int, Int64).self) {
            candidates.append(
                Allocation.Candidate(sku: sku, warehouseID: warehouseID, warehouse: warehouse, priority: priority, available: available))
        }
        return candidates
    }

    /// Records what each reservation takes from each level and adds the takes to the levels' reserved quantities.
    static func hold(_ holds: [(reservation: Int64, takes: [Allocation.Take])], in transaction: Transaction) async throws {
        let tenant = transaction.tenant.rawValue
        let lines = holds.flatMap { hold in hold.takes.map { (reservation: hold.reservation, take: $0) } }
        guard !lines.isEmpty else { return }
        try await transaction.query(
            """
            WITH take AS (
                SELECT * FROM unnest(
                    \(lines.map(\.reservation))::int8[], \(lines.map(\.take.sku))::text[], \(lines.map(\.take.warehouseID))::int8[],
                    \(lines.map(\.take.quantity))::int8[]
                ) AS take(reservation_id, sku, warehouse_id, quantity)
            ), lines AS (
                INSERT INTO inventory.reservation_lines (tenant_id, reservation_id, sku, warehouse_id, quantity)
                SELECT \(tenant), reservation_id, sku, warehouse_id, quantity FROM take
            )
            UPDATE inventory.stock_levels s SET reserved = s.reserved + level.quantity, updated_at = now()
            FROM (SELECT sku, warehouse_id, sum(quantity) AS quantity FROM take GROUP BY sku, warehouse_id) AS level
            WHERE s.tenant_id = \(tenant) AND s.sku = level.sku AND s.warehouse_id = level.warehouse_id
            """)
    }

    /// Takes what a reservation held off its (locked) levels' reserved quantities.
    static func unhold(reservation: Int64, in transaction: Transaction) async throws {
        let tenant = transaction.tenant.rawValue
        try await transaction.query(
            """
            UPDATE inventory.stock_levels s SET reserved = s.reserved - l.quantity, updated_at = now()
            FROM inventory.reservation_lines l
            WHERE s.tenant_id = \(tenant) AND l.tenant_id = \(tenant) AND l.reservation_id = \(reservation)
              AND s.sku = l.sku AND s.warehouse_id = l.warehouse_id
            """)
    }

    /// Sets the on-hand quantities of locked levels and appends a ledger row for each that moved.
    static func write(_ writes: [OnHandWrite], by actor: StockActor, in transaction: Transaction) async throws {
        let tenant = transaction.tenant.rawValue
        try await transaction.query(
            """
            WITH change AS (
                SELECT * FROM unnest(
                    \(writes.map(\.key.sku))::text[], \(writes.map(\.key.warehouseID))::int8[], \(writes.map(\.onHand))::int8[],
                    \(writes.map(\.delta))::int8[], \(writes.map(\.kind))::text[], \(writes.map { $0.reason ?? "" })::text[],
                    \(writes.map { $0.reference ?? "" })::text[]
                ) AS change(sku, warehouse_id, on_hand, delta, kind, reason, reference)
            ), levels AS (
                UPDATE inventory.stock_levels s SET on_hand = change.on_hand, updated_at = now()
                FROM change WHERE s.tenant_id = \(tenant) AND s.sku = change.sku AND s.warehouse_id = change.warehouse_id
            )
            INSERT INTO inventory.ledger (tenant_id, sku, warehouse_id, delta, balance_after, kind, reason, actor, source, reference)
            SELECT \(tenant), sku, warehouse_id, delta, on_hand, kind, NULLIF(reason, ''), \(actor.name), \(actor.source.rawValue), NULLIF(reference, '')
            FROM change WHERE delta <> 0
            """)
    }

    /// The stock of each SKU over its warehouses (priority order); SKUs never recorded have none.
    static func stock(of skus: [String], in transaction: Transaction) async throws -> [SkuStock] {
        let rows = try await transaction.query(
            """
            SELECT s.sku, w.code, s.on_hand, s.reserved, s.updated_at FROM inventory.stock_levels s
            JOIN inventory.warehouses w ON w.tenant_id = s.tenant_id AND w.id = s.warehouse_id
            WHERE s.tenant_id = \(transaction.tenant.rawValue) AND s.sku = ANY(\(skus))
            ORDER BY s.sku, w.priority, w.id
            """)
        var levels: [String: [WarehouseStock]] = [:]
        for try await (sku, warehouse, onHand, reserved, updatedAt) in rows.decode((String, String, Int64, Int64, Date).self) {
            levels[sku, default: []].append(WarehouseStock(warehouse: warehouse, onHand: onHand, reserved: reserved, updatedAt: updatedAt))
        }
        return skus.map { SkuStock(sku: $0, warehouses: levels[$0] ?? []) }
    }
}
