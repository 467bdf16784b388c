import Foundation
import InventoryContracts
import Kernel
import PostgresNIO
import Storage

/// Reads of the stock ledger.
enum LedgerStore {
    static func page(sku: String, page: PageRequest, in transaction: Transaction) async throws -> Page<LedgerEntry> {
        try await Self.list(sku: sku, page: page, tenant: transaction.tenant).page(in: transaction) { row in
            let cells = row.makeRandomAccess()
            return LedgerEntry(
                id: try cells[0].decode(Int64.self), sku: try cells[1].decode(String.self), warehouse: try cells[2].decode(String.self),
                delta: try cells[3].decode(Int64.self), balanceAfter: try cells[4].decode(Int64.self), kind: try cells[5].decode(String.self),
                reason: try cells[6].decode(String?.self), actor: try cells[7].decode(String.self), source: try cells[8].decode(String.self),
                reference: try cells[9].decode(String?.self), createdAt: try cells[10].decode(Date.self))
        }
    }

    static func count(sku: String, in transaction: Transaction) async throws -> Int {
        try await Self.list(sku: sku, page: try PageRequest(), tenant: transaction.tenant).count(in: transaction)
    }

    /// A SKU's ledger rows, newest first (the `ledger_by_sku` index in reverse).
    private static func list(sku: String, page: PageRequest, tenant: TenantID) throws -> KeysetPage {
        var conditions = SQLConditions()
        let tenantPlaceholder = try conditions.bind(tenant.rawValue)
        let skuPlaceholder = try conditions.bind(sku)
        return KeysetPage(
            table: "inventory.ledger l JOIN inventory.warehouses w ON w.tenant_id = l.tenant_id AND w.id = l.warehouse_id",
            columns: "l.id, l.sku, w.code, l.delta, l.balance_after, l.kind, l.reason, l.actor, l.source, l.reference, l.created_at",
            where: "l.tenant_id = \(tenantPlaceholder) AND l.sku = \(skuPlaceholder)", conditions: conditions,
            keys: [SortKey("l.id", .int64, descending: true)], page: page)
    }
}
