import Foundation

/// A place stock is kept. Lower `priority` is drawn from first under the priority strategy.
public struct Warehouse: Sendable, Equatable, Encodable {
    public static let defaultCode = "default"

    public let id: Int64
    public let code: String
    public let name: String
    public let priority: Int
    public let createdAt: Date

    public init(id: Int64, code: String, name: String, priority: Int, createdAt: Date) {
        self.id = id
        self.code = code
        self.name = name
        self.priority = priority
        self.createdAt = createdAt
    }
}

public struct WarehouseInput: Sendable, Equatable {
    public let code: String
    public let name: String
    public let priority: Int

    public init(code: String, name: String, priority: Int) {
        self.code = code
        self.name = name
        self.priority = priority
    }
}

/// Which warehouses a reservation draws from, in order, until it has what it asked for.
public enum AllocationStrategy: String, Sendable, CaseIterable, Codable {
    /// By warehouse priority (lower first), then age.
    case priority
    /// The warehouse with the most available first.
    case highestStock = "highest_stock"
}
