import InventoryContracts
import Kernel
import Storage

/// The Inventory context's reads, in the caller's transaction.
public enum InventoryReads {
    /// Each SKU's stock over its warehouses, in the order asked; a SKU never recorded has none.
    public static func stock(of skus: [String], in transaction: Transaction) async throws -> [SkuStock] {
        try await StockStore.stock(of: skus, in: transaction)
    }

    public static func reservation(_ id: Int64, in transaction: Transaction) async throws -> Reservation? {
        try await ReservationStore.find(id, in: transaction)
    }

    /// A SKU's ledger, newest first.
    public static func ledger(sku: String, page: PageRequest, in transaction: Transaction) async throws -> Page<LedgerEntry> {
        try await LedgerStore.page(sku: sku, page: page, in: transaction)
    }

    public static func ledgerCount(sku: String, in transaction: Transaction) async throws -> Int {
        try await LedgerStore.count(sku: sku, in: transaction)
    }

    public static func warehouses(in transaction: Transaction) async throws -> [Warehouse] {
        try await WarehouseStore.list(in: transaction)
    }

    /// The channels with a strategy of their own.
    public static func allocationStrategies(in transaction: Transaction) async throws -> [String: AllocationStrategy] {
        try await WarehouseStore.strategies(in: transaction)
    }
}
