import Foundation
import InventoryContracts
import Kernel
import PostgresNIO
import Storage

/// Reservations and their lines.
enum ReservationStore {
    static let columns = "r.id, r.state, r.order_ref, r.channel, r.expires_at, r.created_at, r.ended_at"

    /// Opens an active reservation for each request, expiring after its `ttlSeconds`; answers their ids, expiries and
    /// creation times in the requests' order.
    static func open(_ requests: [ReservationRequest], in transaction: Transaction) async throws -> [(id: Int64, expiresAt: Date, createdAt: Date)] {
        guard !requests.isEmpty else { return [] }
        let rows = try await transaction.query(
            """
            WITH request AS (
                SELECT * FROM unnest(\(requests.map { $0.orderRef ?? "" })::text[], \(requests.map { $0.channel ?? "" })::text[],
                                     \(requests.map(\.ttlSeconds))::int4[]) WITH ORDINALITY AS request(order_ref, channel, ttl_seconds, position)
            ), numbered AS (
                SELECT request.*, nextval(pg_get_serial_sequence('inventory.reservations', 'id')) AS id FROM request
            ), opened AS (
                INSERT INTO inventory.reservations (tenant_id, id, order_ref, channel, expires_at)
                OVERRIDING SYSTEM VALUE
                SELECT \(transaction.tenant.rawValue), id, NULLIF(order_ref, ''), NULLIF(channel, ''), now() + make_interval(secs => ttl_seconds)
                FROM numbered
                RETURNING id, expires_at, created_at
            )
            SELECT opened.id, opened.expires_at, opened.created_at FROM opened JOIN numbered USING (id) ORDER BY numbered.position
            """)
        var opened: [(id: Int64, expiresAt: Date, createdAt: Date)] = []
        for try await (id, expiresAt, createdAt) in rows.decode((Int64, Date, Date).self) { opened.append((id, expiresAt, createdAt)) }
        return opened
    }

    /// Ends an active reservation in `state`: `expired` only once its time has passed, `committed` only before; answers
    /// whether it ended, and the order it was for. The row stays locked until the transaction ends.
    static func end(_ id: Int64, as state: ReservationState, in transaction: Transaction) async throws -> (ended: Bool, orderRef: String?) {
        let rows = try await transaction.query(
            """
            UPDATE inventory.reservations SET state = \(state.rawValue), ended_at = now()
            WHERE tenant_id = \(transaction.tenant.rawValue) AND id = \(id) AND state = 'active'
              AND (\(state.rawValue) <> 'expired' OR expires_at <= now())
              AND (\(state.rawValue) <> 'committed' OR expires_at > now())
            RETURNING order_ref
            """)
        for try await orderRef in rows.decode(String?.self) { return (true, orderRef) }
        return (false, nil)
    }

    /// The ids of up to `limit` active reservations whose time has passed, the longest overdue first.
    static func due(limit: Int, in transaction: Transaction) async throws -> [Int64] {
        let rows = try await transaction.query(
            """
            SELECT id FROM inventory.reservations
            WHERE tenant_id = \(transaction.tenant.rawValue) AND state = 'active' AND expires_at <= now()
            ORDER BY expires_at LIMIT \(limit)
            """)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// The reservation with its lines (warehouses by code), or `nil`.
    static func find(_ id: Int64, in transaction: Transaction) async throws -> Reservation? {
        let tenant = transaction.tenant.rawValue
        let header = try await transaction.query(
            "SELECT \(unescaped: Self.columns) FROM inventory.reservations r WHERE r.tenant_id = \(tenant) AND r.id = \(id)")
        var found: (Int64, String, String?, String?, Date, Date, Date?)?
        for try await row in header.decode((Int64, String, String?, String?, Date, Date, Date?).self) { found = row }
        guard let (id, state, orderRef, channel, expiresAt, createdAt, endedAt) = found else { return nil }
        let rows = try await transaction.query(
            """
            SELECT l.sku, w.code, l.quantity FROM inventory.reservation_lines l
            JOIN inventory.warehouses w ON w.tenant_id = l.tenant_id AND w.id = l.warehouse_id
            WHERE l.tenant_id = \(tenant) AND l.reservation_id = \(id) ORDER BY l.sku, w.priority, w.id
            """)
        var lines: [ReservationLine] = []
        for try await (sku, warehouse, quantity) in rows.decode((String, String, Int64).self) {
            lines.append(ReservationLine(sku: sku, warehouse: warehouse, quantity: quantity))
        }
        return Reservation(
            id: id, state: ReservationState(rawValue: state) ?? .active, orderRef: orderRef, channel: channel, expiresAt: expiresAt,
            createdAt: createdAt, endedAt: endedAt, lines: lines)
    }
}
