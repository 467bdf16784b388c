import Kernel
import OrdersContracts
import PostgresNIO
import Storage

/// The admin's bulk changes to channel orders, over the same selection the list shows.
enum OrderAdminStore {
    /// Archives (or unarchives) the selected orders not already so; answers the ids changed, ascending.
    static func setArchived(_ archived: Bool, _ selection: OrderSelection, in transaction: Transaction) async throws -> [Int64] {
        let selected = try ChannelOrderConditions(tenant: transaction.tenant, selection: selection)
        let rows = try await transaction.query(
            selected.statement {
                """
                UPDATE orders.orders SET archived_at = \(archived ? "now()" : "NULL"), updated_at = now()
                WHERE \($0) AND archived_at IS \(archived ? "" : "NOT ")NULL RETURNING id
                """
            })
        return try await Self.ids(rows).sorted()
    }

    /// Locks the selected orders against new shipments and answers their ids.
    static func lock(_ selection: OrderSelection, in transaction: Transaction) async throws -> [Int64] {
        let selected = try ChannelOrderConditions(tenant: transaction.tenant, selection: selection)
        let rows = try await transaction.query(selected.statement { "SELECT id FROM orders.orders WHERE \($0) ORDER BY id FOR UPDATE" })
        return try await Self.ids(rows)
    }

    /// The orders among `ids` with a shipment waiting for or in its push to the channel.
    static func busy(_ ids: [Int64], in transaction: Transaction) async throws -> [Int64] {
        let rows = try await transaction.query(
            """
            SELECT DISTINCT order_id FROM orders.shipments
            WHERE tenant_id = \(transaction.tenant.rawValue) AND order_id = ANY(\(ids)) AND status IN ('pending', 'pushing')
            ORDER BY order_id
            """)
        return try await Self.ids(rows)
    }

    /// Deletes the orders (their lines and shipments go with them); refunds stay, keyed by the channel's order id.
    static func delete(_ ids: [Int64], in transaction: Transaction) async throws {
        try await transaction.query("DELETE FROM orders.orders WHERE tenant_id = \(transaction.tenant.rawValue) AND id = ANY(\(ids))")
    }

    private static func ids(_ rows: PostgresRowSequence) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }
}
