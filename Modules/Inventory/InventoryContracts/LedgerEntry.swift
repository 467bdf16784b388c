import Foundation

/// One change of a SKU's on-hand quantity in one warehouse.
public struct LedgerEntry: Sendable, Equatable, Encodable {
    public let id: Int64
    public let sku: String
    public let warehouse: String
    public let delta: Int64
    public let balanceAfter: Int64
    /// `set` (a new quantity was given) or `order` (a committed reservation).
    public let kind: String
    /// Why, as the caller said.
    public let reason: String?
    public let actor: String
    public let source: String
    public let reference: String?
    public let createdAt: Date

    public init(
        id: Int64, sku: String, warehouse: String, delta: Int64, balanceAfter: Int64, kind: String, reason: String?, actor: String,
        source: String, reference: String?, createdAt: Date
    ) {
        self.id = id
        self.sku = sku
        self.warehouse = warehouse
        self.delta = delta
        self.balanceAfter = balanceAfter
        self.kind = kind
        self.reason = reason
        self.actor = actor
        self.source = source
        self.reference = reference
        self.createdAt = createdAt
    }
}
