import Foundation

/// A SKU's master inventory: totals over its warehouses and each warehouse's share. `available` is on hand minus what
/// active reservations hold; a recount below the reserved quantity makes it negative.
public struct SkuStock: Sendable, Equatable, Encodable {
    public let sku: String
    public let onHand: Int64
    public let reserved: Int64
    public let available: Int64
    public let warehouses: [WarehouseStock]

    public init(sku: String, warehouses: [WarehouseStock]) {
        self.sku = sku
        self.warehouses = warehouses
        self.onHand = warehouses.reduce(0) { $0 + $1.onHand }
        self.reserved = warehouses.reduce(0) { $0 + $1.reserved }
        self.available = self.onHand - self.reserved
    }
}

/// One warehouse's stock of a SKU.
public struct WarehouseStock: Sendable, Equatable, Encodable {
    public let warehouse: String
    public let onHand: Int64
    public let reserved: Int64
    public let available: Int64
    public let updatedAt: Date

    public init(warehouse: String, onHand: Int64, reserved: Int64, updatedAt: Date) {
        self.warehouse = warehouse
        self.onHand = onHand
        self.reserved = reserved
        self.available = onHand - reserved
        self.updatedAt = updatedAt
    }
}
