import InventoryContracts
import Kernel

/// The checks quantity changes pass before anything is written.
enum StockChangeRules {
    static let maxChanges = 1000
    static let maxQuantity: Int64 = 1_000_000_000

    /// What is wrong with one change, field by field, in the order the fields are checked.
    static func problems(of change: StockChange) -> [(field: String, reason: String)] {
        var problems: [(field: String, reason: String)] = []
        if let reason = StockText.skuProblem(change.sku) { problems.append(("sku", reason)) }
        if !(0...Self.maxQuantity).contains(change.quantity) {
            problems.append(("quantity", "must be a whole number from 0 to \(Self.maxQuantity), not \(change.quantity)."))
        }
        if let reason = StockText.problem(change.warehouse, limit: 64) { problems.append(("warehouse", reason)) }
        if let reason = StockText.problem(change.reason) { problems.append(("reason", reason)) }
        return problems
    }

    /// Throws `InventoryError.invalidField` naming the first problem of a change made on its own.
    static func validate(_ change: StockChange) throws {
        if let problem = Self.problems(of: change).first { throw InventoryError.invalidField(field: problem.field, reason: problem.reason) }
    }

    /// Throws `InventoryError` naming every invalid change of a batch (and every repeat of a SKU and warehouse).
    static func validate(_ changes: [StockChange]) throws {
        guard !changes.isEmpty else { throw InventoryError.invalidField(field: "items", reason: "must name at least one SKU.") }
        guard changes.count <= Self.maxChanges else {
            throw InventoryError.invalidField(field: "items", reason: "may hold at most \(Self.maxChanges) changes, not \(changes.count).")
        }
        var seen: Set<StockKey> = []
        var rows: [RowError] = []
        for (index, change) in changes.enumerated() {
            var messages = Self.problems(of: change).map { "\($0.field) \($0.reason)" }
            if !seen.insert(StockKey(sku: change.sku, warehouse: change.warehouse ?? Warehouse.defaultCode)).inserted {
                messages.append("\(change.sku.prefix(64)) in \((change.warehouse ?? Warehouse.defaultCode).prefix(64)) is named twice.")
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
