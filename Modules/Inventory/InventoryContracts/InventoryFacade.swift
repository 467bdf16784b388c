import Kernel

/// The Inventory context's writes: the master quantity of each SKU per warehouse (every change with its ledger row),
/// warehouses, allocation strategies, and reservations. Reads go through `InventoryReads` in the caller's transaction.
public protocol InventoryFacade: Sendable {
    /// Sets on-hand quantities (seed `004_…` `PUT /sales-channel/inventory/:sku` and bulk update), all or none; each
    /// change that moves a quantity appends a ledger row. Answers each named SKU's stock after the change, in order.
    func setQuantities(_ changes: [StockChange], by actor: StockActor, tenant: TenantID) async throws -> [SkuStock]
    /// Sets one SKU's on-hand quantity in one warehouse; errors name the change's own fields (`quantity`, `warehouse`).
    func setQuantity(_ change: StockChange, by actor: StockActor, tenant: TenantID) async throws -> SkuStock
    /// Holds stock for a checkout: every item or none (`InventoryError.insufficientStock` names what is short). Lines of
    /// one SKU reserve their sum; the channel's allocation strategy picks the warehouses.
    func reserve(_ request: ReservationRequest, tenant: TenantID) async throws -> Reservation
    /// Frees an active reservation's stock (cart abandoned).
    func release(_ id: Int64, tenant: TenantID) async throws -> Reservation
    /// Ends an active reservation as the order it was held for: on hand decreases by what it held, one ledger row per
    /// SKU and warehouse.
    func commit(_ id: Int64, by actor: StockActor, tenant: TenantID) async throws -> Reservation
    /// Adds a warehouse, or changes the name and priority of the one with `code`.
    func saveWarehouse(_ warehouse: WarehouseInput, tenant: TenantID) async throws -> Warehouse
    /// Sets how a channel's reservations pick warehouses; `nil` returns the channel to the default (priority).
    func setAllocationStrategy(_ strategy: AllocationStrategy?, channel: String, tenant: TenantID) async throws
}
