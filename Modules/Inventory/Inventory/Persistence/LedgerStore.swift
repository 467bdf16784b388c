import Foundation
import InventoryContracts
import Kernel
import PostgresNIO
import Storage

/// Reads of the stock ledger.
enum LedgerStore {
    static func page(sku: String, page: PageRequest, in transaction: Transaction) async throws -> Page<LedgerEntry> {
        var conditions = SQLConditions()
        let tenant = try conditions.bind(transaction.tenant.rawValue)
        let skuPlaceholder = try conditions.bind(sku)
        let list = KeysetPage(
            table: "inventory.ledger l JOIN inventory.warehouses w ON w.tenant_id = l.tenant_id AND w.id = l.warehouse_id",
            columns: "l.id, l.sku, w.code, l.delta, l.balance_after, l.kind, l.reason, l.actor, l.source, l.reference, l.created_at",
            where: "l.tenant_id = \(tenant) AND l.sku = \(skuPlaceholder)", conditions: conditions,
            keys: [SortKey("l.id", .int64, descending: true)], page: page)
        return try await list.page(in: transaction) { row in
            let cells = row.makeRandomAccess()
            return LedgerEntry(
                id: try cells[0].decode(Int64.self), sku: try cells[1].decode(String.self), warehouse: try cells[2].decode(String.self),
                delta: try cells[3].decode(Int64.self), balanceAfter: try cells[4].decode(Int64.self), kind: try cells[5].decode(String.self),
                reason: try cells[6].decode(String?.self), actor: try cells[7].decode(String.self), source: try cells[8].decode(String.self),
                reference: try cells[9].decode(String?.self), createdAt: try cells[10].decode(Date.self))
        }
    }
}
