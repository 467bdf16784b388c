import Foundation

/// A catalog item as one sandbox channel lists it: when the channel last changed it, and its stock there.
public struct SandboxProduct: Sendable, Equatable {
    public let item: SandboxCatalog.Item
    public let updatedAt: Date
    public let quantity: Int
}
