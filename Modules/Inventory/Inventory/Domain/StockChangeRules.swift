import InventoryContracts
import Kernel

/// The checks a batch of quantity changes passes before anything is written.
enum StockChangeRules {
    static let maxChanges = 1000
    static let maxQuantity: Int64 = 1_000_000_000

    /// Throws `InventoryError` naming every invalid change (and every repeat of a SKU and warehouse).
    static func validate(_ changes: [StockChange]) throws {
        guard !changes.isEmpty else { throw InventoryError.invalidField(field: "items", reason: "must name at least one SKU.") }
        guard changes.count <= Self.maxChanges else {
            throw InventoryError.invalidField(field: "items", reason: "may hold at most \(Self.maxChanges) changes, not \(changes.count).")
        }
        var seen: Set<StockKey> = []
        var rows: [RowError] = []
        for (index, change) in changes.enumerated() {
            var messages: [String] = []
            if let reason = StockText.skuProblem(change.sku) { messages.append(reason) }
            if !(0...Self.maxQuantity).contains(change.quantity) {
                messages.append("quantity must be a whole number from 0 to \(Self.maxQuantity), not \(change.quantity).")
            }
            if let reason = StockText.problem(change.warehouse, name: "warehouse", limit: 64) { messages.append(reason) }
            if let reason = StockText.problem(change.reason, name: "reason") { messages.append(reason) }
            if !seen.insert(StockKey(sku: change.sku, warehouse: change.warehouse ?? Warehouse.defaultCode)).inserted {
                messages.append("\(change.sku.prefix(64)) in \(change.warehouse ?? Warehouse.defaultCode) is named twice.")
            }
            if !messages.isEmpty { rows.append(RowError(index: index, messages: messages)) }
        }
        guard rows.isEmpty else { throw InventoryError.invalidItems(field: "items", rows) }
    }
}

/// A SKU in a warehouse, by the warehouse's code.
struct StockKey: Hashable, Sendable {
    let sku: String
    let warehouse: String
}

/// A SKU in a warehouse, by the warehouse's id: one stock level.
struct LevelKey: Hashable, Sendable {
    let sku: String
    let warehouseID: Int64
}
