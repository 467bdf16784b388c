import Foundation
import Kernel

/// A product or listing as the provider holds it, with its variants (the sellable SKUs).
public struct RemoteProduct: RemoteRecord {
    public static let resource = RemoteResource.products
    public let remoteID: String
    /// The provider's own status text (`active`, `publish`, `ACTIVATE`, `PUBLISHED`, `BUYABLE`…).
    public let status: String?
    public let createdAt: Date?
    public let updatedAt: Date?
    public let payload: JSONValue
    /// Embedded in `payload` for most providers; fetched separately for WooCommerce's variable products.
    public let variants: [JSONValue]

    public init(remoteID: String, status: String?, createdAt: Date?, updatedAt: Date?, payload: JSONValue, variants: [JSONValue]) {
        self.remoteID = remoteID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.payload = payload
        self.variants = variants
    }

    public var parentID: String? { nil }
    public var parts: [JSONValue] { self.variants }

    public static func fetch(_ query: PullQuery, from adapter: any ChannelProvider) async throws(ChannelCallError) -> ProductPage {
        try await adapter.fetchProducts(query)
    }

    public func completed(by adapter: any ChannelProvider) async throws(ChannelCallError) -> RemoteProduct {
        self.with(variants: try await adapter.productVariants(self))
    }

    /// The same product with its variants.
    public func with(variants: [JSONValue]) -> RemoteProduct {
        RemoteProduct(
            remoteID: self.remoteID, status: self.status, createdAt: self.createdAt, updatedAt: self.updatedAt, payload: self.payload,
            variants: variants)
    }
}
