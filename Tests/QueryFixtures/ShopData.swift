import Foundation

/// In-memory shop data for the engine's tests, fuzz target and benchmark: no database, so the engine's own cost shows.
public struct ShopOrder: Sendable, Codable {
    public let id: Int
    public let number: String
    public let status: String
    public let total: Decimal
    public let placedAt: String
    public let note: String?
    public let tags: [String]
    public let customer: ShopCustomer?
    public let lines: [ShopLine]
}

public struct ShopLine: Sendable, Codable {
    public let id: Int
    public let sku: String
    public let quantity: Int
    public let price: Decimal
    public let productID: Int
}

public struct ShopCustomer: Sendable, Codable {
    public let id: Int
    public let name: String
    public let email: String?
}

public struct ShopProduct: Sendable, Codable {
    public let id: Int
    public let title: String
    public let url: String?
}

public enum ShopData {
    public static let statuses = ["PENDING", "SHIPPED", "CANCELLED"]

    /// `count` orders of `linesPerOrder` lines each, the same every time.
    public static func orders(count: Int = 100, linesPerOrder: Int = 5) -> [ShopOrder] {
        (1...max(count, 1)).map { id in
            ShopOrder(
                id: id, number: "#\(1000 + id)", status: self.statuses[id % 3], total: Decimal(string: "\(id * 7).\(id % 100)") ?? 0,
                placedAt: "2026-11-\(String(format: "%02d", id % 28 + 1))T10:15:30.000Z", note: id % 4 == 0 ? nil : "Gift \"wrap\" \\ note \(id)",
                tags: id % 2 == 0 ? ["vip", "repeat"] : [],
                customer: id % 5 == 0 ? nil : ShopCustomer(id: id, name: "Customer \(id)", email: id % 3 == 0 ? nil : "c\(id)@example.com"),
                lines: (1...max(linesPerOrder, 1)).map { line in
                    ShopLine(
                        id: id * 100 + line, sku: "SKU-\(line)", quantity: line, price: Decimal(string: "\(line).99") ?? 0,
                        productID: line)
                })
        }
    }

    public static let products: [Int: ShopProduct] = Dictionary(
        uniqueKeysWithValues: (1...20).map {
            ($0, ShopProduct(id: $0, title: "Product \($0)", url: $0 % 2 == 0 ? "https://example.com/p/\($0)" : nil))
        })
}
