/// A new on-hand quantity for one SKU in one warehouse (`nil`: the default warehouse), with the reason the ledger keeps.
public struct StockChange: Sendable, Equatable {
    public let sku: String
    public let quantity: Int64
    public let warehouse: String?
    public let reason: String?

    public init(sku: String, quantity: Int64, warehouse: String? = nil, reason: String? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.warehouse = warehouse
        self.reason = reason
    }
}
