import Foundation
import IdentityContracts
import Kernel

/// A demo tenant as a data file in `seeds/`. Every section is applied idempotently.
public struct SeedFile: Decodable, Sendable {
    public struct SeedTenant: Decodable, Sendable {
        public let id: TenantID
        public let name: String
        public let slug: String
    }

    public struct SeedUser: Decodable, Sendable {
        public let id: UserID
        public let email: String
        public let name: String
        public let role: Role
    }

    public struct SeedWarehouse: Decodable, Sendable {
        public let code: String
        public let name: String
        public let priority: Int
    }

    /// A SKU master product; `unitCost` is a decimal written as a string ("4.10") so no precision is lost.
    public struct SeedProduct: Decodable, Sendable {
        public let sku: String
        public let name: String
        public let barcode: String?
        public let lowStockThreshold: Int64?
        public let unitCost: String?
    }

    /// A SKU's on-hand quantity in a warehouse (the default one when none is named).
    public struct SeedStock: Decodable, Sendable {
        public let sku: String
        public let quantity: Int64
        public let warehouse: String?
    }

    public let tenant: SeedTenant
    public let users: [SeedUser]
    public let products: [SeedProduct]?
    public let warehouses: [SeedWarehouse]?
    public let inventory: [SeedStock]?

    public static func load(_ url: URL) throws -> SeedFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SeedError.unreadable(url.path, "\(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(SeedFile.self, from: data)
        } catch {
            throw SeedError.invalid(url.path, "\(error)")
        }
    }
}

public enum SeedError: Error, CustomStringConvertible {
    case unreadable(String, String)
    case invalid(String, String)
    case noOwner(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "Cannot read seed file \(path): \(reason)"
        case .invalid(let path, let reason): "Seed file \(path) is not valid: \(reason)"
        case .noOwner(let path): "Seed file \(path) names no user with the owner role."
        }
    }
}
